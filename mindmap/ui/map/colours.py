"""Branch colours: each main branch its colour, inherited down, unless a node names its own.

Worked out for the nodes asked about (those that show) and the way up to them: a folded
million-node map costs what it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtGui import QColor

from mindmap.core.layout import Box
from mindmap.core.model import Outline
from mindmap.ui.theme import DEEPEST_LEVEL, branch_colour

# The keys of the nodes by colour and level (depth, up to DEEPEST_LEVEL): the overview draws
# each group in one call.
Groups = list[tuple[QColor, int, list[str]]]


class BranchColours(Mapping[str, QColor]):
    """Every node's colour by key. An inherited colour is its ancestor's very object, so that
    the overview groups a branch's nodes by `id`."""

    def __init__(self, outline: Outline) -> None:
        root = outline.root
        self._outline = outline
        self._colours = {root.key: QColor(root.color or "#2f3440")}
        for index, branch in enumerate(root.children):
            self._colours[branch.key] = branch_colour(index, branch.color)

    @property
    def known(self) -> int:
        """How many nodes' colours were worked out so far."""
        return len(self._colours)

    def __getitem__(self, key: str) -> QColor:
        colours, by_key, parent_of = self._colours, self._outline.by_key, self._outline.parent_of
        colour = colours.get(key)
        if colour is not None:
            return colour
        chain = [key]  # up to the nearest node whose colour is known (the main branch at most)
        parent = parent_of[key]
        while parent is not None and parent.key not in colours:
            chain.append(parent.key)
            parent = parent_of[parent.key]
        if parent is None:  # not under the root: no such node of this outline
            raise KeyError(key)
        colour = colours[parent.key]
        for below in reversed(chain):
            own = by_key[below].color
            colour = colours[below] = QColor(own) if own else colour
        return colour

    def __contains__(self, key: object) -> bool:
        return key in self._outline.by_key

    def __iter__(self) -> Iterator[str]:
        return iter(self._outline.by_key)

    def __len__(self) -> int:
        return len(self._outline.by_key)


def shown_groups(boxes: Mapping[str, Box], colours: Mapping[str, QColor]) -> Groups:
    """The shown nodes by colour and level, for the overview to draw each group in one call."""
    levels: dict[int, tuple[QColor, list[list[str]]]] = {}  # by id(colour): keys by level
    for key, box in boxes.items():
        colour = colours[key]
        kept = levels.get(id(colour))
        if kept is None:
            kept = levels[id(colour)] = (colour, [[] for _ in range(DEEPEST_LEVEL + 1)])
        kept[1][min(box.depth, DEEPEST_LEVEL)].append(key)
    return [
        (colour, level, keys)
        for colour, by_level in levels.values()
        for level, keys in enumerate(by_level)
        if keys
    ]
