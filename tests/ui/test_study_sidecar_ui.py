"""The study schedule shares the annotations' file and its guarantees in the window: kept on
every save, upgraded only by a change, never written over when broken, merged when changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_annotations_ui import BRAHMOS, OUTLINE, press

from mindmap.core.annotations import AnnotationStore, Mark
from mindmap.core.outline import parse_outline
from mindmap.core.sidecar import dump_sidecar, load_sidecar
from mindmap.core.study import Grade, Planner, Schedule, study_nodes
from mindmap.ui.window import MainWindow

DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


def studied(*titles: str) -> Schedule:
    """The cards with these titles graded Good on DAY0."""
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    for node in study_nodes(tree):
        if node.title in titles:
            Planner(fuzz=False).grade(schedule, node, Grade.GOOD, DAY0)
    return schedule


def test_a_version_1_sidecar_is_upgraded_only_by_the_first_change(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    old = b"version: 1\nannotations:\n- key: Revision\n  title: Revision\n  text: kept\n"
    sidecar.write_bytes(old)
    assert window.open_file(outline_file)
    qtbot.wait(50)
    assert sidecar.read_bytes() == old  # read, never rewritten
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)
    text = sidecar.read_text(encoding="utf-8")
    assert "version: 2\n" in text
    assert load_sidecar(sidecar).get("Revision").text == "kept"


def test_a_save_of_the_annotations_keeps_the_schedule(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    schedule = studied("Revision", "Defence")
    sidecar.write_text(dump_sidecar(AnnotationStore(schedule=schedule), "o"), encoding="utf-8")
    assert window.open_file(outline_file)
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)
    on_disk = load_sidecar(sidecar)
    assert on_disk.schedule == schedule
    assert on_disk.get(BRAHMOS).mark is Mark.IMPORTANT


def test_a_broken_schedule_entry_is_reported_and_the_file_left_byte_for_byte(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    broken = b"version: 2\nschedule:\n- key: Revision\n  state: known\n  due: '2026-01-05'\n"
    sidecar.write_bytes(broken)
    assert window.open_file(outline_file)
    assert window.notes_banner.isVisible()
    assert window.notes_banner.label.text().startswith(f"{sidecar}:4:10: the state 'known'")
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)
    assert window.scene.nodes[BRAHMOS].annotation is None
    assert sidecar.read_bytes() == broken


def test_cards_graded_in_another_window_are_merged_and_both_kept(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    mine = studied("Revision")
    sidecar.write_text(dump_sidecar(AnnotationStore(schedule=mine), "o"), encoding="utf-8")
    assert window.open_file(outline_file)
    theirs = studied("Revision", "Energy")
    tree = parse_outline(OUTLINE, "o.yaml").outline
    later = DAY0 + timedelta(days=2)
    Planner(fuzz=False).grade(theirs, tree.by_key["Revision"], Grade.EASY, later)
    sidecar.write_text(dump_sidecar(AnnotationStore(schedule=theirs), "o"), encoding="utf-8")
    qtbot.wait_until(lambda: "Revision/Energy" in window.annotations.store.schedule.cards)
    assert window.annotations.store.schedule == theirs
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)
    assert load_sidecar(sidecar).schedule == theirs


def test_the_status_bar_says_what_is_due_today_and_follows_another_windows_grades(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    Planner(fuzz=False).grade(schedule, tree.by_key["Revision"], Grade.AGAIN, DAY0)  # long ago
    sidecar.write_text(dump_sidecar(AnnotationStore(schedule=schedule), "o"), encoding="utf-8")
    assert window.open_file(outline_file)
    label = window.due_today.label
    assert label.text() == "Due today: 1 · 2 new"
    assert label.isVisible()
    assert label.parent() is not None
    Planner(fuzz=False).grade(schedule, tree.by_key["Revision/Energy"], Grade.AGAIN, DAY0)
    sidecar.write_text(dump_sidecar(AnnotationStore(schedule=schedule), "o"), encoding="utf-8")
    qtbot.wait_until(lambda: label.text() == "Due today: 2 · 1 new")
