"""Start the desktop app: the Qt application, its identity for settings, and the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from mindmap.assets import resource_path
from mindmap.core.memory import gc_paused
from mindmap.ui.controllers.sample import sample_outline
from mindmap.ui.window import APP_NAME, MainWindow

GIL_SWITCH_S = 0.001


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings finds this app's settings."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("mindmap")
    app.setWindowIcon(QIcon(str(resource_path("mindmap.svg"))))
    # A sidecar read or written on a thread keeps the GIL for Python's whole switch interval
    # (5 ms) each time the GUI thread lets go of it, dozens of times a frame: at 1 ms a frame
    # waits a fifth as long (the longest block of the first grade saved with 10,000 cards in
    # the sidecar: 141 ms → 50 ms on a machine at twice the 50 ms reference).
    sys.setswitchinterval(GIL_SWITCH_S)
    return app  # type: ignore[return-value]


def open_window(path: Path, settings: QSettings | None = None) -> MainWindow:
    """Show a window and open `path` in it, fitted to the window's real size."""
    window = MainWindow(settings)
    window.show()
    with gc_paused():  # Qt's start-up objects too live as long as the window
        window.open_file(path)
    return window


def run_app(path: Path | None) -> int:
    """Open `path` (None: the sample) in a window and run until it closes."""
    app = make_application()
    window = open_window(path or sample_outline())  # noqa: F841 - the window lives until the event loop ends
    return app.exec()
