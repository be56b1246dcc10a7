"""Hover text from the user's and the author's words: shown as typed, and never a wall of text."""

from __future__ import annotations

import html

MAX_CHARS = 600  # a tooltip longer than this covers the map; the panels show the whole text


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip: escaped so Qt never reads it as markup, cut short when long."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rstrip() + " …"
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
