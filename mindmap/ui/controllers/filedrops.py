"""Files dropped on the window open, as File ▸ Open would open them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


class FileDrops(QObject):
    """Makes `window` take drops of local files and hands the first one to `open_file`."""

    def __init__(self, window: QWidget, open_file: Callable[[Path], object]) -> None:
        super().__init__(window)
        self._open_file = open_file
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(event, QDragEnterEvent):
            if any(url.isLocalFile() for url in event.mimeData().urls()):
                event.acceptProposedAction()
            return True
        if isinstance(event, QDropEvent):
            for url in event.mimeData().urls():
                if url.isLocalFile():
                    event.acceptProposedAction()
                    self._open_file(Path(url.toLocalFile()))
                    break
            return True
        return super().eventFilter(watched, event)
