"""How far the map paints beyond its boxes: fold toggles and count badges stick out."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet

from mindmap.core.layout import Layout
from mindmap.core.model import Outline
from mindmap.ui.map.items import outer_reach

# How far a node's item may paint outside its box: a badge of 10 million and the marks among them.
ITEM_REACH = 220.0


def painted_bounds(
    layout: Layout, outline: Outline, folds: AbstractSet[str], hidden: Callable[[str], int]
) -> tuple[float, float, float, float]:
    """The layout's bounds (left, top, right, bottom) with what folded nodes paint beyond
    their boxes, so that a fit shows their badges whole (`hidden` counts what a fold hides).
    Only folded nodes near the edges are measured."""
    left, top, right, bottom = layout.bounds
    edge_left, edge_right = left + ITEM_REACH, right - ITEM_REACH  # no reach gets past these
    boxes = layout.boxes
    for key in folds:
        box = boxes.get(key)
        if box is None or box.depth == 0 or not outline.by_key[key].children:
            continue
        if edge_left < box.x and box.x + box.width < edge_right:
            continue
        reach = outer_reach(hidden(key))
        if box.side >= 0:
            right = max(right, box.x + box.width + reach)
        else:
            left = min(left, box.x - reach)
    return left, top, right, bottom
