"""Exporting from the window: ask where and how, then draw the map as it is shown, cancellably,
or write the outline as an Anki deck."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.export import (
    ExportCancelledError,
    ExportError,
    ExportResult,
    export_scene,
    refuse_own_files,
    scene_for_export,
)
from mindmap.ui.panels.exportdialog import DECK_SUFFIX, ExportDialog, ExportRequest
from mindmap.ui.theme import LIGHT, Theme

PROGRESS_STEPS = 1000


class Exporting(QObject):
    """Emits `message` (text, milliseconds) for the status bar."""

    message = Signal(str, int)

    def __init__(
        self,
        session: MapSession,
        annotations: AnnotationSession,
        theme: Callable[[], Theme],
        settings: QSettings,
        dialogs: QWidget,
    ) -> None:
        super().__init__(dialogs)
        self.session, self.settings, self._dialogs = session, settings, dialogs
        self._annotations, self._theme = annotations, theme
        self.path: Path | None = None  # the open outline's file

    def export_map(self) -> None:
        """Ask where and how, then export with a progress dialog that can cancel."""
        if self.session.outline is None or self.path is None:
            return
        dialog = ExportDialog(self._dialogs, self.settings, self.path)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        if request.path.suffix.lower() == DECK_SUFFIX:
            self.write_deck(request.path)
        else:
            self.run_export(request)

    def write_deck(self, path: Path) -> int | None:
        """Write the outline as an Anki deck, as `mindmap export FILE -o deck.apkg` does (with
        the annotations, atomically); returns how many notes, or None when nothing was written."""
        outline = self.session.outline
        if outline is None or self._refused(path):
            return None
        # genanki takes 0.1 s to import: paid by the first deck, not by every start
        from mindmap.core.ankideck import write_deck  # noqa: PLC0415

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = write_deck(outline, self._annotations.store, path)
        except OSError as error:
            QMessageBox.warning(
                self._dialogs, "Export failed", f"{path}: {error.strerror or error}"
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()
        notes = f"an Anki deck of {count} notes (one per node with children)"
        self.message.emit(f"Exported {path}: {notes}{self._without()}", 10_000)
        return count

    def _without(self) -> str:
        """What an export says when the annotations could not be read, and so are left out."""
        unread = self._annotations.read_only_reason is not None
        return ", without your annotations (their file could not be read)" if unread else ""

    def _refused(self, path: Path) -> bool:
        """Whether `path` is the outline or its annotations file (said in a message box). The
        dialog checks too; a request may come from elsewhere."""
        try:
            if self.path is not None:
                refuse_own_files(path, self.path)
        except ExportError as error:
            QMessageBox.warning(self._dialogs, "Export failed", str(error))
            return True
        return False

    def run_export(self, request: ExportRequest) -> ExportResult | None:
        """Export as asked; says how it went in the status bar, or why not in a message box."""
        outline = self.session.outline
        assert outline is not None
        if self._refused(request.path):
            return None
        theme = self._theme()
        if request.options.background is not None and request.options.background.value() > 160:
            theme = LIGHT  # a dark theme's pale text would vanish on a white page
        # A scene of its own: a reload during a long export cannot change what is drawn, and
        # the selection and find highlights stay on screen, out of the picture.
        scene = scene_for_export(
            outline,
            set() if request.expand_all else set(self.session.folds),
            self.session.mode,
            theme,
            self._annotations.store,
            with_text=request.with_annotation_text,
            focus=self.session.focus,  # what is shown: a focused branch is the whole map
        )
        progress = QProgressDialog("Exporting the map…", "Cancel", 0, PROGRESS_STEPS, self._dialogs)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def advance(done: float) -> bool:
            progress.setValue(round(done * PROGRESS_STEPS))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = export_scene(scene, request.path, theme, request.options, advance)
        except ExportCancelledError:
            self.message.emit("Export cancelled; nothing was written.", 8000)
            return None
        except ExportError as error:
            QMessageBox.warning(self._dialogs, "Export failed", str(error))
            return None
        finally:
            progress.close()
        message = f"Exported {result.path} ({result.width} × {result.height} px){self._without()}"
        if result.warning:
            QMessageBox.information(
                self._dialogs, "Export", f"{message}.\n\nNote: {result.warning}."
            )
        self.message.emit(message, 10_000)
        return result
