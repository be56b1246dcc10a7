"""The status bar's legend of study progress: each standing's ring colour, name and count."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from mindmap.core.progress import Standing
from mindmap.ui.map.progresslook import STANDING_NAMES, standing_colour


class ProgressLegend(QLabel):
    """Each standing's colour, name and how many cards stand there; drawn again in the other
    theme's colours when the palette changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(
            "Study progress: the ring around each card (a node with children) says where it"
            " stands; known ones fade as they are forgotten. Study ▸ Show Progress (P)"
        )
        self._counts: Mapping[Standing, int] = {}
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.show_counts(self._counts)

    def show_counts(self, counts: Mapping[Standing, int]) -> None:
        self._counts = counts
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        parts = []
        for standing, name in STANDING_NAMES.items():
            colour = standing_colour(standing, dark=dark).name()
            ring = f"<span style='color:{colour};'><b>◯</b></span>"
            parts.append(f"{ring}&nbsp;{html.escape(name)} {counts.get(standing, 0):,}")
        self.setText("Cards: " + " &nbsp; ".join(parts))  # beside the marks' legend: not a mark
