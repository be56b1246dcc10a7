"""Edit ▸ Preferences…: the study settings. OK saves them (and what counts them counts again at
once); Cancel leaves them; a value out of range keeps OK off and says the range."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from mindmap.core.study import NEW_PER_DAY_RANGE, RETENTION_RANGE

EXPLANATION = (
    "How likely you are to recall a card when it comes back. Higher means more reviews, "
    "sooner; lower means fewer reviews and more forgotten."
)


class StudyPreferences(Protocol):
    """What the dialog sets (the app's StudySettings, which keeps them)."""

    retention: float
    new_per_day: int
    again_marks: bool


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, study: StudyPreferences) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.study = study
        low, high = (round(share * 100) for share in RETENTION_RANGE)
        self.retention = _spin(low, high, round(study.retention * 100), " %")
        self.explanation = QLabel(EXPLANATION)
        self.explanation.setWordWrap(True)
        self.explanation.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # a side note
        self.new_per_day = _spin(*NEW_PER_DAY_RANGE, study.new_per_day, "")
        self.again_marks = QCheckBox("Grading Again marks the node “revise again”")
        self.again_marks.setChecked(study.again_marks)
        self.problem = QLabel()  # why OK is off, in words
        self.problem.setStyleSheet("color: #d6524f;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_heading("Study"))
        form.addRow("Desired &retention:", self.retention)
        form.addRow("", self.explanation)
        form.addRow("&New cards per day:", self.new_per_day)
        form.addRow("", self.again_marks)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        for spin in (self.retention, self.new_per_day):
            spin.lineEdit().textChanged.connect(self._check)  # typed, valid or not

    def _problem(self) -> str:
        """What is wrong with the values typed, or ""."""
        for spin, name in (
            (self.retention, "Desired retention"),
            (self.new_per_day, "New cards per day"),
        ):
            if not spin.hasAcceptableInput():
                return (
                    f"{name} must be between {spin.minimum()} and {spin.maximum()}{spin.suffix()}."
                )
        return ""

    def _check(self) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        if self.problem.isVisible() != bool(problem):
            self.problem.setVisible(bool(problem))
            self.adjustSize()  # room for the line, or none
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if self._problem():
            return
        self.study.retention = self.retention.value() / 100
        self.study.new_per_day = self.new_per_day.value()
        self.study.again_marks = self.again_marks.isChecked()
        super().accept()


def edit_preferences(parent: QWidget, study: StudyPreferences) -> None:
    """Show the dialog until it is closed, then let it go."""
    dialog = PreferencesDialog(parent, study)
    dialog.exec()
    dialog.deleteLater()


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
