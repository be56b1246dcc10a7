"""`mindmap study FILE`: what is due today per main branch, read from the sidecar, no window."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mindmap.cli import main
from mindmap.core.annotations import AnnotationStore
from mindmap.core.outline import parse_outline
from mindmap.core.sidecar import dump_sidecar
from mindmap.core.study import Grade, Planner, Schedule

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni:\n          - V\n"
    "  - Energy:\n      - Kudankulam:\n          - VVER\n"
    "  - History:\n      - Plassey\n"
)
LONG_AGO = datetime(2026, 1, 5, 9, tzinfo=UTC)  # graded Again then: due for certain now


def write_outline(tmp_path: Path, schedule: Schedule | None = None) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    if schedule is not None:
        sidecar = dump_sidecar(AnnotationStore(schedule=schedule), "outline.yaml")
        (tmp_path / "outline.notes.yaml").write_text(sidecar, encoding="utf-8")
    return path


def test_study_prints_what_is_due_per_main_branch_and_the_new_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    planner = Planner(fuzz=False)
    for key in ("Revision/Defence/BrahMos", "Revision/Defence/Agni"):  # due again long ago
        planner.grade(schedule, tree.by_key[key], Grade.AGAIN, LONG_AGO)
    just_now = datetime.now(UTC)  # graded just now: due in days, and a new card started today
    planner.grade(schedule, tree.by_key["Revision/Energy"], Grade.EASY, just_now)
    path = write_outline(tmp_path, schedule)
    sidecar = (tmp_path / "outline.notes.yaml").read_bytes()
    assert main(["study", str(path), "--new-per-day", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: 2 due today, 2 new to start, of 7 cards",  # one new started today already
        "  Revision: 1 new",
        "  Defence: 2 due, 1 new",
    ]
    assert (tmp_path / "outline.notes.yaml").read_bytes() == sidecar  # read, never written


def test_study_of_an_outline_never_studied_offers_new_cards_in_map_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_outline(tmp_path)
    assert main(["study", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: 0 due today, 7 new to start, of 7 cards",
        "  Revision: 1 new",
        "  Defence: 3 new",
        "  Energy: 2 new",
        "  History: 1 new",
    ]
    assert not (tmp_path / "outline.notes.yaml").exists()


def test_study_of_an_outline_without_branches_says_there_is_nothing_to_study(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alone.yaml"
    path.write_text("Just a title\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mindmap", "study", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).parents[1]), "QT_QPA_PLATFORM": "none"},
    )
    assert done.returncode == 0
    assert done.stdout == f"{path}: nothing to study: no node has children\n"
    assert "PySide6" not in done.stderr


def test_study_reports_a_broken_schedule_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_outline(tmp_path)
    sidecar = tmp_path / "outline.notes.yaml"
    sidecar.write_text("schedule:\n- key: k\n  state: sure\n  due: x\n", encoding="utf-8")
    assert main(["study", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"{sidecar}:3:10: the state 'sure' is not known")
