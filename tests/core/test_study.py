"""Study scheduling: cards are nodes with children, FSRS schedules them, the clock is injected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from mindmap.core.outline import parse_outline
from mindmap.core.study import (
    Grade,
    Planner,
    Schedule,
    by_branch,
    end_of_day,
    fingerprint,
    study_nodes,
)

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni\n"
    "  - Energy:\n      - Kudankulam\n"
)
DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
EXACT = Planner(fuzz=False)


def outline(text: str = OUTLINE):
    return parse_outline(text, "o.yaml").outline


def test_cards_are_the_nodes_with_children_in_map_order() -> None:
    assert [node.title for node in study_nodes(outline())] == [
        "Revision",
        "Defence",
        "BrahMos",
        "Energy",
    ]
    assert study_nodes(outline("Alone\n")) == []


def test_a_good_grade_moves_the_card_out_of_today_and_it_comes_back_later() -> None:
    tree = outline()
    schedule = Schedule()
    defence = tree.by_key["Revision/Defence"]
    EXACT.grade(schedule, defence, Grade.GOOD, DAY0)  # learning: again in ten minutes
    EXACT.grade(schedule, defence, Grade.GOOD, DAY0 + timedelta(minutes=10))
    card = schedule.cards[defence.key]
    assert card.state == "review"
    assert schedule.due(DAY0 + timedelta(minutes=11)) == []
    days = [d for d in range(1, 30) if schedule.due(end_of_day(DAY0 + timedelta(days=d)))]
    assert days
    assert days[0] == (card.due.date() - DAY0.date()).days
    assert [r.grade for r in schedule.reviews.values()] == [Grade.GOOD, Grade.GOOD]


def test_again_makes_a_shorter_interval_than_easy() -> None:
    tree = outline()
    intervals = {}
    for grade in (Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY):
        schedule = Schedule()
        card = EXACT.grade(schedule, tree.by_key["Revision/Energy"], grade, DAY0)
        intervals[grade] = card.due - DAY0
    assert intervals[Grade.AGAIN] < intervals[Grade.HARD] <= intervals[Grade.GOOD]
    assert intervals[Grade.GOOD] < intervals[Grade.EASY]


def test_a_higher_desired_retention_reviews_sooner() -> None:
    tree = outline()
    node = tree.by_key["Revision/Energy"]
    dues = []
    for retention in (0.8, 0.97):
        schedule = Schedule()
        planner = Planner(desired_retention=retention, fuzz=False)
        planner.grade(schedule, node, Grade.EASY, DAY0)
        dues.append(planner.grade(schedule, node, Grade.GOOD, DAY0 + timedelta(days=8)).due)
    assert dues[1] < dues[0]


def test_a_card_whose_title_or_children_changed_is_marked_changed() -> None:
    schedule = Schedule()
    tree = outline()
    for node in study_nodes(tree):
        EXACT.grade(schedule, node, Grade.GOOD, DAY0)
    assert schedule.changed(tree) == []
    edited = outline(OUTLINE.replace("Agni", "Agni-V").replace("range", "speed"))
    assert sorted(schedule.changed(edited)) == ["Revision/Defence", "Revision/Defence/BrahMos"]
    assert fingerprint(edited.root) == fingerprint(tree.root)  # its children are the same


def test_a_card_of_a_renamed_node_is_kept_unattached() -> None:
    schedule = Schedule()
    EXACT.grade(schedule, outline().by_key["Revision/Energy"], Grade.GOOD, DAY0)
    renamed = outline(OUTLINE.replace("Energy", "Power"))
    assert schedule.unattached(renamed) == ["Revision/Energy"]
    assert "Revision/Energy" in schedule.cards
    assert schedule.changed(renamed) == []


def test_new_cards_per_day_are_limited_and_the_limit_resets_the_next_day() -> None:
    tree = outline()
    planner = Planner(new_per_day=2, fuzz=False)
    schedule = Schedule()
    assert planner.new_cards(schedule, tree, DAY0) == ["Revision", "Revision/Defence"]
    for key in planner.new_cards(schedule, tree, DAY0):
        planner.grade(schedule, tree.by_key[key], Grade.GOOD, DAY0)
    assert planner.new_cards(schedule, tree, DAY0 + timedelta(hours=1)) == []
    assert planner.new_cards(schedule, tree, DAY0 + timedelta(days=1)) == [
        "Revision/Defence/BrahMos",
        "Revision/Energy",
    ]


def test_due_today_counts_per_main_branch() -> None:
    tree = outline()
    schedule = Schedule()
    for node in study_nodes(tree):
        EXACT.grade(schedule, node, Grade.AGAIN, DAY0)
    due = schedule.due(end_of_day(DAY0))
    assert by_branch(tree, due) == {"Revision": 1, "Revision/Defence": 2, "Revision/Energy": 1}
    assert end_of_day(DAY0) == datetime(2026, 1, 6, tzinfo=UTC)


def test_due_today_counts_the_outlines_due_cards_and_the_new_ones_allowed() -> None:
    tree = outline()
    cards = [node.key for node in study_nodes(tree)]
    planner = Planner(new_per_day=2, fuzz=False)
    schedule = Schedule()
    assert planner.due_today(schedule, tree, cards, DAY0) == (0, 2)
    planner.grade(schedule, tree.by_key["Revision"], Grade.AGAIN, DAY0)
    EXACT.grade(schedule, tree.by_key["Revision/Energy"], Grade.AGAIN, DAY0 - timedelta(days=9))
    assert planner.due_today(schedule, tree, cards, DAY0) == (2, 1)
    renamed = outline(OUTLINE.replace("Energy", "Power"))  # its card no longer counts
    assert planner.due_today(schedule, renamed, cards, DAY0) == (1, 1)


def test_the_cards_introduced_on_a_day_are_counted_in_the_users_own_zone() -> None:
    tree, schedule = outline(), Schedule()
    zone = timezone(timedelta(hours=-5))
    evening = datetime(2026, 1, 5, 23, 30, tzinfo=zone)  # already the 6th in UTC
    EXACT.grade(schedule, tree.by_key["Revision"], Grade.GOOD, evening)
    EXACT.grade(schedule, tree.by_key["Revision/Defence"], Grade.GOOD, evening)
    next_day = evening + timedelta(hours=1)  # the 6th, here
    EXACT.grade(schedule, tree.by_key["Revision"], Grade.GOOD, next_day)  # not new any more
    EXACT.grade(schedule, tree.by_key["Revision/Energy"], Grade.GOOD, next_day)
    assert schedule.introduced_on(evening) == 2
    assert schedule.introduced_on(next_day) == 1
    assert schedule.introduced_on(next_day + timedelta(days=1)) == 0
