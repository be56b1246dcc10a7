"""The status bar's legend of study progress: each standing in its ring's colour, with counts,
in the colours of the theme shown (a change of theme recolours it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mindmap.core.progress import Standing
from mindmap.ui.map.progresslook import standing_colour
from mindmap.ui.panels.progresslegend import ProgressLegend
from mindmap.ui.theme import ThemeChoice, apply_colour_scheme

COUNTS = {Standing.NEW: 3, Standing.LEARNING: 0, Standing.DUE: 1, Standing.KNOWN: 1_204}


def test_each_standing_with_its_count_in_the_theme_s_colour(qtbot: QtBot) -> None:
    apply_colour_scheme(ThemeChoice.LIGHT)
    legend = ProgressLegend()
    qtbot.add_widget(legend)
    legend.show_counts(COUNTS)
    text = legend.text()
    for part in ("New 3", "Learning 0", "Due 1", "Known 1,204"):
        assert part in text
    assert standing_colour(Standing.DUE, dark=False).name() in text
    apply_colour_scheme(ThemeChoice.DARK)
    QApplication.processEvents()  # the new palette reaches the widgets by events
    try:
        assert standing_colour(Standing.DUE, dark=True).name() in legend.text()
        assert "Known 1,204" in legend.text()
    finally:
        apply_colour_scheme(ThemeChoice.LIGHT)
