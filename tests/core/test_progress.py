"""Study progress over the map: each card's standing at a moment, and each branch's tally."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from mindmap.core.model import Node, Outline
from mindmap.core.outline import parse_outline
from mindmap.core.progress import Progress, Standing, Tally
from mindmap.core.study import Grade, Planner, Schedule

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni\n"
    "  - Energy:\n      - Kudankulam\n"
    "  - Space:\n      - Gaganyaan:\n          - crew\n"
)
# 9 in the morning in India: the day ends at the user's midnight, not UTC's.
IST = timezone(timedelta(hours=5, minutes=30))
DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=IST)
EXACT = Planner(fuzz=False)
DEFENCE, BRAHMOS, ENERGY = "Revision/Defence", "Revision/Defence/BrahMos", "Revision/Energy"


def grade(schedule: Schedule, node: Node, given: Grade, moment: datetime) -> None:
    EXACT.grade(schedule, node, given, moment.astimezone(UTC))  # fsrs takes UTC only


def studied() -> tuple[Schedule, Outline]:
    """Defence known (two Goods yesterday), BrahMos Again just now, Energy Easy 2 days ago."""
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    defence = tree.by_key[DEFENCE]
    grade(schedule, defence, Grade.GOOD, DAY0 - timedelta(days=1))
    grade(schedule, defence, Grade.GOOD, DAY0 - timedelta(days=1, minutes=-10))
    grade(schedule, tree.by_key[BRAHMOS], Grade.AGAIN, DAY0)
    grade(schedule, tree.by_key[ENERGY], Grade.EASY, DAY0 - timedelta(days=2))
    return schedule, tree


def test_each_card_has_its_standing_and_leaves_have_none() -> None:
    schedule, tree = studied()
    progress = Progress(tree, schedule, DAY0 + timedelta(minutes=1))
    assert progress.standing(DEFENCE) is Standing.KNOWN
    assert progress.standing(BRAHMOS) is Standing.DUE  # again in a minute or so: due today
    assert progress.standing("Revision/Space") is Standing.NEW
    assert progress.standing("Revision") is Standing.NEW  # the root is a card like any other
    assert progress.standing("Revision/Defence/Agni") is None  # a leaf is no card
    assert progress.standing("gone") is None


def test_a_learning_card_not_due_before_midnight_is_learning() -> None:
    tree = parse_outline(OUTLINE, "o.yaml").outline
    schedule = Schedule()
    late = DAY0.replace(hour=23, minute=55)
    grade(schedule, tree.by_key[BRAHMOS], Grade.GOOD, late)  # again in 10 minutes: 00:05
    progress = Progress(tree, schedule, late)
    assert schedule.cards[BRAHMOS].due >= late.replace(hour=0, minute=0) + timedelta(days=1)
    assert progress.standing(BRAHMOS) is Standing.LEARNING


def test_a_known_card_turns_due_on_the_day_it_is_due_in_the_users_zone() -> None:
    schedule, tree = studied()
    due = schedule.cards[DEFENCE].due.astimezone(IST)
    before = due.replace(hour=0, minute=1) - timedelta(days=1)
    assert Progress(tree, schedule, before).standing(DEFENCE) is Standing.KNOWN
    morning = due.replace(hour=0, minute=1)  # the day it is due, before the hour it is due
    assert Progress(tree, schedule, morning).standing(DEFENCE) is Standing.DUE


def test_retrievability_is_fsrs_s_and_fades_with_time() -> None:
    schedule, tree = studied()
    soon = Progress(tree, schedule, DAY0)
    later = Progress(tree, schedule, DAY0 + timedelta(days=1))
    assert 0.9 <= later.retrievability(DEFENCE) < soon.retrievability(DEFENCE) <= 1.0
    assert soon.retrievability("Revision/Space") == 0.0  # never studied
    assert soon.retrievability("Revision/Defence/Agni") == 0.0  # no card


def test_each_branch_tallies_its_known_cards_with_its_own() -> None:
    schedule, tree = studied()
    progress = Progress(tree, schedule, DAY0 + timedelta(minutes=1))
    assert progress.tally(DEFENCE) == Tally(known=1, cards=2)  # itself and BrahMos
    assert progress.tally(ENERGY) == Tally(known=1, cards=1)
    assert progress.tally("Revision/Space") == Tally(known=0, cards=2)
    assert progress.tally("Revision") == Tally(known=2, cards=6)  # the whole map, root's own too
    assert progress.tally("Revision/Defence/Agni") == Tally(known=0, cards=0)
    assert str(progress.tally(DEFENCE)) == "1 of 2 known"


def test_the_counts_of_each_standing_over_the_map() -> None:
    schedule, tree = studied()
    progress = Progress(tree, schedule, DAY0 + timedelta(minutes=1))
    assert progress.counts() == {
        Standing.NEW: 3,
        Standing.LEARNING: 0,
        Standing.DUE: 1,
        Standing.KNOWN: 2,
    }


def test_cards_of_nodes_gone_are_left_out() -> None:
    schedule, _ = studied()
    smaller = parse_outline("Revision:\n  - Space:\n      - Gaganyaan\n", "o.yaml").outline
    progress = Progress(smaller, schedule, DAY0)
    assert progress.tally("Revision") == Tally(known=0, cards=2)
    assert progress.standing(DEFENCE) is None


def test_a_naive_moment_is_refused() -> None:
    schedule, tree = studied()
    with pytest.raises(ValueError, match="time zone"):
        Progress(tree, schedule, datetime(2026, 1, 5, 9, tzinfo=None))


def test_utc_works_as_any_zone() -> None:
    schedule, tree = studied()
    progress = Progress(tree, schedule, DAY0.astimezone(UTC) + timedelta(minutes=1))
    assert progress.standing(DEFENCE) is Standing.KNOWN


def test_the_cards_grouped_by_standing() -> None:
    schedule, tree = studied()
    progress = Progress(tree, schedule, DAY0 + timedelta(minutes=1))
    assert progress.grouped() == {
        Standing.NEW: {"Revision", "Revision/Space", "Revision/Space/Gaganyaan"},
        Standing.LEARNING: set(),
        Standing.DUE: {BRAHMOS},
        Standing.KNOWN: {DEFENCE, ENERGY},
    }
