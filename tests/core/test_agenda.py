"""The Review panel's agenda: per main branch, what is due and new today, with the totals and,
when nothing is, when the next card is due; the clock is given, so days pass without waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from mindmap.core.agenda import Row, agenda
from mindmap.core.outline import parse_outline
from mindmap.core.study import Grade, Planner, Schedule

OUTLINE = (
    "Revision:\n"
    "  - Defence:\n      - BrahMos:\n          - range\n      - Agni\n"
    "  - Energy:\n      - Kudankulam\n"
    "  - History\n"
)
DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
EXACT = Planner(fuzz=False)


def outline(text: str = OUTLINE):
    return parse_outline(text, "o.yaml").outline


def graded(tree, grades: dict[str, Grade], when: datetime = DAY0) -> Schedule:
    schedule = Schedule()
    for key, grade in grades.items():
        EXACT.grade(schedule, tree.by_key[key], grade, when)
    return schedule


def test_rows_per_main_branch_with_titles_and_the_totals() -> None:
    tree = outline()
    schedule = graded(tree, {"Revision/Defence/BrahMos": Grade.GOOD})  # due again in 10 min
    plan = agenda(tree, schedule, EXACT, DAY0 + timedelta(hours=1))
    assert plan.rows == [
        Row("Revision", "Main branches of Revision", 0, 1),
        Row("Revision/Defence", "Defence", 1, 1),
        Row("Revision/Energy", "Energy", 0, 1),
    ]
    assert (plan.root, plan.cards, plan.due, plan.new) == ("Revision", 4, 1, 3)
    assert plan.headline() == "1 due · 3 new today"


def test_the_new_cards_a_day_limit_is_the_planners() -> None:
    tree = outline()
    plan = agenda(tree, Schedule(), Planner(new_per_day=2), DAY0)
    assert [(row.title, row.new) for row in plan.rows] == [
        ("Main branches of Revision", 1),
        ("Defence", 1),
    ]
    assert plan.headline() == "0 due · 2 new today"


def test_nothing_due_says_when_the_next_cards_are() -> None:
    tree = outline()
    schedule = graded(
        tree, dict.fromkeys(("Revision", "Revision/Defence", "Revision/Energy"), Grade.EASY)
    )
    brahmos = tree.by_key["Revision/Defence/BrahMos"]
    EXACT.grade(schedule, brahmos, Grade.EASY, DAY0 + timedelta(days=1))  # a day later
    plan = agenda(tree, schedule, EXACT, DAY0 + timedelta(days=1, hours=1))
    assert (plan.rows, plan.due, plan.new) == ([], 0, 0)
    assert plan.next_due == (datetime(2026, 1, 13).date(), 3)
    assert plan.headline() == "Nothing due today. Next: Tue 13 Jan (3 cards)"
    one = graded(tree, {"Revision/Energy": Grade.EASY})
    plan = agenda(tree, one, Planner(new_per_day=0), DAY0)
    assert plan.headline() == "Nothing due today. Next: Tue 13 Jan (1 card)"


def test_the_next_day_is_the_users_and_a_later_year_is_named() -> None:
    tree = outline("Revision:\n  - a\n")
    schedule = graded(tree, {"Revision": Grade.EASY}, datetime(2026, 12, 28, 23, tzinfo=UTC))
    due = schedule.cards["Revision"].due
    assert due == datetime(2027, 1, 5, 23, tzinfo=UTC)
    tokyo = timezone(timedelta(hours=9))  # there, it is due the morning after
    plan = agenda(tree, schedule, Planner(new_per_day=0), datetime(2026, 12, 29, 12, tzinfo=tokyo))
    assert plan.headline() == "Nothing due today. Next: Wed 6 Jan 2027 (1 card)"


def test_no_new_card_allowed_and_none_scheduled_says_so() -> None:
    plan = agenda(outline(), Schedule(), Planner(new_per_day=0), DAY0)
    assert plan.next_due is None
    assert plan.headline() == "Nothing due today; new cards a day is 0 (Edit ▸ Preferences)"


def test_an_outline_without_branches_has_nothing_to_study() -> None:
    plan = agenda(outline("Just a title\n"), Schedule(), EXACT, DAY0)
    assert (plan.cards, plan.rows) == (0, [])
    assert plan.headline() == "Nothing to study: no node in this outline has children"


def test_cards_of_nodes_gone_from_the_outline_are_not_counted() -> None:
    tree = outline()
    schedule = graded(tree, {"Revision/Energy": Grade.EASY})
    gone = outline(OUTLINE.replace("Energy", "Power"))
    plan = agenda(gone, schedule, Planner(new_per_day=0), DAY0 + timedelta(days=30))
    assert plan.headline() == "Nothing due today; new cards a day is 0 (Edit ▸ Preferences)"
