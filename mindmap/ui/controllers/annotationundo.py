"""One undoable change of an annotation, for the annotation session's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from mindmap.core.annotations import Annotation


class AnnotationChange(QUndoCommand):
    """Puts `after` on `key` (redo) or `before` back (undo), through `apply`, which saves."""

    def __init__(
        self,
        apply: Callable[[str, Annotation | None], None],
        key: str,
        before: Annotation | None,
        after: Annotation | None,
    ) -> None:
        super().__init__("Annotate" if after is not None else "Delete annotation")
        self._apply, self.key, self.before, self.after = apply, key, before, after

    def redo(self) -> None:
        self._apply(self.key, self.after)

    def undo(self) -> None:
        self._apply(self.key, self.before)
