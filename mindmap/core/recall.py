"""Recall on the map: the cards of a branch one by one, their children blank until revealed;
and the blank-map exercise, where every title below the top levels is blank.

A study run changes only the session's folds, focus and blanks, and gives them back as they
were when it ends (`MapBefore`): the map the student knows stays the map. Reviews follow the
map (the top of a branch first, then its children, then their siblings: SMR's order), so a
question always has its context on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mindmap.core.model import Node, Outline
from mindmap.core.session import NOTHING, Change, MapSession
from mindmap.core.study import Grade, Planner, Schedule, end_of_day, fingerprint

LEARN_AHEAD = timedelta(minutes=20)  # a card due again this soon is asked again (as Anki does)
WELL = (Grade.GOOD, Grade.EASY)  # the grades that say the children were recalled


@dataclass(frozen=True, slots=True)
class MapBefore:
    """The map as it was before a study run: what `restore` gives back."""

    folds: frozenset[str]
    level: int | None
    focus: str | None
    selected: str | None
    split: int | None  # the main branches on the right: the sides as they were


def remember(session: MapSession) -> MapBefore:
    return MapBefore(
        frozenset(session.folds), session.level, session.focus, session.selected, session.split
    )


def restore(session: MapSession, before: MapBefore) -> Change:
    """The map as it was (what a reload took away stays away), every title shown."""
    outline = session.outline
    session.blanks = frozenset()
    if outline is None:
        return NOTHING
    session.focus = before.focus if before.focus in outline.by_key else None
    session.set_folds(before.folds, before.level)
    session.selected = before.selected if before.selected in outline.by_key else None
    session.split = before.split
    return Change(rebuild=True, keep_sides=True, selection=True)


def cards_in(outline: Outline, scope: str) -> list[Node]:
    """The cards (nodes with children) of branch `scope`, itself first, in map order."""
    return [node for node in outline.by_key[scope].walk() if node.children]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a study run did, for its last screen."""

    cards: int  # cards graded (a card asked again counts once)
    grades: int  # grades given
    recalled_well: int  # of them Good or Easy
    due_tomorrow: int  # cards of the branch due tomorrow


@dataclass
class Recall:
    """One study run through the cards of branch `scope`: those due today and the new ones
    the day has room for, in map order; when none is due, all of them (`ahead`)."""

    scope: str
    queue: list[str]
    ahead: bool = False  # nothing was due: the branch is studied ahead of its schedule
    index: int = 0
    revealed: set[str] = field(default_factory=set)  # children of the current card shown
    grades: list[tuple[str, Grade]] = field(default_factory=list)  # (card, grade) as given

    @classmethod
    def start(
        cls, outline: Outline, schedule: Schedule, planner: Planner, scope: str, now: datetime
    ) -> Recall | None:
        """A run over `scope`, or None when it has no card (no node with children)."""
        cards = [node.key for node in cards_in(outline, scope)]
        if not cards:
            return None
        day_ends, room = end_of_day(now), planner.room(schedule, now)
        queue = []
        for key in cards:
            card = schedule.cards.get(key)
            if card is None and room > 0:
                room -= 1
                queue.append(key)
            elif card is not None and card.due < day_ends:
                queue.append(key)
        return cls(scope, queue) if queue else cls(scope, cards, ahead=True)

    @property
    def current(self) -> str | None:
        """The card asked now; None once the run is over."""
        return self.queue[self.index] if self.index < len(self.queue) else None

    def changed(self, outline: Outline, schedule: Schedule) -> bool:
        """Whether the current card asks or answers something else since it was last graded."""
        key = self.current
        if key is None or key not in outline.by_key or key not in schedule.cards:
            return False
        return schedule.cards[key].fingerprint != fingerprint(outline.by_key[key])

    def show(self, session: MapSession) -> Change:
        """The current card on the map: its path and their siblings as they are, itself
        unfolded with its children blank (but those revealed), everything else folded."""
        outline, key = session.outline, self.current
        if outline is None or key is None or key not in outline.by_key:
            return NOTHING
        lineage = set(session.lineage(key))
        folds = set(session.folds) - lineage
        for ancestor in [*outline.ancestors(key), outline.by_key[key]]:
            folds.update(child.key for child in ancestor.children if child.children)
        session.folds = folds - lineage
        children = [child.key for child in outline.by_key[key].children]
        before, session.blanks = session.blanks, frozenset(children) - self.revealed
        repaint = before | session.blanks | {k for k in (session.selected,) if k is not None}
        session.selected = None
        return Change(relayout=True, still=key, repaint=repaint, selection=True)

    def children(self, session: MapSession) -> list[str]:
        """The current card's children: its answer (none once the run is over)."""
        outline, key = session.outline, self.current
        if outline is None or key is None or key not in outline.by_key:
            return []
        return [child.key for child in outline.by_key[key].children]

    def answered(self, session: MapSession) -> bool:
        """Whether the grades may be given: the whole answer is revealed."""
        return not session.blanks.intersection(self.children(session))

    def reveal(self, session: MapSession, keys: list[str]) -> Change:
        """Show the titles of `keys` (the current card's children among them)."""
        if self.current is not None:
            self.revealed.update(session.blanks & set(keys) & set(self.children(session)))
        return reveal(session, keys)

    def reveal_next(self, session: MapSession) -> Change:
        """The next child still blank, in the author's order."""
        blank = [key for key in self.children(session) if key in session.blanks]
        return self.reveal(session, blank[:1])

    def reveal_all(self, session: MapSession) -> Change:
        return self.reveal(session, self.children(session))

    def graded(self, grade: Grade) -> None:
        assert self.current is not None
        self.grades.append((self.current, grade))

    def advance(self, outline: Outline, schedule: Schedule, now: datetime) -> bool:
        """On to the next card still in the outline; at the end of the queue, the cards graded
        in this run that are due again within LEARN_AHEAD go round once more. False when the
        run is over."""
        self.revealed = set()
        self.index += 1
        while self.index < len(self.queue) and self.queue[self.index] not in outline.by_key:
            self.index += 1
        if self.index < len(self.queue):
            return True
        soon = now + LEARN_AHEAD
        again = [
            key
            for key in dict.fromkeys(self.queue)
            if key in outline.by_key and key in schedule.cards and schedule.cards[key].due <= soon
        ]
        self.queue, self.index = again, 0
        return bool(again)

    def summary(self, outline: Outline, schedule: Schedule, now: datetime) -> Summary:
        tomorrow = end_of_day(now)
        cards = (schedule.cards.get(node.key) for node in cards_in(outline, self.scope))
        due = sum(1 for c in cards if c is not None and tomorrow <= c.due < tomorrow + _DAY)
        well = sum(1 for _, grade in self.grades if grade in WELL)
        return Summary(len({key for key, _ in self.grades}), len(self.grades), well, due)


_DAY = timedelta(days=1)


def reveal(session: MapSession, keys: list[str]) -> Change:
    """Show the titles of those of `keys` that are blank."""
    shown = session.blanks & set(keys)
    if not shown:
        return NOTHING
    session.blanks -= shown
    return Change(repaint=frozenset(shown))


BLANK_MAP_UNFOLDS = 2000  # a branch this big is unfolded whole for the blank map; else as folded


def blank_below(session: MapSession, levels: int) -> Change:
    """The blank-map exercise: the shown map's top `levels` levels below its root as written,
    every deeper title blank. A branch of up to BLANK_MAP_UNFOLDS nodes is unfolded whole."""
    outline = session.outline
    if outline is None:
        return NOTHING
    root = session.shown_root
    nodes = list(root.walk())
    if len(nodes) <= BLANK_MAP_UNFOLDS:
        session.folds -= {node.key for node in nodes}
    before, session.blanks = session.blanks, frozenset(_deeper_than(root, levels))
    repaint = before | session.blanks | {k for k in (session.selected,) if k is not None}
    session.selected = None
    return Change(relayout=True, keep_sides=True, fit=True, repaint=repaint, selection=True)


def next_blank(session: MapSession) -> list[str]:
    """The first blank shown, in map order (none when all are revealed)."""
    layout = session.layout
    if layout is None or not session.blanks:
        return []
    for node in session.shown_root.walk():
        if node.key in session.blanks and node.key in layout.boxes:
            return [node.key]
    return []


def depth_below(root: Node) -> int:
    """How many levels there are below `root` (0: it has no children)."""
    depth, layer = 0, root.children
    while layer:
        depth, layer = depth + 1, [child for node in layer for child in node.children]
    return depth


def _deeper_than(root: Node, levels: int) -> list[str]:
    found, layer, depth = [], [root], 0
    while layer:
        if depth > levels:
            found += [node.key for node in layer]
        layer = [child for node in layer for child in node.children]
        depth += 1
    return found


def wait_text(now: datetime, due: datetime) -> str:
    """How long until `due`, as a grade button says it: "1 min", "6 h", "3 days", "2 mo"."""
    minutes = max(1, round((due - now).total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)} h"
    days = round(minutes / (24 * 60))
    if days < 60:
        return f"{days} day" + ("s" if days > 1 else "")
    return f"{round(days / 30)} mo" if days < 365 else f"{days / 365:.1f} yr"
