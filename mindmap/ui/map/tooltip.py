"""Hover text and callouts from the user's and the author's words: shown as typed (the
annotation's light markdown rendered), and never a wall of text."""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QTextDocument

from mindmap.core.annotations import Annotation
from mindmap.core.model import Node

MAX_CHARS = 600  # a tooltip longer than this covers the map; the panels show the whole text
MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML  # the user's text is never markup
)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
CALLOUT_CHARS = 280  # an annotation shown on the map is cut here: Details shows all of it
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")


def _cut(text: str) -> str:
    return text[:MAX_CHARS].rstrip() + " …" if len(text) > MAX_CHARS else text


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip: escaped so Qt never reads it as markup, cut short when long."""
    text = _cut(text)
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def markdown_html(text: str) -> str:
    """`text` read as light markdown (no HTML of its own), as rich text to show."""
    document = QTextDocument()
    document.setMarkdown(text, MARKDOWN)
    found = _BODY.search(document.toHtml())
    return found.group(1) if found else html.escape(text)


def tooltip(node: Node, annotation: Annotation | None) -> str:
    """Hover text: the author's note, tags and link as typed, and the user's annotation."""
    parts = [node.note] if node.note else []
    if node.tags:
        parts.append("Tags: " + ", ".join(node.tags))
    if node.link:
        parts.append(node.link)
    shown = plain_tooltip("\n\n".join(parts))
    if annotation is not None:
        mark = f" [{annotation.mark.value}]" if annotation.mark is not None else ""
        shown += f"<p><b>Your annotation{html.escape(mark)}:</b></p>"
        shown += markdown_html(_cut(annotation.text))
    return shown


def callout(text: str) -> str:
    """An annotation as a callout on the map: its markdown's emphasis marks left out, list
    items as bullets, cut short when long."""
    lines = [_EMPHASIS.sub("", line) for line in text.strip().splitlines()]
    lines = ["• " + line[2:] if line.startswith(("- ", "* ")) else line for line in lines]
    shown = "\n".join(lines)
    return shown[:CALLOUT_CHARS].rstrip() + " …" if len(shown) > CALLOUT_CHARS else shown
