"""Recall on the map, without a display: which cards a run asks and in what order, what the
map shows of each (blanks), grading and going round again, the summary, the blank map."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mindmap.core.layout import IncrementalLayout
from mindmap.core.outline import parse_outline
from mindmap.core.recall import (
    Recall,
    blank_below,
    next_blank,
    remember,
    restore,
    reveal,
    wait_text,
)
from mindmap.core.session import MapSession
from mindmap.core.study import Grade, Planner, Schedule

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni\n"
    "  - Energy:\n      - Kudankulam\n      - Oil\n"
    "  - Trade\n"
)
DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
EXACT = Planner(fuzz=False)


def session_on(text: str = OUTLINE) -> MapSession:
    session = MapSession()
    session.show(parse_outline(text, "o.yaml").outline)
    return session


def lay_out(session: MapSession) -> None:
    """What the shell does after a change: lay the folded map out."""
    engine = IncrementalLayout(session.shown_root, lambda node: (60.0, 20.0), session.mode)
    session.laid_out(engine.update(frozenset(session.folds), None).layout)


def test_a_run_asks_the_due_and_the_new_cards_of_its_branch_in_map_order() -> None:
    session, schedule = session_on(), Schedule()
    outline = session.outline
    assert outline is not None
    run = Recall.start(outline, schedule, EXACT, "Revision", DAY0)
    assert run is not None
    assert [outline.by_key[key].title for key in run.queue] == [
        "Revision",
        "Defence",
        "BrahMos",
        "Energy",
    ]
    assert not run.ahead
    branch = Recall.start(outline, schedule, EXACT, "Revision/Energy", DAY0)
    assert branch is not None
    assert branch.queue == ["Revision/Energy"]


def test_new_cards_wait_for_room_in_the_day_and_a_run_with_nothing_due_studies_ahead() -> None:
    session, schedule = session_on(), Schedule()
    outline = session.outline
    assert outline is not None
    two_a_day = Planner(new_per_day=2, fuzz=False)
    run = Recall.start(outline, schedule, two_a_day, "Revision", DAY0)
    assert run is not None
    assert run.queue == ["Revision", "Revision/Defence"]
    for key in run.queue:
        two_a_day.grade(schedule, outline.by_key[key], Grade.EASY, DAY0)
    # No room left today and nothing due: the branch is studied ahead of schedule, all of it.
    later = Recall.start(outline, schedule, two_a_day, "Revision/Defence", DAY0)
    assert later is not None
    assert later.ahead
    assert later.queue == ["Revision/Defence", "Revision/Defence/BrahMos"]
    assert Recall.start(outline, schedule, two_a_day, "Revision/Trade", DAY0) is None


def test_a_card_shows_its_children_blank_and_the_rest_folded_around_its_path() -> None:
    session = session_on()
    run = Recall.start(session.outline, Schedule(), EXACT, "Revision", DAY0)
    assert run is not None
    run.index = 1  # Defence
    change = run.show(session)
    assert change.relayout
    assert session.blanks == {"Revision/Defence/BrahMos", "Revision/Defence/Agni"}
    assert "Revision/Defence" not in session.folds
    assert "Revision/Defence/BrahMos" in session.folds  # its answer is the next card's
    assert "Revision/Energy" in session.folds  # a sibling's children are its own card's
    lay_out(session)
    assert "Revision/Defence/BrahMos" in session.layout.boxes


def test_reveal_one_by_one_then_all_and_only_then_may_it_be_graded() -> None:
    session = session_on()
    run = Recall.start(session.outline, Schedule(), EXACT, "Revision/Energy", DAY0)
    assert run is not None
    run.show(session)
    assert not run.answered(session)
    change = run.reveal_next(session)
    assert change.repaint == {"Revision/Energy/Kudankulam"}
    assert session.blanks == {"Revision/Energy/Oil"}
    assert not run.answered(session)  # half an answer is not graded
    run.reveal_all(session)
    assert session.blanks == frozenset()
    assert run.answered(session)
    assert run.reveal_all(session).repaint == frozenset()  # nothing left


def test_grading_moves_on_and_cards_due_again_soon_go_round_once_more() -> None:
    session, schedule = session_on(), Schedule()
    outline = session.outline
    assert outline is not None
    run = Recall.start(outline, schedule, EXACT, "Revision/Defence", DAY0)
    assert run is not None
    assert run.queue == ["Revision/Defence", "Revision/Defence/BrahMos"]
    EXACT.grade(schedule, outline.by_key[run.queue[0]], Grade.AGAIN, DAY0)
    run.graded(Grade.AGAIN)
    assert run.advance(outline, schedule, DAY0)
    assert run.current == "Revision/Defence/BrahMos"
    EXACT.grade(schedule, outline.by_key["Revision/Defence/BrahMos"], Grade.EASY, DAY0)
    run.graded(Grade.EASY)
    # Again brings Defence back in a minute: the run asks it again; Easy's days away do not.
    assert run.advance(outline, schedule, DAY0)
    assert run.queue == ["Revision/Defence"]
    EXACT.grade(schedule, outline.by_key["Revision/Defence"], Grade.EASY, DAY0)
    run.graded(Grade.EASY)
    assert not run.advance(outline, schedule, DAY0)
    assert run.current is None
    summary = run.summary(outline, schedule, DAY0)
    assert (summary.cards, summary.grades, summary.recalled_well) == (2, 3, 2)


def test_the_summary_counts_the_cards_due_tomorrow() -> None:
    session, schedule = session_on(), Schedule()
    outline = session.outline
    assert outline is not None
    run = Recall.start(outline, schedule, EXACT, "Revision", DAY0)
    assert run is not None
    # A review card due tomorrow: Easy on a new card gives days, so move its due by hand.
    card = EXACT.grade(schedule, outline.by_key["Revision/Energy"], Grade.EASY, DAY0)
    tomorrow = DAY0 + timedelta(days=1)
    schedule.cards[card.key] = card.__class__(**{**_fields(card), "due": tomorrow})
    assert run.summary(outline, schedule, DAY0).due_tomorrow == 1
    assert run.summary(outline, schedule, tomorrow).due_tomorrow == 0


def _fields(card: object) -> dict[str, object]:
    return {name: getattr(card, name) for name in card.__slots__}  # type: ignore[attr-defined]


def test_a_changed_card_is_noticed_until_it_is_graded_again() -> None:
    session, schedule = session_on(), Schedule()
    outline = session.outline
    assert outline is not None
    EXACT.grade(schedule, outline.by_key["Revision/Energy"], Grade.GOOD, DAY0)
    edited = session_on(OUTLINE.replace("Oil", "Gas")).outline
    assert edited is not None
    run = Recall.start(edited, schedule, EXACT, "Revision/Energy", DAY0 + timedelta(days=30))
    assert run is not None
    assert run.changed(edited, schedule)
    EXACT.grade(schedule, edited.by_key["Revision/Energy"], Grade.GOOD, DAY0)
    assert not run.changed(edited, schedule)


def test_leaving_gives_the_map_back_as_it_was() -> None:
    session = session_on()
    session.folds = {"Revision/Energy"}
    session.select("Revision/Trade")
    before = remember(session)
    run = Recall.start(session.outline, Schedule(), EXACT, "Revision", DAY0)
    assert run is not None
    run.index = 2
    run.show(session)
    session.focus_on("Revision/Defence")
    change = restore(session, before)
    assert change.rebuild
    assert (session.folds, session.focus, session.selected) == (
        {"Revision/Energy"},
        None,
        "Revision/Trade",
    )
    assert session.blanks == frozenset()


def test_the_blank_map_blanks_below_the_levels_shown_and_reveals_in_map_order() -> None:
    session = session_on()
    session.folds = {"Revision/Defence"}
    blank_below(session, 1)
    assert session.folds == set()  # a small map is unfolded whole
    assert session.blanks == {
        "Revision/Defence/BrahMos",
        "Revision/Defence/BrahMos/range",
        "Revision/Defence/Agni",
        "Revision/Energy/Kudankulam",
        "Revision/Energy/Oil",
    }
    lay_out(session)
    assert next_blank(session) == ["Revision/Defence/BrahMos"]
    reveal(session, next_blank(session))
    assert next_blank(session) == ["Revision/Defence/BrahMos/range"]
    blank_below(session, 0)
    assert "Revision/Trade" in session.blanks
    assert "Revision" not in session.blanks


def test_waits_read_as_a_grade_button_says_them() -> None:
    assert wait_text(DAY0, DAY0 + timedelta(seconds=20)) == "1 min"
    assert wait_text(DAY0, DAY0 + timedelta(minutes=10)) == "10 min"
    assert wait_text(DAY0, DAY0 + timedelta(hours=5)) == "5 h"
    assert wait_text(DAY0, DAY0 + timedelta(days=1)) == "1 day"
    assert wait_text(DAY0, DAY0 + timedelta(days=8)) == "8 days"
    assert wait_text(DAY0, DAY0 + timedelta(days=90)) == "3 mo"
    assert wait_text(DAY0, DAY0 + timedelta(days=730)) == "2.0 yr"
