"""Find: the nodes whose title, note or tags contain the query, in reading order."""

from __future__ import annotations

from mindmap.core.model import Outline


def find_matches(outline: Outline, query: str) -> list[str]:
    """Keys of the matching nodes in pre-order; case-insensitive; an empty query matches nothing."""
    needle = query.strip().casefold()
    if not needle:
        return []
    return [
        node.key
        for node in outline.root.walk()
        if needle in node.title.casefold()
        or (node.note is not None and needle in node.note.casefold())
        or any(needle in tag.casefold() for tag in node.tags)
    ]
