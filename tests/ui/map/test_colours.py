"""Branch colours, worked out for the nodes that show: a hidden million costs nothing."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mindmap.core.layout import IncrementalLayout
from mindmap.core.model import Node
from mindmap.core.outline import parse_outline
from mindmap.ui.map.colours import BranchColours
from mindmap.ui.theme import DEEPEST_LEVEL, branch_colour

TEXT = """\
Root:
  - A:
      - a1:
          - x:
              - deep
      - title: a2
        color: "#112233"
        children: [y]
  - title: B
    color: "#445566"
    children: [b1]
  - C
"""


def expected(node: Node, inherited: str, index: int | None) -> dict[str, str]:
    """Each node's colour by the rule, worked out the plain recursive way."""
    own = branch_colour(index, node.color).name() if index is not None else node.color
    colour = own or inherited
    out = {node.key: colour}
    for child in node.children:
        out.update(expected(child, colour, None))
    return out


def test_each_node_has_its_branchs_colour_unless_it_names_its_own(qtbot: QtBot) -> None:
    outline = parse_outline(TEXT, "o.yaml").outline
    colours = BranchColours(outline)
    want = {outline.root.key: "#2f3440"}
    for index, branch in enumerate(outline.root.children):
        want.update(expected(branch, "", index))
    deep = "Root/A/a1/x/deep"
    assert colours[deep].name() == want[deep]
    assert len(colours) < len(want)  # only what was asked for, and the way up to it
    assert {key: colours[key].name() for key in want} == want
    assert len(colours) == len(want)
    assert colours["Root/A/a1"] is colours["Root/A"]  # inherited: one object, one overview group


def test_the_overview_groups_are_the_shown_boxes_by_colour_and_level(qtbot: QtBot) -> None:
    outline = parse_outline(TEXT, "o.yaml").outline
    colours = BranchColours(outline)
    boxes = (
        IncrementalLayout(outline.root, lambda _n: (40.0, 20.0)).update({"Root/A/a1"}).layout.boxes
    )
    groups = colours.shown_groups(boxes)
    grouped = [key for _, _, keys in groups for key in keys]
    assert sorted(grouped) == sorted(boxes)
    for colour, level, keys in groups:
        for key in keys:
            assert colours[key] is colour
            assert level == min(boxes[key].depth, DEEPEST_LEVEL)
