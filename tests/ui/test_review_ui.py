"""Study ▸ Review Panel in the window: Ctrl+Shift+R shows what to study today per main branch; it
follows reloads, other files and the preferences, and asks to study what the user activates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import AnnotationStore
from mindmap.core.outline import parse_outline
from mindmap.core.sidecar import dump_sidecar
from mindmap.core.study import Grade, Planner, Schedule
from mindmap.ui.window import MainWindow

OUTLINE = "Revision:\n  - Defence:\n      - BrahMos\n  - Energy:\n      - Kudankulam\n  - Space\n"
DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def rows(window: MainWindow) -> list[str]:
    tree = window.review.panel.list
    return [
        " | ".join(tree.topLevelItem(n).text(column) for column in range(3))
        for n in range(tree.topLevelItemCount())
    ]


def test_ctrl_shift_r_shows_the_day_per_branch_and_it_follows_the_map(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    schedule = Schedule()
    tree = parse_outline(OUTLINE, "o.yaml").outline
    Planner(fuzz=False).grade(schedule, tree.by_key["Revision/Defence"], Grade.AGAIN, DAY0)
    sidecar = dump_sidecar(AnnotationStore(schedule=schedule), "outline.yaml")
    path.with_name("outline.notes.yaml").write_text(sidecar, encoding="utf-8")
    window = make_window(settings, lambda: DAY0 + timedelta(days=1))
    assert window.open_file(path)
    panel = window.review.panel
    assert not panel.isVisible()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert panel.isVisible()
    assert panel.headline.text() == "1 due · 2 new today"
    assert rows(window) == ["Main branches of Revision |  | 1", "Defence | 1 | ", "Energy |  | 1"]

    window.study_settings.new_per_day = 0  # as Edit ▸ Preferences… sets it
    assert rows(window) == ["Defence | 1 | "]
    path.write_text(OUTLINE.replace("  - Space\n", "  - Space:\n      - Gaganyaan\n"), "utf-8")
    window.study_settings.new_per_day = 20
    window.document.reload()
    assert rows(window)[-1] == "Space |  | 1"

    asked: list[str] = []
    panel.study_requested.connect(asked.append)
    panel.list.setFocus()
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # the list's keys, not the map's
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.studying.recall.scope == "Revision/Defence"  # studied on the map at once
    assert window.session.focus == "Revision/Defence"
    qtbot.mouseClick(panel.study, Qt.MouseButton.LeftButton)
    assert asked == ["Revision/Defence", "Revision"]
    assert window.studying.recall.scope == "Revision"
    assert window.session.focus is None

    alone = tmp_path / "alone.yaml"
    alone.write_text("Just a title\n", encoding="utf-8")
    assert window.open_file(alone)
    assert panel.headline.text() == "Nothing to study: no node in this outline has children"
    assert rows(window) == []
    assert not panel.study.isEnabled()
    window.activateWindow()
    qtbot.wait_until(window.isActiveWindow)
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not panel.isVisible()
    study_menu = window.menu_actions.menus["&Study"].actions()
    assert "&Review Panel" in [action.text() for action in study_menu]
