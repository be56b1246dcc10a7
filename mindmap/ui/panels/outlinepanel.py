"""The Outline panel: edit the outline's source (YAML, Markdown, OPML or a map) in the app,
preview on the map as you type, save with Ctrl+S."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from mindmap.core.atomicfile import write_atomic
from mindmap.core.formats import format_of
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.readers import parse_any
from mindmap.ui.panels.editor import OutlineEditor

PREVIEW_DELAY_MS = 300
READABLE_COLUMNS = 60  # the panel opens wide enough for lines this long (wrapped beyond)
MAX_SHARE = 0.4  # of the window's width: the map keeps the most room


class OutlinePanel(QDockWidget):
    """Holds the outline's text. Emits `previewed` with each good parse of what is typed,
    `preview_failed` with the error of a bad one, and `line_selected` when the cursor moves."""

    previewed = Signal(object)  # ParsedOutline
    preview_failed = Signal(object)  # OutlineError
    line_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Outline", parent)
        self.setObjectName("outline")
        self.editor = OutlineEditor()
        self.setWidget(self.editor)
        self.path: Path | None = None
        self._loading = False
        # Text (and its error line) loaded while hidden, put in the editor when the panel shows.
        self._waiting: tuple[str, int | None] | None = None
        self._line = 1  # the cursor's line, kept while the text waits
        # The file's text as the editor holds it: an edit typed back to it is no edit.
        self._file_text = ""
        self._file_units = 1  # its length as the document counts (UTF-16, with the last break)
        self.visibilityChanged.connect(self._shown)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)
        self.editor.textChanged.connect(self._typed)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)

    def is_dirty(self) -> bool:
        """Whether the panel holds edits that are not saved."""
        return self.editor.document().isModified()

    def load(self, path: Path, text: str, *, editable: bool = True) -> None:
        """Show the file's text, as saved (not dirty), keeping the cursor's line. A file that
        could not be read as it is (not UTF-8) is shown read-only: saving it would damage it.

        While the panel is hidden the text waits: filling and colouring a big document costs
        more than the reload itself, and nobody sees it. What the editor held goes at once, so
        that nothing stale is ever saved.
        """
        self.path = path
        self.editor.setReadOnly(not editable)
        yaml = format_of(path) == "YAML"  # its colours would mislead in Markdown or XML
        self._loading = True  # colouring anew announces a change of the text: no preview of it
        try:
            self.editor.highlighter.setDocument(self.editor.document() if yaml else None)
        finally:
            self._loading = False
        if self.isVisible():
            self._fill(text, None)
            return
        if self._waiting is None:
            self._line = self.editor.current_line()
        self._waiting = (text, None)
        if not self.editor.document().isEmpty():
            self._loading = True
            try:
                self.editor.clear()
            finally:
                self._loading = False
        self.editor.document().setModified(False)

    def mark_error(self, line: int | None) -> None:
        """Mark the line of the file's first problem (None: no problem)."""
        if self._waiting is not None:
            self._waiting = (self._waiting[0], line)
        else:
            self.editor.set_error_line(line)

    def error_line(self) -> int | None:
        """The line of the file's first problem, if it has one."""
        return self._waiting[1] if self._waiting is not None else self.editor.error_line

    def _fill(self, text: str, error_line: int | None) -> None:
        line = self._line if self._waiting is not None else self.editor.current_line()
        self._waiting = None
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._saved_as(self.editor.toPlainText())
        self.editor.set_error_line(error_line)
        self.show_line(line)

    def show_line(self, line: int) -> None:
        """Move the cursor to `line` without announcing it (the map already knows)."""
        self._loading = True
        try:
            self.editor.go_to_line(line)
        finally:
            self._loading = False

    def save(self) -> None:
        """Write the edited text to the file atomically; OSError says why it could not.

        Only edits are written: a panel without any holds nothing newer than the file.
        """
        if self.path is None or not self.is_dirty():
            return
        text = self.editor.toPlainText()
        write_atomic(self.path, text.encode("utf-8"))
        self._saved_as(text)

    def preview(self) -> None:
        """Parse what is typed and announce the result."""
        self._timer.stop()
        if self.path is None:
            return
        try:
            parsed: ParsedOutline = parse_any(self.editor.toPlainText(), self.path)
        except OutlineError as error:
            self.editor.set_error_line(error.problems[0].line or None)
            self.preview_failed.emit(error)
            return
        self.editor.set_error_line(None)
        self.previewed.emit(parsed)

    def _shown(self, visible: bool) -> None:
        if visible:
            self._widen()
        if visible and self._waiting is not None:
            self._fill(*self._waiting)

    def _widen(self) -> None:
        """Open wide enough to read the outline's lines (a dock opens at its least width)."""
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating():
            return
        editor = self.editor
        columns = editor.fontMetrics().horizontalAdvance("x" * READABLE_COLUMNS)
        wanted = columns + editor.line_number_width() + 40  # margins and a scroll bar
        wanted = min(wanted, round(window.width() * MAX_SHARE))
        if self.width() < wanted:
            window.resizeDocks([self], [wanted], Qt.Orientation.Horizontal)

    def _saved_as(self, text: str) -> None:
        """`text` is what the file holds now: the panel holds no edits."""
        self._file_text = text
        self._file_units = len(text.encode("utf-16-le")) // 2 + 1
        self.editor.document().setModified(False)

    def _typed(self) -> None:
        if self._loading:
            return
        self._timer.start()
        document = self.editor.document()
        # Typed back to the file's text: not modified. The length first, as it costs nothing.
        if (
            document.isModified()
            and document.characterCount() == self._file_units
            and self.editor.toPlainText() == self._file_text
        ):
            document.setModified(False)

    def _cursor_moved(self) -> None:
        if not self._loading and self.editor.hasFocus():
            self.line_selected.emit(self.editor.current_line())

    def focus_editor(self) -> None:
        self.show()
        self.raise_()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
