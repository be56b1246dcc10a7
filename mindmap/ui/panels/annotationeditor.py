"""Your annotation in the Details panel: read as light markdown, edited in place.

No dialog over the map: the text shows where the node's details are read, and a click (or `A`)
turns it into a field; Ctrl+Enter or leaving the field saves, Escape cancels. The editor only
says what was typed (`saved`); the annotation session makes it an undoable, saved change.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mindmap.core.annotations import Annotation
from mindmap.ui.map.tooltip import MARKDOWN
from mindmap.ui.panels.links import guard_links
from mindmap.ui.theme import mark_look

RENDERED_CHARS = 20_000  # more is shown in full when edited: rendering a megabyte takes seconds
PLACEHOLDER = (
    "Your own note on this node: click or press A to write it (**bold**, *italic*, - lists)"
)


class _Field(QPlainTextEdit):
    """The text being edited: Ctrl+Enter saves, Escape cancels, leaving the field saves."""

    commit = Signal()
    cancel = Signal()

    def event(self, event: QEvent) -> bool:
        """Ctrl+Enter and Escape are the field's own while it is edited, not the window's
        shortcuts (Enter centres the node, Escape clears the selection)."""
        if event.type() == QEvent.Type.ShortcutOverride and _own_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if _own_key(event):
            (self.cancel if event.key() == Qt.Key.Key_Escape else self.commit).emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own context menu stays in
            self.commit.emit()


def _own_key(event: QKeyEvent) -> bool:
    if event.key() == Qt.Key.Key_Escape:
        return True
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return control and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _Rendered(QTextBrowser):
    """The annotation as read; a click that is not on a link or a selection asks to edit."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        on_link = bool(self.anchorAt(event.position().toPoint()))
        left = event.button() == Qt.MouseButton.LeftButton
        if left and not on_link and not self.textCursor().hasSelection():
            self.clicked.emit()


class AnnotationEditor(QWidget):
    """The selected node's annotation. Emits `saved` (key, text) when an edit ends with text
    other than the annotation's."""

    saved = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.key: str | None = None
        self.editable = False
        self._text = ""  # the annotation's text as shown, to tell an edit from none
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.view = _Rendered()
        guard_links(self.view)
        self.view.setPlaceholderText(PLACEHOLDER)
        self.view.clicked.connect(self.start_editing)
        self.field = _Field()
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.commit.connect(self.commit)
        self.field.cancel.connect(self.cancel)
        self.hint = QLabel("Ctrl+Enter or leaving the field saves · Esc cancels")
        self.hint.setEnabled(False)  # quiet
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        for widget in (self.header, self.view, self.field, self.hint):
            column.addWidget(widget)
        self._show_editing(False)
        self.show_annotation(None, None)

    @property
    def editing(self) -> bool:
        return not self.field.isHidden()

    def show_annotation(
        self, key: str | None, annotation: Annotation | None, *, editable: bool = True
    ) -> None:
        """Show node `key`'s annotation. An edit of another node is saved first; one of the
        same node goes on (the annotation changed under it: its mark, another program)."""
        if self.editing and key != self.key:
            self.commit()
        self.key, self.editable = key, editable and key is not None
        self._text = annotation.text if annotation is not None else ""
        self.header.setText(_header(annotation))
        self.header.setVisible(key is not None)
        self.view.setVisible(key is not None and not self.editing)
        text = self._text
        if len(text) > RENDERED_CHARS:
            more = f"\n\n*… {len(text):,} characters in all: edit to read them*"
            text = text[:RENDERED_CHARS] + more
        self.view.document().setMarkdown(text, MARKDOWN)

    def start_editing(self) -> bool:
        """Turn the annotation into a field with the text selected; False if there is none to
        edit (no node, or annotations cannot be changed now)."""
        if self.key is None or not self.editable:
            return False
        if not self.editing:
            self.field.setPlainText(self._text)
            self.field.selectAll()
            self._show_editing(True)
        dock = self.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None and dock.isHidden():  # the user closed Details: writing opens it
            dock.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def commit(self) -> None:
        """End the edit; say what was typed if it changed the text."""
        if not self.editing or self.key is None:
            return
        text = self.field.toPlainText().rstrip()
        self._show_editing(False)
        if text != self._text:
            self.saved.emit(self.key, text)

    def cancel(self) -> None:
        self._show_editing(False)

    def _show_editing(self, editing: bool) -> None:
        self.field.setVisible(editing)
        self.hint.setVisible(editing)
        self.view.setVisible(not editing and self.key is not None)


def _header(annotation: Annotation | None) -> str:
    look = mark_look(annotation)
    if look is None or annotation is None:
        return "<b>Your annotation</b>"
    name = look.name
    if annotation.unknown_mark is not None:  # kept as read: say which
        name += f" “{annotation.unknown_mark}”"
    badge = html.escape(f"{look.icon} {name}")
    style = f"background:{look.colour.name()};color:#ffffff;"
    return f"<b>Your annotation</b> &nbsp;<span style='{style}'>&nbsp;{badge}&nbsp;</span>"
