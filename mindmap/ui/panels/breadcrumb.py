"""The breadcrumb above a focused branch: the way from the whole map down to it, each step a
way back up."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from mindmap.core.model import Node

MAX_STEP_CHARS = 40  # a long title is cut in its step (its full text is the step's tooltip)


class Breadcrumb(QFrame):
    """Shown only while a branch is focused; emits `chosen` with the key of the branch to
    show (None for the whole map)."""

    chosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("breadcrumb")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 2, 8, 2)
        self._row.setSpacing(2)
        self.steps: list[QToolButton] = []  # the whole map first, the focused branch last
        self.hide()

    def show_path(self, path: list[Node]) -> None:
        """Show the way from the outline's root down to the focused branch (empty: none)."""
        while self._row.count():
            widget = self._row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.steps = []
        self.setVisible(bool(path))
        for index, node in enumerate(path):
            if index:
                self._row.addWidget(QLabel("›"))
            last = index == len(path) - 1
            title = (
                node.title
                if len(node.title) <= MAX_STEP_CHARS
                else node.title[: MAX_STEP_CHARS - 1] + "…"
            )
            step = QToolButton()
            step.setAutoRaise(True)
            step.setText(f"{title} (whole map)" if not index else title)
            step.setToolTip(node.title)
            step.setEnabled(not last)
            key = node.key if index else None
            step.clicked.connect(lambda _=False, key=key: self.chosen.emit(key))
            self._row.addWidget(step)
            self.steps.append(step)
        self._row.addStretch(1)
