"""Hover text from the user's and the author's words: shown as typed, and never a wall of text."""

from __future__ import annotations

import html

from mindmap.core.annotations import Annotation
from mindmap.core.model import Node

MAX_CHARS = 600  # a tooltip longer than this covers the map; the panels show the whole text


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip: escaped so Qt never reads it as markup, cut short when long."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rstrip() + " …"
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def tooltip(node: Node, annotation: Annotation | None) -> str:
    """Hover text: the author's note, tags and link, and the user's annotation."""
    parts = [node.note] if node.note else []
    if node.tags:
        parts.append("Tags: " + ", ".join(node.tags))
    if node.link:
        parts.append(node.link)
    if annotation is not None:
        mark = f" [{annotation.mark.value}]" if annotation.mark is not None else ""
        parts.append(f"Your annotation{mark}:\n{annotation.text}".rstrip())
    return plain_tooltip("\n\n".join(parts))
