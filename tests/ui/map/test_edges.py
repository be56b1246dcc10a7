"""The edges of a parent: curves reach the first column of a list wrapped into columns only."""

from __future__ import annotations

from mindmap.core.layout import Box
from mindmap.ui.map.edges import fan_groups


def leaves(parent: str, count: int, rows: int) -> list[Box]:
    return [
        Box(f"{parent}{t}", 100.0 + (t // rows) * 80, 30.0 * (t % rows), 60, 20, 1, 2, parent,
            t // rows)
        for t in range(count)
    ]  # fmt: skip


def test_curves_reach_only_the_first_column_of_a_wrapped_list() -> None:
    branch = Box("B", 0, 0, 40, 20, 1, 1, "R")
    groups = fan_groups(branch, leaves("B", 30, 10))
    assert [box.key for box in groups["B"]] == [f"B{t}" for t in range(10)]


def test_at_the_root_each_branch_of_the_first_column_keeps_its_own_curve() -> None:
    root = Box("R", -20, -10, 40, 20, 0, 0, None)
    groups = fan_groups(root, leaves("R", 30, 10))
    assert sorted(groups) == sorted(f"R{t}\0from-root" for t in range(10))
