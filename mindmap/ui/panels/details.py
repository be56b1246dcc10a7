"""The Details panel: the selected node's title, the author's note, tags, link and place."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QSplitter, QTextBrowser, QWidget

from mindmap.core.model import Outline
from mindmap.ui.panels.links import guard_links

# GitHub's markdown without its raw HTML: a note is text, never markup that loads or runs.
_MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


class DetailsPanel(QTextBrowser):
    """Shows one node of an outline (or nothing)."""

    def __init__(self) -> None:
        super().__init__()
        guard_links(self)
        self.setPlaceholderText("Click a node to read its note.")

    def show_node(self, outline: Outline | None, key: str | None) -> None:
        if key is None or outline is None or key not in outline.by_key:
            self.clear()
            return
        node = outline.by_key[key]
        parts = [f"<h3>{html.escape(node.title.strip() or '(no title)')}</h3>"]
        if node.note:
            parts.append(note_html(node.note))
        if node.tags:
            chips = " ".join(
                "<span style='background:#e8eaf0;color:#333;border-radius:6px;'>"
                f"&nbsp;{html.escape(tag)}&nbsp;</span>"
                for tag in node.tags
            )
            parts.append(f"<p>{chips}</p>")
        if node.link:
            link = html.escape(node.link, quote=True)
            parts.append(f"<p><a href='{link}'>{link}</a></p>")
        ancestors = " › ".join(html.escape(a.title) for a in outline.ancestors(key))
        if ancestors:
            parts.append(f"<p style='color:gray'>{ancestors}</p>")
        self.setHtml("".join(parts))


def note_html(note: str) -> str:
    """An author's note as written: each line break kept (markdown would join the lines of a
    paragraph), lists, emphasis and links rendered, runs of spaces kept for aligned text."""
    document = QTextDocument()
    document.setMarkdown("\n".join(line + "  " for line in note.splitlines()), _MARKDOWN)
    body = _BODY.search(document.toHtml())
    inner = body.group(1) if body is not None else html.escape(note)
    return f"<div style='white-space: pre-wrap'>{inner}</div>"


def details_column(details: DetailsPanel, annotation: QWidget) -> QWidget:
    """The Details dock: the author's words on the node above, the user's own below it."""
    column = QSplitter(Qt.Orientation.Vertical)
    column.setChildrenCollapsible(False)
    column.addWidget(details)
    column.addWidget(annotation)
    annotation.setMinimumHeight(200)  # the user's own words are as much the point
    return column
