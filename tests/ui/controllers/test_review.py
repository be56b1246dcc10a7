"""The Review panel's controller on its models: it counts again on a schedule change, a change of
preferences, a refresh (the day turning, a reload) and when the panel shows; hidden, it waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import AnnotationStore
from mindmap.core.readers import load_any
from mindmap.core.session import MapSession
from mindmap.core.sidecar import dump_sidecar
from mindmap.core.study import Grade, Planner, Schedule
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.review import Review
from mindmap.ui.controllers.studysettings import StudySettings

DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)  # a Monday


def write_schedule(outline_file: Path, schedule: Schedule) -> None:
    sidecar = dump_sidecar(AnnotationStore(schedule=schedule), "outline.yaml")
    outline_file.with_name("outline.notes.yaml").write_text(sidecar, encoding="utf-8")


def test_the_panel_follows_the_schedule_the_clock_and_the_preferences(
    outline_file: Path,
    session: MapSession,
    annotations: AnnotationSession,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    outline = load_any(outline_file).outline
    schedule = Schedule()
    for key in ("Revision/Energy", "Revision/Defence"):
        Planner(fuzz=False).grade(schedule, outline.by_key[key], Grade.EASY, DAY0)
    write_schedule(outline_file, schedule)
    study = StudySettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    moment = [DAY0 + timedelta(hours=1)]
    review = Review(session, annotations, lambda: moment[0], study)
    panel = review.panel
    qtbot.add_widget(panel)
    panel.show()
    assert panel.headline.text() == "No outline open"
    session.show(outline)
    annotations.open(outline_file, outline)  # read: the panel follows
    assert panel.headline.text() == "0 due · 1 new today"  # the root's card, 2 started today
    study.new_per_day = 2  # as Preferences sets it: both started today, no more
    assert panel.headline.text() == "Nothing due today. Next: Tue 13 Jan (2 cards)"
    moment[0] = DAY0 + timedelta(days=8)  # the day they are due, without waiting
    review.refresh()  # as the timer does
    assert panel.headline.text() == "2 due · 1 new today"
    Planner(fuzz=False).grade(schedule, outline.by_key["Revision"], Grade.EASY, moment[0])
    write_schedule(outline_file, schedule)  # graded in another window: merged
    qtbot.wait_until(lambda: panel.headline.text() == "2 due · 0 new today")


def test_a_hidden_panel_counts_when_it_shows(
    outline_file: Path,
    session: MapSession,
    annotations: AnnotationSession,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    study = StudySettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    review = Review(session, annotations, lambda: DAY0, study)
    panel = review.panel
    qtbot.add_widget(panel)
    outline = load_any(outline_file).outline
    session.show(outline)
    annotations.open(outline_file, outline)
    assert panel.headline.text() == ""  # not counted for no one
    panel.show()
    assert panel.headline.text() == "0 due · 3 new today"
