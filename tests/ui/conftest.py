"""Fixtures for the Qt tests: a real main window with settings of its own, shown offscreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mindmap.ui.controllers.studysettings import Clock, local_now
from mindmap.ui.window import MainWindow

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "outline.yaml"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot: QtBot) -> Callable[..., MainWindow]:
    """Makes real main windows, shown and active (shortcuts go to the active window); a
    `clock` moves a window through days without waiting."""

    def make(settings: QSettings, clock: Clock = local_now) -> MainWindow:
        window = MainWindow(settings, clock)
        qtbot.add_widget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.wait_exposed(window)
        window.activateWindow()
        qtbot.wait_until(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow], settings: QSettings) -> MainWindow:
    return make_window(settings)


@pytest.fixture
def sample_window(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The sample with every node shown (it opens folded to be readable), fitted."""
    assert window.open_file(SAMPLE)
    window.maps.run(window.session.expand_all())
    window.view.fit_map()
    qtbot.wait_until(lambda: bool(window.scene.nodes))
    return window
