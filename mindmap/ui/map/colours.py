"""Branch colours: each main branch its colour, inherited down, unless a node names its own.

Worked out for the nodes asked about (those that show) and the way up to them: a folded
million-node map costs what it shows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from PySide6.QtGui import QColor

from mindmap.core.layout import Box
from mindmap.core.model import Outline
from mindmap.ui.theme import DEEPEST_LEVEL, branch_colour

# The keys of the nodes by colour and level (depth, up to DEEPEST_LEVEL): the overview draws
# each group in one call.
Groups = list[tuple[QColor, int, list[str]]]


class BranchColours(dict[str, QColor]):
    """Every node's colour by key: a dict of those worked out so far, and a missing one is
    worked out when asked for (from the nearest known ancestor down). An inherited colour is
    its ancestor's very object, so that the overview groups a branch's nodes by `id`; the
    groups (by colour and level) grow as colours are worked out, so a fold costs nothing here."""

    def __init__(self, outline: Outline, root: str | None = None) -> None:
        """`root` is the node shown as the map's root (its depth is level 0 in the groups)."""
        super().__init__()
        self._outline = outline
        self._depths: dict[str, int] = {}
        self._base = len(outline.ancestors(root)) if root is not None else 0
        self._groups: dict[tuple[int, int], tuple[QColor, int, list[str]]] = {}
        top = outline.root
        self._add(top.key, QColor(top.color or "#2f3440"), 0)
        for index, branch in enumerate(top.children):
            self._add(branch.key, branch_colour(index, branch.color), 1)

    def _add(self, key: str, colour: QColor, depth: int) -> None:
        self[key] = colour
        self._depths[key] = depth
        level = min(max(depth - self._base, 0), DEEPEST_LEVEL)
        group = self._groups.get((id(colour), level))
        if group is None:
            group = self._groups[(id(colour), level)] = (colour, level, [])
        group[2].append(key)

    def __missing__(self, key: str) -> QColor:
        by_key, parent_of = self._outline.by_key, self._outline.parent_of
        chain = [key]  # up to the nearest node whose colour is known (the main branch at most)
        parent = parent_of[key]
        while parent is not None and parent.key not in self:
            chain.append(parent.key)
            parent = parent_of[parent.key]
        if parent is None:  # not under the root: no such node of this outline
            raise KeyError(key)
        colour, depth = self[parent.key], self._depths[parent.key]
        for below in reversed(chain):
            own = by_key[below].color
            colour = QColor(own) if own else colour
            depth += 1
            self._add(below, colour, depth)
        return colour

    def shown_groups(self, boxes: Mapping[str, Box]) -> Groups:
        """Nodes by colour and level, every shown one among them, for the overview to draw
        each group in one call (the groups may hold nodes that do not show now)."""
        deque(map(self.__getitem__, boxes), maxlen=0)  # a known colour is a plain dict lookup
        return list(self._groups.values())
