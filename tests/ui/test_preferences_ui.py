"""Edit ▸ Preferences… in the window: Ctrl+, opens it, and what it saves counts at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from mindmap.ui.panels.preferences import PreferencesDialog
from mindmap.ui.window import MainWindow

OUTLINE = "Revision:\n  - Defence:\n      - BrahMos\n  - Energy:\n      - Kudankulam\n"
NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def answer_preferences(qtbot: QtBot, new_per_day: str, button: QDialogButtonBox.StandardButton):
    """Type `new_per_day` in the dialog as soon as it shows, and click `button`."""
    seen: list[PreferencesDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        seen.append(dialog)
        dialog.new_per_day.setFocus()
        dialog.new_per_day.selectAll()
        qtbot.keyClicks(dialog.new_per_day, new_per_day)
        qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_ctrl_comma_opens_preferences_and_due_today_recounts_on_ok(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    window = make_window(settings, lambda: NOW)
    assert window.open_file(path)
    label = window.due_today.label
    assert label.toolTip().endswith("; 3 new may start")
    seen = answer_preferences(qtbot, "0", QDialogButtonBox.StandardButton.Cancel)
    qtbot.keyClick(window.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert label.toolTip().endswith("; 3 new may start")
    window.activateWindow()  # offscreen, a closed dialog does not hand activation back
    qtbot.wait_until(window.isActiveWindow)
    seen = answer_preferences(qtbot, "1", QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClick(window.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert window.study_settings.new_per_day == 1
    assert label.toolTip().endswith("; 1 new may start")
    assert settings.value("study/new_per_day", type=int) == 1


def test_preferences_is_in_the_edit_menu(window: MainWindow) -> None:
    action = window.menu_actions["preferences"]
    assert action.text() == "Pr&eferences…"
    assert action in window.menu_actions.menus["&Edit"].actions()
    keys = [key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()]
    assert "Ctrl+," in keys
