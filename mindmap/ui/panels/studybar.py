"""The study bar under the map: where a study run is, what to reveal, the four grades, the
card's note once revealed, and the run's summary. Keyboard first: each button says its key.

The bar only shows and reports; what a press means is the studying controller's business.
Its buttons never take the focus, so that the keys keep going to the map.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mindmap.core.study import Grade

GRADE_KEYS = {Grade.AGAIN: "1", Grade.HARD: "2", Grade.GOOD: "3", Grade.EASY: "4"}
_GRADE_TIPS = {
    Grade.AGAIN: "I did not recall them",
    Grade.HARD: "I recalled them with difficulty",
    Grade.GOOD: "I recalled them",
    Grade.EASY: "I recalled them at once",
}


class StudyBar(QWidget):
    """Signals: `reveal_next`, `reveal_all`, `reveal_note`, `graded(Grade)`, `keep`, `reset`
    (a changed card's schedule), `levels_changed(int)` (blank map), `leave`."""

    reveal_next = Signal()
    reveal_all = Signal()
    reveal_note = Signal()
    graded = Signal(object)
    keep = Signal()
    reset = Signal()
    levels_changed = Signal(int)
    leave = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("studyBar")
        self.where = QLabel()  # "Card 3 of 12 · Sectors › Defence"
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()  # what to do now, or the summary
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.next_button = self._button("Reveal Next", "Space", self.reveal_next)
        self.all_button = self._button("Reveal All", "Enter", self.reveal_all)
        self.note_button = self._button("Note", "N", self.reveal_note)
        self.grade_buttons = {
            grade: self._button(
                grade.value.capitalize(), key, lambda _=False, g=grade: self.graded.emit(g)
            )
            for grade, key in GRADE_KEYS.items()
        }
        for grade, button in self.grade_buttons.items():
            button.setToolTip(f"{_GRADE_TIPS[grade]} (key {GRADE_KEYS[grade]})")
        self.levels = QSpinBox()
        self.levels.setRange(0, 9)
        self.levels.setPrefix("Levels shown: ")
        self.levels.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.levels.valueChanged.connect(self.levels_changed)
        self.leave_button = self._button("Leave", "Esc", self.leave)
        self.changed = QLabel(
            "This card changed since you last studied it: its title or its children are new."
        )
        self.keep_button = self._button("Keep Its Schedule", "", self.keep)
        self.reset_button = self._button("Start It Afresh", "", self.reset)
        self.note = QLabel()  # the card's note and annotation, once revealed
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._lay_out()
        self.hide()

    def _button(self, text: str, key: str, target: Callable[..., object]) -> QPushButton:
        button = QPushButton(f"{text}  {key}" if key else text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the map
        button.clicked.connect(target)
        return button

    def _lay_out(self) -> None:
        """Two rows, so that the bar fits a small window: where the run is and what reveals;
        what to do now and the grades. The words wrap rather than widen the window."""
        for label in (self.where, self.status):
            label.setWordWrap(True)
        font = self.where.font()
        font.setBold(True)
        self.where.setFont(font)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)
        column.setSpacing(4)
        reveal = (self.levels, self.next_button, self.all_button, self.note_button)
        grades = (*self.grade_buttons.values(), self.leave_button)
        for label, widgets in ((self.where, reveal), (self.status, grades)):
            row = QHBoxLayout()
            row.addWidget(label, 1)
            for widget in widgets:
                row.addWidget(widget)
            column.addLayout(row)
        changed = QHBoxLayout()
        changed.setContentsMargins(0, 0, 0, 0)
        changed.addWidget(self.changed, 1)
        changed.addWidget(self.keep_button)
        changed.addWidget(self.reset_button)
        self._changed_row = QWidget()
        self._changed_row.setLayout(changed)
        self.changed.setWordWrap(True)
        column.addWidget(self._changed_row)
        column.addWidget(self.note)

    # --- what the bar shows ------------------------------------------------------------------

    def ask(self, where: str, blanks: int, *, has_note: bool, changed: bool) -> None:
        """A card is asked: its children are `blanks` blanks to recall."""
        self._show_run(card=True)
        self.where.setText(where)
        self.note.clear()
        self.note.hide()
        self.note_button.setEnabled(has_note)
        self._changed_row.setVisible(changed)
        self.answer(blanks, {})

    def answer(self, blanks: int, waits: dict[Grade, str]) -> None:
        """`blanks` children are still blank; once one is revealed (`waits` given: when each
        grade brings the card back), the grades may be given."""
        self.next_button.setEnabled(blanks > 0)
        self.all_button.setEnabled(blanks > 0)
        for grade, button in self.grade_buttons.items():
            button.setEnabled(grade in waits)
            key = GRADE_KEYS[grade]
            wait = f" · {waits[grade]}" if grade in waits else ""
            button.setText(f"{grade.value.capitalize()}  {key}{wait}")
        if waits:
            self.status.setText("How well did you recall them? Grade 1–4.")
        else:
            self.status.setText(
                "Recall the blanks, then reveal them: Space one by one, Enter all at once."
            )

    def decided(self) -> None:
        """The changed card's choice was made."""
        self._changed_row.hide()

    def show_note(self, html: str) -> None:
        self.note.setText(html)
        self.note.show()
        self.note_button.setEnabled(False)

    def finish(self, where: str, summary: str) -> None:
        """The run is over: its summary, and the way out."""
        self._show_run(card=False)
        self.where.setText(where)
        self.status.setText(summary)
        self.leave_button.setText("Back to the Map  Esc")

    def blank_map(self, where: str, levels: int, blanks: int, deepest: int) -> None:
        """The blank-map exercise: the levels shown (of `deepest` below the root), how many
        blanks are left."""
        self._show_run(card=False)
        self.levels.show()
        self.levels.blockSignals(True)
        self.levels.setRange(0, max(0, deepest - 1))  # at least the deepest level is blank
        self.levels.setValue(levels)
        self.levels.blockSignals(False)
        self.next_button.show()
        self.all_button.show()
        self.next_button.setEnabled(blanks > 0)
        self.all_button.setEnabled(blanks > 0)
        self.where.setText(where)
        self.status.setText(
            f"{blanks:,} titles to recall: click a blank (or Space) to reveal it."
            if blanks
            else "Every title is revealed. Fewer levels shown blank more of the map."
        )

    def _show_run(self, *, card: bool) -> None:
        """The controls of a card (else none of them), and the bar itself."""
        for widget in (self.next_button, self.all_button, self.note_button):
            widget.setVisible(card)
        for button in self.grade_buttons.values():
            button.setVisible(card)
        self.levels.hide()
        self._changed_row.hide()
        self.note.hide()
        self.leave_button.setText("Leave  Esc")
        self.show()
