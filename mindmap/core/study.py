"""Study: each node with children is a card whose answer is its children, scheduled by FSRS.

The scheduler is the `fsrs` package (Anki's default), at its default parameters; only the
desired retention and the number of new cards a day are the user's. Every function takes the
moment it means (`now`), so that tests move through days without waiting.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import fsrs

from mindmap.core.model import Node, Outline


class Grade(enum.Enum):
    """How well the user recalled a node's children."""

    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


STATES = ("learning", "review", "relearning")  # fsrs.State by name, as the sidecar says them
_RATING = {
    Grade.AGAIN: fsrs.Rating.Again,
    Grade.HARD: fsrs.Rating.Hard,
    Grade.GOOD: fsrs.Rating.Good,
    Grade.EASY: fsrs.Rating.Easy,
}


@dataclass(frozen=True, slots=True)
class Card:
    """One scheduled card: FSRS's memory state and when it is due, with what it asked."""

    key: str
    title: str  # the node's title when last graded: how a lost card is recognised
    fingerprint: str  # of the title and the children's titles: the card changed if it differs
    state: str = "learning"
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    last_review: datetime | None = None
    extra: tuple[tuple[str, object], ...] = ()  # fields this app does not know, written back


@dataclass(frozen=True, slots=True)
class Review:
    """One grade given, for the review log."""

    key: str
    grade: Grade
    reviewed: datetime
    extra: tuple[tuple[str, object], ...] = ()

    @property
    def log_key(self) -> str:
        """Unique and in time order (when written in UTC): the log sorts by it."""
        return f"{stamp(self.reviewed)} {self.key}"


def stamp(moment: datetime) -> str:
    """A moment as the sidecar writes it: ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def fingerprint(node: Node) -> str:
    """What a card asks and answers: its title and its children's titles, hashed."""
    text = "\n".join([node.title, *(child.title for child in node.children)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def study_nodes(outline: Outline) -> list[Node]:
    """The nodes that are cards, in map order (pre-order)."""
    return [node for node in outline.root.walk() if node.children]


@dataclass
class Schedule:
    """The cards scheduled so far (node key → Card) and the log of every grade given."""

    cards: dict[str, Card] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)  # log_key → Review

    def due(self, moment: datetime) -> list[str]:
        """Keys of the scheduled cards due at `moment` (a plain scan: ~10 ms per 100,000)."""
        return [key for key, card in self.cards.items() if card.due <= moment]

    def changed(self, outline: Outline) -> list[str]:
        """Keys of the cards whose node now asks or answers something else."""
        by_key = outline.by_key
        return [
            key
            for key, card in self.cards.items()
            if key in by_key and fingerprint(by_key[key]) != card.fingerprint
        ]

    def unattached(self, outline: Outline) -> list[str]:
        """Keys of the cards whose node is gone (renamed or deleted): kept, not shown."""
        return [key for key in self.cards if key not in outline.by_key]

    def introduced_on(self, moment: datetime) -> int:
        """How many cards were graded for the first time on `moment`'s day (in its zone).

        The log's keys sort in time (`Review.log_key`): the day is a range of them, found by
        comparing text, which a grade does on a log of any length at no noticeable cost."""
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        start, end = stamp(midnight), stamp(midnight + timedelta(days=1))
        today = {r.key for log_key, r in self.reviews.items() if start <= log_key < end}
        before = {r.key for log_key, r in self.reviews.items() if log_key < start}
        return len(today - before)


RETENTION_RANGE = (0.70, 0.99)  # beyond these FSRS's intervals stop making sense for revision
NEW_PER_DAY_RANGE = (0, 9999)  # the user's choices: kept between these, offered between these


@dataclass(frozen=True)
class Planner:
    """Grades cards and says what to study, with the user's two settings."""

    desired_retention: float = 0.9
    new_per_day: int = 20
    fuzz: bool = True  # FSRS spreads intervals a little; tests that want exact days turn it off

    def grade(self, schedule: Schedule, node: Node, grade: Grade, now: datetime) -> Card:
        """Grade the card of `node` at `now`: schedule it again and log the review.

        `now` counts to the second, as the sidecar writes it: what is saved is what is held."""
        now = now.astimezone(UTC).replace(microsecond=0)  # fsrs takes UTC only
        old = schedule.cards.get(node.key)
        after = self._review(old, grade, now)
        card = Card(
            key=node.key,
            title=node.title,
            fingerprint=fingerprint(node),
            state=STATES[after.state.value - 1],
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=after.last_review,
            extra=old.extra if old is not None else (),
        )
        schedule.cards[node.key] = card
        review = Review(node.key, grade, now)
        schedule.reviews[review.log_key] = review
        return card

    def preview(self, schedule: Schedule, key: str, now: datetime) -> dict[Grade, datetime]:
        """When the card of `key` would next be due after each grade, without grading it
        (fuzz left out: the user is shown what to expect, not a draw)."""
        exact = Planner(self.desired_retention, self.new_per_day, fuzz=False)
        card = schedule.cards.get(key)
        return {grade: exact._review(card, grade, now).due for grade in Grade}

    def _review(self, card: Card | None, grade: Grade, now: datetime) -> fsrs.Card:
        """FSRS's memory state after `grade` at `now` (a card never graded starts now)."""
        now = now.astimezone(UTC)  # the user's clock is in their zone; fsrs takes UTC only
        scheduler = fsrs.Scheduler(
            desired_retention=self.desired_retention, enable_fuzzing=self.fuzz
        )
        memory = _to_fsrs(card) if card is not None else fsrs.Card(card_id=1, due=now)
        return scheduler.review_card(memory, _RATING[grade], now)[0]

    def new_cards(self, schedule: Schedule, outline: Outline, now: datetime) -> list[str]:
        """Keys of the nodes never studied that may be started today, in map order."""
        fresh = (node.key for node in study_nodes(outline) if node.key not in schedule.cards)
        return [key for key, _ in zip(fresh, range(self.room(schedule, now)), strict=False)]

    def room(self, schedule: Schedule, now: datetime) -> int:
        """How many new cards may still start on `now`'s day."""
        return max(0, self.new_per_day - schedule.introduced_on(now))

    def due_today(
        self, schedule: Schedule, outline: Outline, cards: list[str], now: datetime
    ) -> tuple[int, int]:
        """(cards of the outline due before the day ends, new ones that may start), given the
        outline's `cards` (keys, from `study_nodes`, kept by a caller that counts often)."""
        by_key = outline.by_key
        due = sum(1 for key in schedule.due(end_of_day(now)) if key in by_key)
        fresh = sum(1 for key in cards if key not in schedule.cards)
        return due, min(fresh, self.room(schedule, now))


def end_of_day(now: datetime) -> datetime:
    """The next midnight in `now`'s zone: what is due before it is due today."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(days=1)


class Today(NamedTuple):
    """What there is to study today: per main branch with any, in map order, (its key, cards
    due before the day ends, new cards that may start); and how many cards the outline has."""

    branches: list[tuple[str, int, int]]
    cards: int


def today(outline: Outline, schedule: Schedule, planner: Planner, now: datetime) -> Today:
    """The day's study per main branch (the root's own card counts under the root)."""
    due = by_branch(outline, schedule.due(end_of_day(now)))
    new = by_branch(outline, planner.new_cards(schedule, outline, now))
    order = [outline.root.key, *(child.key for child in outline.root.children)]
    branches = [(key, due.get(key, 0), new.get(key, 0)) for key in order]
    return Today(
        [branch for branch in branches if branch[1] or branch[2]], len(study_nodes(outline))
    )


def by_branch(outline: Outline, keys: Iterable[str]) -> dict[str, int]:
    """How many of `keys` lie in each main branch (a child of the root), by its key; the root's
    own card counts under the root's key. Keys not in the outline are left out."""
    root = outline.root.key
    counts: dict[str, int] = {}
    for key in keys:
        if key not in outline.by_key:
            continue
        branch = key
        parent = outline.parent_of[key]
        while parent is not None and parent.key != root:
            branch, parent = parent.key, outline.parent_of[parent.key]
        counts[branch] = counts.get(branch, 0) + 1
    return counts


def _to_fsrs(card: Card) -> fsrs.Card:
    return fsrs.Card(
        card_id=1,  # without one, fsrs sleeps a millisecond to make a unique id
        state=fsrs.State(STATES.index(card.state) + 1),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
