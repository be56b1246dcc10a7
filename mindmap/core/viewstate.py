"""Folds as data: which branches are folded, worked out from the outline and the user's actions."""

from __future__ import annotations

from operator import attrgetter

from mindmap.core.model import Outline


def initial_folds(outline: Outline) -> set[str]:
    """The branches the author marked `collapsed: true` (the filter runs in C: a million nodes
    are looked at on every first open)."""
    collapsed = filter(attrgetter("collapsed"), outline.by_key.values())
    return {node.key for node in collapsed if node.children}


def folds_to_level(outline: Outline, level: int) -> set[str]:
    """Fold every branch at depth `level`, so that levels 0..level show (level 1: main branches)."""
    folds: set[str] = set()
    stack = [(outline.root, 0)]
    while stack:
        node, depth = stack.pop()
        if not node.children:
            continue
        if depth >= level:
            folds.add(node.key)
        else:
            stack.extend((child, depth + 1) for child in node.children)
    return folds
