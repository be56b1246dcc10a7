"""The annotation editor: the user's own note on a node, in plain text with light markdown."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mindmap.core.annotations import Annotation, Mark

MARK_NAMES = {None: "No mark", **{mark: mark.value.capitalize() for mark in Mark}}


class AnnotationDialog(QDialog):
    """Edits one annotation; `annotation()` gives the result (None: the user emptied it)."""

    def __init__(
        self, parent: QWidget | None, key: str, title: str, current: Annotation | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Annotate “{title}”")
        self.key, self.title = key, title
        self.text = QPlainTextEdit(current.text if current else "")
        self.text.setPlaceholderText(
            "Your own note: a mnemonic, a question, a link…  **bold**, *italic*, - lists"
        )
        self.mark = QComboBox()
        for mark, name in MARK_NAMES.items():
            self.mark.addItem(name, mark)
        self.mark.setCurrentIndex(list(MARK_NAMES).index(current.mark if current else None))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(f"<b>{html.escape(title)}</b>"))
        column.addWidget(self.text, 1)
        column.addWidget(self.mark)
        column.addWidget(buttons)
        self.resize(460, 320)
        self.text.setFocus()

    def annotation(self) -> Annotation | None:
        text = self.text.toPlainText().rstrip()
        mark = self.mark.currentData()
        if not text.strip() and mark is None:
            return None
        return Annotation(self.key, self.title, text, mark)
