"""Arrow keys on a mind map: move the selection towards the parent, a child or a sibling, spatially.

On the right of the root, Right goes out to a child and Left back to the parent; on the left
side the two swap. Up and Down go to the nearest node above or below at the same depth and side
(in the same column of a list wrapped into columns). In such a list, going out from a leaf
crosses to the next column, and going back from a column to the one before it.
"""

from __future__ import annotations

import enum

from mindmap.core.layout import Box, Layout


class Direction(enum.Enum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


def neighbour(layout: Layout, key: str, direction: Direction) -> str | None:
    """The key to select after an arrow key, or None when there is nowhere to go."""
    boxes = layout.boxes
    box = boxes.get(key)
    if box is None:
        return None
    if direction in (Direction.UP, Direction.DOWN):
        return _vertical(layout, box, direction is Direction.DOWN)
    outward = 1 if direction is Direction.RIGHT else -1
    if box.side == 0:
        return _nearest_child(layout, box, side=outward)
    if box.side == outward:
        return _nearest_child(layout, box, side=outward) or _across(layout, box, 1)
    if box.column:
        return _across(layout, box, -1)
    return box.parent


def _across(layout: Layout, box: Box, step: int) -> str | None:
    """The sibling in the row of `box`, `step` columns further out."""
    row = [
        b
        for b in layout.boxes.values()
        if b.parent == box.parent and b.side == box.side and b.column == box.column + step
    ]
    if not row:
        return None
    return min(row, key=lambda b: abs(b.centre_y - box.centre_y)).key


def _nearest_child(layout: Layout, box: Box, side: int) -> str | None:
    children = [
        b
        for b in layout.boxes.values()
        if b.parent == box.key and (box.side != 0 or b.side == side)
    ]
    if not children:
        return None
    return min(children, key=lambda b: abs(b.centre_y - box.centre_y)).key


def _vertical(layout: Layout, box: Box, down: bool) -> str | None:
    candidates = [
        b
        for b in layout.boxes.values()
        if b.depth == box.depth
        and b.side == box.side
        and b.key != box.key
        and (b.centre_y > box.centre_y if down else b.centre_y < box.centre_y)
    ]
    if not candidates:
        return None
    return min(
        candidates, key=lambda b: (abs(b.centre_y - box.centre_y), abs(b.centre_x - box.centre_x))
    ).key
