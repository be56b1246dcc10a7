"""MapSession: all the user's state of one open map, and every operation a user does to it.

The session is plain data and rules; the Qt shell lays out and draws what it holds. Each
operation returns a `Change` that says what the shell has to do about it (lay out again, keep
a node still on screen, fit, repaint some nodes, bring one into view), so that an operation is
tested without a display and the shell holds no state of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from mindmap.core.layout import Layout, LayoutMode
from mindmap.core.marks import folds_to_paths, paths_to
from mindmap.core.model import Node, Outline
from mindmap.core.navigation import Direction, neighbour
from mindmap.core.search import find_matches
from mindmap.core.viewstate import folds_to_level, initial_folds


@dataclass(frozen=True, slots=True)
class Change:
    """What an operation changed, for the shell to show."""

    relayout: bool = False  # the folds changed: lay out again what they touch
    rebuild: bool = False  # the outline or the layout mode changed: lay out from scratch
    keep_sides: bool = True  # main branches stay on their sides (else balanced anew)
    still: str | None = None  # the node to keep where it is on screen across the relayout
    fit: bool = False  # fit the whole map in the view afterwards
    repaint: frozenset[str] = frozenset()  # nodes whose selection or match marks changed
    flash: frozenset[str] = frozenset()  # nodes a reload added, to highlight for a moment
    selection: bool = False  # the selected node changed: show its details
    centre: str | None = None  # a node to centre in the view
    into_view: str | None = None  # a node to scroll into view (without centring)
    readable: bool = False  # zoom in, if need be, until the centred node can be read
    dim: bool = False  # the filter changed: nodes dim or light up


NOTHING = Change()


class MapSession:
    """The open outline, its folds, the selection, a find's matches, the sides and the mode."""

    def __init__(self, mode: LayoutMode = LayoutMode.MINDMAP) -> None:
        self.outline: Outline | None = None
        self.folds: set[str] = set()
        self.selected: str | None = None
        self.matches: list[str] = []  # a find's matches, in reading order
        self.matched: frozenset[str] = frozenset()  # the same, to look up
        self.match_index = -1
        self.mode = mode
        self.split: int | None = None  # main branches on the right when last laid out
        # Below this depth branches unfold one level at a time (the map was shown to a level):
        # their children's folds are made when they first unfold, not kept for every branch.
        self.level: int | None = None
        self._unfolded: set[str] = set()  # branches below `level` unfolded once already
        self.layout: Layout | None = None  # the last layout of this session's state
        self.filtered: frozenset[str] | None = None  # a filter's paths: the rest is dimmed
        self._folds_before_filter: set[str] = set()
        self.focus: str | None = None  # the branch shown as the whole map (None: the map)
        self.blanks: frozenset[str] = frozenset()  # titles shown blank, to recall (study)

    # --- the outline -------------------------------------------------------------------------

    def clear(self) -> None:
        """Another file is about to open: nothing of this one's state carries over."""
        self.outline, self.layout, self.split = None, None, None
        self.folds, self.selected, self.focus, self.blanks = set(), None, None, frozenset()
        self.filtered, self._folds_before_filter = None, set()
        self._by_level(None)
        self._set_matches([])

    def show(
        self,
        outline: Outline,
        folds: set[str] | None = None,
        level: int | None = None,
        focus: str | None = None,
    ) -> Change:
        """Show `outline` for the first time, folded as remembered (else as the author wrote);
        below `level`, when given, branches unfold one level at a time; `focus` is the branch
        shown as the whole map, if it is still there."""
        self.outline = outline
        self.folds = initial_folds(outline) if folds is None else folds & outline.by_key.keys()
        self._by_level(level)
        self.focus = focus if focus in outline.by_key and focus != outline.root.key else None
        return Change(rebuild=True, keep_sides=False)

    def apply(self, outline: Outline) -> Change:
        """A new parse of the open file: folds and selection stay; new nodes flash; branches
        added or taken away let the sides balance anew."""
        old = self.outline
        if old is None:
            return self.show(outline)
        same_branches = [c.key for c in old.root.children] == [c.key for c in outline.root.children]
        new_keys = outline.by_key.keys() - old.by_key.keys()
        self.outline = outline
        self.folds &= outline.by_key.keys()
        self.folds |= {key for key in new_keys if _starts_folded(outline, key)}
        if self.selected not in outline.by_key:
            self.selected = None
        if self.focus not in outline.by_key:
            self.focus = None
        self._set_matches([key for key in self.matches if key in outline.by_key])
        if self.filtered is not None:
            self.filtered = paths_to(outline, self.filtered)
            self._folds_before_filter &= outline.by_key.keys()
        return Change(rebuild=True, keep_sides=same_branches, flash=frozenset(new_keys))

    def lineage(self, key: str | None) -> list[str]:
        """`key` and its ancestors, nearest first: the nodes a reload may keep still."""
        chain = []
        while key is not None and self.outline is not None:
            chain.append(key)
            parent = self.outline.parent_of.get(key)
            key = parent.key if parent is not None else None
        return chain

    def laid_out(self, layout: Layout) -> frozenset[str]:
        """Take in the layout of the current state. A selection that a fold hid moves to the
        folded node that hides it; returns the nodes whose marks changed."""
        self.layout = layout
        if len(layout.boxes) > 1:  # while the root is folded, the sides wait for its unfold
            self.split = layout.split
        if self.selected is None or self.selected in layout.boxes:
            return frozenset()
        shown = next((key for key in self.lineage(self.selected) if key in layout.boxes), None)
        return self._select(shown)

    def count_text(self) -> str:
        """The status bar's count: how many nodes, and how many of them show when folds hide
        some."""
        total = self.outline.node_count if self.outline is not None else 0
        shown = len(self.layout.boxes) if self.layout is not None else total
        whole = f"{total:,} node" if total == 1 else f"{total:,} nodes"  # a root alone is one
        return f"{shown:,} of {total:,} nodes show" if shown < total else whole

    @property
    def current_match(self) -> str | None:
        """The match the find last stepped to (None before the first step)."""
        if 0 <= self.match_index < len(self.matches):
            return self.matches[self.match_index]
        return None

    @property
    def root_key(self) -> str:
        """The key of the map's root as shown: the focused branch, else the outline's root."""
        return self.shown_root.key if self.outline is not None else ""

    # --- focus on a branch -------------------------------------------------------------------

    @property
    def shown_root(self) -> Node:
        """The node laid out as the map's root: the focused branch, else the outline's root."""
        assert self.outline is not None
        return self.outline.by_key[self.focus] if self.focus else self.outline.root

    def breadcrumb(self) -> list[Node]:
        """From the outline's root down to the focused branch (empty without a focus)."""
        if self.outline is None or self.focus is None:
            return []
        return [*self.outline.ancestors(self.focus), self.outline.by_key[self.focus]]

    def focus_on(self, key: str | None) -> Change:
        """Show the branch `key` as the whole map (None or the root: the whole map again);
        the folds inside it stay as they are, and it shows its children."""
        if self.outline is None or (key is not None and key not in self.outline.by_key):
            return NOTHING
        if key == self.outline.root.key:
            key = None
        if key is not None and not self.outline.by_key[key].children:
            return NOTHING
        if key == self.focus:
            return NOTHING
        self.focus = key
        if key is not None:
            self.folds.discard(key)
        return Change(rebuild=True, keep_sides=False, fit=True)

    def unfocus(self) -> Change:
        """Up one level: the focused branch's parent becomes the map shown."""
        if self.outline is None or self.focus is None:
            return NOTHING
        parent = self.outline.parent_of[self.focus]
        return self.focus_on(parent.key if parent is not None else None)

    def _within_focus(self, key: str) -> bool:
        """Leave the focus when `key` is outside it; returns whether it was left."""
        if self.focus is None or self.focus in self.lineage(key):
            return False
        self.focus = None
        return True

    def sides(self, keep: bool) -> int | None:
        """The split to lay out with: the kept one, or None to balance anew."""
        return self.split if keep else None

    # --- folds -------------------------------------------------------------------------------

    def toggle_fold(self, key: str) -> Change:
        if self.outline is None or key not in self.outline.by_key:
            return NOTHING
        if not self.outline.by_key[key].children:
            return NOTHING
        if key in self.folds:
            self._unfold(key)
        else:
            self.folds.add(key)
        return Change(relayout=True, still=key)

    def toggle_selected_fold(self) -> Change:
        return self.toggle_fold(self.selected) if self.selected is not None else NOTHING

    def expand_all(self) -> Change:
        if self.outline is None:
            return NOTHING
        self.folds = set()
        self._by_level(None)
        still = self.selected or self.root_key
        return Change(relayout=True, keep_sides=False, still=still, dim=self._end_filter())

    def show_levels(self, level: int) -> Change:
        if self.outline is None:
            return NOTHING
        self.folds = folds_to_level(self.outline, level)
        self._by_level(level)
        return Change(relayout=True, keep_sides=False, fit=True, dim=self._end_filter())

    def _end_filter(self) -> bool:
        """The user folded the whole map anew: a filter ends there; returns whether one did."""
        ended, self.filtered, self._folds_before_filter = self.filtered is not None, None, set()
        return ended

    def set_folds(self, folds: AbstractSet[str], level: int | None = None) -> Change:
        """Fold exactly `folds` (the first open tries levels); below `level`, when given,
        branches unfold one level at a time. The sides balance anew."""
        if self.outline is None:
            return NOTHING
        self.folds = set(folds) & self.outline.by_key.keys()
        self._by_level(level)
        return Change(relayout=True, keep_sides=False)

    def _by_level(self, level: int | None) -> None:
        self.level, self._unfolded = level, set()

    def _unfold(self, key: str) -> None:
        """Show the children of `key`; below `level`, the first time, with theirs folded."""
        assert self.outline is not None
        self.folds.discard(key)
        if self.level is None or key in self._unfolded:
            return
        if len(self.outline.ancestors(key)) >= self.level:
            children = self.outline.by_key[key].children
            self.folds.update(child.key for child in children if child.children)
            self._unfolded.add(key)

    def _unfold_to(self, key: str) -> bool:
        """Unfold every ancestor of `key` so that it shows; returns whether anything changed."""
        assert self.outline is not None
        changed = False
        for ancestor in self.outline.ancestors(key):  # from the root: an unfold may fold below
            if ancestor.key in self.folds:
                self._unfold(ancestor.key)
                changed = True
        return changed

    def set_mode(self, mode: LayoutMode) -> Change:
        self.mode = mode
        return Change(rebuild=self.outline is not None, keep_sides=False, fit=True)

    def reveal(self, key: str) -> Change:
        """Unfold what hides `key`, select it and centre it."""
        if self.outline is None or key not in self.outline.by_key:
            return NOTHING
        left = self._within_focus(key)
        unfolded = self._unfold_to(key)
        still = self.selected or self.root_key
        selected = self._select(key)
        return Change(
            rebuild=left,
            keep_sides=not left,
            relayout=unfolded,
            still=still,
            repaint=selected,
            selection=True,
            centre=key,
        )

    # --- filter by mark ----------------------------------------------------------------------

    def filter_marks(self, keys: Iterable[str]) -> Change:
        """Show only the paths to the nodes `keys` (those with a mark): everything off them is
        folded and the nodes beside them are dimmed. The folds from before are kept for
        `clear_filter`, across filters."""
        if self.outline is None:
            return NOTHING
        paths = paths_to(self.outline, keys)
        if not paths:
            return NOTHING
        if self.filtered is None:
            self._folds_before_filter = set(self.folds)
        self.filtered = paths
        self.folds = folds_to_paths(self.outline, paths)
        return Change(relayout=True, keep_sides=False, fit=True, dim=True)

    def clear_filter(self) -> Change:
        """Undim everything and fold the map as it was before the filter."""
        if self.filtered is None:
            return NOTHING
        self.filtered = None
        self.folds, self._folds_before_filter = self._folds_before_filter, set()
        return Change(
            relayout=True, keep_sides=False, still=self.selected or self.root_key, dim=True
        )

    @property
    def own_folds(self) -> set[str]:
        """The user's folds, to remember: under a filter, those from before it."""
        return self._folds_before_filter if self.filtered is not None else self.folds

    def dimmed(self, key: str) -> bool:
        """Whether a filter dims node `key` (it leads to no node filtered for)."""
        return self.filtered is not None and key not in self.filtered

    # --- selection ---------------------------------------------------------------------------

    def select(self, key: str | None) -> Change:
        if key is not None and (self.outline is None or key not in self.outline.by_key):
            return NOTHING
        return Change(repaint=self._select(key), selection=True)

    def _select(self, key: str | None) -> frozenset[str]:
        old, self.selected = self.selected, key
        return frozenset(k for k in (old, key) if k is not None)

    def select_root(self) -> Change:
        if self.outline is None:
            return NOTHING
        return Change(repaint=self._select(self.root_key), selection=True, centre=self.root_key)

    def move_selection(self, direction: Direction) -> Change:
        """Arrow keys: to the parent, a child or a neighbour on screen; from nothing, the root."""
        if self.layout is None or self.outline is None:
            return NOTHING
        if self.selected is None:
            return self.select(self.root_key)
        target = neighbour(self.layout, self.selected, direction)
        if target is None:
            return NOTHING
        return Change(repaint=self._select(target), selection=True, into_view=target)

    # --- find --------------------------------------------------------------------------------

    def find(self, query: str, annotations: Mapping[str, str] | None = None) -> Change:
        """The nodes whose title, note, tags or annotation hold `query`, in reading order."""
        if self.outline is None:
            return NOTHING
        old = self.matched
        self._set_matches(find_matches(self.outline, query, annotations))
        return Change(repaint=old ^ self.matched)

    def step_match(self, step: int) -> Change:
        """Go to the next (1) or previous (-1) match, unfolding what hides it."""
        if not self.matches or self.outline is None:
            return NOTHING
        before = self.current_match
        self.match_index = (self.match_index + step) % len(self.matches)
        key = self.matches[self.match_index]
        left = self._within_focus(key)
        unfolded = self._unfold_to(key)
        # The first step dims the other matches; later ones repaint the match left.
        repaint = self._select(key) | ({before} if before is not None else self.matched)
        return Change(
            rebuild=left,
            keep_sides=not left,
            relayout=unfolded,
            still=key,
            repaint=repaint,
            selection=True,
            centre=key,
            readable=True,
        )

    def end_find(self) -> Change:
        old = self.matched
        self._set_matches([])
        return Change(repaint=old)

    def _set_matches(self, keys: list[str]) -> None:
        self.matches, self.matched, self.match_index = keys, frozenset(keys), -1


def _starts_folded(outline: Outline, key: str) -> bool:
    node = outline.by_key[key]
    return node.collapsed and bool(node.children)
