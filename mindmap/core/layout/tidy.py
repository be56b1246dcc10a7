"""The packing step of a tidy tree, apart from any engine, so the tests' oracle packs alike.

Each side of the map is a non-layered tidy tree (A. van der Ploeg, "Drawing non-layered tidy
trees in linear time", 2014; the same algorithm as d3-flextree) turned on its side: depth grows
along x, siblings stack along y, and every node may have its own size. In the algorithm's own
terms the "breadth" axis is our y and the "depth" axis is our x; a node occupies its width plus
`level_gap` along the depth axis, so that nothing is ever placed where its parent's connectors run.

Outlines can be thousands of levels deep, so nothing here recurses: the tree is flattened into
lists indexed in pre-order once, a parent always comes before its children, and the passes are
plain loops over those indices (reversed for the bottom-up pass).
"""

from __future__ import annotations

from collections.abc import Callable
from math import sqrt
from operator import add, sub
from typing import NamedTuple

from mindmap.core.layout.geometry import LayoutMode, Spacing


class TidyState:
    """The algorithm's per-node state, in lists indexed alike (names as in d3-flextree).

    `relx` is the offset from the parent's subtree frame (the paper's `mod`), `prelim` the
    position within the own frame, `shift`/`change` the pending spread moves, `lext`/`rext` the
    top and bottom extreme nodes of the deepest level (at `lextrel`/`rextrel` from the frame),
    `lthr`/`rthr` the threads that let a contour continue into a neighbouring subtree.
    """

    __slots__ = (
        "change",
        "lext",
        "lextrel",
        "lthr",
        "prelim",
        "relx",
        "rext",
        "rextrel",
        "rthr",
        "shift",
    )

    def __init__(self, index: list[int]) -> None:
        """`index` is `list(range(n))`: its int objects are shared, not made again."""
        n = len(index)
        self.relx = [0.0] * n
        self.prelim = [0.0] * n
        self.shift = [0.0] * n
        self.change = [0.0] * n
        self.lext = index.copy()
        self.rext = index.copy()
        self.lextrel = [0.0] * n
        self.rextrel = [0.0] * n
        self.lthr = [-1] * n
        self.rthr = [-1] * n


Place = Callable[[int, list[int], "list[float] | None"], None]


def make_placer(
    state: TidyState,
    kids: list[list[int] | None],
    parent: list[int],
    bottom: list[float],
    half: list[float],
    *,
    sib_gap: float,
    cousin_gap: float,
) -> Place:
    """The packing step of the algorithm over `state`; `kids[i]` is None when none are shown.

    A closure, so that the hot loop reads its lists as cell variables; shared by the incremental
    layout and the full layout the tests check it against, so that both place every box alike.
    """
    relx, prelim, shift, change = state.relx, state.prelim, state.shift, state.change
    lext, rext, lextrel, rextrel = state.lext, state.rext, state.lextrel, state.rextrel
    lthr, rthr = state.lthr, state.rthr

    def place(v: int, ch: list[int], threaded: list[float] | None) -> None:
        """Pack the laid-out subtrees `ch` of `v` top to bottom and centre `v` on them.

        Every leaf that a thread starts from is appended to `threaded` (unless None) with its
        `relx` from before, so that the packing can be undone exactly.
        """
        first = ch[0]
        last = ch[-1]
        if first != last:
            # The paper's list of lowest depths as two stacks, newest last: the earlier
            # siblings still visible from below, with the depth where each one ends.
            lows_y = [bottom[rext[first]]]
            lows_i = [0]
            for i in range(1, len(ch)):
                cur = ch[i]
                prev = r = ch[i - 1]
                cur_low = bottom[rext[cur]]
                # Separate `cur` from the forest above it along the facing contours. The
                # first step compares the two siblings themselves, and always places `cur`
                # right against `prev`; the deeper steps can only push it further down.
                rsum = relx[r]
                lnode = cur
                rb = bottom[r]
                lb = bottom[cur]
                lsum = relx[cur]
                moved = rsum + prelim[r] + half[r] + sib_gap + half[cur] - lsum - prelim[cur]
                lsum += moved
                k = len(lows_y) - 1
                while True:
                    # Step down whichever contour ends first (both when they end together).
                    if rb <= lb:
                        below = kids[r]
                        r = below[-1] if below is not None else rthr[r]
                        if r >= 0:
                            rsum += relx[r]
                    if rb >= lb:
                        below = kids[lnode]
                        lnode = below[0] if below is not None else lthr[lnode]
                        if lnode >= 0:
                            lsum += relx[lnode]
                    if r < 0 or lnode < 0:
                        break
                    rb = bottom[r]
                    lb = bottom[lnode]
                    if rb > lows_y[k]:
                        k -= 1
                    # Wider gaps between boxes of different parents keep the groups apart.
                    gap = sib_gap if parent[r] == parent[lnode] else cousin_gap
                    dist = rsum + prelim[r] + half[r] + gap + half[lnode] - lsum - prelim[lnode]
                    if dist > 0.0:
                        lsum += dist
                        moved += dist
                        si = lows_i[k]
                        span = i - si
                        if span > 1:
                            # Spread the move over the siblings in between, as in the paper.
                            delta = dist / span
                            shift[ch[si + 1]] += delta
                            shift[cur] -= delta
                            change[cur] -= dist - delta
                relx[cur] += moved
                lextrel[cur] += moved
                rextrel[cur] += moved
                if r < 0 and lnode >= 0:
                    # `cur` reaches deeper than the forest: thread the forest's top extreme on.
                    le = lext[first]
                    if threaded is not None:
                        threaded += (le, relx[le])
                    lthr[le] = lnode
                    diff = lsum - relx[lnode] - lextrel[first]
                    relx[le] += diff
                    prelim[le] -= diff
                    lext[first] = lext[cur]
                    lextrel[first] = lextrel[cur]
                elif r >= 0 and lnode < 0:
                    # The forest reaches deeper: thread `cur`'s bottom extreme on into it.
                    re = rext[cur]
                    if threaded is not None:
                        threaded += (re, relx[re])
                    rthr[re] = r
                    diff = rsum - relx[r] - rextrel[cur]
                    relx[re] += diff
                    prelim[re] -= diff
                    rext[cur] = rext[prev]
                    rextrel[cur] = rextrel[prev]
                while lows_y and cur_low >= lows_y[-1]:
                    lows_y.pop()
                    lows_i.pop()
                lows_y.append(cur_low)
                lows_i.append(i)
            # Apply the spread moves in one sweep (they leave the first and last child alone).
            shift_sum = change_sum = 0.0
            for c in ch:
                shift_sum += shift[c]
                change_sum += shift_sum + change[c]
                relx[c] += change_sum
        prelim[v] = (relx[first] + prelim[first] + relx[last] + prelim[last]) / 2
        lext[v] = lext[first]
        lextrel[v] = lextrel[first]
        rext[v] = rext[last]
        rextrel[v] = rextrel[last]

    return place


def choose_split(mode: LayoutMode, tops: list[float], lows: list[float], kept: int | None) -> int:
    """How many main branches go right: `kept` when given, else the split that balances the
    sides' subtree heights.

    Ties go to the right side. Shared with the tests' full layout, so that both split alike to
    the bit.
    """
    count = len(tops)
    if mode is not LayoutMode.MINDMAP or count < 2:
        return count
    if kept is not None:
        return max(0, min(kept, count))
    heights = list(map(sub, lows, tops))
    total = sum(heights)
    split, best, acc = 0, total, 0.0
    for k in range(1, count + 1):
        acc += heights[k - 1]
        imbalance = abs(2 * acc - total)
        if imbalance <= best:
            split, best = k, imbalance
    return split


WRAP_LEAST = 20
"""A parent with at least this many children, all leaves, has them wrapped into columns."""
WRAP_ASPECT = 1.8
"""The width over the height that a wrapped block of leaves aims at: a screen's, so that a map
that is mostly one long list fits a window at its largest (half of it for each side of the root
when the list is the root's, split both ways)."""


class Grid(NamedTuple):
    """A run of leaf siblings wrapped column by column, read top to bottom then left to right.

    Item `t` of the run stands in row `t % rows` and column `t // rows`. The first item of
    each row leads it: the packing sees the leaders only, each as tall as its row's tallest
    item (less `row_trim`) and reaching as far as its row's farthest, and the others take their
    leader's centre.
    """

    rows: int
    colx: list[float]
    """Per item: its column's offset along x from the first column."""
    half: list[float]
    """Per row: the half-height the packing sees, the largest in it less `row_trim`."""
    reach: list[float]
    """Per item: how far its outer edge is from the first column's inner edge; for a leader,
    the farthest of its row."""


def row_trim(spacing: Spacing) -> float:
    """How much smaller than its row a wrapped row's leader is to the packing, so that rows
    stand `row_gap` apart although the packing keeps siblings a sibling gap apart.

    At most the subtree gap, which the packing adds between boxes of different parents: the
    grid still keeps a sibling gap from every other box."""
    saved = (float(spacing.sibling_gap) - float(spacing.row_gap)) / 2
    return min(saved, float(spacing.subtree_gap))


def wrap(
    widths: list[float],
    heights: list[float],
    spacing: Spacing,
    aspect: float = WRAP_ASPECT,
) -> Grid | None:
    """The grid that makes a long list of leaves about `aspect` wide for its height, or None
    when it stays one column.

    Depends only on the items' sizes, so both the engine and the tests' oracle wrap alike, and
    a list keeps its grid across folds.
    """
    count = len(widths)
    if count < WRAP_LEAST:
        return None
    trim = row_trim(spacing)
    col_gap = float(spacing.column_gap)
    pitch_h = sum(heights) / count + float(spacing.sibling_gap) - 2 * trim
    pitch_w = sum(widths) / count + col_gap
    cols = round(sqrt(count * pitch_h * aspect / pitch_w))
    if cols < 2:
        return None
    rows = -(-count // cols)
    colx: list[float] = []
    x = 0.0
    for a in range(0, count, rows):
        column = widths[a : a + rows]
        colx += [x] * len(column)
        x += max(column) + col_gap
    reach = list(map(add, colx, widths))
    half = [max(heights[r::rows]) / 2 - trim for r in range(rows)]
    for r in range(rows):
        reach[r] = max(reach[r::rows])
    return Grid(rows, colx, half, reach)


def least_rows(count: int, aspect: float = WRAP_ASPECT) -> int:
    """The fewest rows `wrap` can give `count` leaves whose row pitch is at most their column
    pitch (titles are padded wider than tall, and columns stand further apart than rows): such
    items get no more columns than square ones, so their rows are never fewer."""
    if count < WRAP_LEAST:
        return count
    cols = round(sqrt(count * aspect))
    return -(-count // cols) if cols >= 2 else count


def follow(ypos: list[float], a: int, run: list[int], rows: int) -> None:
    """Give every item of a wrapped `run` its leader's centre in `ypos` (indexed from `a`)."""
    for t in range(rows, len(run)):
        ypos[run[t] - a] = ypos[run[t % rows] - a]


def lay_run(
    grid: Grid | None, run: list[int], colx: list[float], packhalf: list[float], half: list[float]
) -> list[int]:
    """Set the column offsets and packed half-heights of `run` as `grid` wraps it (or as one
    column, when None); returns the items the packing sees, the leaders."""
    if grid is None:
        for i in run:
            colx[i] = 0.0
            packhalf[i] = half[i]
        return run
    for i, x in zip(run, grid.colx, strict=True):
        colx[i] = x
    lead = run[: grid.rows]
    for i, h in zip(lead, grid.half, strict=True):
        packhalf[i] = h
    return lead


def place_side(
    place: Place, state: TidyState, run: list[int], lead: list[int], record: list[float] | None
) -> list[float]:
    """Pack the root's main branches of one side (their leaders `lead`, from `lay_run`); returns
    each branch's centre relative to the root's."""
    place(0, lead, record)
    relx, prelim = state.relx, state.prelim
    centre = prelim[0]
    rows = len(lead)
    return [relx[b] + prelim[b] - centre for b in (lead[t % rows] for t in range(len(run)))]


def side_aspect(split: int, count: int) -> float:
    """The aspect that the root's leaves wrap at on each side: half a screen's when the main
    branches go both ways."""
    return WRAP_ASPECT / 2 if 0 < split < count else WRAP_ASPECT
