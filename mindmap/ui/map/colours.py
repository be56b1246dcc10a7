"""Branch colours: each main branch its colour, inherited down, unless a node names its own."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mindmap.core.model import Outline
from mindmap.ui.theme import DEEPEST_LEVEL, branch_colour

# The keys of the nodes by colour and level (depth, up to DEEPEST_LEVEL): the overview draws
# each group in one call.
Groups = list[tuple[QColor, int, list[str]]]


def branch_colours(outline: Outline) -> tuple[dict[str, QColor], Groups]:
    """Each main branch its colour, inherited down, unless a node names its own; and the keys
    by colour and level (the overview draws each group in one call)."""
    root = outline.root
    colours = {root.key: QColor(root.color or "#2f3440")}
    levels: dict[int, tuple[QColor, list[list[str]]]] = {}  # by id(colour): keys by level

    def keys_of(colour: QColor, level: int) -> list[str]:
        kept = levels.get(id(colour))
        if kept is None:
            kept = levels[id(colour)] = (colour, [[] for _ in range(DEEPEST_LEVEL + 1)])
        return kept[1][level]

    keys_of(colours[root.key], 0).append(root.key)
    stack = []
    for index, branch in enumerate(root.children):
        colour = colours[branch.key] = branch_colour(index, branch.color)
        keys_of(colour, 1).append(branch.key)
        stack.append((branch, 2))
    while stack:
        parent, level = stack.pop()
        inherited = colours[parent.key]
        same = keys_of(inherited, level)
        deeper = min(level + 1, DEEPEST_LEVEL)
        for child in parent.children:
            key = child.key
            if child.color:
                colour = colours[key] = QColor(child.color)
                keys_of(colour, level).append(key)
            else:
                colours[key] = inherited
                same.append(key)
            if child.children:
                stack.append((child, deeper))
    groups = [
        (colour, level, keys)
        for colour, by_level in levels.values()
        for level, keys in enumerate(by_level)
        if keys
    ]
    return colours, groups
