"""Annotating: the annotation editor, revision marks, the Annotations panel's requests and the
sidecar's problems, as changes of the annotation session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.formats import ANNOTATIONS_FILTER
from mindmap.core.marks import count_marks
from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.panels.annotationeditor import AnnotationEditor
from mindmap.ui.panels.annotationpanel import AnnotationPanel
from mindmap.ui.panels.banner import Banner
from mindmap.ui.panels.marklegend import MarkLegend


class Annotating(QObject):
    """Turns the user's annotation requests into changes of the annotation session. Emits
    `message` (text, milliseconds) for the status bar and `changed` with the keys whose
    annotation changed (empty: any)."""

    message = Signal(str, int)
    changed = Signal(object)  # set[str]
    mark_shown = Signal(object)  # the selected node's Mark, or None
    only_shown = Signal(object)  # the Mark the map is filtered by, or None

    def __init__(
        self,
        annotations: AnnotationSession,
        *,
        session: MapSession,
        maps: MapController,
        panel: AnnotationPanel,
        editor: AnnotationEditor,
        legend: MarkLegend,
        banner: Banner,
        dialogs: QWidget,
    ) -> None:
        super().__init__(dialogs)
        self.legend = legend
        self.only: Mark | None = None  # the mark the map is filtered by
        self._lost = 0  # annotations matching no node, as last reported
        self.annotations, self.session, self.maps = annotations, session, maps
        self.panel, self.editor, self.banner, self._dialogs = panel, editor, banner, dialogs
        annotations.changed.connect(self._annotations_changed)
        annotations.problem.connect(self._annotation_problem)
        annotations.saved.connect(self._annotations_saved)
        panel.activated.connect(self.reveal)
        panel.edit_requested.connect(self._edit_from_panel)
        panel.annotate_requested.connect(self.annotate)
        panel.attach_requested.connect(self._attach_annotation)
        panel.delete_requested.connect(self._delete_annotation)
        maps.scene.context_menu_requested.connect(self.context_menu)
        maps.scene.node_double_clicked.connect(self._double_clicked)
        maps.selection_changed.connect(self._show_selected)
        maps.laid_out.connect(self._filter_may_have_ended)  # by Expand All, say
        editor.saved.connect(self._save_text)

    def reveal(self, key: str) -> None:
        self.maps.run(self.session.reveal(key))

    def annotate(self, key: str | None = None) -> None:
        """Edit the annotation of `key` (default: the selected node) in Details."""
        key = key or self.session.selected
        outline = self.session.outline
        if key is None or outline is None or key not in outline.by_key:
            self.message.emit("Select a node to annotate it.", 5000)
            return
        annotations = self.annotations
        if annotations.read_only_reason is not None:  # what the user typed could not be kept
            annotations.problem.emit(annotations.read_only_reason)
            return
        self.maps.run(self.session.select(key))
        self.editor.start_editing()

    def _show_selected(self, key: str | None = None) -> None:
        """Details shows the selected node's annotation (editable unless it cannot be saved)."""
        key = self.session.selected
        annotation = self.annotations.store.on_node(key) if key is not None else None
        editable = self.annotations.read_only_reason is None
        self.editor.show_annotation(key, annotation, editable=editable)
        self.mark_shown.emit(annotation.mark if annotation is not None else None)

    def _save_text(self, key: str, text: str) -> None:
        """What was typed in Details becomes the annotation's text, its mark kept; saving it
        confirms a proposed move. A node gone meanwhile (a reload) keeps it, unattached."""
        before = self.annotations.store.on_node(key)
        outline = self.session.outline
        node = outline.by_key.get(key) if outline is not None else None
        title = node.title if node is not None else before.title if before else key
        mark = before.mark if before is not None else None
        after = Annotation(key, title, text, mark, extra=before.extra if before else ())
        if after.empty:
            after = None
        if _content(after) != _content(before):  # an unchanged save is no undo step
            self.annotations.set(key, after, title)

    def _double_clicked(self, key: str) -> None:
        """A double-click centres the node, as Enter does, and opens its annotation."""
        self.maps.centre_on(key)
        self.annotate(key)

    def toggle_mark(self, mark: Mark) -> None:
        """Keys 1–3: set a revision mark on the selected node, or take it off."""
        key = self.session.selected
        current = self.annotations.store.on_node(key) if key is not None else None
        self.set_mark(None if current is not None and current.mark is mark else mark)

    def set_mark(self, mark: Mark | None) -> None:
        """Give the selected node `mark` (None, key 0: take its mark off), its text kept."""
        key, outline = self.session.selected, self.session.outline
        if key is None or outline is None:
            self.message.emit("Select a node to mark it.", 5000)
            return
        title = outline.by_key[key].title
        current = self.annotations.store.on_node(key)
        text = current.text if current else ""
        annotation = Annotation(key, title, text, mark)
        if _content(annotation) != _content(current):
            self.annotations.set(key, None if annotation.empty else annotation, title)
        self._show_selected()  # the menu shows the mark even when none could be set

    def show_only(self, mark: Mark | None) -> None:
        """Fold the map down to the paths to the nodes marked `mark` and dim the rest (None:
        show all, folded as before)."""
        if mark is None:
            self.maps.run(self.session.clear_filter())
        else:
            marked = [k for k, a in self.annotations.store.by_node().items() if a.mark is mark]
            change = self.session.filter_marks(marked)
            if change.relayout:
                self.only = mark
            else:
                self.message.emit(f"No node is marked “{mark.value}”.", 5000)
            self.maps.run(change)
        self._show_counts()

    def _filter_may_have_ended(self) -> None:
        if self.only is not None and self.session.filtered is None:
            self._show_counts()

    def _show_counts(self) -> None:
        """The legend counts the marks and names the filter; the menu checks it."""
        if self.session.filtered is None:  # cleared, or another file opened
            self.only = None
        counts = count_marks(self.annotations.shown.by_node())  # what is read so far
        self.legend.show_counts(counts, self.only)
        self.only_shown.emit(self.only)

    def save_annotations_as(self) -> None:
        start = str(self.annotations.path or Path.cwd())
        name, _ = QFileDialog.getSaveFileName(
            self._dialogs, "Save annotations as", start, ANNOTATIONS_FILTER
        )
        if name and self.annotations.save_to(Path(name)):
            self.message.emit(f"Annotations saved to {name}", 8000)

    def _annotations_changed(self, keys: set[str]) -> None:
        if self.annotations.loading:  # a big sidecar is being read: its own `changed` follows
            return
        store = self.annotations.store
        self.maps.annotations_changed()
        self.maps.scene.show_annotations(store, keys or None)
        self.panel.show_store(store)
        self._show_counts()
        self._report_lost()
        if not keys or self.session.selected in keys:
            self._show_selected()
        self.changed.emit(keys)

    def _report_lost(self) -> None:
        """Say when annotations match no node (they are kept, waiting in the panel)."""
        store = self.annotations.store
        lost = len(store.unattached - {p.stored for p in store.proposals.values()})
        if lost and lost != self._lost:
            many = f"{lost} annotations match" if lost > 1 else "1 annotation matches"
            self.message.emit(
                f"{many} no node: kept, and listed unattached in Annotate ▸ Annotations "
                "(Ctrl+Shift+A) to attach or delete",
                15_000,
            )
        self._lost = lost

    def _annotations_saved(self) -> None:
        if self.annotations.read_only_reason is None:
            self.banner.clear()

    def _annotation_problem(self, message: str) -> None:
        if self.annotations.read_only_reason is not None:
            self.banner.show_message(message, "Keep a copy and start over", self._start_over)
        elif self.annotations.unsaved:
            self.banner.show_message(message, "Save As…", self.save_annotations_as)
        else:
            self.banner.show_message(message)

    def _start_over(self) -> None:
        copy = self.annotations.start_over()
        if copy is not None:
            self.banner.clear()
            self.message.emit(f"The unreadable annotations were kept in {copy}", 15_000)

    def _edit_from_panel(self, key: str) -> None:
        if key in self.annotations.store.unattached:
            return
        self.reveal(key)
        self.annotate(key)

    def _attach_annotation(self, old_key: str) -> None:
        key, outline = self.session.selected, self.session.outline
        if key is None or outline is None:
            self.message.emit("Select the node to attach the annotation to.", 8000)
            return
        if key in self.annotations.store.items:
            self.message.emit("That node has an annotation already.", 8000)
            return
        self.annotations.move(old_key, key, outline.by_key[key].title)

    def _delete_annotation(self, key: str) -> None:
        annotation = self.annotations.store.get(key)
        if annotation is None:
            return
        choice = QMessageBox.question(
            self._dialogs,
            "Delete annotation",
            f"Delete your annotation on “{annotation.title}”? (Ctrl+Z brings it back.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if choice == QMessageBox.StandardButton.Yes:
            self.annotations.set(key, None, annotation.title)

    def context_menu(self, key: str, where: QPoint) -> None:
        menu = QMenu(self._dialogs)
        menu.addAction("&Annotate in Details", lambda: self.annotate(key))
        for mark in Mark:
            menu.addAction(mark_label(mark), lambda m=mark: self.toggle_mark(m))
        menu.addSeparator()
        outline = self.session.outline
        if outline is not None and outline.by_key[key].children:
            menu.addAction("&Fold / Unfold", lambda: self.maps.run(self.session.toggle_fold(key)))
        menu.addAction("&Centre", lambda: self.maps.centre_on(key))
        menu.popup(where)

    def confirm_unsaved(self) -> bool:
        """Annotations that could not be saved are not lost unasked; returns whether to go on."""
        self.editor.commit()  # what is being typed is saved before the file goes
        if not self.annotations.unsaved:
            return True
        choice = QMessageBox.question(
            self._dialogs,
            "Annotations not saved",
            "Some annotations could not be saved. Save them elsewhere first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if choice == QMessageBox.StandardButton.Save:
            self.save_annotations_as()
            return not self.annotations.unsaved
        return choice == QMessageBox.StandardButton.Discard


def _content(annotation: Annotation | None) -> tuple[str, Mark | None, str | None] | None:
    if annotation is None:
        return None
    return annotation.text, annotation.mark, annotation.unknown_mark


def mark_label(mark: Mark) -> str:
    """A mark's menu text, its first letter the mnemonic: "Mark as &Important"."""
    return f"Mark as &{mark.value.capitalize()}"
