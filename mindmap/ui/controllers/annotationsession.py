"""The annotations of the open outline: loaded, changed with undo, saved on every change, kept safe.

Saving never loses anything: a sidecar that cannot be read is never written over (annotating
waits until the user decides), a failed save keeps the edits in memory and says so, and a
sidecar changed by another program or window is merged first (see `sidecarjobs`). A big sidecar
is read and written on threads of their own, so that the window never waits for it; changes
made meanwhile are coalesced into the next write, and `unsaved` waits for the write in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from mindmap.core.annotations import Annotation, AnnotationStore, now
from mindmap.core.model import Outline
from mindmap.core.sidecar import SidecarError, SidecarText, sidecar_path
from mindmap.core.study import Schedule
from mindmap.ui.controllers.annotationundo import AnnotationChange
from mindmap.ui.controllers.sidecarjobs import (
    SidecarRead,
    keep_copy,
    read_apart,
    read_on_a_thread,
)
from mindmap.ui.controllers.sidecarsaving import SidecarSaving
from mindmap.ui.controllers.watcher import file_signature

SETTLE_MS = 3000  # an outline left unchanged this long is meant: proposed moves become real
DEFER_BYTES = 500_000  # a sidecar bigger than this is read on a thread, the map shown meanwhile


class AnnotationSession(SidecarSaving):
    """Emits `changed` with the keys whose annotation changed (empty: look at all of them),
    `problem` with a message when the sidecar cannot be read or written, `saved` after a save."""

    _read_done = Signal(object)  # from the reading thread: its SidecarRead

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._outline: Outline | None = None
        self._watcher.changed.connect(self._merge_from_disk)
        # Started by each outline that proposes moves, so only one left alone this long moves.
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._settle)
        self._read_done.connect(self._read_finished)
        self._loading = False  # a big sidecar is being read on a thread
        self._reading: SidecarRead | None = None

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
        if self._loading:  # the map shows while it is read; whatever needs it waits for it
            self._store, self.read_only_reason = AnnotationStore(), None
            self._base = self._store.contents()
            assert self.path is not None
            job = self._reading = SidecarRead(self.path)
            QTimer.singleShot(0, lambda: self._start_reading(job))  # after the first paint
            return
        self._load(outline)

    @property
    def store(self) -> AnnotationStore:
        """The annotations, all of them: whatever acts on them waits for a read in progress."""
        self.load()
        return self._store

    @property
    def shown(self) -> AnnotationStore:
        """The annotations read so far, to draw while a big sidecar is being read."""
        return self._store

    @property
    def loading(self) -> bool:
        """Whether a big sidecar is still being read."""
        return self._loading

    def load(self) -> None:
        """Wait for a big sidecar being read, and take it in (once)."""
        job = self._reading
        if not self._loading or job is None:
            return
        if job.thread is None:  # needed before the thread started: read it here
            job.thread = threading.current_thread()
            read_apart(job)
        elif job.thread is not threading.current_thread():
            job.thread.join()
        self._loading, self._reading = False, None
        self._load(self._outline, job)

    def _start_reading(self, job: SidecarRead) -> None:
        """Read on a thread, started once the map has painted: it would take turns with it."""
        if job is self._reading and job.thread is None:
            read_on_a_thread(job, self._read_done.emit)

    def _read_finished(self, job: SidecarRead) -> None:
        if job is self._reading:  # not a read of a file opened before
            self.load()

    def _load(self, outline: Outline | None, job: SidecarRead | None = None) -> None:
        try:
            self._store = self._read() if job is None else self._took(job)
        except SidecarError as error:
            self._store = AnnotationStore()
            self._base = self._store.contents()
            self.read_only_reason = (
                f"{error} — your annotations are read-only until you decide what to do"
            )
            self.problem.emit(self.read_only_reason)
            self.changed.emit(set())
            return
        self.read_only_reason = None
        self._base = self._store.contents()
        if outline is not None:
            self.attach(outline)
        else:
            self.changed.emit(set())

    def attach(self, outline: Outline) -> None:
        """Match the annotations to a (re)loaded outline. Those that would follow a moved node
        show there, but move (and are saved moved) only once the outline has settled."""
        self._outline = outline
        self._store.attach(outline)
        self._time_proposals(restart=True)
        self.changed.emit(set())

    def hold(self) -> None:
        """The outline on disk changed but could not be read: it has not settled yet."""
        self._time_proposals(restart=True)

    def _time_proposals(self, *, restart: bool) -> None:
        if not self._store.pending:
            self.settle_timer.stop()
        elif restart or not self.settle_timer.isActive():
            self.settle_timer.start()

    def _settle(self) -> None:
        """The outline was left alone: the proposed moves become real, and are saved."""
        self.load()  # never act on a store that has not been read
        if self.read_only_reason is not None:  # they could not be saved: they wait
            return
        if self._store.settle():
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
        shown = self._store.on_node(key)  # its own, or the one proposed to move here
        if annotation is not None:  # fields this app does not know stay with the entry
            extra = shown.extra if shown is not None else annotation.extra
            annotation = replace(annotation, key=key, title=title, updated=now(), extra=extra)
        proposal = self._store.proposals.get(key)
        if proposal is None or proposal.stored == key:
            self.undo_stack.push(
                AnnotationChange(self.apply, key, self._store.get(key), annotation)
            )
        else:
            text = "Annotate" if annotation is not None else "Delete annotation"
            self._move(proposal.stored, key, annotation, text)
        return True

    def move(self, old_key: str, new_key: str, title: str) -> None:
        """Attach an unattached annotation to another node, undoably."""
        self.load()  # never act on a store that has not been read
        annotation = self._store.get(old_key)
        if annotation is None or self.read_only_reason is not None:
            return
        moved = Annotation(new_key, title, annotation.text, annotation.mark, now())
        self._move(old_key, new_key, moved, "Attach annotation")

    def _move(self, old_key: str, key: str, annotation: Annotation | None, text: str) -> None:
        """One undoable step: the annotation of `old_key` taken off, `annotation` put on `key`."""
        self.undo_stack.beginMacro(text)
        self.undo_stack.push(AnnotationChange(self.apply, old_key, self._store.get(old_key), None))
        self.undo_stack.push(AnnotationChange(self.apply, key, self._store.get(key), annotation))
        self.undo_stack.endMacro()

    def change_schedule(self, change: Callable[[Schedule], object]) -> bool:
        """Grade a card or reset one (`change` does it to the schedule), and save; False, with
        `problem` saying why, when the sidecar may not be written."""
        self.load()  # never act on a store that has not been read
        if self.read_only_reason is not None:
            self.problem.emit(self.read_only_reason)
            return False
        change(self._store.schedule)
        self.save()
        self.changed.emit(set())
        return True

    def apply(self, key: str, annotation: Annotation | None) -> None:
        """Put an annotation in place and save (undo and redo come through here)."""
        proposed = self._store.proposals.items()
        shown = {key} | {node for node, p in proposed if key in (node, p.stored)}  # repaint them
        self._store.put(annotation, key)
        self._time_proposals(restart=False)  # the user's change may have decided the last one
        if annotation is not None and self._outline is not None:
            if key in self._outline.by_key:
                self._store.unattached.discard(key)
            else:
                self._store.unattached.add(key)
        self.save()
        self.changed.emit(shown)

    def _took(self, job: SidecarRead) -> AnnotationStore:
        """A read made on the reading thread, taken in as `_read` would have made it."""
        self._watcher.acknowledge_version(job.signature)
        if job.error is not None:
            raise job.error
        assert job.store is not None
        self._known = job.signature
        self._size = job.signature[1] if job.signature else 0
        with self._lock:
            if self._running is None:  # the entries as read: a first save dumps only changes
                self._text = job.text
        return job.store

    def _read(self) -> AnnotationStore:
        """The sidecar on disk; the version memory includes is noted first, so that a write
        landing between the two is merged again, never overwritten."""
        assert self.path is not None
        job = SidecarRead(self.path)
        read_apart(job)
        return self._took(job)

    def start_over(self) -> Path | None:
        """Keep a copy of an unreadable sidecar beside it, then save what is in memory over it."""
        if self.path is None or self.read_only_reason is None:
            return None
        try:
            copy = keep_copy(self.path)
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
            self._unsaved = bool(self._store.items or self._store.schedule.cards)  # only copy
            self.problem.emit(self.read_only_reason)
            return False
        self.read_only_reason = None  # readable again (or still)
        self._store.merge(theirs, self._base.items, self._base.cards)
        self._store.extra = theirs.extra  # sections this app never changes: theirs are newest
        self._base = theirs.contents()
        if self._outline is not None:
            self._store.attach(self._outline)
            self._time_proposals(restart=False)  # the outline did not change: no new wait
        saved = True
        if self._store.contents() != theirs.contents():
            saved = self.save()  # ours had something theirs lacked: write the whole
        else:
            self._unsaved = False  # memory and disk agree
        self.changed.emit(set())
        return saved
