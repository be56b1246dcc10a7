"""The annotations of the open outline: loaded, changed with undo, saved on every change, kept safe.

Saving never loses anything: a sidecar that cannot be read is never written over (annotating
waits until the user decides), a failed save keeps the edits in memory and says so, and a
sidecar changed by another program is merged, not clobbered.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from mindmap.core.annotations import (
    Annotation,
    AnnotationStore,
    SidecarError,
    load_sidecar,
    now,
    sidecar_path,
)
from mindmap.core.atomicfile import write_atomic
from mindmap.core.model import Outline
from mindmap.core.readfile import require_regular
from mindmap.ui.controllers.watcher import FileWatcher

SETTLE_MS = 3000  # an outline left unchanged this long is meant: proposed moves become real


class AnnotationSession(QObject):
    """Emits `changed` with the keys whose annotation changed (empty: look at all of them),
    `problem` with a message when the sidecar cannot be read or written, `saved` after a save."""

    changed = Signal(object)  # set[str]
    problem = Signal(str)
    saved = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = AnnotationStore()
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self.outline_name = ""
        self.read_only_reason: str | None = None  # set while the sidecar cannot be read
        self.unsaved = False  # edits that the last save could not write
        self._base: dict[str, Annotation] = {}  # the entries as last read or written
        self._outline: Outline | None = None
        self._watcher = FileWatcher(self)
        self._watcher.changed.connect(self._merge_from_disk)
        # Started by each outline that proposes moves, so only one left alone this long moves.
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._settle)

    def open(self, outline_path: Path, outline: Outline | None) -> None:
        """Load the annotations of the outline at `outline_path` (a missing sidecar: none)."""
        self.path = sidecar_path(outline_path)
        self.outline_name = outline_path.name
        self._outline = outline  # never the previous outline's: its keys are not this one's
        self.undo_stack.clear()
        self.unsaved = False
        self.settle_timer.stop()  # the proposals were the other outline's
        self._watcher.watch(self.path)
        try:
            self.store = load_sidecar(self.path)
        except SidecarError as error:
            self.store = AnnotationStore()
            self._base = {}
            self.read_only_reason = (
                f"{error} — your annotations are read-only until you decide what to do"
            )
            self.problem.emit(self.read_only_reason)
            self.changed.emit(set())
            return
        self.read_only_reason = None
        self._base = dict(self.store.items)
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
        if self.read_only_reason is not None:
            self.problem.emit(self.read_only_reason)
            return False
        if annotation is not None:
            annotation = Annotation(key, title, annotation.text, annotation.mark, now())
        proposal = self.store.proposals.get(key)
        if proposal is None or proposal.stored == key:
            self.undo_stack.push(_Change(self, key, self.store.get(key), annotation))
        else:
            text = "Annotate" if annotation is not None else "Delete annotation"
            self._move(proposal.stored, key, annotation, text)
        return True

    def move(self, old_key: str, new_key: str, title: str) -> None:
        """Attach an unattached annotation to another node, undoably."""
        annotation = self.store.get(old_key)
        if annotation is None or self.read_only_reason is not None:
            return
        moved = Annotation(new_key, title, annotation.text, annotation.mark, now())
        self._move(old_key, new_key, moved, "Attach annotation")

    def _move(self, old_key: str, key: str, annotation: Annotation | None, text: str) -> None:
        """One undoable step: the annotation of `old_key` taken off, `annotation` put on `key`."""
        self.undo_stack.beginMacro(text)
        self.undo_stack.push(_Change(self, old_key, self.store.get(old_key), None))
        self.undo_stack.push(_Change(self, key, self.store.get(key), annotation))
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
        """Write the sidecar now; on failure the edits stay in memory and `problem` says why."""
        if self.path is None or self.read_only_reason is not None:
            return False
        if self._watcher.stale():  # changed by another program since we read it: merge first
            return self._merge_from_disk()
        return self.save_to(self.path)

    def save_to(self, path: Path) -> bool:
        try:
            write_atomic(path, self.store.dump(self.outline_name).encode("utf-8"))
        except OSError as error:
            self.unsaved = True
            self.problem.emit(
                f"{path}: cannot save your annotations: {error.strerror}. They are kept in "
                "memory; use Annotate ▸ Save Annotations As… to put them somewhere safe."
            )
            return False
        if path == self.path:
            self._watcher.acknowledge()
            self._base = dict(self.store.items)
        self.unsaved = False
        self.saved.emit()
        return True

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
        self.save_to(self.path)
        self.changed.emit(set())
        return copy

    def _merge_from_disk(self) -> bool:
        """Another program or window changed the sidecar: take its changes in, keep ours.

        A sidecar that became unreadable is left alone, and annotating waits until the user
        decides; returns whether memory and disk agree afterwards.
        """
        if self.path is None:
            return False
        self._watcher.acknowledge()  # this version is the one being read now
        if not self.path.is_file():  # deleted by another program: memory holds all there is
            return self.save_to(self.path)
        try:
            theirs = load_sidecar(self.path)
        except SidecarError as error:
            self.read_only_reason = (
                f"{error} — changed by another program; your annotations are kept in memory "
                "and read-only until you decide what to do"
            )
            # An undo now would change what cannot be saved. Cleared once the step that got
            # here (a redo, perhaps, inside the stack's own push) is over.
            QTimer.singleShot(0, self.undo_stack.clear)
            self.unsaved = bool(self.store.items)  # memory is their only good copy: ask
            self.problem.emit(self.read_only_reason)
            return False
        self.read_only_reason = None  # readable again (or still)
        self.store.merge(theirs, self._base)
        self._base = dict(theirs.items)
        if self._outline is not None:
            self.store.attach(self._outline)
            self._time_proposals(restart=False)  # the outline did not change: no new wait
        saved = True
        if self.store.items != theirs.items:
            saved = self.save_to(self.path)  # ours had something theirs lacked: write the whole
        else:
            self.unsaved = False  # memory and disk agree
        self.changed.emit(set())
        return saved


class _Change(QUndoCommand):
    def __init__(
        self,
        session: AnnotationSession,
        key: str,
        before: Annotation | None,
        after: Annotation | None,
    ) -> None:
        super().__init__("Annotate" if after is not None else "Delete annotation")
        self.session, self.key, self.before, self.after = session, key, before, after

    def redo(self) -> None:
        self.session.apply(self.key, self.after)

    def undo(self) -> None:
        self.session.apply(self.key, self.before)
