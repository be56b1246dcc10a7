"""The Review panel alone, on agendas counted by the core: its rows and headline, and the study
it asks for when a row is activated (Enter, double-click) or its button clicked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mindmap.core.agenda import agenda
from mindmap.core.outline import parse_outline
from mindmap.core.study import Grade, Planner, Schedule
from mindmap.ui.panels.reviewpanel import ReviewPanel

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni\n"
    "  - Energy:\n      - Kudankulam\n"
    "  - History\n"
)
DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
TREE = parse_outline(OUTLINE, "o.yaml").outline


@pytest.fixture
def panel(qtbot: QtBot) -> ReviewPanel:
    panel = ReviewPanel()
    qtbot.add_widget(panel)
    panel.show()
    qtbot.wait_exposed(panel)
    return panel


def rows(panel: ReviewPanel) -> list[tuple[str, str, str]]:
    tree = panel.list
    return [
        tuple(tree.topLevelItem(n).text(column) for column in range(3))
        for n in range(tree.topLevelItemCount())
    ]


def test_rows_per_branch_under_the_totals(panel: ReviewPanel) -> None:
    schedule = Schedule()
    Planner(fuzz=False).grade(schedule, TREE.by_key["Revision/Defence/BrahMos"], Grade.GOOD, DAY0)
    panel.show_agenda(agenda(TREE, schedule, Planner(), DAY0))
    assert panel.headline.text() == "1 due · 3 new today"
    assert rows(panel) == [
        ("Main branches of Revision", "", "1"),
        ("Defence", "1", "1"),
        ("Energy", "", "1"),
    ]
    assert panel.list.isVisible()
    assert panel.study.isEnabled()


def test_nothing_due_says_when_next_and_lists_nothing(panel: ReviewPanel) -> None:
    schedule = Schedule()
    Planner(fuzz=False).grade(schedule, TREE.by_key["Revision/Energy"], Grade.EASY, DAY0)
    panel.show_agenda(agenda(TREE, schedule, Planner(new_per_day=0), DAY0))
    assert panel.headline.text() == "Nothing due today. Next: Tue 13 Jan (1 card)"
    assert rows(panel) == []
    assert not panel.list.isVisible()


def test_no_branch_and_no_outline_say_so(panel: ReviewPanel) -> None:
    alone = parse_outline("Just a title\n", "o.yaml").outline
    panel.show_agenda(agenda(alone, Schedule(), Planner(), DAY0))
    assert panel.headline.text() == "Nothing to study: no node in this outline has children"
    assert not panel.study.isEnabled()
    panel.show_agenda(None)
    assert panel.headline.text() == "No outline open"
    assert not panel.study.isEnabled()


def test_enter_and_double_click_on_a_row_and_the_button_ask_to_study(
    panel: ReviewPanel, qtbot: QtBot
) -> None:
    asked: list[str] = []
    panel.study_requested.connect(asked.append)
    panel.show_agenda(agenda(TREE, Schedule(), Planner(), DAY0))
    panel.list.setFocus()
    panel.list.setCurrentItem(panel.list.topLevelItem(1))
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    energy = panel.list.topLevelItem(2)
    where = panel.list.visualItemRect(energy).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)  # click
    qtbot.mouseClick(panel.study, Qt.MouseButton.LeftButton)
    assert asked == ["Revision/Defence", "Revision/Energy", "Revision"]
    assert panel.study.text() == "Study the Whole Map"
