"""The find bar: a field, a match count, next and previous; Escape closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

_BAR_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


class FindBar(QWidget):
    """Emits `query_changed` as the user types, `step` (+1 / -1) on Enter / Shift+Enter."""

    query_changed = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in titles, notes and tags")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous, following, close = QToolButton(), QToolButton(), QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter)")
        following.setText("▼")
        following.setToolTip("Next match (Enter)")
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        previous.clicked.connect(lambda: self.step.emit(-1))
        following.clicked.connect(lambda: self.step.emit(1))
        close.clicked.connect(self.close_bar)
        self.field.textChanged.connect(self.query_changed)
        self.field.installEventFilter(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        for button in (previous, following, close):
            row.addWidget(button)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.field.clear()
        self.closed.emit()

    def show_count(self, current: int | None, total: int) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("no match")
        elif current is None:
            self.count.setText(f"{total} match" + ("es" if total > 1 else ""))
        else:
            self.count.setText(f"{current} of {total}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Enter and Escape in the field are the bar's, not the window's shortcuts (which
        centre the selection and clear it): claim them before the shortcuts see them."""
        if (
            watched is self.field
            and event.type() == QEvent.Type.ShortcutOverride
            and event.key() in _BAR_KEYS  # type: ignore[attr-defined]
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if shift else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)
