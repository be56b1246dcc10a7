"""The annotations of the open outline: loaded, changed with undo, saved on every change, kept safe.

Saving never loses anything: a sidecar that cannot be read is never written over (annotating
waits until the user decides), a failed save keeps the edits in memory and says so, and a
sidecar changed by another program is merged, not clobbered. Two windows on one outline take
turns: a save holds a lock file beside the sidecar while it checks that the file on disk is the
version this window last read or wrote and replaces it; any other version is merged first.

A big sidecar is written on a thread of its own, so that the window never waits for it; changes
made meanwhile are coalesced into the next write, and `unsaved` waits for the write in flight.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from mindmap.core.annotations import Annotation, AnnotationStore, Contents, now
from mindmap.core.atomicfile import open_atomic, write_atomic
from mindmap.core.memory import gc_paused
from mindmap.core.model import Outline
from mindmap.core.readfile import require_regular
from mindmap.core.sidecar import SidecarError, SidecarText, load_sidecar, sidecar_path
from mindmap.ui.controllers.annotationundo import AnnotationChange
from mindmap.ui.controllers.watcher import FileWatcher, Signature, file_signature

SETTLE_MS = 3000  # an outline left unchanged this long is meant: proposed moves become real
BACKGROUND_BYTES = 1_000_000  # a sidecar bigger than this is written on a thread of its own
DEFER_BYTES = 500_000  # a sidecar bigger than this is read after the map's first paint
LOCK_WAIT_MS = 10_000  # how long a save waits for another window's save to finish


@dataclass(eq=False)
class _Save:
    """One write of the sidecar: what to write, and (once done) how it went."""

    path: Path
    contents: Contents
    extra: dict[str, object]
    name: str
    signature: Signature | None = None  # of the version written
    stale: bool = False  # the file on disk was not the version we know: merge first
    error: str | None = None


class AnnotationSession(QObject):
    """Emits `changed` with the keys whose annotation changed (empty: look at all of them),
    `problem` with a message when the sidecar cannot be read or written, `saved` after a save."""

    changed = Signal(object)  # set[str]
    problem = Signal(str)
    saved = Signal()
    _written = Signal()  # from the saving thread: a write is over

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = AnnotationStore()
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self.outline_name = ""
        self.read_only_reason: str | None = None  # set while the sidecar cannot be read
        self._unsaved = False  # edits that the last save could not write
        self._base = AnnotationStore().contents()  # the entries as last read or written
        self._outline: Outline | None = None
        self._watcher = FileWatcher(self)
        self._watcher.changed.connect(self._merge_from_disk)
        # Started by each outline that proposes moves, so only one left alone this long moves.
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._settle)
        self._text = SidecarText()  # used by one write at a time
        self._known: Signature | None = None  # the version on disk that memory includes
        self._size = 0  # of the sidecar as last read or written
        self._running: _Save | None = None  # the write in flight, and the one waiting for it
        self._waiting: _Save | None = None
        self._done: list[_Save] = []  # writes over, for the GUI thread to take in
        self._lock = threading.Lock()  # guards the three above
        self._thread: threading.Thread | None = None
        self._written.connect(self._finish)
        self._loading = False  # a big sidecar waits to be read until the map has painted

    @property
    def unsaved(self) -> bool:
        """Whether memory holds edits that are not on disk (after any write in flight)."""
        self.flush()
        return self._unsaved

    def open(self, outline_path: Path, outline: Outline | None) -> None:
        """Load the annotations of the outline at `outline_path` (a missing sidecar: none)."""
        self.flush()  # the previous sidecar's last write, while `path` still names it
        self.path = sidecar_path(outline_path)
        self.outline_name = outline_path.name
        self._outline = outline  # never the previous outline's: its keys are not this one's
        self.undo_stack.clear()
        self._unsaved = False
        self.settle_timer.stop()  # the proposals were the other outline's
        self._watcher.watch(self.path)
        self._text = SidecarText()
        on_disk = file_signature(self.path)
        self._loading = on_disk is not None and on_disk[1] > DEFER_BYTES
        if self._loading:  # read once the map has painted, or as soon as it is needed
            self.store, self.read_only_reason = AnnotationStore(), None
            self._base = self.store.contents()
            QTimer.singleShot(0, self.load)
            return
        self._load(outline)

    def load(self) -> None:
        """Read a big sidecar now if it is still waiting to be read."""
        if self._loading:
            self._loading = False
            self._load(self._outline)

    def _load(self, outline: Outline | None) -> None:
        try:
            self.store = self._read()
        except SidecarError as error:
            self.store = AnnotationStore()
            self._base = self.store.contents()
            self.read_only_reason = (
                f"{error} — your annotations are read-only until you decide what to do"
            )
            self.problem.emit(self.read_only_reason)
            self.changed.emit(set())
            return
        self.read_only_reason = None
        self._base = self.store.contents()
        if outline is not None:
            self.attach(outline)
        else:
            self.changed.emit(set())

    def attach(self, outline: Outline) -> None:
        """Match the annotations to a (re)loaded outline. Those that would follow a moved node
        show there, but move (and are saved moved) only once the outline has settled."""
        self._outline = outline
        self.store.attach(outline)
        self._time_proposals(restart=True)
        self.changed.emit(set())

    def hold(self) -> None:
        """The outline on disk changed but could not be read: it has not settled yet."""
        self._time_proposals(restart=True)

    def _time_proposals(self, *, restart: bool) -> None:
        if not self.store.proposals:
            self.settle_timer.stop()
        elif restart or not self.settle_timer.isActive():
            self.settle_timer.start()

    def _settle(self) -> None:
        """The outline was left alone: the proposed moves become real, and are saved."""
        self.load()  # never act on a store that has not been read
        if self.read_only_reason is not None:  # they could not be saved: they wait
            return
        if self.store.settle():
            self.undo_stack.clear()  # its steps name the keys the annotations had before
            self.save()
            self.changed.emit(set())

    def set(self, key: str, annotation: Annotation | None, title: str) -> bool:
        """Change the annotation of node `key` (None deletes it), as one undoable step.

        Changing the annotation proposed to follow that node confirms the move with it.
        """
        self.load()  # never act on a store that has not been read
        if self.read_only_reason is not None:
            self.problem.emit(self.read_only_reason)
            return False
        shown = self.store.on_node(key)  # its own, or the one proposed to move here
        if annotation is not None:  # fields this app does not know stay with the entry
            extra = shown.extra if shown is not None else annotation.extra
            annotation = replace(annotation, key=key, title=title, updated=now(), extra=extra)
        proposal = self.store.proposals.get(key)
        if proposal is None or proposal.stored == key:
            self.undo_stack.push(AnnotationChange(self.apply, key, self.store.get(key), annotation))
        else:
            text = "Annotate" if annotation is not None else "Delete annotation"
            self._move(proposal.stored, key, annotation, text)
        return True

    def move(self, old_key: str, new_key: str, title: str) -> None:
        """Attach an unattached annotation to another node, undoably."""
        self.load()  # never act on a store that has not been read
        annotation = self.store.get(old_key)
        if annotation is None or self.read_only_reason is not None:
            return
        moved = Annotation(new_key, title, annotation.text, annotation.mark, now())
        self._move(old_key, new_key, moved, "Attach annotation")

    def _move(self, old_key: str, key: str, annotation: Annotation | None, text: str) -> None:
        """One undoable step: the annotation of `old_key` taken off, `annotation` put on `key`."""
        self.undo_stack.beginMacro(text)
        self.undo_stack.push(AnnotationChange(self.apply, old_key, self.store.get(old_key), None))
        self.undo_stack.push(AnnotationChange(self.apply, key, self.store.get(key), annotation))
        self.undo_stack.endMacro()

    def apply(self, key: str, annotation: Annotation | None) -> None:
        """Put an annotation in place and save (undo and redo come through here)."""
        proposed = self.store.proposals.items()
        shown = {key} | {node for node, p in proposed if key in (node, p.stored)}  # repaint them
        self.store.put(annotation, key)
        self._time_proposals(restart=False)  # the user's change may have decided the last one
        if annotation is not None and self._outline is not None:
            if key in self._outline.by_key:
                self.store.unattached.discard(key)
            else:
                self.store.unattached.add(key)
        self.save()
        self.changed.emit(shown)

    def save(self) -> bool:
        """Write the sidecar (on a thread when it is big); on failure the edits stay in memory
        and `problem` says why. Returns False when that is known at once."""
        self.load()  # never act on a store that has not been read
        if self.path is None or self.read_only_reason is not None:
            return False
        job = _Save(self.path, self.store.contents(), dict(self.store.extra), self.outline_name)
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
            store = self.store
            text = self._text.render(store.items, store.extra, self.outline_name, store.schedule)
            write_atomic(path, text.encode("utf-8"))
        except OSError as error:
            return self._failed(path, error.strerror)
        self._unsaved = False
        self.saved.emit()
        return True

    def _write_all(self, job: _Save) -> None:
        """The saving thread: write, then whatever was changed meanwhile, newest only."""
        while job is not None:
            self._write(job)
            with self._lock:  # a stale file is merged on the GUI thread, which then saves
                job = self._running = None if job.stale else self._waiting
                self._waiting = None
            self._written.emit()

    def _write(self, job: _Save) -> None:
        """Replace the sidecar, holding its lock, if it is still the version memory includes."""
        pieces = self._text.pieces(job.contents.items, job.extra, job.name, job.contents.schedule)
        lock = QLockFile(str(job.path.with_name(f".{job.path.name}.lock")))
        try:
            if not lock.tryLock(LOCK_WAIT_MS):
                job.error = "another window has been saving it for too long"
            elif file_signature(job.path) != self._known:
                job.stale = True
            else:
                size = 0
                with open_atomic(job.path) as stream:
                    for piece in pieces:  # each encoded alone: the GUI thread gets its turns
                        size += stream.write(piece.encode("utf-8"))
                job.signature = self._known = file_signature(job.path)
                self._size = size
        except OSError as error:
            job.error = error.strerror or str(error)
        finally:
            lock.unlock()
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

    def _read(self) -> AnnotationStore:
        """The sidecar on disk; the version memory includes is noted first, so that a write
        landing between the two is merged again, never overwritten."""
        assert self.path is not None
        signature = file_signature(self.path)
        self._watcher.acknowledge_version(signature)  # read, even if broken: no `changed` again
        with gc_paused():  # 100,000 annotations make GC passes walk them for ever after
            store = load_sidecar(self.path)
        self._known = signature
        self._size = signature[1] if signature else 0
        return store

    def start_over(self) -> Path | None:
        """Keep a copy of an unreadable sidecar beside it, then save what is in memory over it."""
        if self.path is None or self.read_only_reason is None:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        try:
            require_regular(self.path.stat().st_mode, self.path)  # copying /dev/zero never ends
            shutil.copy2(self.path, copy)
        except OSError as error:
            self.problem.emit(f"{self.path}: cannot keep a copy: {error.strerror}")
            return None
        self.read_only_reason = None
        self._known = file_signature(self.path)  # the user chose to write over this version
        self.save()
        self.changed.emit(set())
        return copy

    def _merge_from_disk(self) -> bool:
        """Another program or window changed the sidecar: take its changes in, keep ours.

        A sidecar that became unreadable is left alone, and annotating waits until the user
        decides; returns whether memory and disk agree afterwards.
        """
        if self.path is None:
            return False
        if self._loading:  # not read yet: reading it is the merge
            self.load()
            return True
        self._join()  # the version on disk is no longer changing under us
        self._take_outcomes()
        there = file_signature(self.path)  # first: a file made after it is found and merged
        if not self.path.is_file():  # deleted by another program: memory holds all there is
            self._known = there
            self._watcher.acknowledge_version(there)
            return self.save()
        try:
            theirs = self._read()
        except SidecarError as error:
            self.read_only_reason = (
                f"{error} — changed by another program; your annotations are kept in memory "
                "and read-only until you decide what to do"
            )
            # An undo now would change what cannot be saved. Cleared once the step that got
            # here (a redo, perhaps, inside the stack's own push) is over.
            QTimer.singleShot(0, self.undo_stack.clear)
            self._unsaved = bool(self.store.items or self.store.schedule.cards)  # only copy: ask
            self.problem.emit(self.read_only_reason)
            return False
        self.read_only_reason = None  # readable again (or still)
        self.store.merge(theirs, self._base.items, self._base.cards)
        self.store.extra = theirs.extra  # sections this app never changes: theirs are newest
        self._base = theirs.contents()
        if self._outline is not None:
            self.store.attach(self._outline)
            self._time_proposals(restart=False)  # the outline did not change: no new wait
        saved = True
        if self.store.contents() != theirs.contents():
            saved = self.save()  # ours had something theirs lacked: write the whole
        else:
            self._unsaved = False  # memory and disk agree
        self.changed.emit(set())
        return saved
