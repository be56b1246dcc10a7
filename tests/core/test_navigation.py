"""Arrow keys in a list wrapped into columns: Up and Down stay in a column, Left and Right
cross to the next column of the same row, and back to the parent from the first."""

from __future__ import annotations

from mindmap.core.layout import IncrementalLayout, Layout, LayoutMode
from mindmap.core.model import Node
from mindmap.core.navigation import Direction, neighbour


def wrapped(mode: LayoutMode) -> Layout:
    leaves = [Node(title=f"t{i}", key=f"t{i}") for i in range(60)]
    root = Node(title="R", key="R", children=[Node(title="B", key="B", children=leaves)])
    return IncrementalLayout(root, lambda n: (60.0, 20.0), mode).update(set()).layout


def test_arrows_move_within_and_across_columns() -> None:
    for mode in LayoutMode:
        layout = wrapped(mode)
        boxes = layout.boxes
        rows = sum(1 for b in boxes.values() if b.parent == "B" and b.column == 0)
        assert 1 < rows < 60
        second = f"t{rows}"  # the top of the second column
        assert boxes[second].column == 1
        assert neighbour(layout, second, Direction.DOWN) == f"t{rows + 1}"
        assert neighbour(layout, f"t{rows + 1}", Direction.UP) == second
        assert neighbour(layout, "t0", Direction.RIGHT) == second
        assert neighbour(layout, second, Direction.LEFT) == "t0"
        assert neighbour(layout, "t0", Direction.LEFT) == "B"
