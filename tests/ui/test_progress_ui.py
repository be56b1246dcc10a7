"""Study ▸ Show Progress in the window: P rings each card in its standing's colour, the main
branches say how many of their cards are known, and it all follows the clock, another
window's grades, and the user's choice (remembered)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from test_annotations_ui import OUTLINE

from mindmap.core.annotations import AnnotationStore
from mindmap.core.outline import parse_outline
from mindmap.core.progress import Standing
from mindmap.core.sidecar import dump_sidecar
from mindmap.core.study import Grade, Planner, Schedule
from mindmap.ui.map.progresslook import RING_GAP, RING_WIDTH, standing_colour
from mindmap.ui.window import MainWindow

DAY0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
ROOT, DEFENCE, ENERGY = "Revision", "Revision/Defence", "Revision/Energy"
GREEN, RED, GREY = (
    standing_colour(s, dark=False) for s in (Standing.KNOWN, Standing.DUE, Standing.NEW)
)


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    """Defence known (Good twice on DAY0: due two days later), Energy graded Again (due a
    minute later), the root never studied."""
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    exact = Planner(fuzz=False)
    exact.grade(schedule, tree.by_key[DEFENCE], Grade.GOOD, DAY0)
    exact.grade(schedule, tree.by_key[DEFENCE], Grade.GOOD, DAY0 + timedelta(minutes=10))
    exact.grade(schedule, tree.by_key[ENERGY], Grade.AGAIN, DAY0)
    write_schedule(path, schedule)
    return path


def write_schedule(outline_file: Path, schedule: Schedule) -> None:
    sidecar = dump_sidecar(AnnotationStore(schedule=schedule), "outline.yaml")
    outline_file.with_name("outline.notes.yaml").write_text(sidecar, encoding="utf-8")


def ring(window: MainWindow, key: str) -> QColor:
    """What the user sees just above the middle of the node's box, at 100 %: its ring."""
    box = window.session.layout.boxes[key]
    window.view.set_zoom(1.0)
    window.maps.centre_on(key)
    at = QPointF(box.x + box.width / 2, box.y - RING_GAP - RING_WIDTH / 2)
    return view_image(window).pixelColor(window.view.mapFromScene(at))


def view_image(window: MainWindow) -> QImage:
    return window.view.viewport().grab().toImage()


def close(a: QColor, b: QColor, tolerance: int = 30) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def press_p(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.wait_until(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_P)


def light(settings: QSettings) -> QSettings:
    settings.setValue("view/theme", "light")
    return settings


def test_p_rings_each_card_by_its_standing_and_a_day_later_the_known_card_is_due(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    moment = [DAY0 + timedelta(hours=1)]
    window = make_window(light(settings), clock=lambda: moment[0])
    assert window.open_file(outline_file)
    window.maps.run(window.session.expand_all())
    paper = window.scene.backgroundBrush().color()
    assert ring(window, DEFENCE) == paper  # off at first
    assert window.study_progress.legend.isHidden()

    press_p(window, qtbot)
    assert window.menu_actions["progress"].isChecked()
    assert close(ring(window, DEFENCE), GREEN)
    assert close(ring(window, ENERGY), RED)
    assert close(ring(window, ROOT), GREY)
    assert ring(window, "Revision/Defence/BrahMos") == paper  # a leaf is no card
    tallies = {key: str(window.scene.nodes[key].progress.tally) for key in (DEFENCE, ENERGY, ROOT)}
    assert tallies == {DEFENCE: "1 of 1 known", ENERGY: "0 of 1 known", ROOT: "1 of 3 known"}
    legend = window.study_progress.legend
    assert legend.isVisible()
    assert "Known 1" in legend.text()
    assert "Due 1" in legend.text()

    moment[0] = DAY0 + timedelta(days=2, hours=1)  # two days on: Defence is due this morning
    window.study_progress.refresh()  # as its timer does every few minutes
    assert close(ring(window, DEFENCE), RED)
    assert str(window.scene.nodes[DEFENCE].progress.tally) == "0 of 1 known"
    assert "Due 2" in legend.text()


def test_a_grade_from_another_window_recolours_the_ring(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    settings.setValue("view/progress", True)  # remembered from before
    now = DAY0 + timedelta(hours=1)
    window = make_window(light(settings), clock=lambda: now)
    assert window.open_file(outline_file)
    assert close(ring(window, ENERGY), RED)
    tree = parse_outline(OUTLINE, "o.yaml").outline
    theirs = window.annotations.store.schedule
    Planner(fuzz=False).grade(theirs, tree.by_key[ENERGY], Grade.EASY, now)
    write_schedule(outline_file, theirs)  # what the other window saved
    qtbot.wait_until(lambda: close(ring(window, ENERGY), GREEN))
    assert str(window.scene.nodes[ROOT].progress.tally) == "2 of 3 known"


def test_p_again_takes_it_all_away_and_the_choice_is_remembered(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    window = make_window(light(settings), clock=lambda: DAY0 + timedelta(hours=1))
    assert window.open_file(outline_file)
    press_p(window, qtbot)
    assert close(ring(window, ENERGY), RED)
    press_p(window, qtbot)
    assert ring(window, ENERGY) == window.scene.backgroundBrush().color()
    assert window.scene.nodes[ENERGY].progress is None
    assert window.study_progress.legend.isHidden()
    assert settings.value("view/progress", type=bool) is False
    press_p(window, qtbot)
    again = make_window(settings, clock=lambda: DAY0 + timedelta(hours=1))
    assert again.menu_actions["progress"].isChecked()
    assert again.open_file(outline_file)
    assert close(ring(again, ENERGY), RED)


def test_the_overview_picture_far_out_shows_the_rings_too(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    window = make_window(light(settings), clock=lambda: DAY0 + timedelta(hours=1))
    assert window.open_file(outline_file)

    def reds() -> int:
        picture = window.scene.overview(0.05)
        assert picture is not None
        return sum(
            close(picture.pixelColor(x, y), RED, 45)
            for x in range(picture.width())
            for y in range(picture.height())
        )

    assert reds() == 0
    press_p(window, qtbot)
    assert reds() > 3


def test_a_reload_rings_the_new_cards_and_counts_them(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    settings.setValue("view/progress", True)
    window = make_window(light(settings), clock=lambda: DAY0 + timedelta(hours=1))
    assert window.open_file(outline_file)
    outline_file.write_text(OUTLINE + "  - Space:\n      - Gaganyaan\n", encoding="utf-8")
    window.document.reload()
    assert close(ring(window, "Revision/Space"), GREY)
    assert close(ring(window, DEFENCE), GREEN)
    assert str(window.scene.nodes[ROOT].progress.tally) == "1 of 4 known"
    assert "New 2" in window.study_progress.legend.text()


def test_a_focused_branch_shows_its_own_tally_as_the_root(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    settings.setValue("view/progress", True)
    window = make_window(light(settings), clock=lambda: DAY0 + timedelta(hours=1))
    assert window.open_file(outline_file)
    window.maps.focus_on(DEFENCE)
    assert window.session.shown_root.key == DEFENCE
    assert close(ring(window, DEFENCE), GREEN)
    assert str(window.scene.nodes[DEFENCE].progress.tally) == "1 of 1 known"
