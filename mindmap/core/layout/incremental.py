"""The app's one layout engine: a fold costs about what the boxes that move cost, not the map."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container
from itertools import repeat
from operator import add, sub

from mindmap.core.layout.geometry import Box, Layout, LayoutChange, LayoutMode, Spacing
from mindmap.core.layout.packing import Packing
from mindmap.core.layout.tidy import (
    choose_split,
    follow,
    lay_run,
    place_side,
    side_aspect,
    wrap,
)
from mindmap.core.layout.tree import FlatTree, Folds
from mindmap.core.model import Node

_ALL, _COMPARE, _SHIFT = 0, 1, 2  # how `IncrementalLayout._move` updates a branch's boxes


class IncrementalLayout:
    """The tidy layout of one outline across fold changes, redoing only what a change touches.

    The root is centred on (0, 0) and every parent is centred between the centres of its first
    and last child (on each side, for the root). In MINDMAP mode the first main branches go
    right, top to bottom, and the rest go left, bottom to top (clockwise, as XMind reads): the
    split is the one that makes the sums of the branches' subtree heights on both sides
    closest, unless `update` is told how many go right (to keep each branch on its side across
    a fold).

    Folding or unfolding a node re-packs only that node and its ancestors (see `packing`), so
    the result is bit for bit that of a layout from scratch. Positions are then recomputed for
    the main branches that were re-packed, and shifted or mirrored for the others when their
    place around the root changed; the cost is that of the boxes that move, not of the map.

    The tree must not change while this object is in use (make a new one for a new outline),
    and keys must be unique. `measure` is called once per node, when it is first shown.

    `update` returns the same `Layout` object every time, changed in place, and so are its
    boxes: a node keeps one `Box` object for as long as this lives (also while hidden), updated
    in place when the node moves. Read a node's old position before calling `update` again, and
    go by `changed` rather than by comparing with a box kept from before. `boxes` is in
    pre-order after the first call only; later a fold deletes keys and an unfold appends the
    new ones (in pre-order among themselves), so a parent always comes before its children.
    `preorder()` gives the exact order when it matters.
    """

    def __init__(
        self,
        root: Node,
        measure: Callable[[Node], tuple[float, float]],
        mode: LayoutMode = LayoutMode.MINDMAP,
        spacing: Spacing = Spacing(),
    ) -> None:
        self._measure = measure
        self._mode = mode
        self._level_gap = float(spacing.level_gap)
        self._tree = tree = FlatTree(root)
        self._folds = folds = Folds(tree)
        n = tree.n
        self._kept_split: int | None = None  # the split the last update was asked to keep

        # Sizes, measured when first shown; along x, where each node's children start (its
        # outer edge plus the level gap), outwards from the root's centre.
        self._sized = bytearray(n)
        self._width: list[float] = [0.0] * n
        self._height: list[float] = [0.0] * n
        self._half = [0.0] * n
        self._bottom = [0.0] * n
        self._packing = packing = Packing(
            tree,
            folds,
            (self._width, self._height, self._half, self._bottom),
            spacing,
        )
        self._packhalf, self._colx = packing.packhalf, packing.colx

        # Positions: tops relative to the own main branch (its centre at 0), each main branch's
        # extent (top, bottom, deepest reach) and where it went last (offset, side).
        self._sums = [0.0] * n
        self._yrel = [0.0] * n
        self._extents: dict[int, tuple[float, float, float]] = {}
        self._placed: dict[int, tuple[float, int, float]] = {}
        self._boxes: list[Box | None] = [None] * n
        self.layout = Layout({}, (0.0, 0.0, 0.0, 0.0))

    def update(self, folded: Container[str], split: int | None = None) -> LayoutChange:
        """Lay out the map with the children of the nodes in `folded` hidden, and `split` main
        branches on the right (None: as balances the sides).

        A set (or frozenset) is compared with the previous call's in O(its size); any other
        container is asked about every node that has children.
        """
        folds, packing, keys = self._folds, self._packing, self._tree.keys
        candidates: list[int] = []  # shown nodes whose packed state no longer fits
        shown, hidden = folds.apply(folded, packing.packed, candidates)
        root_open = folds.is_open[0]
        if (split != self._kept_split or split not in (None, self.layout.split)) and root_open:
            candidates.append(0)  # other sides asked for: the branches are placed again
        self._kept_split = split
        changed: set[str] = set()
        removed: set[str] = set()
        if not candidates:
            return LayoutChange(self.layout, changed, removed)

        for a, c in hidden:
            removed.update(keys[a:c])
        self._show(shown, changed)
        dirty = packing.repack(candidates)
        self._number_columns()
        reshaped = {keys[v] for v in dirty}
        if root_open:
            self._lay_branches(shown, changed, reshaped)
        else:
            self._placed.clear()
            w, h = self._width[0], self._height[0]
            self.layout.bounds = (-w / 2, -h / 2, w / 2, h / 2)
            self.layout.split = 0  # no branch shows
        mark = packing.mark
        for v in dirty:
            mark[v] = 0

        # Keeping the dict in pre-order would mean rebuilding it on every unfold (some 20 ms at
        # 100,000 nodes, most of an unfold): new keys go last, after their parents.
        boxes = self.layout.boxes
        for key in removed:
            del boxes[key]
        box_list = self._boxes
        for a, c in shown:
            boxes.update(zip(keys[a:c], box_list[a:c], strict=True))  # type: ignore[arg-type]
        return LayoutChange(self.layout, changed, removed, reshaped)

    def descendants(self, key: str) -> int:
        """How many nodes the subtree of `key` holds below it (what its fold hides)."""
        tree = self._tree
        i = tree.position[key]
        return tree.end[i] - i - 1

    def preorder(self) -> list[str]:
        """The keys of the shown nodes in pre-order (`layout.boxes` is only on the first call)."""
        keys = self._tree.keys
        out: list[str] = []
        for a, c in self._folds.runs(0, self._tree.n):
            out += keys[a:c]
        return out

    def _number_columns(self) -> None:
        """Tell the boxes of lists wrapped by the last `repack` which column they stand in."""
        packing, kids, boxes = self._packing, self._tree.kids, self._boxes
        for v in packing.fresh:
            rows = packing.grids[v]
            for t, c in enumerate(kids[v]):  # type: ignore[arg-type]
                boxes[c].column = t // rows  # type: ignore[union-attr]
        packing.fresh.clear()

    def _show(self, runs: list[tuple[int, int]], changed: set[str]) -> None:
        """Measure the nodes shown for the first time and give them boxes, placed later."""
        tree = self._tree
        measure, nodes, parent, level_gap = self._measure, tree.nodes, tree.parent, self._level_gap
        sized, width, height, half, bottom = (
            self._sized,
            self._width,
            self._height,
            self._half,
            self._bottom,
        )
        keys, parent_keys, level, boxes = tree.keys, tree.parent_keys, tree.level, self._boxes
        for a, c in runs:
            fresh = sized[a:c].count(0)
            if fresh == c - a:
                sizes = list(map(measure, nodes[a:c]))
                width[a:c] = ws = [size[0] for size in sizes]
                height[a:c] = hs = [size[1] for size in sizes]
                half[a:c] = self._packhalf[a:c] = [size[1] / 2 for size in sizes]
                sized[a:c] = b"\x01" * (c - a)
                s = a
                if a == 0:
                    bottom[0] = width[0] / 2 + level_gap
                    s = 1
                for i, p, w in zip(range(s, c), parent[s:c], ws[s - a :], strict=True):
                    bottom[i] = bottom[p] + w + level_gap
                boxes[a:c] = list(
                    map(Box, keys[a:c], repeat(0.0), repeat(0.0), ws, hs, repeat(0),
                        level[a:c], parent_keys[a:c])
                )  # fmt: skip
            elif fresh:
                for i in range(a, c):
                    if sized[i]:
                        continue
                    w, h = measure(nodes[i])
                    width[i], height[i], half[i] = w, h, h / 2
                    self._packhalf[i] = h / 2
                    sized[i] = 1
                    p = parent[i]
                    bottom[i] = bottom[p] + w + level_gap if p >= 0 else w / 2 + level_gap
                    boxes[i] = Box(keys[i], 0.0, 0.0, w, h, 0, level[i], parent_keys[i])
            if a == 0:
                root = boxes[0]
                assert root is not None
                root.x, root.y = -width[0] / 2, -height[0] / 2
                changed.add(keys[0])

    def _extent(self, b: int) -> tuple[float, float, float]:
        """Tops of the shown nodes of main branch `b`, relative to it.

        Returns the branch's top, bottom and deepest reach along x.
        """
        sums, yrel = self._sums, self._yrel
        state = self._packing.state
        relx, prelim = state.relx, state.prelim
        tree, packing, is_open = self._tree, self._packing, self._folds.is_open
        parent, half, bottom = tree.parent, self._half, self._bottom
        wrapped, grids = packing.wrapped, packing.grids
        sums[b] = -prelim[b]
        tops, lows, reaches = [], [], []
        for a, c in self._folds.runs(b, tree.end[b]):
            s = a + 1 if a == b else a
            for i, p, rx in zip(range(s, c), parent[s:c], relx[s:c], strict=True):
                sums[i] = sums[p] + rx
            ypos = list(map(add, sums[a:c], prelim[a:c]))
            k = bisect_left(wrapped, a)
            while k < len(wrapped) and wrapped[k] < c:
                v = wrapped[k]
                if is_open[v]:
                    follow(ypos, a, tree.kids[v], grids[v])  # type: ignore[arg-type]
                k += 1
            yrel[a:c] = run = list(map(sub, ypos, half[a:c]))
            tops.append(min(run))
            lows.append(max(map(add, ypos, half[a:c])))
            reaches.append(max(bottom[a:c]))
        return min(tops), max(lows), max(reaches)

    def _lay_branches(
        self, shown: list[tuple[int, int]], changed: set[str], reshaped: set[str]
    ) -> None:
        """Pack the main branches around the root and bring their boxes up to date."""
        tree, packing = self._tree, self._packing
        branches: list[int] = tree.kids[0]  # type: ignore[assignment]
        mark, extents, placed = packing.mark, self._extents, self._placed
        keys, parent = tree.keys, tree.parent
        compared: list[int] = []
        for b in branches:
            if mark[b] or b not in extents:
                extents[b] = self._extent(b)
        tops = [extents[b][0] for b in branches]
        lows = [extents[b][1] for b in branches]
        count = len(branches)
        split = self.layout.split = choose_split(self._mode, tops, lows, self._kept_split)
        record: list[float] = []
        offset = [0.0] * count
        for order in (range(split), range(count - 1, split - 1, -1)):
            if order:
                run = [branches[j] for j in order]
                aspect = side_aspect(split, count)
                for j, off in zip(order, self._place_side(run, aspect, record), strict=True):
                    offset[j] = off
        packing.threaded[0] = record or None
        packing.packed[0] = True

        width, height, level_gap, colx = self._width, self._height, self._level_gap, self._colx
        root_w, root_h = width[0], height[0]
        left, top, right, low = -root_w / 2, -root_h / 2, root_w / 2, root_h / 2
        for j, b in enumerate(branches):
            off = offset[j]
            side = 1 if j < split else -1
            b_top, b_low, b_reach = extents[b]
            top = min(top, b_top + off)
            low = max(low, b_low + off)
            dx = colx[b]
            reach = b_reach - level_gap + dx
            if side > 0:
                right = max(right, reach)
            else:
                left = min(left, -reach)
            before = placed.get(b)
            if before is None or before[1] != side or before[2] != dx:
                self._move(b, off, side, changed, _ALL)
                reshaped.update(keys[b : tree.end[b]])  # mirrored: every edge turns
            elif mark[b]:
                self._move(b, off, side, changed, _COMPARE)
                compared.append(b)
            elif before[0] != off:
                self._move(b, off, side, changed, _SHIFT)
            placed[b] = (off, side, dx)
        self.layout.bounds = (left, top, right, low)
        for a, c in shown:
            # Boxes shown anew in a branch whose other boxes were only compared lack x and side.
            if not a:
                continue  # the first call: every branch was set in full
            b = a
            while parent[b]:
                b = parent[b]
            if b in compared:
                self._set_x(a, c, placed[b][1])
                changed.update(keys[a:c])

    def _place_side(self, run: list[int], aspect: float, record: list[float]) -> list[float]:
        """Pack the main branches `run` on one side of the root, wrapped into columns when they
        are many leaves; returns their centres relative to the root's."""
        packing, kids, boxes = self._packing, self._tree.kids, self._boxes
        width, height = self._width, self._height
        grid = None
        if not any(map(kids.__getitem__, run)):
            grid = wrap([width[b] for b in run], [height[b] for b in run], packing.spacing, aspect)
        lead = lay_run(grid, run, self._colx, self._packhalf, self._half)
        rows = len(lead)
        for t, b in enumerate(run):
            boxes[b].column = t // rows  # type: ignore[union-attr]
        return place_side(packing.place, packing.state, run, lead, record)

    def _move(self, b: int, off: float, side: int, changed: set[str], how: int) -> None:
        """Give the boxes of main branch `b` their places at `off` on `side`.

        `how` is `_ALL` (set every box: it is shown anew or changed side), `_COMPARE` (the
        branch was re-packed: set the boxes that moved) or `_SHIFT` (only the offset changed).
        """
        keys, boxes, yrel = self._tree.keys, self._boxes, self._yrel
        add_key = changed.add
        for a, c in self._folds.runs(b, self._tree.end[b]):
            run = yrel[a:c]
            ys = [y + off for y in run] if off else run
            if how == _COMPARE:
                for i, box, y in zip(range(a, c), boxes[a:c], ys, strict=True):
                    if box.y != y:  # type: ignore[union-attr]
                        box.y = y  # type: ignore[union-attr]
                        add_key(keys[i])
                continue
            for box, y in zip(boxes[a:c], ys, strict=True):
                box.y = y  # type: ignore[union-attr]
            if how == _ALL:
                self._set_x(a, c, side)
            changed.update(keys[a:c])

    def _set_x(self, a: int, c: int, side: int) -> None:
        """Set x and side of the boxes of [a, c): a left-side box ends where a right one starts."""
        parent, bottom = self._tree.parent, self._bottom
        starts = list(map(add, map(bottom.__getitem__, parent[a:c]), self._colx[a:c]))
        xs = starts if side > 0 else [-x for x in map(add, starts, self._width[a:c])]
        for box, x in zip(self._boxes[a:c], xs, strict=True):
            box.x = x  # type: ignore[union-attr]
            box.side = side  # type: ignore[union-attr]
