"""Find: the nodes whose title, note, tags or annotation contain the query, in reading order."""

from __future__ import annotations

from collections.abc import Mapping

from mindmap.core.model import Outline


def find_matches(
    outline: Outline, query: str, annotations: Mapping[str, str] | None = None
) -> list[str]:
    """Keys of the matching nodes in pre-order; case-insensitive; an empty query matches nothing.

    `annotations` maps keys to the user's annotation text, searched too.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    extra = annotations or {}
    return [
        node.key
        for node in outline.root.walk()
        if needle in node.title.casefold()
        or (node.note is not None and needle in node.note.casefold())
        or any(needle in tag.casefold() for tag in node.tags)
        or needle in extra.get(node.key, "").casefold()
    ]
