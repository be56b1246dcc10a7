"""Study mode as a student uses it: study a branch on the map, reveal the blanks, grade, leave;
come back days later and find the right cards due. Everything through keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation, AnnotationStore, Mark
from mindmap.core.sidecar import dump_sidecar, load_sidecar
from mindmap.ui.window import MainWindow

OUTLINE = """\
title: Revision
children:
  - title: Defence
    note: Ties since 1971; most of India's arms.
    children:
      - title: BrahMos
        children: [range 290 km, joint venture]
      - Su-30
  - title: Energy
    children: [Kudankulam, Oil]
  - Trade
"""
DEFENCE, BRAHMOS, ENERGY = "Revision/Defence", "Revision/Defence/BrahMos", "Revision/Energy"
DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
Clock = list[datetime]


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


@pytest.fixture
def clock() -> Clock:
    return [DAY0]


@pytest.fixture
def study_window(
    make_window: Callable[..., MainWindow], settings: QSettings, clock: Clock, outline_file: Path
) -> MainWindow:
    window = make_window(settings, lambda: clock[0])
    assert window.open_file(outline_file)
    window.maps.run(window.session.expand_all())
    return window


def key(
    window: MainWindow,
    qtbot: QtBot,
    code: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key on the map, as the user would, in the active window."""
    window.activateWindow()
    qtbot.wait_until(window.isActiveWindow)
    qtbot.keyClick(window.view, code, modifiers)


def click(window: MainWindow, qtbot: QtBot, node: str) -> None:
    item = window.scene.nodes[node]
    window.view.ensureVisible(item)
    at = window.view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def blank(window: MainWindow, node: str) -> bool:
    """Whether the user sees node `node` as a blank (its item is drawn without its title)."""
    return window.scene.nodes[node].blank


def settled(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.wait_until(lambda: not window.studying.gliding)


def test_a_whole_session_study_reveal_grade_close_and_reopen_a_day_later(
    study_window: MainWindow,
    qtbot: QtBot,
    *,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
    clock: Clock,
    outline_file: Path,
) -> None:
    window, bar = study_window, study_window.study_bar
    folds_before, zoom_before = set(window.session.folds), window.view.zoom()
    click(window, qtbot, DEFENCE)
    key(window, qtbot, Qt.Key.Key_S)  # Study ▸ Study Selected Branch

    # The branch is the focus, with a breadcrumb back; the card's children are blanks.
    assert window.studying.active
    assert window.session.focus == DEFENCE
    assert window.breadcrumb.isVisible()
    assert bar.isVisible()
    assert bar.where.text() == "Card 1 of 2 · Revision › Defence"
    assert blank(window, BRAHMOS)
    assert blank(window, "Revision/Defence/Su-30")
    assert not blank(window, DEFENCE)
    assert not window.details_dock.isVisible()  # Details would show the answer
    assert not bar.grade_buttons[next(iter(bar.grade_buttons))].isEnabled()
    settled(window, qtbot)
    assert (
        window.view.viewport()
        .rect()
        .contains(
            window.view.mapFromScene(window.scene.nodes[DEFENCE].sceneBoundingRect().center())
        )
    )

    # Space reveals the next child, in order; Space does not fold the branch meanwhile.
    key(window, qtbot, Qt.Key.Key_Space)
    assert not blank(window, BRAHMOS)
    assert blank(window, "Revision/Defence/Su-30")
    assert DEFENCE not in window.session.folds
    good = bar.grade_buttons[list(bar.grade_buttons)[2]]
    assert not good.isEnabled()  # half an answer is not graded
    key(window, qtbot, Qt.Key.Key_Return)  # Enter: all
    assert not blank(window, "Revision/Defence/Su-30")
    assert good.isEnabled()
    assert "Good  3 · " in good.text()
    key(window, qtbot, Qt.Key.Key_N)  # the author's note
    assert "Ties since 1971" in bar.note.text()

    # Grade 3 (Good): saved at once; on to BrahMos, whose children are blank.
    key(window, qtbot, Qt.Key.Key_3)
    sidecar = load_sidecar(outline_file.parent / "outline.notes.yaml")
    assert DEFENCE in sidecar.schedule.cards
    assert window.studying.recall.current == BRAHMOS
    assert bar.where.text() == "Card 2 of 2 · Revision › Defence › BrahMos"
    assert blank(window, "Revision/Defence/BrahMos/range 290 km")
    settled(window, qtbot)

    # Clicking a blank reveals it; Easy (4) ends the first pass; Good on Defence (a new card
    # in its learning steps) brings it back within minutes: asked once more, then the summary.
    click(window, qtbot, "Revision/Defence/BrahMos/joint venture")
    assert not blank(window, "Revision/Defence/BrahMos/joint venture")
    assert blank(window, "Revision/Defence/BrahMos/range 290 km")
    assert window.session.selected is None  # a blank is revealed, never selected
    key(window, qtbot, Qt.Key.Key_4)  # half the answer shown: not graded yet
    assert window.studying.recall.current == BRAHMOS
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_4)
    assert window.studying.recall.current == DEFENCE
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_4)
    assert window.studying.recall.current is None
    assert bar.status.text().startswith("2 cards reviewed (3 grades) · 3 recalled well · ")
    settled(window, qtbot)  # the view glides back to the top of what was studied
    top = window.scene.nodes[DEFENCE].sceneBoundingRect().center()
    assert window.view.viewport().rect().contains(window.view.mapFromScene(top))

    # Escape: the map as it was.
    key(window, qtbot, Qt.Key.Key_Escape)
    assert not window.studying.active
    assert not bar.isVisible()
    assert window.session.focus is None
    assert window.session.folds == folds_before
    assert window.session.blanks == frozenset()
    assert window.view.zoom() == pytest.approx(zoom_before)
    window.close()

    # Days later, in a new window: the cards graded Easy are not due yet, Energy (new) is.
    clock[0] = DAY0 + timedelta(days=1)
    again = make_window(settings, lambda: clock[0])
    assert again.open_file(outline_file)
    key(again, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)  # the whole map
    assert again.studying.recall.queue == ["Revision", ENERGY]
    key(again, qtbot, Qt.Key.Key_Escape)
    clock[0] = DAY0 + timedelta(days=60)  # long after: everything graded is due
    key(again, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    assert again.studying.recall.queue == ["Revision", DEFENCE, BRAHMOS, ENERGY]


def test_again_marks_the_node_revise_again_but_a_mark_of_the_users_stays(
    study_window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window = study_window
    sidecar = outline_file.parent / "outline.notes.yaml"
    store = AnnotationStore()
    store.put(Annotation("Revision", "Revision", "", Mark.IMPORTANT), "Revision")
    sidecar.write_text(dump_sidecar(store, "outline.yaml"), encoding="utf-8")
    window.annotations.open(outline_file, window.session.outline)
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_1)  # Again on the root: it is marked important already
    assert window.studying.recall.current == DEFENCE
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_1)  # Again on Defence
    saved = load_sidecar(sidecar)
    assert saved.get("Revision").mark is Mark.IMPORTANT
    assert saved.get(DEFENCE).mark is Mark.REVISE


def test_a_changed_card_says_so_and_can_start_afresh(
    study_window: MainWindow, qtbot: QtBot, clock: Clock, outline_file: Path
) -> None:
    window, bar = study_window, study_window.study_bar
    click(window, qtbot, ENERGY)
    key(window, qtbot, Qt.Key.Key_S)
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_3)
    key(window, qtbot, Qt.Key.Key_Escape)
    outline_file.write_text(OUTLINE.replace("Oil", "Gas"), encoding="utf-8")
    window.document.reload()
    clock[0] = DAY0 + timedelta(days=30)
    click(window, qtbot, ENERGY)
    key(window, qtbot, Qt.Key.Key_S)
    assert bar.changed.isVisible()
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert not bar.changed.isVisible()
    assert ENERGY not in window.annotations.store.schedule.cards
    assert len(window.annotations.store.schedule.reviews) == 1  # the log keeps what was done


def test_the_blank_map_blanks_deeper_titles_and_a_click_reveals_one(
    study_window: MainWindow, qtbot: QtBot
) -> None:
    window, bar = study_window, study_window.study_bar
    key(window, qtbot, Qt.Key.Key_B)
    assert bar.isVisible()
    assert not blank(window, DEFENCE)  # levels shown: the root and the main branches
    assert blank(window, BRAHMOS)
    assert blank(window, "Revision/Energy/Oil")
    click(window, qtbot, BRAHMOS)
    assert not blank(window, BRAHMOS)
    assert "5 titles to recall" in bar.status.text()
    key(window, qtbot, Qt.Key.Key_Space)  # the next blank in map order
    assert not blank(window, "Revision/Defence/BrahMos/range 290 km")
    key(window, qtbot, Qt.Key.Key_Right)  # the arrows would select a blank: not while studying
    key(window, qtbot, Qt.Key.Key_Home)
    assert window.session.selected is None
    bar.levels.setValue(0)
    assert blank(window, DEFENCE)
    key(window, qtbot, Qt.Key.Key_Escape)
    assert window.session.blanks == frozenset()
    assert not blank(window, DEFENCE)


def test_an_outline_with_nothing_to_study_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "alone.yaml"
    path.write_text("title: Alone\n", encoding="utf-8")
    assert window.open_file(path)
    key(window, qtbot, Qt.Key.Key_S)
    assert not window.studying.active
    assert "Nothing to study" in window.statusBar().currentMessage()


def test_leaving_the_window_mid_session_remembers_the_map_as_it_was(
    study_window: MainWindow,
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
    outline_file: Path,
) -> None:
    window = study_window
    folds = set(window.session.folds)
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.folds != folds
    window.close()
    again = make_window(settings)
    assert again.open_file(outline_file)
    assert again.session.folds == folds
    assert again.session.blanks == frozenset()


def test_a_blank_shows_no_title_on_screen(study_window: MainWindow, qtbot: QtBot) -> None:
    """What the user sees: the title's pixels are gone from the blank, a '?' stands in."""
    window = study_window
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    settled(window, qtbot)
    item = window.scene.nodes[DEFENCE]
    rect = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    before = window.view.viewport().grab(rect).toImage()
    key(window, qtbot, Qt.Key.Key_Space)  # Defence revealed
    after = window.view.viewport().grab(rect).toImage()
    assert not item.blank
    assert before != after  # the title drawn where the blank was


def test_a_student_in_their_own_time_zone_grades_and_the_grade_is_saved(
    make_window: Callable[..., MainWindow], settings: QSettings, qtbot: QtBot, outline_file: Path
) -> None:
    """The window's clock is the user's local time (India's, +05:30), not UTC."""
    india = timezone(timedelta(hours=5, minutes=30))
    window = make_window(settings, lambda: datetime(2026, 3, 2, 23, 50, tzinfo=india))
    assert window.open_file(outline_file)
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_3)
    saved = load_sidecar(outline_file.parent / "outline.notes.yaml").schedule.cards
    assert saved["Revision"].last_review == datetime(2026, 3, 2, 18, 20, tzinfo=UTC)
    assert window.studying.recall.current == DEFENCE


def test_leaving_keeps_the_main_branches_on_their_sides(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window

    def sides() -> dict[str, int]:
        boxes = window.session.layout.boxes
        return {node.title: boxes[node.key].side for node in window.session.outline.root.children}

    before = sides()
    challenges = next(n for n in window.session.outline.root.children if n.title == "Challenges")
    click(window, qtbot, challenges.key)  # six children: laid out with a split of its own
    key(window, qtbot, Qt.Key.Key_S)
    assert window.session.focus == challenges.key
    key(window, qtbot, Qt.Key.Key_Escape)
    assert sides() == before


def test_renaming_a_branch_keeps_the_progress_of_the_cards_below_it(
    study_window: MainWindow, qtbot: QtBot, clock: Clock, outline_file: Path
) -> None:
    window = study_window
    window.annotations.settle_timer.setInterval(100)
    click(window, qtbot, BRAHMOS)
    key(window, qtbot, Qt.Key.Key_S)
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_4)  # Easy: BrahMos not due for days
    key(window, qtbot, Qt.Key.Key_Escape)
    outline_file.write_text(OUTLINE.replace("title: Defence", "title: Defence ties"), "utf-8")
    window.document.reload()
    qtbot.wait_until(lambda: not window.annotations.settle_timer.isActive())
    moved = "Revision/Defence ties/BrahMos"
    assert moved in load_sidecar(outline_file.parent / "outline.notes.yaml").schedule.cards
    clock[0] = DAY0 + timedelta(hours=2)
    click(window, qtbot, moved)
    key(window, qtbot, Qt.Key.Key_S)
    assert window.studying.recall.ahead  # nothing due there: its progress came with it


def test_a_small_window_stays_small_while_studying_with_progress_shown(
    study_window: MainWindow, qtbot: QtBot
) -> None:
    """The bar's buttons and the status bar's legends once forced the window to 1,334 px."""
    window = study_window
    window.resize(800, 560)
    key(window, qtbot, Qt.Key.Key_P)
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    key(window, qtbot, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert window.study_bar.isVisible()
    assert window.width() == 800
    assert window.study_bar.grade_buttons[next(iter(window.study_bar.grade_buttons))].isVisible()


def test_a_blank_found_by_find_is_not_shown_in_details(
    study_window: MainWindow, qtbot: QtBot
) -> None:
    """Find selects its match; a blank's title and note would be the answer in Details."""
    window = study_window
    click(window, qtbot, DEFENCE)
    key(window, qtbot, Qt.Key.Key_S)
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.field, "BrahMos")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.session.selected == BRAHMOS
    assert BRAHMOS in window.session.blanks
    assert not window.details_dock.isVisible()


def test_a_double_click_while_studying_reveals_and_opens_no_annotation(
    study_window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    """A double-click on a blank opened the annotation editor, and the next study keys were
    typed into it and saved as an annotation."""
    window = study_window
    click(window, qtbot, DEFENCE)
    key(window, qtbot, Qt.Key.Key_S)
    settled(window, qtbot)
    item = window.scene.nodes[BRAHMOS]
    at = window.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert not blank(window, BRAHMOS)
    assert not window.annotation_editor.editing
    assert window.view.hasFocus()
    key(window, qtbot, Qt.Key.Key_Return)
    key(window, qtbot, Qt.Key.Key_3)
    assert window.studying.recall.current == BRAHMOS  # Defence graded, on to the next
    saved = load_sidecar(outline_file.parent / "outline.notes.yaml")
    assert saved.items == {}


def test_a_blank_tells_nothing_of_what_is_under_it(study_window: MainWindow, qtbot: QtBot) -> None:
    """No marks roll-up, no progress ring or tally on a title to recall."""
    window = study_window
    key(window, qtbot, Qt.Key.Key_P)
    window.maps.run(window.session.select(BRAHMOS))
    key(window, qtbot, Qt.Key.Key_1)  # marked important: the roll-up of a folded Defence shows it
    key(window, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    defence = window.scene.nodes[DEFENCE]
    assert defence.blank
    assert defence.rollup == ()
    assert defence.progress is None
    key(window, qtbot, Qt.Key.Key_Return)  # revealed: its summary comes back
    assert defence.progress is not None
    assert defence.rollup != ()


def test_the_card_asked_is_flashed_and_a_reload_keeps_what_was_revealed(
    study_window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window = study_window
    click(window, qtbot, DEFENCE)
    key(window, qtbot, Qt.Key.Key_S)
    assert window.scene.nodes[DEFENCE].fresh  # the eye finds the card
    key(window, qtbot, Qt.Key.Key_Space)
    outline_file.write_text(OUTLINE.replace("- Su-30", "- Su-30 MKI"), encoding="utf-8")
    window.document.reload()
    assert not blank(window, BRAHMOS)  # revealed before the reload: still revealed
    assert blank(window, "Revision/Defence/Su-30 MKI")


def test_the_blank_map_blanks_something_or_says_there_is_nothing_to_blank(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    alone = tmp_path / "alone.yaml"
    alone.write_text("title: Only a root\n", encoding="utf-8")
    assert window.open_file(alone)
    key(window, qtbot, Qt.Key.Key_B)
    assert not window.studying.active
    assert "Nothing to blank" in window.statusBar().currentMessage()
    flat = tmp_path / "flat.yaml"
    flat.write_text("title: Flat\nchildren: [a, b]\n", encoding="utf-8")
    assert window.open_file(flat)
    key(window, qtbot, Qt.Key.Key_B)
    assert window.session.blanks == {"Flat/a", "Flat/b"}
    assert window.study_bar.levels.maximum() == 0
