"""Study progress over the map: each card's standing at a moment, how well it is retained, and
how many of a branch's cards are known.

Everything is worked out when first asked for and kept: the map asks about the nodes it paints
(a standing is two dict lookups, a retrievability one FSRS formula), and one walk through the
cards (never the leaves) groups them by standing and tallies the main branches and the map. A
`Progress` is of one outline, one schedule and one moment; whoever shows it makes a new one
when any of them changes.

The root is a card like any other (its children are its answer) and shows its standing; it
belongs to no main branch, so no main branch's tally counts it; the root's own tally is the
whole map's, its card included.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

import fsrs

from mindmap.core.model import Node, Outline
from mindmap.core.study import Card, Schedule, end_of_day

# Retrievability depends on FSRS's decay only, never on the user's desired retention.
_SCHEDULER = fsrs.Scheduler()


class Standing(enum.Enum):
    """Where a card stands on a day."""

    NEW = "new"  # never graded
    LEARNING = "learning"  # in its first steps (or relearning), not due again before midnight
    DUE = "due"  # due before the day ends: what "Due today" counts
    KNOWN = "known"  # in review, not due today


class Tally(NamedTuple):
    """How many of a branch's cards are known, of how many."""

    known: int
    cards: int

    def __str__(self) -> str:
        return f"{self.known:,} of {self.cards:,} known"


class Progress:
    """The study progress of `outline`'s cards by `schedule` at `now` (time-zone aware: the
    day ends at midnight in its zone)."""

    def __init__(self, outline: Outline, schedule: Schedule, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("progress needs a moment with its time zone: a day ends at midnight")
        self.outline, self.schedule, self.now = outline, schedule, now
        self._end = end_of_day(now)
        self._counts: dict[str, dict[Standing, int]] = {}  # by branch: see `_standings`
        self._grouped: dict[Standing, frozenset[str]] | None = None
        self._retained: dict[str, float] = {}

    def standing(self, key: str) -> Standing | None:
        """The standing of node `key`'s card; None when it is no card (a leaf, or no node)."""
        node = self.outline.by_key.get(key)
        if node is None or not node.children:
            return None
        return standing(self.schedule.cards.get(key), self._end)

    def retrievability(self, key: str) -> float:
        """How likely node `key`'s card is recalled now, by FSRS (0 for a card never graded)."""
        retained = self._retained.get(key)
        if retained is None:
            card = self.schedule.cards.get(key) if self.standing(key) is not None else None
            retained = self._retained[key] = 0.0 if card is None else retrievability(card, self.now)
        return retained

    def grouped(self) -> dict[Standing, frozenset[str]]:
        """The keys of the outline's cards by standing: sets, for picking the cards out of many
        nodes by intersection, at C speed (the overview picture's thousands of bars)."""
        if self._grouped is None:
            self._survey()
            assert self._grouped is not None
        return self._grouped

    def tally(self, key: str) -> Tally:
        """How many cards of the branch at `key` (its own included) are known, of how many."""
        counts = self._standings(key)
        return Tally(counts[Standing.KNOWN], sum(counts.values()))

    def counts(self) -> dict[Standing, int]:
        """How many of the outline's cards stand where, every standing listed."""
        return {kind: len(keys) for kind, keys in self.grouped().items()}

    def _standings(self, key: str) -> dict[Standing, int]:
        """How many cards of the branch at `key` stand where: the root's and the main
        branches' from the survey, any other branch's by a walk of its own."""
        self.grouped()
        counts = self._counts.get(key)
        if counts is None:
            counts = dict.fromkeys(Standing, 0)
            node = self.outline.by_key.get(key)
            cards, end = self.schedule.cards, self._end
            for card in _cards_below(node) if node is not None else ():
                counts[standing(cards.get(card.key), end)] += 1
            self._counts[key] = counts
        return counts

    def _survey(self) -> None:
        """One walk through every card: their keys by standing, and how many stand where in
        each main branch and in the whole map (the root's own card with them)."""
        groups: dict[Standing, set[str]] = {kind: set() for kind in Standing}
        cards, end, root = self.schedule.cards, self._end, self.outline.root
        total = dict.fromkeys(Standing, 0)
        if root.children:
            kind = standing(cards.get(root.key), end)
            groups[kind].add(root.key)
            total[kind] += 1
        for branch in root.children:
            counts = self._counts[branch.key] = dict.fromkeys(Standing, 0)
            for card in _cards_below(branch):
                kind = standing(cards.get(card.key), end)
                groups[kind].add(card.key)
                counts[kind] += 1
            for kind, number in counts.items():
                total[kind] += number
        self._counts[root.key] = total
        self._grouped = {kind: frozenset(keys) for kind, keys in groups.items()}


def standing(card: Card | None, end_of_day: datetime) -> Standing:
    """Where a card (None: never graded) stands on the day that ends at `end_of_day`."""
    if card is None:
        return Standing.NEW
    if card.due < end_of_day:
        return Standing.DUE
    return Standing.KNOWN if card.state == "review" else Standing.LEARNING


def retrievability(card: Card, now: datetime) -> float:
    """FSRS's probability that `card` is recalled at `now`."""
    memory = fsrs.Card(  # an id and a due date given: fsrs asks the clock for neither
        card_id=1, stability=card.stability, due=card.due, last_review=card.last_review
    )
    return float(_SCHEDULER.get_card_retrievability(memory, now))


def _cards_below(node: Node) -> Iterator[Node]:
    """The cards of the branch at `node`, itself included if it is one: a walk that goes down
    through cards only (a leaf has none below it), so it costs what the cards have."""
    stack = [node] if node.children else []
    while stack:
        card = stack.pop()
        yield card
        stack.extend(child for child in card.children if child.children)
