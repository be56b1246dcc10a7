"""Which shown nodes lie in a rectangle, found without looking at the whole map.

A big map's view shows a few hundred of its nodes; the scene makes items only for those. Each
node's subtree extent (its boxes, each grown by a margin for what paints around it) is kept
relative to the node's own box: a fold moves most subtrees whole, and those keep theirs, so
only the re-packed nodes and their ancestors are worked out again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mindmap.core.layout import Box
from mindmap.core.model import Node

Extent = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True, slots=True)
class InRect:
    """What a walk over a rectangle found."""

    nodes: list[str]  # shown nodes whose box, with the margin, meets the rectangle
    parents: list[str]  # shown nodes with shown children whose subtree meets it


class SubtreeExtents:
    """Subtree extents of one layout's boxes (the boxes change in place as it is folded)."""

    def __init__(self, boxes: Mapping[str, Box], by_key: Mapping[str, Node], margin: float):
        self._boxes = boxes
        self._by_key = by_key
        self._margin = margin
        self._known: dict[str, Extent] = {}

    def forget(self, keys: Iterable[str], parent_of: Mapping[str, Node | None]) -> None:
        """The boxes below `keys` changed shape (not only place): forget theirs and their
        ancestors' extents."""
        known = self._known
        done: set[str] = set()
        for changed in keys:
            key = changed
            while key not in done:
                done.add(key)
                known.pop(key, None)
                parent = parent_of.get(key)
                if parent is None:
                    break
                key = parent.key

    def in_rect(self, root: str, rect: Extent) -> InRect:
        """Walk down from `root` into the subtrees that meet `rect`: the cost is that of what
        is there, not of the map."""
        left, top, right, bottom = rect
        boxes, by_key, margin = self._boxes, self._by_key, self._margin
        found = InRect([], [])
        stack = [root]
        while stack:
            key = stack.pop()
            box = boxes[key]
            x0, y0, x1, y1 = self.extent(key)
            x, y = box.x, box.y
            if x + x1 < left or x + x0 > right or y + y1 < top or y + y0 > bottom:
                continue
            if (
                x - margin <= right
                and x + box.width + margin >= left
                and y - margin <= bottom
                and y + box.height + margin >= top
            ):
                found.nodes.append(key)
            kids = [c.key for c in by_key[key].children if c.key in boxes]
            if kids:
                found.parents.append(key)
                stack += kids
        return found

    def extent(self, key: str) -> Extent:
        """The extent of `key`'s shown subtree, relative to its box.

        Worked out for the part of the subtree not known yet, children before parents, each
        node's extent merged into its parent's (in map coordinates until it is stored)."""
        known = self._known
        extent = known.get(key)
        if extent is not None:
            return extent
        boxes, by_key = self._boxes, self._by_key
        merged: dict[str, list[float]] = {}  # parent → its children's extents so far
        if not known and boxes.get(key) is not None and boxes[key].parent is None:
            order = list(boxes)  # all of it: parents come before their children in `boxes`
        else:
            order, stack = [], [key]
            while stack:
                parent = stack.pop()
                order.append(parent)
                for child in by_key[parent].children:
                    kid = boxes.get(child.key)
                    if kid is None:
                        continue
                    kept = known.get(child.key)
                    if kept is None:
                        stack.append(child.key)
                    else:  # known: taken in as it is
                        x, y = kid.x, kid.y
                        _merge(merged, parent, (x + kept[0], y + kept[1], x + kept[2], y + kept[3]))
        margin = self._margin
        for node in reversed(order):
            box = boxes[node]
            x, y = box.x, box.y
            x0, y0 = x - margin, y - margin
            x1, y1 = x + box.width + margin, y + box.height + margin
            kids = merged.pop(node, None)
            if kids is not None:
                x0, y0 = min(x0, kids[0]), min(y0, kids[1])
                x1, y1 = max(x1, kids[2]), max(y1, kids[3])
            known[node] = (x0 - x, y0 - y, x1 - x, y1 - y)
            if node != key and box.parent is not None:
                _merge(merged, box.parent, (x0, y0, x1, y1))
        return known[key]

    def known(self) -> Mapping[str, Extent]:
        """The extents worked out so far (for checking them)."""
        return self._known


def _merge(extents: dict[str, list[float]], key: str, extent: Extent) -> None:
    """Grow the extent kept for `key` to take in another."""
    kept = extents.get(key)
    if kept is None:
        extents[key] = list(extent)
        return
    left, top, right, bottom = extent
    kept[0], kept[1] = min(kept[0], left), min(kept[1], top)
    kept[2], kept[3] = max(kept[2], right), max(kept[3], bottom)
