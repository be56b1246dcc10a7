"""Annotating in the window: the editor, marks, the panel's requests and the sidecar's problems."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from mindmap.core.annotations import Annotation, Mark
from mindmap.ui.annotationdialog import AnnotationDialog

if TYPE_CHECKING:
    from mindmap.ui.window import MainWindow

OUTLINE_FILTER = "Outlines (*.yaml *.yml);;All files (*)"


class Annotating(QObject):
    """Turns the user's annotation requests into changes of the window's annotation session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        session, panel = window.annotations, window.annotation_panel
        session.changed.connect(self._annotations_changed)
        session.problem.connect(self._annotation_problem)
        session.saved.connect(self._annotations_saved)
        panel.activated.connect(window.reveal)
        panel.edit_requested.connect(self._edit_from_panel)
        panel.annotate_requested.connect(self.annotate)
        panel.attach_requested.connect(self._attach_annotation)
        panel.delete_requested.connect(self._delete_annotation)
        window.scene.context_menu_requested.connect(self.context_menu)
        window.scene.node_double_clicked.connect(self._double_clicked)

    def annotate(self, key: str | None = None) -> None:
        """Open the annotation editor for `key` (default: the selected node)."""
        key = key or self.window.scene.selected
        if key is None or self.window.outline is None or key not in self.window.outline.by_key:
            self.window.statusBar().showMessage("Select a node to annotate it.", 5000)
            return
        session = self.window.annotations
        if session.read_only_reason is not None:  # what the user typed could not be kept
            session.problem.emit(session.read_only_reason)
            return
        self.window.select(key)
        title = self.window.outline.by_key[key].title
        before = session.store.on_node(key)  # saving it confirms a proposed move
        dialog = AnnotationDialog(self.window, key, title, before)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        after = dialog.annotation()
        if _content(after) != _content(before):  # an unchanged Save is no undo step
            session.set(key, after, title)

    def _double_clicked(self, key: str) -> None:
        """A double-click centres the node, as Enter does, and opens its annotation."""
        self.window.centre_on(key)
        self.annotate(key)

    def toggle_mark(self, mark: Mark) -> None:
        """Keys 1–3: set a revision mark on the selected node, or take it off."""
        key = self.window.scene.selected
        if key is None or self.window.outline is None:
            self.window.statusBar().showMessage("Select a node to mark it.", 5000)
            return
        title = self.window.outline.by_key[key].title
        current = self.window.annotations.store.on_node(key)
        text = current.text if current else ""
        new_mark = None if current is not None and current.mark is mark else mark
        empty = not text.strip() and new_mark is None
        annotation = None if empty else Annotation(key, title, text, new_mark)
        self.window.annotations.set(key, annotation, title)

    def save_annotations_as(self) -> None:
        start = str(self.window.annotations.path or Path.cwd())
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save annotations as", start, OUTLINE_FILTER
        )
        if name and self.window.annotations.save_to(Path(name)):
            self.window.statusBar().showMessage(f"Annotations saved to {name}", 8000)

    def _annotations_changed(self, keys: set[str]) -> None:
        store = self.window.annotations.store
        self.window.scene.show_annotations(store, keys or None)
        self.window.annotation_panel.show_store(store)
        if self.window.find_bar.isVisible():
            self.window.find(self.window.find_bar.field.text())
        if self.window.scene.selected in keys:
            self.window._show_details(self.window.scene.selected)

    def _annotations_saved(self) -> None:
        if self.window.annotations.read_only_reason is None:
            self.window.notes_banner.clear()

    def _annotation_problem(self, message: str) -> None:
        if self.window.annotations.read_only_reason is not None:
            self.window.notes_banner.show_message(
                message, "Keep a copy and start over", self._start_over
            )
        elif self.window.annotations.unsaved:
            self.window.notes_banner.show_message(message, "Save As…", self.save_annotations_as)
        else:
            self.window.notes_banner.show_message(message)

    def _start_over(self) -> None:
        copy = self.window.annotations.start_over()
        if copy is not None:
            self.window.notes_banner.clear()
            self.window.statusBar().showMessage(
                f"The unreadable annotations were kept in {copy}", 15_000
            )

    def _edit_from_panel(self, key: str) -> None:
        if key in self.window.annotations.store.unattached:
            return
        self.window.reveal(key)
        self.annotate(key)

    def _attach_annotation(self, old_key: str) -> None:
        key = self.window.scene.selected
        if key is None or self.window.outline is None:
            self.window.statusBar().showMessage(
                "Select the node to attach the annotation to.", 8000
            )
            return
        if key in self.window.annotations.store.items:
            self.window.statusBar().showMessage("That node has an annotation already.", 8000)
            return
        self.window.annotations.move(old_key, key, self.window.outline.by_key[key].title)

    def _delete_annotation(self, key: str) -> None:
        annotation = self.window.annotations.store.get(key)
        if annotation is None:
            return
        choice = QMessageBox.question(
            self.window,
            "Delete annotation",
            f"Delete your annotation on “{annotation.title}”? (Ctrl+Z brings it back.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if choice == QMessageBox.StandardButton.Yes:
            self.window.annotations.set(key, None, annotation.title)

    def context_menu(self, key: str, where: QPoint) -> None:
        menu = QMenu(self.window)
        menu.addAction("Annotate…", lambda: self.annotate(key))
        for mark in Mark:
            menu.addAction(f"Mark as {mark.value.capitalize()}", lambda m=mark: self.toggle_mark(m))
        menu.addSeparator()
        if self.window.outline is not None and self.window.outline.by_key[key].children:
            menu.addAction("Fold / Unfold", lambda: self.window.toggle_fold(key))
        menu.addAction("Centre", lambda: self.window.centre_on(key))
        menu.popup(where)

    def confirm_unsaved(self) -> bool:
        choice = QMessageBox.question(
            self.window,
            "Annotations not saved",
            "Some annotations could not be saved. Save them elsewhere first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if choice == QMessageBox.StandardButton.Save:
            self.save_annotations_as()
            return not self.window.annotations.unsaved
        return choice == QMessageBox.StandardButton.Discard


def _content(annotation: Annotation | None) -> tuple[str, Mark | None] | None:
    return (annotation.text, annotation.mark) if annotation is not None else None
