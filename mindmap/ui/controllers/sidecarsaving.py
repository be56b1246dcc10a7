"""Saving the annotations' sidecar: on every change, a big one on a thread of its own with
changes made meanwhile coalesced, under the lock beside it and only over the version memory
includes (else merged first); a failed save keeps the edits in memory and says so."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from mindmap.core.annotations import AnnotationStore
from mindmap.core.atomicfile import write_atomic
from mindmap.core.sidecar import SidecarText
from mindmap.ui.controllers.sidecarjobs import SidecarSave, write_locked
from mindmap.ui.controllers.watcher import FileWatcher, Signature

BACKGROUND_BYTES = 1_000_000  # a sidecar bigger than this is written on a thread of its own


class SidecarSaving(QObject):
    """The sidecar's state on disk and its saving; `AnnotationSession` reads and changes it.
    Emits `changed` (keys, empty: all), `problem` (a message) and `saved`."""

    changed = Signal(object)  # set[str]
    problem = Signal(str)
    saved = Signal()
    _written = Signal()  # from the saving thread: a write is over

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = AnnotationStore()
        self.path: Path | None = None
        self.outline_name = ""
        self.read_only_reason: str | None = None  # set while the sidecar cannot be read
        self._unsaved = False  # edits that the last save could not write
        self._base = self._store.contents()  # the entries as last read or written
        self._watcher = FileWatcher(self)
        self._text = SidecarText()  # used by one write at a time
        self._known: Signature | None = None  # the version on disk that memory includes
        self._size = 0  # of the sidecar as last read or written
        self._running: SidecarSave | None = None  # the write in flight, and the one waiting for it
        self._waiting: SidecarSave | None = None
        self._done: list[SidecarSave] = []  # writes over, for the GUI thread to take in
        self._lock = threading.Lock()  # guards the three above
        self._thread: threading.Thread | None = None
        self._written.connect(self._finish)

    @property
    def unsaved(self) -> bool:
        """Whether memory holds edits that are not on disk (after any write in flight)."""
        self.flush()
        return self._unsaved

    def save(self) -> bool:
        """Write the sidecar (on a thread when it is big); on failure the edits stay in memory
        and `problem` says why. Returns False when that is known at once."""
        self.load()  # never act on a store that has not been read
        if self.path is None or self.read_only_reason is not None:
            return False
        store = self._store
        job = SidecarSave(self.path, store.contents(), dict(store.extra), self.outline_name)
        with self._lock:
            if self._running is not None:  # the thread takes it when the write in flight ends
                self._waiting = job
                return True
            self._running = job
        if self._size > BACKGROUND_BYTES:
            self._thread = threading.Thread(target=self._write_all, args=(job,), daemon=True)
            self._thread.start()
            return True
        self._write(job)
        with self._lock:
            self._running = None
        return self._finish()

    def flush(self) -> None:
        """Wait for the writes in flight and take in how they went (before closing, say)."""
        while self._thread is not None:
            self._join()
            self._finish()  # a merge there may start another write

    def save_to(self, path: Path) -> bool:
        """Write the annotations to another file (Save As)."""
        self.load()  # never act on a store that has not been read
        self.flush()
        try:
            store = self._store
            text = self._text.render(store.items, store.extra, self.outline_name, store.schedule)
            write_atomic(path, text.encode("utf-8"))
        except OSError as error:
            return self._failed(path, error.strerror)
        self._unsaved = False
        self.saved.emit()
        return True

    def _write_all(self, job: SidecarSave) -> None:
        """The saving thread: write, then whatever was changed meanwhile, newest only."""
        while job is not None:
            self._write(job)
            with self._lock:  # a stale file is merged on the GUI thread, which then saves
                job = self._running = None if job.stale else self._waiting
                self._waiting = None
            self._written.emit()

    def _write(self, job: SidecarSave) -> None:
        """Replace the sidecar, holding its lock, if it is still the version memory includes."""
        pieces = self._text.pieces(job.contents.items, job.extra, job.name, job.contents.schedule)
        size = write_locked(job, pieces, self._known)
        if job.signature is not None:
            self._known, self._size = job.signature, size
        with self._lock:
            self._done.append(job)

    def _join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _finish(self) -> bool:
        """On the GUI thread: take in the writes that are over; returns whether all succeeded."""
        saved, stale = self._take_outcomes()
        return self._merge_from_disk() if stale else saved

    def _take_outcomes(self) -> tuple[bool, bool]:
        """(whether the writes over succeeded, whether one found a version to merge first)."""
        with self._lock:
            jobs, self._done = self._done, []
        saved, stale = True, False
        for job in jobs:
            if job.stale:
                stale = True
            elif job.error is not None:
                saved = self._failed(job.path, job.error)
            else:
                self._watcher.acknowledge_version(job.signature)
                self._base, saved, self._unsaved = job.contents, True, False
                self.saved.emit()
        return saved, stale

    def _failed(self, path: Path, reason: str | None) -> bool:
        self._unsaved = True
        self.problem.emit(
            f"{path}: cannot save your annotations: {reason}. They are kept in "
            "memory; use Annotate ▸ Save Annotations As… to put them somewhere safe."
        )
        return False

    def _merge_from_disk(self) -> bool:
        """Take in another version of the sidecar found on disk (see `AnnotationSession`)."""
        raise NotImplementedError
