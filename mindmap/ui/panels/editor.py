"""The outline's text editor: YAML colours, line numbers, and the line of an error marked."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from mindmap.core.formats import RESERVED_KEYS

_KEY = re.compile(r"^(\s*(?:-\s+)?)([^#:\n'\"][^:\n]*?|'[^']*'|\"[^\"]*\"):(?=\s|$)")
_DASH = re.compile(r"^\s*-(?=\s|$)")
_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def _format(colour: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor(colour))
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    text_format.setFontItalic(italic)
    return text_format


class YamlHighlighter(QSyntaxHighlighter):
    """Colours what matters when writing an outline: branch titles, reserved keys, comments."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.title = _format("#1f5fbf", bold=True)
        self.reserved = _format("#8a3ab9")
        self.dash = _format("#9aa0a6", bold=True)
        self.comment = _format("#7c8a7c", italic=True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        dash = _DASH.match(text)
        if dash:
            self.setFormat(dash.end() - 1, 1, self.dash)
        key = _KEY.match(text)
        if key:
            name = key.group(2).strip()
            start = key.start(2)
            style = self.reserved if name in RESERVED_KEYS else self.title
            self.setFormat(start, len(key.group(2)), style)
        comment = _COMMENT.search(text)
        if comment:
            self.setFormat(comment.start(1), len(comment.group(1)), self.comment)


class _LineNumbers(QWidget):
    def __init__(self, editor: OutlineEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self.editor.paint_line_numbers(event)


class OutlineEditor(QPlainTextEdit):
    """A plain-text editor for the outline's YAML, with line numbers and an error marker."""

    def __init__(self) -> None:
        super().__init__()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # no line cut off
        self.setTabChangesFocus(False)
        self.highlighter = YamlHighlighter(self.document())
        self.error_line: int | None = None
        self._numbers = _LineNumbers(self)
        self.blockCountChanged.connect(self._fit_margin)
        self.updateRequest.connect(self._scroll_numbers)
        self.cursorPositionChanged.connect(self._show_marks)
        self._fit_margin()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Tab indents with two spaces: YAML does not allow tab characters."""
        if event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.insertPlainText("  ")
            return
        super().keyPressEvent(event)

    def set_error_line(self, line: int | None) -> None:
        """Mark the line (1-based) where the outline fails to load; None clears the mark."""
        self.error_line = line
        self._show_marks()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` (1-based) and show it in the middle."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def line_number_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _fit_margin(self) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _scroll_numbers(self, rect: QRect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        area = self.contentsRect()
        self._numbers.setGeometry(
            QRect(area.left(), area.top(), self.line_number_width(), area.height())
        )

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        painter = QPainter(self._numbers)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            number = block.blockNumber() + 1
            if block.isVisible() and top + height >= event.rect().top():
                is_error = number == self.error_line
                painter.setPen(QColor("#c5221f") if is_error else QColor("#9aa0a6"))
                painter.drawText(
                    0,
                    top,
                    self._numbers.width() - 6,
                    height,
                    Qt.AlignmentFlag.AlignRight,
                    ("● " if is_error else "") + str(number),
                )
            top += round(self.blockBoundingRect(block).height())
            block = block.next()

    def _show_marks(self) -> None:
        """The current line softly, the error line in red."""
        marks = []
        current = QTextEdit.ExtraSelection()
        current.format.setBackground(QColor(128, 128, 128, 28))
        current.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        current.cursor = self.textCursor()
        current.cursor.clearSelection()
        marks.append(current)
        if self.error_line is not None:
            error = QTextEdit.ExtraSelection()
            error.format.setBackground(QColor(214, 82, 79, 60))
            error.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            error.cursor = QTextCursor(self.document().findBlockByNumber(self.error_line - 1))
            marks.append(error)
        self.setExtraSelections(marks)
        self._numbers.update()
