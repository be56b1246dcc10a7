"""The status bar's legend of the revision marks: what each badge means and how many there are."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mindmap.core.annotations import Mark
from mindmap.ui.theme import MARK_LOOKS


class MarkLegend(QLabel):
    """Each mark's badge, name and count."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip("Your revision marks: keys 1, 2, 3 set them on the selected node, 0 clears")
        self.show_counts({})

    def show_counts(self, counts: Mapping[Mark, int], only: Mark | None = None) -> None:
        """Each mark with its count; `only`: the mark the map is filtered by, named first."""
        parts = []
        if only is not None:
            look = MARK_LOOKS[only]
            shown = html.escape(f"Showing only {look.icon} {look.name}: {counts.get(only, 0):,}")
            parts.append(f"<b>{shown}</b> (Annotate ▸ Show Only ▸ All)")
        for mark, look in MARK_LOOKS.items():
            badge = f"<span style='background:{look.colour.name()};color:#ffffff;'>"
            badge += f"&nbsp;{html.escape(look.icon)}&nbsp;</span>"
            count = f" {counts[mark]:,}" if mark in counts else ""
            parts.append(f"{badge}&nbsp;{html.escape(look.name)}{count}")
        self.setText(" &nbsp; ".join(parts))
