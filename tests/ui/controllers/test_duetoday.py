"""The "Due today" count on its models: the session's outline and the sidecar's schedule, with
the clock injected so that days pass without waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from mindmap.core.annotations import AnnotationStore
from mindmap.core.readers import load_any
from mindmap.core.session import MapSession
from mindmap.core.sidecar import dump_sidecar
from mindmap.core.study import Grade, Planner, Schedule
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.duetoday import DueToday

DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def test_the_count_follows_the_clock_and_the_schedule(
    outline_file: Path, session: MapSession, annotations: AnnotationSession, qtbot: QtBot
) -> None:
    outline = load_any(outline_file).outline
    schedule = Schedule()
    for key in ("Revision/Energy", "Revision/Defence"):
        Planner(fuzz=False).grade(schedule, outline.by_key[key], Grade.EASY, DAY0)
    sidecar = dump_sidecar(AnnotationStore(schedule=schedule), "outline.yaml")
    outline_file.with_name("outline.notes.yaml").write_text(sidecar, encoding="utf-8")
    moment = [DAY0 + timedelta(hours=1)]
    due = DueToday(session, annotations, clock=lambda: moment[0])
    session.show(outline)
    annotations.open(outline_file, outline)  # read: the count follows
    assert due.label.text() == "Due today: 0 · 1 new"  # new ones too, or 0 reads as "none"
    assert due.label.toolTip() == (
        "0 of 3 cards due for study before the day ends; 1 new may start"
    )
    moment[0] = DAY0 + timedelta(days=30)  # a month later, without waiting
    due.refresh()
    assert due.label.text() == "Due today: 2 · 1 new"
    assert not due.label.isHidden()


def test_an_outline_without_cards_hides_the_count(
    tmp_path: Path, session: MapSession, annotations: AnnotationSession
) -> None:
    path = tmp_path / "alone.yaml"
    path.write_text("Just a title\n", encoding="utf-8")
    outline = load_any(path).outline
    due = DueToday(session, annotations, clock=lambda: DAY0)
    session.show(outline)
    annotations.open(path, outline)
    assert due.label.isHidden()
