"""Annotating on its own: marks, the panel's requests, the context menu, unsaved annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from answers import answer, messages
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotating import Annotating
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.panels.annotationeditor import AnnotationEditor
from mindmap.ui.panels.annotationpanel import AnnotationPanel
from mindmap.ui.panels.banner import Banner
from mindmap.ui.panels.marklegend import MarkLegend

BRAHMOS = "Revision/Defence/BrahMos"


@pytest.fixture
def annotating(
    shown: Path,
    annotations: AnnotationSession,
    session: MapSession,
    maps: MapController,
    host: QWidget,
) -> Annotating:
    return Annotating(
        annotations,
        session=session,
        maps=maps,
        panel=AnnotationPanel(host),
        editor=AnnotationEditor(),
        legend=MarkLegend(),
        banner=Banner(),
        dialogs=host,
    )


def test_marks_need_a_selection_and_toggle(
    annotating: Annotating, session: MapSession, annotations: AnnotationSession
) -> None:
    said = messages(annotating)
    annotating.toggle_mark(Mark.KNOWN)
    annotating.annotate()
    assert said == ["Select a node to mark it.", "Select a node to annotate it."]
    session.select(BRAHMOS)
    annotating.toggle_mark(Mark.REVISE)
    assert annotations.store.get(BRAHMOS).mark is Mark.REVISE
    annotating.toggle_mark(Mark.REVISE)  # the same mark again takes it off
    assert annotations.store.get(BRAHMOS) is None


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # offscreen
def test_the_context_menu_marks_folds_and_centres(
    annotating: Annotating, session: MapSession, annotations: AnnotationSession, host: QWidget
) -> None:
    annotating.context_menu("Revision/Defence", QPoint(10, 10))
    menu = host.findChildren(QMenu)[-1]
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts == [
        "&Annotate in Details",
        "Mark as &Important",
        "Mark as &Revise again",
        "Mark as &Known",
        "&Fold / Unfold",
        "&Centre",
    ]
    session.select("Revision/Defence")
    next(a for a in menu.actions() if a.text() == "Mark as &Known").trigger()
    assert annotations.store.get("Revision/Defence").mark is Mark.KNOWN
    next(a for a in menu.actions() if a.text() == "&Fold / Unfold").trigger()
    assert "Revision/Defence" in session.folds
    menu.close()
    annotating.context_menu("Revision/Space", QPoint(10, 10))  # a leaf: nothing to fold
    leaf_menu = host.findChildren(QMenu)[-1]
    assert "&Fold / Unfold" not in [action.text() for action in leaf_menu.actions()]
    leaf_menu.close()


def test_deleting_from_the_panel_asks_first(
    annotating: Annotating,
    annotations: AnnotationSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    annotations.set(BRAHMOS, Annotation(BRAHMOS, "BrahMos", "missile"), "BrahMos")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    annotating.panel.delete_requested.emit(BRAHMOS)
    assert annotations.store.get(BRAHMOS) is not None
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    annotating.panel.delete_requested.emit(BRAHMOS)
    assert asked == ["Delete annotation"]
    assert annotations.store.get(BRAHMOS) is None
    annotations.undo_stack.undo()
    assert annotations.store.get(BRAHMOS).text == "missile"


def test_attaching_from_the_panel_needs_a_free_selected_node(
    annotating: Annotating, session: MapSession, annotations: AnnotationSession
) -> None:
    said = messages(annotating)
    lost = Annotation("Revision/Gone", "Gone", "kept")
    annotations.set("Revision/Gone", lost, "Gone")
    annotations.set(BRAHMOS, Annotation(BRAHMOS, "BrahMos", "mine"), "BrahMos")
    annotating.panel.attach_requested.emit("Revision/Gone")
    session.select(BRAHMOS)
    annotating.panel.attach_requested.emit("Revision/Gone")
    assert said == [
        "1 annotation matches no node: kept, and listed unattached in Annotate ▸ Annotations "
        "(Ctrl+Shift+A) to attach or delete",
        "Select the node to attach the annotation to.",
        "That node has an annotation already.",
    ]
    session.select("Revision/Space")
    annotating.panel.attach_requested.emit("Revision/Gone")
    assert annotations.store.get("Revision/Space").text == "kept"
    assert annotations.store.get("Revision/Gone") is None


def test_unsaved_annotations_are_not_dropped_unasked(
    annotating: Annotating,
    annotations: AnnotationSession,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    assert annotating.confirm_unsaved()  # nothing unsaved: nothing to ask
    shown_file = annotations.path
    assert shown_file is not None
    shown_file.mkdir()  # where the sidecar should go: no save can write it
    annotations.set(BRAHMOS, Annotation(BRAHMOS, "BrahMos", "kept in memory"), "BrahMos")
    assert annotations.unsaved
    answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not annotating.confirm_unsaved()
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert annotating.confirm_unsaved()
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    elsewhere = tmp_path / "elsewhere.notes.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(elsewhere), ""))
    said = messages(annotating)
    assert annotating.confirm_unsaved()
    assert elsewhere.is_file()
    assert said == [f"Annotations saved to {elsewhere}"]


def test_an_unreadable_sidecar_offers_to_start_over(
    outline_file: Path,
    annotating: Annotating,
    annotations: AnnotationSession,
    session: MapSession,
    qtbot: QtBot,
) -> None:
    sidecar = outline_file.with_name("outline.notes.yaml")
    sidecar.write_text("annotations: [unclosed\n", encoding="utf-8")
    annotations.open(outline_file, session.outline)
    banner = annotating.banner
    assert annotations.read_only_reason is not None
    annotations.problem.emit(annotations.read_only_reason)
    assert banner.action.text() == "Keep a copy and start over"
    said = messages(annotating)
    banner.action.click()
    assert annotations.read_only_reason is None
    assert said
    assert said[0].startswith("The unreadable annotations were kept in ")
    copy = Path(said[0].removeprefix("The unreadable annotations were kept in "))
    assert copy.read_text(encoding="utf-8") == "annotations: [unclosed\n"


def test_an_unattached_annotation_is_not_edited_from_the_panel(
    annotating: Annotating, annotations: AnnotationSession, session: MapSession
) -> None:
    annotations.set("Revision/Gone", Annotation("Revision/Gone", "Gone", "kept"), "Gone")
    assert session.outline is not None
    annotations.attach(session.outline)
    assert "Revision/Gone" in annotations.store.unattached
    annotating.panel.edit_requested.emit("Revision/Gone")
    assert session.selected is None  # nothing revealed, no editor opened
