"""A non-modal banner above the map: a problem with the file, said once, without hiding the map."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton


class Banner(QFrame):
    """Shows one message (say `FILE:LINE:COL: what went wrong`) until it is cleared or closed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setStyleSheet(
            "#banner { background: #fdecea; border-bottom: 1px solid #f5c2bd; }"
            "#banner QLabel { color: #5f2120; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QToolButton()
        self.action.setAutoRaise(True)
        self.action.hide()
        self.action.clicked.connect(self._act)
        self._on_action: Callable[[], None] | None = None
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        row.addWidget(close)
        self.hide()

    def show_message(
        self, text: str, action_text: str | None = None, action: Callable[[], None] | None = None
    ) -> None:
        """Show `text`, with a button that runs `action` when one is given."""
        self.label.setText(text)
        self._on_action = action
        self.action.setText(action_text or "")
        self.action.setVisible(action is not None)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self._on_action = None
        self.action.hide()
        self.hide()

    def _act(self) -> None:
        if self._on_action is not None:
            self._on_action()
