"""Notice when the outline file changes on disk, however the editor saved it, once per save.

Editors save in place, or write a temporary file and rename it over the old one, or delete and
create again. A watch on the file alone is lost with the old inode, so the folder is watched too
and the file's watch put back; bursts of events are debounced into one `changed`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 150


class FileWatcher(QObject):
    """Watches one file. Emits `changed` after a save settles, `vanished` if the file is gone."""

    changed = Signal()
    vanished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._settle)
        self.path: Path | None = None
        self._signature: tuple[int, int, int] | None = None
        self._present = False

    def watch(self, path: Path) -> None:
        """Watch `path` (instead of any earlier file)."""
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self.path = path.resolve()
        self._watcher.addPath(str(self.path.parent))
        self._rewatch()
        self._signature = self._stat()
        self._present = self._signature is not None

    def acknowledge(self) -> None:
        """The file as it is now was written or read by us: no `changed` for this version."""
        self._signature = self._stat()
        self._present = self._signature is not None

    def stale(self) -> bool:
        """Whether the file changed since we last read or wrote it."""
        return self._stat() != self._signature

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            info = self.path.stat() if self.path else None
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns) if info else None

    def _rewatch(self) -> None:
        if self.path is not None and self.path.exists():
            self._watcher.addPath(str(self.path))  # a no-op when already watched

    def _poke(self, _changed_path: str) -> None:
        self._rewatch()
        self._timer.start()

    def _settle(self) -> None:
        self._rewatch()
        signature = self._stat()
        if signature is None:
            if self._present:
                self._present = False
                self.vanished.emit()
            return
        self._present = True
        if signature != self._signature:
            self._signature = signature
            self.changed.emit()
