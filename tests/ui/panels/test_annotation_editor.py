"""The annotation in Details on its own: rendered, edited in place, saved or cancelled by keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation, Mark
from mindmap.ui.panels.annotationeditor import AnnotationEditor

KEY = "Root/Node"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[AnnotationEditor]:
    """The editor in a shown window, beside a field that focus can go to."""
    host = QWidget()
    qtbot.add_widget(host)
    column = QVBoxLayout(host)
    editor = AnnotationEditor()
    column.addWidget(editor)
    column.addWidget(QLineEdit(objectName="elsewhere"))
    host.show()
    qtbot.wait_exposed(host)
    host.activateWindow()
    qtbot.wait_until(host.isActiveWindow)
    yield editor
    host.close()  # held here until then: pytest-qt keeps no reference to it


def saves(editor: AnnotationEditor) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    editor.saved.connect(lambda key, text: said.append((key, text)))
    return said


def test_shows_the_annotation_as_light_markdown_with_its_mark(editor: AnnotationEditor) -> None:
    editor.show_annotation(KEY, Annotation(KEY, "Node", "**Brahmaputra** + *Moskva*", Mark.REVISE))
    assert editor.view.toPlainText().strip() == "Brahmaputra + Moskva"  # no raw asterisks
    assert "font-weight:700" in editor.view.toHtml()
    assert "↻ Revise again" in editor.header.text()
    editor.show_annotation(KEY, None)
    assert editor.view.toPlainText() == ""
    assert "click or press A" in editor.view.placeholderText()


def test_ctrl_enter_saves_escape_cancels(editor: AnnotationEditor, qtbot: QtBot) -> None:
    said = saves(editor)
    editor.show_annotation(KEY, Annotation(KEY, "Node", "old"))
    assert editor.start_editing()
    assert editor.field.isVisible()
    assert not editor.view.isVisible()
    qtbot.keyClicks(editor.field, "new")  # the old text is selected: typing replaces it
    qtbot.keyClick(editor.field, Qt.Key.Key_Return, CTRL)
    assert said == [(KEY, "new")]
    assert not editor.editing
    assert editor.view.isVisible()

    editor.start_editing()
    qtbot.keyClicks(editor.field, "thrown away")
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    assert said == [(KEY, "new")]
    assert not editor.editing


def test_leaving_the_field_saves_and_unchanged_text_saves_nothing(
    editor: AnnotationEditor, qtbot: QtBot
) -> None:
    said = saves(editor)
    editor.show_annotation(KEY, None)
    editor.start_editing()
    qtbot.wait_until(editor.field.hasFocus)
    editor.parentWidget().findChild(QLineEdit, "elsewhere").setFocus()
    assert said == []  # nothing typed: nothing to save
    editor.start_editing()
    qtbot.wait_until(editor.field.hasFocus)
    qtbot.keyClicks(editor.field, "mine")
    editor.parentWidget().findChild(QLineEdit, "elsewhere").setFocus()
    assert said == [(KEY, "mine")]


def test_a_click_on_the_text_starts_editing_unless_read_only(
    editor: AnnotationEditor, qtbot: QtBot
) -> None:
    editor.show_annotation(KEY, Annotation(KEY, "Node", "text"))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton)
    assert editor.editing
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    editor.show_annotation(KEY, Annotation(KEY, "Node", "text"), editable=False)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton)
    assert not editor.editing
    editor.show_annotation(None, None)
    assert not editor.start_editing()


def test_another_node_selected_while_editing_saves_the_first(
    editor: AnnotationEditor, qtbot: QtBot
) -> None:
    said = saves(editor)
    editor.show_annotation(KEY, None)
    editor.start_editing()
    qtbot.keyClicks(editor.field, "first")
    editor.show_annotation("Root/Other", None)
    assert said == [(KEY, "first")]
    assert not editor.editing
