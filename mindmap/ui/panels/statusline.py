"""The status bar's standing parts: the file on the left; what is due, the marks, how many
nodes show and the zoom on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

LEAST_LEGEND = 40  # pixels


class StatusLine:
    """Fills `bar` with the file, the count and the zoom labels, `middle` between them."""

    def __init__(self, bar: QStatusBar, middle: list[QWidget]) -> None:
        self.file_label, self.count_label, self.zoom_label = QLabel(), QLabel(), QLabel()
        bar.addWidget(self.file_label, 1)
        for widget in middle:  # legends give way in a narrow window (their tooltips say all)
            widget.setMinimumWidth(LEAST_LEGEND)
        for widget in (*middle, self.count_label, self.zoom_label):
            bar.addPermanentWidget(widget)

    def show_zoom(self, zoom: float) -> None:
        """The zoom in percent; two figures below 10 % (a big map fits at 0.43 %, not "0 %")."""
        percent = zoom * 100
        self.zoom_label.setText(f"{percent:.0f} %" if percent >= 9.5 else f"{percent:.2g} %")
