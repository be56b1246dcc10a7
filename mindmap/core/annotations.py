"""The user's own annotations on nodes, keyed by node key (their file: `sidecar.py`).

Annotations are the user's data: none is ever dropped because the outline changed. When a node's
key disappears, its annotation follows the one node elsewhere with the same title, if there is
exactly one; otherwise it is kept as unattached until the user attaches or deletes it.

Following is only proposed at first: an outline read half-saved lacks nodes that come back a
moment later, and must not move an annotation for good. The annotation stays stored under its
own key (and is saved so) until the outline has settled or the user acts on it where it shows.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import NamedTuple, TypeVar

from mindmap.core.model import Outline
from mindmap.core.study import Card, Review, Schedule


class Mark(enum.Enum):
    """Quick revision marks, shown as a colour cue on the node."""

    IMPORTANT = "important"
    REVISE = "revise again"
    KNOWN = "known"


@dataclass(frozen=True, slots=True)
class Annotation:
    key: str
    title: str  # the node's title when annotated: how the annotation finds a moved node
    text: str = ""
    mark: Mark | None = None
    updated: str = ""  # ISO 8601, UTC
    extra: tuple[tuple[str, object], ...] = ()  # fields this app does not know, written back

    @property
    def first_line(self) -> str:
        return next((line for line in self.text.splitlines() if line.strip()), "")

    @property
    def unknown_mark(self) -> str | None:
        """A mark this app does not know (a newer version's, a typo): kept as read and written
        back, shown as an unknown mark until the user gives the node one of the known marks."""
        if self.mark is not None:
            return None
        return next((str(value) for name, value in self.extra if name == "mark"), None)

    @property
    def empty(self) -> bool:
        """Nothing of the user's is in it: no text, no mark."""
        return not self.text.strip() and self.mark is None and self.unknown_mark is None


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Proposal(NamedTuple):
    """An annotation that would follow a node: the key it is stored under, the node's title."""

    stored: str
    title: str


class Contents(NamedTuple):
    """What the sidecar holds entry by entry, as last read or written: the base of a merge."""

    items: dict[str, Annotation]
    cards: dict[str, Card]
    reviews: dict[str, Review]

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.cards, self.reviews)


class AnnotationStore:
    """All annotations of one outline, under the keys they are saved with; `unattached` holds
    the keys that match no node now, `proposals` what `settle` would do: node key → Proposal.
    The study schedule lives in the same file, and so in the same store: `schedule`."""

    def __init__(
        self,
        annotations: dict[str, Annotation] | None = None,
        extra: dict[str, object] | None = None,
        schedule: Schedule | None = None,
    ) -> None:
        self.items: dict[str, Annotation] = dict(annotations or {})
        self.unattached: set[str] = set()
        self.proposals: dict[str, Proposal] = {}
        self.card_moves: dict[str, str] = {}  # node key → the lost card that would follow it
        self.extra: dict[str, object] = dict(extra or {})  # top-level sections we do not know
        self.schedule = schedule or Schedule()

    def contents(self) -> Contents:
        """A copy of the entries, to save or to merge against later."""
        schedule = self.schedule
        return Contents(dict(self.items), dict(schedule.cards), dict(schedule.reviews))

    def get(self, key: str) -> Annotation | None:
        return self.items.get(key)

    def on_node(self, key: str) -> Annotation | None:
        """The annotation shown on node `key`: its own, or the one proposed to follow it."""
        proposal = self.proposals.get(key)
        return self.items.get(proposal.stored if proposal is not None else key)

    def by_node(self) -> dict[str, Annotation]:
        """Node key → the annotation shown on it, for all the nodes that show one."""
        shown = {key: a for key, a in self.items.items() if key not in self.unattached}
        shown.update((key, self.items[p.stored]) for key, p in self.proposals.items())
        return shown

    def put(self, annotation: Annotation | None, key: str) -> None:
        """Set the annotation of `key` (None, or an empty one, removes it).

        A proposal to or from `key` is dropped: the user's own change decides that node.
        """
        self.proposals = {
            node: p for node, p in self.proposals.items() if key not in (node, p.stored)
        }
        if annotation is None or annotation.empty:
            self.items.pop(key, None)
            self.unattached.discard(key)
        else:
            self.items[key] = annotation

    def attach(self, outline: Outline) -> None:
        """Match annotations to the outline's nodes, changing none: what would change is proposed.

        An annotation whose key is gone is proposed to follow a node only when the choice is
        unambiguous: it is the only one lost with its title, and exactly one node has that title
        and no annotation of its own. Anything else waits, unattached, for the user. A node that
        kept its id under a new title is proposed to give its annotation that title. A key that
        comes back simply finds its annotation again: nothing had moved.

        Study cards follow by the same rule (`card_moves`): renaming a branch changes the keys
        of every node below it, and their progress should not be lost with them.
        """
        self.unattached, self.proposals, self.card_moves = set(), {}, {}
        cards = self.schedule.cards
        lost_cards: dict[str, list[str]] = {}  # title → keys of cards whose node is gone
        for key, card in cards.items():
            if key not in outline.by_key:
                lost_cards.setdefault(card.title, []).append(key)
        if not self.items and not lost_cards:  # the common case on a big map: nothing to do
            return
        titles: dict[str, list[str]] = {}
        for node in outline.root.walk():
            titles.setdefault(node.title, []).append(node.key)
        lost: dict[str, list[str]] = {}  # title → keys of annotations whose node is gone
        for key, annotation in self.items.items():
            found = outline.by_key.get(key)
            if found is None:
                lost.setdefault(annotation.title, []).append(key)
            elif found.title != annotation.title:  # renamed, but its id kept it in place
                self.proposals[key] = Proposal(key, found.title)
        for keys in lost.values():
            self.unattached.update(keys)
        for key, stored in _namesakes(lost, titles, self.items).items():
            self.proposals[key] = Proposal(stored, outline.by_key[key].title)
        self.card_moves = _namesakes(lost_cards, titles, cards)

    @property
    def pending(self) -> bool:
        """Whether `settle` has anything to make real."""
        return bool(self.proposals or self.card_moves)

    def settle(self) -> bool:
        """Make the proposals real, the outline having proved stable; returns whether any was."""
        for key, (stored, title) in self.proposals.items():
            self.unattached.discard(stored)
            self.items[key] = replace(self.items.pop(stored), key=key, title=title)
        cards = self.schedule.cards
        for key, stored in self.card_moves.items():
            if stored in cards and key not in cards:
                cards[key] = replace(cards.pop(stored), key=key)
        settled, self.proposals, self.card_moves = self.pending, {}, {}
        return settled

    def move(self, old_key: str, new_key: str, title: str) -> None:
        """Attach the annotation of `old_key` to another node (the user's choice)."""
        annotation = self.items.pop(old_key)
        self.unattached.discard(old_key)
        self.items[new_key] = replace(annotation, key=new_key, title=title, updated=now())

    def merge(
        self,
        theirs: AnnotationStore,
        base: dict[str, Annotation],
        cards_base: dict[str, Card] | None = None,
    ) -> None:
        """Take in another program's version of the sidecar without clobbering either side.

        Entry by entry against `base` and `cards_base`, the entries as last read or written: a
        side that did not change an entry takes the other side's version of it, a deletion
        included. When both
        changed an annotation, the newer stays under its key and the other is kept as an
        unattached copy; when both graded a card, the later review's schedule stays. The review
        log only grows: both sides' reviews are kept.
        """
        merge_entries(
            self.items, theirs.items, base, lambda key, a: self.put(a, key), self._keep_both
        )
        cards, old = self.schedule.cards, cards_base or {}
        merge_entries(cards, theirs.schedule.cards, old, _setter(cards), _later(cards))
        self.schedule.reviews.update(theirs.schedule.reviews)

    def _keep_both(self, key: str, mine: Annotation, other: Annotation) -> None:
        newer, older = (other, mine) if other.updated > mine.updated else (mine, other)
        copy = f"{key} (other version of {older.updated or 'unknown date'})"
        number = 1
        while copy in self.items and self.items[copy] != replace(older, key=copy):
            number += 1
            copy = f"{key} (other version {number} of {older.updated or 'unknown date'})"
        self.items[key] = newer
        self.items[copy] = replace(older, key=copy)


Entry = TypeVar("Entry")


def _namesakes(
    lost: dict[str, list[str]], titles: dict[str, list[str]], taken: Container[str]
) -> dict[str, str]:
    """Node key → the lost entry that would follow it, where the choice is unambiguous: the
    entry is the only one lost with its title, and exactly one node has that title and no
    entry of its own (`taken`)."""
    moves = {}
    for title, keys in lost.items():
        found = titles.get(title, [])
        if len(keys) == 1 and len(found) == 1 and found[0] not in taken:
            moves[found[0]] = keys[0]
    return moves


def merge_entries(
    mine: dict[str, Entry],
    theirs: dict[str, Entry],
    base: dict[str, Entry],
    take: Callable[[str, Entry | None], None],
    conflict: Callable[[str, Entry, Entry], None],
) -> None:
    """Three-way merge of keyed entries into `mine`: `take` puts (or with None, removes) the
    other side's entry where only they changed it; `conflict` decides where both did."""
    for key in mine.keys() | theirs.keys():
        ours, other, old = mine.get(key), theirs.get(key), base.get(key)
        if other in (old, ours):
            continue
        if ours == old:
            take(key, other)
        elif ours is None or other is None:  # deleted on one side, changed on the other
            mine[key] = ours or other  # type: ignore[assignment]
        else:
            conflict(key, ours, other)


def _setter(cards: dict[str, Card]) -> Callable[[str, Card | None], None]:
    def take(key: str, card: Card | None) -> None:
        if card is None:
            cards.pop(key, None)
        else:
            cards[key] = card

    return take


_NEVER = datetime.min.replace(tzinfo=UTC)


def _later(cards: dict[str, Card]) -> Callable[[str, Card, Card], None]:
    def conflict(key: str, mine: Card, other: Card) -> None:
        if (other.last_review or _NEVER) > (mine.last_review or _NEVER):
            cards[key] = other

    return conflict
