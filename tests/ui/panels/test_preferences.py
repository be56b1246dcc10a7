"""The Preferences dialog on the study settings alone: what it shows, OK saves, Cancel keeps,
values out of range are refused with a reason; typed and clicked as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox
from pytestqt.qtbot import QtBot

from mindmap.core.study import NEW_PER_DAY_RANGE, RETENTION_RANGE
from mindmap.ui.controllers.studysettings import StudySettings
from mindmap.ui.panels.preferences import PreferencesDialog


@pytest.fixture
def study(tmp_path: Path) -> StudySettings:
    return StudySettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def dialog(study: StudySettings, qtbot: QtBot) -> PreferencesDialog:
    dialog = PreferencesDialog(None, study)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)
    return dialog


def type_into(qtbot: QtBot, spin: QSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def click(qtbot: QtBot, dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_it_shows_the_defaults_with_the_ranges_of_the_settings(dialog: PreferencesDialog) -> None:
    low, high = (round(share * 100) for share in RETENTION_RANGE)
    assert (dialog.retention.minimum(), dialog.retention.maximum()) == (low, high) == (70, 99)
    assert (dialog.new_per_day.minimum(), dialog.new_per_day.maximum()) == NEW_PER_DAY_RANGE
    assert (dialog.retention.value(), dialog.retention.suffix()) == (90, " %")
    assert dialog.new_per_day.value() == 20
    assert dialog.again_marks.isChecked()
    assert "more reviews" in dialog.explanation.text()
    assert dialog.explanation.isVisible()


def test_ok_saves_what_was_typed_and_says_it_changed(
    dialog: PreferencesDialog, study: StudySettings, qtbot: QtBot
) -> None:
    changes: list[None] = []
    study.changed.connect(lambda: changes.append(None))
    type_into(qtbot, dialog.retention, "85")
    type_into(qtbot, dialog.new_per_day, "35")
    qtbot.mouseClick(dialog.again_marks, Qt.MouseButton.LeftButton)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert (study.retention, study.new_per_day, study.again_marks) == (0.85, 35, False)
    assert study.planner().desired_retention == 0.85
    assert changes
    again = PreferencesDialog(None, study)  # shows what was saved
    assert (again.retention.value(), again.new_per_day.value()) == (85, 35)
    assert not again.again_marks.isChecked()


def test_cancel_changes_nothing(
    dialog: PreferencesDialog, study: StudySettings, qtbot: QtBot
) -> None:
    changes: list[None] = []
    study.changed.connect(lambda: changes.append(None))
    type_into(qtbot, dialog.new_per_day, "0")
    qtbot.mouseClick(dialog.again_marks, Qt.MouseButton.LeftButton)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert not dialog.isVisible()
    assert (study.retention, study.new_per_day, study.again_marks) == (0.9, 20, True)
    assert changes == []


def test_a_retention_out_of_range_is_refused_with_the_range(
    dialog: PreferencesDialog, study: StudySettings, qtbot: QtBot
) -> None:
    type_into(qtbot, dialog.retention, "5")  # on its way to 50, below the least
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "Desired retention must be between 70 and 99 %."
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    assert dialog.retention.text() == "5 %"  # what was typed stays, to be put right
    assert study.retention == 0.9
    type_into(qtbot, dialog.retention, "95")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert study.retention == 0.95


def test_an_empty_count_of_new_cards_is_refused(
    dialog: PreferencesDialog, study: StudySettings, qtbot: QtBot
) -> None:
    type_into(qtbot, dialog.new_per_day, "")
    qtbot.keyClick(dialog.new_per_day, Qt.Key.Key_Backspace)
    assert dialog.problem.text() == "New cards per day must be between 0 and 9999."
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    assert study.new_per_day == 20
