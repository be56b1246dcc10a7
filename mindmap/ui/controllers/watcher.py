"""Notice when the outline file changes on disk, however the editor saved it, once per save.

Editors save in place, or write a temporary file and rename it over the old one, or delete and
create again. A watch on the file alone is lost with the old inode, so the folder is watched too
and the file's watch put back; bursts of events are debounced into one `changed`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 150
MISSING_POLL_MS = 500  # while the file (or its folder) is gone, look for it this often


Signature = tuple[int, int, int]


def file_signature(path: Path | None) -> Signature | None:
    """What tells one version of a file from the next (None: no file there)."""
    try:
        info = path.stat() if path else None
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns) if info else None


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
        # A deleted folder drops its watch, and nothing tells when it comes back: poll, slowly,
        # and only while the file is missing.
        self._poll = QTimer(self)
        self._poll.setInterval(MISSING_POLL_MS)
        self._poll.timeout.connect(self._settle)
        self.path: Path | None = None
        self._signature: Signature | None = None
        self._present = False

    def watch(self, path: Path) -> None:
        """Watch `path` (instead of any earlier file)."""
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self._poll.stop()
        self.path = path.resolve()
        self._rewatch()
        self._signature = self._stat()
        self._present = self._signature is not None

    def acknowledge(self) -> None:
        """The file as it is now was written or read by us: no `changed` for this version."""
        self.acknowledge_version(self._stat())

    def acknowledge_version(self, signature: Signature | None) -> None:
        """The version of the file with `signature` was written or read by us (in another
        thread, perhaps, while a newer one may have landed since): no `changed` for it."""
        self._signature = signature
        self._present = signature is not None

    def _stat(self) -> Signature | None:
        return file_signature(self.path)

    def _rewatch(self) -> None:
        """Watch the file and its folder again where a rename or a delete dropped the watch."""
        if self.path is None:
            return
        folder = str(self.path.parent)
        if folder not in self._watcher.directories() and self.path.parent.is_dir():
            self._watcher.addPath(folder)
        if self.path.exists():
            self._watcher.addPath(str(self.path))  # a no-op when already watched

    def _poke(self, _changed_path: str) -> None:
        self._rewatch()
        self._timer.start()

    def _settle(self) -> None:
        self._rewatch()
        signature = self._stat()
        if signature is None:
            self._poll.start()
            if self._present:
                self._present = False
                self.vanished.emit()
            return
        self._poll.stop()
        returned, self._present = not self._present, True
        if returned:  # its folder may be another one now (renamed away, made anew): watch it
            self._watcher.removePath(str(self.path.parent))
            self._rewatch()
        if signature != self._signature or returned:  # moved away and back: same signature
            self._signature = signature
            self.changed.emit()
