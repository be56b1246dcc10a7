"""The day's study agenda, as the Review panel lists it: per main branch, the cards due and the
new ones that may start, with the totals; when nothing is due, the day the next cards are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mindmap.core.model import Outline
from mindmap.core.study import Planner, Schedule, end_of_day, today


@dataclass(frozen=True, slots=True)
class Row:
    """One main branch with something to study today (the root's own card is the root's row)."""

    key: str
    title: str
    due: int
    new: int


@dataclass(frozen=True, slots=True)
class Agenda:
    root: str  # the root's key: studying it studies the whole map
    rows: list[Row]
    cards: int  # how many cards the outline has
    next_due: tuple[date, int] | None  # when nothing is to study today: the next day, its cards
    new_per_day: int
    day: date  # today, in the user's time zone

    @property
    def due(self) -> int:
        return sum(row.due for row in self.rows)

    @property
    def new(self) -> int:
        return sum(row.new for row in self.rows)

    def headline(self) -> str:
        """One line over the rows: the totals, or why there are none."""
        if not self.cards:
            return "Nothing to study: no node in this outline has children"
        if self.rows:
            return f"{self.due} due · {self.new} new today"
        if self.next_due is None:  # nothing scheduled and no new card may start
            return f"Nothing due today; new cards a day is {self.new_per_day} (Edit ▸ Preferences)"
        day, count = self.next_due
        cards = f"{count} card{'s' * (count != 1)}"
        return f"Nothing due today. Next: {day_name(day, self.day.year)} ({cards})"


def agenda(outline: Outline, schedule: Schedule, planner: Planner, now: datetime) -> Agenda:
    """What there is to study on `now`'s day, in `now`'s time zone."""
    plan = today(outline, schedule, planner, now)
    root = outline.root.key
    rows = [Row(key, _row_title(outline, key), due, new) for key, due, new in plan.branches]
    later = None if rows or not plan.cards else next_due(outline, schedule, now)
    return Agenda(root, rows, plan.cards, later, planner.new_per_day, now.date())


def _row_title(outline: Outline, key: str) -> str:
    """A branch's title; the root's row is its own card, which asks for the main branches."""
    title = outline.by_key[key].title.split("\n", 1)[0]
    return f"Main branches of {title}" if key == outline.root.key else title


def next_due(outline: Outline, schedule: Schedule, now: datetime) -> tuple[date, int] | None:
    """The first day after today with cards of `outline` due, and how many are due then."""
    tomorrow = end_of_day(now)
    days = [
        card.due.astimezone(now.tzinfo).date()
        for key, card in schedule.cards.items()
        if card.due >= tomorrow and key in outline.by_key
    ]
    if not days:
        return None
    first = min(days)
    return first, days.count(first)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # in English, as the app speaks,
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# whatever the C library's locale (Qt sets the user's: strftime's %a would follow it)


def day_name(day: date, this_year: int) -> str:
    """ "Thu 3 Dec", with the year when it is not `this_year`."""
    name = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return name if day.year == this_year else f"{name} {day.year}"
