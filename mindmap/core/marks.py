"""Revision marks over the outline: how many of each, where they are, what to show to find them.

Pure functions of the outline and the annotations shown on its nodes (node key → annotation),
cheap enough to run after every edit: one pass over the marked nodes and their ancestors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.model import Outline


def count_marks(shown: Mapping[str, Annotation]) -> dict[Mark, int]:
    """How many nodes carry each mark (every mark listed, zero included)."""
    counts = Counter(a.mark for a in shown.values() if a.mark is not None)
    return {mark: counts[mark] for mark in Mark}


def paths_to(outline: Outline, keys: Iterable[str]) -> frozenset[str]:
    """`keys` (those of nodes of `outline`) and all their ancestors: the paths that lead to them."""
    paths: set[str] = set()
    parent_of = outline.parent_of
    for start in keys:
        key: str | None = start if start in outline.by_key else None
        while key is not None and key not in paths:
            paths.add(key)
            parent = parent_of.get(key)
            key = parent.key if parent is not None else None
    return frozenset(paths)


def folds_to_paths(outline: Outline, paths: frozenset[str]) -> set[str]:
    """The folds that show just `paths` (see `paths_to`) and the nodes beside them: every node
    shown that has children and leads to nothing on a path is folded."""
    by_key = outline.by_key
    folds: set[str] = set()
    for key in paths:
        node = by_key[key]
        children = [child for child in node.children if child.key in paths]
        if node.children and not children:  # a marked node at the end of its path
            folds.add(key)
        if children:
            folds.update(c.key for c in node.children if c.children and c.key not in paths)
    return folds


def roll_up(outline: Outline, shown: Mapping[str, Annotation]) -> dict[str, dict[Mark | None, int]]:
    """For every node with marked or annotated nodes under it: how many carry each mark, and
    (under None) how many have a text of the user's; the node's own not counted. One walk up
    from each such node: the cost is the annotations', not the map's."""
    counts: dict[str, dict[Mark | None, int]] = {}
    parent_of = outline.parent_of
    for key, annotation in shown.items():
        if key not in outline.by_key:
            continue
        kinds: list[Mark | None] = [annotation.mark] if annotation.mark is not None else []
        if annotation.text.strip():
            kinds.append(None)
        parent = parent_of.get(key)
        while parent is not None and kinds:
            above = counts.setdefault(parent.key, {})
            for kind in kinds:
                above[kind] = above.get(kind, 0) + 1
            parent = parent_of.get(parent.key)
    return counts
