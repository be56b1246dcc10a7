"""Revision marks over the outline: how many of each, where they are, what to show to find them.

Pure functions of the outline and the annotations shown on its nodes (node key → annotation),
cheap enough to run after every edit: one pass over the marked nodes and their ancestors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from mindmap.core.annotations import Annotation, Mark


def count_marks(shown: Mapping[str, Annotation]) -> dict[Mark, int]:
    """How many nodes carry each mark (every mark listed, zero included)."""
    counts = Counter(a.mark for a in shown.values() if a.mark is not None)
    return {mark: counts[mark] for mark in Mark}
