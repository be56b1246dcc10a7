"""The Details panel: the selected node's title, the author's note, tags, link and place."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTextBrowser, QWidget

from mindmap.core.model import Outline
from mindmap.ui.panels.links import guard_links


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
        parts = [f"<h3>{html.escape(node.title)}</h3>"]
        if node.note:
            parts.append(f"<p>{html.escape(node.note)}</p>")
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


def details_column(details: DetailsPanel, annotation: QWidget) -> QWidget:
    """The Details dock: the author's words on the node above, the user's own below it."""
    column = QSplitter(Qt.Orientation.Vertical)
    column.setChildrenCollapsible(False)
    column.addWidget(details)
    column.addWidget(annotation)
    annotation.setMinimumHeight(200)  # the user's own words are as much the point
    return column
