"""Subtree extents: exact after any sequence of folds, and a walk finds exactly what is there."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_layout import Case, fold_sequences, measure_from, node

from mindmap.core.extents import Extent, SubtreeExtents
from mindmap.core.layout import Box, IncrementalLayout
from mindmap.core.model import Node

MARGIN = 7.0


def exact_extents(boxes: dict[str, Box]) -> dict[str, list[float]]:
    """Each shown node's subtree extent in map coordinates, the slow and obvious way."""
    exact = {
        key: [b.x - MARGIN, b.y - MARGIN, b.right + MARGIN, b.bottom + MARGIN]
        for key, b in boxes.items()
    }
    depth = {key: 0 for key in boxes}
    for key, box in boxes.items():  # parents come before their children
        if box.parent is not None:
            depth[key] = depth[box.parent] + 1
    for key in sorted(boxes, key=depth.__getitem__, reverse=True):
        parent = boxes[key].parent
        if parent is not None:
            mine, theirs = exact[key], exact[parent]
            exact[parent] = [*map(min, mine[:2], theirs[:2]), *map(max, mine[2:], theirs[2:])]
    return exact


def meets(extent: list[float] | Extent, rect: Extent) -> bool:
    left, top, right, bottom = rect
    return not (extent[2] < left or extent[0] > right or extent[3] < top or extent[1] > bottom)


def check(extents: SubtreeExtents, boxes: dict[str, Box], root: str, rect: Extent) -> None:
    found = extents.in_rect(root, rect)
    exact = exact_extents(boxes)
    for key, (left, top, right, bottom) in extents.known().items():
        box = boxes[key]
        assert exact[key] == pytest.approx(
            [box.x + left, box.y + top, box.x + right, box.y + bottom]
        )
    own = {
        key: (b.x - MARGIN, b.y - MARGIN, b.right + MARGIN, b.bottom + MARGIN)
        for key, b in boxes.items()
    }
    assert set(found.nodes) == {key for key, extent in own.items() if meets(extent, rect)}
    with_children = {b.parent for b in boxes.values() if b.parent is not None}
    assert set(found.parents) == {k for k in with_children if meets(exact[k], rect)}


def indexes(root: Node) -> tuple[dict[str, Node], dict[str, Node | None]]:
    by_key = {n.key: n for n in root.walk()}
    parent_of: dict[str, Node | None] = {root.key: None}
    parent_of.update({c.key: p for p in by_key.values() for c in p.children})
    return by_key, parent_of


rects = st.tuples(
    st.floats(-900, 900), st.floats(-900, 900), st.floats(0, 900), st.floats(0, 900)
).map(lambda r: (r[0], r[1], r[0] + r[2], r[1] + r[3]))


@settings(max_examples=300, deadline=None)
@given(fold_sequences(), st.data())
def test_extents_stay_exact_and_walks_find_what_is_there(
    sequence: tuple[Case, list[tuple[list[str], str]]], data: st.DataObject
) -> None:
    case, steps = sequence
    by_key, parent_of = indexes(case.root)
    engine = IncrementalLayout(case.root, measure_from(case.sizes), case.mode, case.spacing)
    folded = set(case.folded)
    boxes = engine.update(set(folded)).layout.boxes
    extents = SubtreeExtents(boxes, by_key, MARGIN)
    check(extents, boxes, case.root.key, data.draw(rects))
    for toggles, _ in steps:
        toggled = set(toggles) & by_key.keys()
        folded ^= toggled
        change = engine.update(set(folded))  # sides balanced anew: branches may cross over
        extents.forget(change.reshaped | change.removed | toggled, parent_of)
        check(extents, boxes, case.root.key, data.draw(rects))


def test_a_fold_forgets_only_the_changed_nodes_and_their_ancestors() -> None:
    tree = node("R", node("A", node("A1", node("x")), node("A2")), node("B", node("B1")))
    by_key, parent_of = indexes(tree)
    engine = IncrementalLayout(tree, measure_from({}))
    boxes = engine.update(set()).layout.boxes
    extents = SubtreeExtents(boxes, by_key, MARGIN)
    extents.extent("R")
    assert set(extents.known()) == set(by_key)
    extents.forget({"A1"}, parent_of)
    assert set(extents.known()) == {"x", "A2", "B", "B1"}
