"""Where every visible node of an outline goes: a tidy horizontal tree, pure Python, linear time.

Each side of the map is a non-layered tidy tree (A. van der Ploeg, "Drawing non-layered tidy
trees in linear time", 2014; the same algorithm as d3-flextree) turned on its side: depth grows
along x, siblings stack along y, and every node may have its own size. In the algorithm's own
terms the "breadth" axis is our y and the "depth" axis is our x; a node occupies its width plus
`level_gap` along the depth axis, so that nothing is ever placed where its parent's connectors run.

Outlines can be thousands of levels deep, so nothing here recurses: the tree is flattened into
lists indexed in pre-order once, a parent always comes before its children, and the passes are
plain loops over those indices (reversed for the bottom-up pass).

`layout_outline` lays out a map from scratch; `IncrementalLayout` keeps the packed subtrees of
one outline between fold changes, so a fold costs about what the boxes that move cost.
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Callable, Container
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, attrgetter, sub

from mindmap.core.model import Node

__all__ = [
    "Box",
    "IncrementalLayout",
    "Layout",
    "LayoutChange",
    "LayoutMode",
    "Spacing",
    "layout_outline",
]


class LayoutMode(enum.Enum):
    """How the main branches are placed around the root."""

    MINDMAP = "mindmap"  # root in the centre, main branches split right/left
    RIGHT = "right"  # all branches to the right of the root


@dataclass(frozen=True, slots=True)
class Spacing:
    """The gaps between boxes, in scene units."""

    level_gap: float = 56.0
    """Horizontal gap between a parent's outer edge and its children's inner edge."""
    sibling_gap: float = 10.0
    """Least vertical gap between two boxes that share a parent (and between any two boxes)."""
    subtree_gap: float = 18.0
    """Extra vertical gap between facing boxes of different parents, so that groups stand apart."""


@dataclass(slots=True)
class Box:
    """One node's place in the scene: the top-left corner and size of its box."""

    key: str
    x: float
    y: float
    width: float
    height: float
    side: int
    """+1 right of the root, -1 left of it, 0 for the root itself."""
    depth: int
    """0 for the root."""
    parent: str | None
    """Key of the parent box, None for the root."""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    @property
    def inner_x(self) -> float:
        """The edge facing the parent, where the connector from the parent arrives."""
        return self.x + self.width if self.side < 0 else self.x

    @property
    def outer_x(self) -> float:
        """The edge facing away from the parent, where connectors to the children leave."""
        return self.x if self.side < 0 else self.x + self.width


@dataclass(slots=True)
class Layout:
    """The boxes of the visible nodes, in pre-order (root first), and their common bounds."""

    boxes: dict[str, Box]
    bounds: tuple[float, float, float, float]
    """Left, top, right, bottom of all boxes."""
    split: int = 0
    """How many main branches are on the right (the rest are on the left)."""


def layout_outline(
    root: Node,
    measure: Callable[[Node], tuple[float, float]],
    folded: Container[str] = frozenset(),
    mode: LayoutMode = LayoutMode.MINDMAP,
    spacing: Spacing = Spacing(),
    *,
    split: int | None = None,
) -> Layout:
    """Place every visible node; children of nodes whose key is in `folded` are left out.

    `measure(node)` gives a node's (width, height), called once per visible node. The root is
    centred on (0, 0) and every parent is centred between the centres of its first and last
    child (on each side, for the root). In MINDMAP mode the first main branches go right, top
    to bottom, and the rest go left, bottom to top (clockwise, as XMind reads): the split is
    the one that makes the sums of the branches' subtree heights on both sides closest, unless
    `split` says how many go right (to keep each branch on its side across a fold).
    """
    level_gap = float(spacing.level_gap)
    sib_gap = float(spacing.sibling_gap)
    cousin_gap = sib_gap + float(spacing.subtree_gap)

    # Flatten the visible tree into lists indexed in pre-order: a parent always comes before its
    # children, and every main branch is one contiguous run of indices.
    nodes: list[Node] = []
    parent: list[int] = []
    kids: list[list[int] | None] = []
    internal: list[int] = []
    add_node, add_parent, add_kids = nodes.append, parent.append, kids.append
    stack = [root]
    pstack = [-1]
    pop, ppop = stack.pop, pstack.pop
    push, ppush = stack.extend, pstack.extend
    i = 0
    while stack:
        node = pop()
        p = ppop()
        add_node(node)
        add_parent(p)
        if p >= 0:
            kids[p].append(i)  # type: ignore[union-attr]
        children = node.children
        if children and node.key not in folded:
            add_kids([])
            internal.append(i)
            push(reversed(children))
            ppush([i] * len(children))
        else:
            add_kids(None)
        i += 1
    n = i

    sizes = list(map(measure, nodes))
    width = [size[0] for size in sizes]
    height = [size[1] for size in sizes]
    half = [size[1] / 2 for size in sizes]
    # Along the depth axis, measured outwards from the root's centre: where each node's children
    # start (its outer edge plus the level gap), and how deep each node is.
    root_w = width[0]
    bottom = [root_w / 2 + level_gap] * n
    level = [0] * n
    for i, p, w in zip(range(1, n), parent[1:], width[1:], strict=True):
        bottom[i] = bottom[p] + w + level_gap
        level[i] = level[p] + 1

    state = _State(list(range(n)))
    relx, prelim = state.relx, state.prelim
    place = _placer(state, kids, parent, bottom, half, sib_gap=sib_gap, cousin_gap=cousin_gap)

    for v in reversed(internal):
        if v:
            place(v, kids[v], None)  # type: ignore[arg-type]

    # Centres within each main branch (the branch itself at 0), and each branch's extent.
    branches = kids[0] or []
    spans = list(zip(branches, [*branches[1:], n], strict=False))  # [] when there are none
    sums = [0.0] * n
    for b, end in spans:
        sums[b] = -prelim[b]
        for i, p, rx in zip(range(b + 1, end), parent[b + 1 : end], relx[b + 1 : end], strict=True):
            sums[i] = sums[p] + rx
    ypos = list(map(add, sums, prelim))
    tops = [min(map(sub, ypos[b:end], half[b:end])) for b, end in spans]
    lows = [max(map(add, ypos[b:end], half[b:end])) for b, end in spans]

    # Split the main branches between the sides and stack each side on the root. Ties go to
    # the right side; the left side is stacked bottom to top, so it reads on clockwise.
    count = len(branches)
    split = _split(mode, tops, lows, split)
    offset = [0.0] * count
    for order in (range(split), range(count - 1, split - 1, -1)):
        if order:
            place(0, [branches[j] for j in order], None)
            centre = prelim[0]
            for j in order:
                b = branches[j]
                offset[j] = relx[b] + prelim[b] - centre

    # Top-left corners: a right-side box starts where its parent's children start; a
    # left-side one is mirrored and ends there.
    xs = [0.0] * n
    ys = list(map(sub, ypos, half))
    sides = [0] * n
    root_h = height[0]
    left, top, right, low = -root_w / 2, -root_h / 2, root_w / 2, root_h / 2
    xs[0], ys[0] = left, top
    for j, (b, end) in enumerate(spans):
        off = offset[j]
        if off:
            ys[b:end] = [y + off for y in ys[b:end]]
        top = min(top, tops[j] + off)
        low = max(low, lows[j] + off)
        reach = max(bottom[b:end]) - level_gap
        starts = [bottom[p] for p in parent[b:end]]
        if j < split:
            xs[b:end] = starts
            sides[b:end] = [1] * (end - b)
            right = max(right, reach)
        else:
            xs[b:end] = [-x for x in map(add, starts, width[b:end])]
            sides[b:end] = [-1] * (end - b)
            left = min(left, -reach)
    keys = [node.key for node in nodes]
    parent_keys = [keys[p] for p in parent]
    parent_keys[0] = None
    boxes = dict(
        zip(keys, map(Box, keys, xs, ys, width, height, sides, level, parent_keys), strict=True)
    )
    return Layout(boxes, (left, top, right, low), split)


def _split(mode: LayoutMode, tops: list[float], lows: list[float], kept: int | None) -> int:
    """How many main branches go right: `kept` when given, else the split that balances the
    sides' subtree heights.

    Ties go to the right side. Shared by both layouts, so that they split alike to the bit.
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


@dataclass(slots=True)
class LayoutChange:
    """What one `IncrementalLayout.update` did, so that a scene touches only what it must."""

    layout: Layout
    """The complete current layout: the same object on every call, its boxes updated in place."""
    changed: set[str]
    """Keys whose box is new or moved since the previous call (every key on the first call)."""
    removed: set[str]
    """Keys that the previous call showed and that are hidden now."""
    reshaped: set[str] = field(default_factory=set)
    """Changed keys whose shown children may now sit otherwise relative to them (re-packed, or
    their branch changed side). Every other changed key moved together with its subtree."""


_ALL, _COMPARE, _SHIFT = 0, 1, 2  # how `IncrementalLayout._move` updates a branch's boxes


class IncrementalLayout:
    """`layout_outline` of one outline across fold changes, redoing only what a change touches.

    Folding or unfolding a node re-packs only that node and its ancestors: every other subtree
    keeps its packed state (its children's offsets and its contour threads), which depends on
    nothing outside it. Before a node is re-packed, its previous packing is undone exactly (the
    threads it laid are cut and the leaves they start from get back their offsets), so the
    result is bit for bit what `layout_outline` gives. Positions are then recomputed for the
    main branches that were re-packed, and shifted or mirrored for the others when their place
    around the root changed; the cost is that of the boxes that move, not of the whole map.

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
        sib_gap = float(spacing.sibling_gap)
        cousin_gap = sib_gap + float(spacing.subtree_gap)

        # The whole tree, folded parts too, flattened in pre-order: the subtree of node i is the
        # run of indices [i, end[i]), and what a fold hides is one run of it.
        nodes: list[Node] = []
        parent: list[int] = []
        level: list[int] = []
        kids: list[list[int] | None] = []
        internal: list[int] = []
        index: list[int] = []  # lists of node indices share these int objects
        stack = [root]
        pstack = [-1]
        i = 0
        while stack:
            node = stack.pop()
            p = pstack.pop()
            index.append(i)
            nodes.append(node)
            parent.append(p)
            if p >= 0:
                kids[p].append(i)  # type: ignore[union-attr]
                level.append(level[p] + 1)
            else:
                level.append(0)
            children = node.children
            if children:
                kids.append([])
                internal.append(i)
                stack.extend(reversed(children))
                pstack.extend([i] * len(children))
            else:
                kids.append(None)
            i += 1
        n = i
        end = index[1:]
        end.append(n)
        for p in reversed(internal):  # a subtree ends where its last child's does
            end[p] = end[kids[p][-1]]  # type: ignore[index]
        keys = list(map(attrgetter("key"), nodes))
        parent_keys: list[str | None] = list(map(keys.__getitem__, parent))
        parent_keys[0] = None

        self._n = n
        self._nodes = nodes
        self._keys = keys
        self._parent = parent
        self._parent_keys = parent_keys
        self._kids = kids
        self._end = end
        self._level = level
        self._internal = internal
        self._index = dict(zip(keys, index, strict=True))
        self._open = [False] * n  # shows its children (has some and is not folded)
        self._shown_kids: list[list[int] | None] = [None] * n  # kids[i] where open, else None
        self._closed: list[int] = []  # shown nodes with hidden children, ascending
        self._snapshot: set[str] | None = None  # the folded set of the previous call, if a set
        self._started = False
        self._kept_split: int | None = None  # the split the last update was asked to keep

        self._sized = bytearray(n)
        self._width: list[float] = [0.0] * n
        self._height: list[float] = [0.0] * n
        self._half = [0.0] * n
        self._bottom = [0.0] * n

        # The packing state, and what a packing needs to be undone: the offsets of the leaves
        # its threads start from, and each node's extremes as its own packing left them.
        self._state = state = _State(index)
        self._own_lext = index.copy()
        self._own_rext = index.copy()
        self._own_lextrel = [0.0] * n
        self._own_rextrel = [0.0] * n
        self._packed = [False] * n  # the state holds a packing of its children
        self._threaded: list[list[float] | None] = [None] * n
        self._place = _placer(
            state,
            self._shown_kids,
            parent,
            self._bottom,
            self._half,
            sib_gap=sib_gap,
            cousin_gap=cousin_gap,
        )
        self._mark = bytearray(n)

        # Positions: tops relative to the own main branch (its centre at 0), each main branch's
        # extent (top, bottom, deepest reach) and where it went last (offset, side).
        self._sums = [0.0] * n
        self._yrel = [0.0] * n
        self._extents: dict[int, tuple[float, float, float]] = {}
        self._placed: dict[int, tuple[float, int]] = {}
        self._boxes: list[Box | None] = [None] * n
        self.layout = Layout({}, (0.0, 0.0, 0.0, 0.0))

    def update(self, folded: Container[str], split: int | None = None) -> LayoutChange:
        """Lay out the map with the children of the nodes in `folded` hidden, and `split` main
        branches on the right (None: as balances the sides).

        The boxes equal those of `layout_outline(root, measure, folded, mode, spacing,
        split=split)`. A set (or frozenset) is compared with the previous call's in O(its
        size); any other container is asked about every node that has children.
        """
        n = self._n
        end = self._end
        keys = self._keys
        closed = self._closed
        candidates: list[int] = []  # shown nodes whose packed state no longer fits
        shown: list[tuple[int, int]] = []  # runs of indices shown now and not before
        hidden: list[tuple[int, int]] = []  # runs of indices shown before and not now
        if not self._started:
            self._started = True
            self._toggle(self._internal, folded)
            self._closed = closed = self._scan(0, n, candidates)
            shown = self._runs(0, n)
            candidates.append(0)
        else:
            for m in self._maximal(self._toggles(folded)):
                lo = bisect_left(closed, m)
                hi = bisect_left(closed, end[m], lo)
                if self._open[m]:
                    closed[lo:hi] = self._scan(m + 1, end[m], candidates)
                    shown += self._runs(m + 1, end[m])
                else:
                    hidden += self._runs(m + 1, end[m])
                    closed[lo:hi] = [m]
                candidates.append(m)
        self._snapshot = set(folded) if isinstance(folded, AbstractSet) else None
        if (split != self._kept_split or split not in (None, self.layout.split)) and self._open[0]:
            candidates.append(0)  # other sides asked for: the branches are placed again
        self._kept_split = split
        changed: set[str] = set()
        removed: set[str] = set()
        if not candidates:
            return LayoutChange(self.layout, changed, removed)

        for a, c in hidden:
            removed.update(keys[a:c])
        self._show(shown, changed)
        dirty = self._repack(candidates)
        reshaped = {keys[v] for v in dirty}
        if self._open[0]:
            self._lay_branches(shown, changed, reshaped)
        else:
            self._placed.clear()
            w, h = self._width[0], self._height[0]
            self.layout.bounds = (-w / 2, -h / 2, w / 2, h / 2)
            self.layout.split = 0  # no branch shows
        mark = self._mark
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

    def preorder(self) -> list[str]:
        """The keys of the shown nodes in pre-order (`layout.boxes` is only on the first call)."""
        keys = self._keys
        out: list[str] = []
        for a, c in self._runs(0, self._n):
            out += keys[a:c]
        return out

    # --- which nodes a change touches -------------------------------------------------------

    def _toggle(self, indices: list[int], folded: Container[str]) -> list[int]:
        """Bring the open flags of `indices` (nodes with children) in line with `folded`."""
        keys, kids, is_open, shown_kids = self._keys, self._kids, self._open, self._shown_kids
        toggled = []
        for i in indices:
            now = keys[i] not in folded
            if now is not is_open[i]:
                is_open[i] = now
                shown_kids[i] = kids[i] if now else None
                toggled.append(i)
        return toggled

    def _toggles(self, folded: Container[str]) -> list[int]:
        """The nodes with children whose fold differs from the previous call's."""
        if self._snapshot is not None and isinstance(folded, AbstractSet):
            index, kids = self._index, self._kids
            keys = self._snapshot.symmetric_difference(folded)
            maybe = [i for i in map(index.get, keys) if i is not None and kids[i] is not None]
            return self._toggle(maybe, folded)
        return self._toggle(self._internal, folded)

    def _maximal(self, toggled: list[int]) -> list[int]:
        """The toggled nodes that are shown, leaving out those inside another one's subtree."""
        parent, is_open, end = self._parent, self._open, self._end
        out: list[int] = []
        limit = -1
        for t in sorted(toggled):
            if t < limit:
                continue
            p = parent[t]
            while p >= 0 and is_open[p]:
                p = parent[p]
            if p < 0:
                out.append(t)
                limit = end[t]
        return out

    def _scan(self, lo: int, hi: int, candidates: list[int]) -> list[int]:
        """The nodes in [lo, hi) that are shown with their children hidden, ascending.

        `lo` must start a shown run. Nodes whose packed state does not match their fold (folds
        changed while they were hidden, or never packed) go to `candidates`.
        """
        internal, is_open, packed, end = self._internal, self._open, self._packed, self._end
        out: list[int] = []
        k = bisect_left(internal, lo)
        stop = bisect_left(internal, hi, k)
        while k < stop:
            v = internal[k]
            if is_open[v]:
                if not packed[v]:
                    candidates.append(v)
                k += 1
            else:
                if packed[v]:
                    candidates.append(v)
                out.append(v)
                k = bisect_left(internal, end[v], k + 1, stop)
        return out

    def _runs(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The shown nodes of [lo, hi) as runs of consecutive indices; `lo` must be shown."""
        closed, end = self._closed, self._end
        out = []
        a = lo
        for k in range(bisect_left(closed, lo), len(closed)):
            c = closed[k]
            if c >= hi:
                break
            out.append((a, c + 1))
            a = end[c]
        if a < hi:
            out.append((a, hi))
        return out

    def _show(self, runs: list[tuple[int, int]], changed: set[str]) -> None:
        """Measure the nodes shown for the first time and give them boxes, placed later."""
        measure, nodes, parent, level_gap = (
            self._measure,
            self._nodes,
            self._parent,
            self._level_gap,
        )
        sized, width, height, half, bottom = (
            self._sized,
            self._width,
            self._height,
            self._half,
            self._bottom,
        )
        keys, parent_keys, level, boxes = self._keys, self._parent_keys, self._level, self._boxes
        for a, c in runs:
            fresh = sized[a:c].count(0)
            if fresh == c - a:
                sizes = list(map(measure, nodes[a:c]))
                width[a:c] = ws = [size[0] for size in sizes]
                height[a:c] = hs = [size[1] for size in sizes]
                half[a:c] = [size[1] / 2 for size in sizes]
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
                    sized[i] = 1
                    p = parent[i]
                    bottom[i] = bottom[p] + w + level_gap if p >= 0 else w / 2 + level_gap
                    boxes[i] = Box(keys[i], 0.0, 0.0, w, h, 0, level[i], parent_keys[i])
            if a == 0:
                root = boxes[0]
                assert root is not None
                root.x, root.y = -width[0] / 2, -height[0] / 2
                changed.add(keys[0])

    # --- packing --------------------------------------------------------------------------------

    def _repack(self, candidates: list[int]) -> list[int]:
        """Undo and redo the packings of `candidates` and their ancestors; returns those, marked.

        Undo goes from the root down, the reverse of the order the packings were made in; redo
        from the leaves up, as the full layout packs. The root is redone by `_lay_branches`,
        once the extents of the main branches are known.
        """
        parent, mark = self._parent, self._mark
        dirty: list[int] = []
        for candidate in candidates:
            v = candidate
            while v >= 0 and not mark[v]:
                mark[v] = 1
                dirty.append(v)
                v = parent[v]
        dirty.sort()
        packed = self._packed
        for v in dirty:
            if packed[v]:
                self._undo(v)
        state, place, is_open, kids, threaded = (
            self._state,
            self._place,
            self._open,
            self._kids,
            self._threaded,
        )
        prelim, lext, rext, lextrel, rextrel = (
            state.prelim,
            state.lext,
            state.rext,
            state.lextrel,
            state.rextrel,
        )
        own_lext, own_rext, own_lextrel, own_rextrel = (
            self._own_lext,
            self._own_rext,
            self._own_lextrel,
            self._own_rextrel,
        )
        for v in reversed(dirty):
            if not v:
                continue
            if is_open[v]:
                record: list[float] = []
                place(v, kids[v], record)  # type: ignore[arg-type]
                threaded[v] = record or None
                packed[v] = True
            else:
                prelim[v] = 0.0
                lext[v] = rext[v] = v
                lextrel[v] = rextrel[v] = 0.0
            own_lext[v] = lext[v]
            own_rext[v] = rext[v]
            own_lextrel[v] = lextrel[v]
            own_rextrel[v] = rextrel[v]
        return dirty

    def _undo(self, v: int) -> None:
        """Put the children of `v` back as their own packings left them, before `v` packed them."""
        state = self._state
        relx, prelim = state.relx, state.prelim
        record = self._threaded[v]
        if record:
            lthr, rthr = state.lthr, state.rthr
            for k in range(len(record) - 2, -1, -2):
                leaf = int(record[k])
                relx[leaf] = record[k + 1]
                prelim[leaf] = 0.0
                lthr[leaf] = rthr[leaf] = -1
            self._threaded[v] = None
        shift, change, lext, rext, lextrel, rextrel = (
            state.shift,
            state.change,
            state.lext,
            state.rext,
            state.lextrel,
            state.rextrel,
        )
        own_lext, own_rext, own_lextrel, own_rextrel = (
            self._own_lext,
            self._own_rext,
            self._own_lextrel,
            self._own_rextrel,
        )
        for c in self._kids[v]:  # type: ignore[union-attr]
            relx[c] = shift[c] = change[c] = 0.0
            lext[c] = own_lext[c]
            rext[c] = own_rext[c]
            lextrel[c] = own_lextrel[c]
            rextrel[c] = own_rextrel[c]
        self._packed[v] = False

    # --- positions ------------------------------------------------------------------------------

    def _extent(self, b: int) -> tuple[float, float, float]:
        """Tops of the shown nodes of main branch `b`, relative to it, as the full layout sums.

        Returns the branch's top, bottom and deepest reach along x.
        """
        sums, yrel = self._sums, self._yrel
        state = self._state
        relx, prelim = state.relx, state.prelim
        parent, half, bottom = self._parent, self._half, self._bottom
        sums[b] = -prelim[b]
        tops, lows, reaches = [], [], []
        for a, c in self._runs(b, self._end[b]):
            s = a + 1 if a == b else a
            for i, p, rx in zip(range(s, c), parent[s:c], relx[s:c], strict=True):
                sums[i] = sums[p] + rx
            ypos = list(map(add, sums[a:c], prelim[a:c]))
            yrel[a:c] = run = list(map(sub, ypos, half[a:c]))
            tops.append(min(run))
            lows.append(max(map(add, ypos, half[a:c])))
            reaches.append(max(bottom[a:c]))
        return min(tops), max(lows), max(reaches)

    def _lay_branches(
        self, shown: list[tuple[int, int]], changed: set[str], reshaped: set[str]
    ) -> None:
        """Pack the main branches around the root and bring their boxes up to date."""
        branches: list[int] = self._kids[0]  # type: ignore[assignment]
        mark, extents, placed = self._mark, self._extents, self._placed
        keys, parent = self._keys, self._parent
        compared: list[int] = []
        for b in branches:
            if mark[b] or b not in extents:
                extents[b] = self._extent(b)
        tops = [extents[b][0] for b in branches]
        lows = [extents[b][1] for b in branches]
        count = len(branches)
        split = self.layout.split = _split(self._mode, tops, lows, self._kept_split)
        state, place = self._state, self._place
        relx, prelim = state.relx, state.prelim
        record: list[float] = []
        offset = [0.0] * count
        for order in (range(split), range(count - 1, split - 1, -1)):
            if order:
                place(0, [branches[j] for j in order], record)
                centre = prelim[0]
                for j in order:
                    b = branches[j]
                    offset[j] = relx[b] + prelim[b] - centre
        self._threaded[0] = record or None
        self._packed[0] = True

        width, height, level_gap = self._width, self._height, self._level_gap
        root_w, root_h = width[0], height[0]
        left, top, right, low = -root_w / 2, -root_h / 2, root_w / 2, root_h / 2
        for j, b in enumerate(branches):
            off = offset[j]
            side = 1 if j < split else -1
            b_top, b_low, b_reach = extents[b]
            top = min(top, b_top + off)
            low = max(low, b_low + off)
            reach = b_reach - level_gap
            if side > 0:
                right = max(right, reach)
            else:
                left = min(left, -reach)
            before = placed.get(b)
            if before is None or before[1] != side:
                self._move(b, off, side, changed, _ALL)
                reshaped.update(self._keys[b : self._end[b]])  # mirrored: every edge turns
            elif mark[b]:
                self._move(b, off, side, changed, _COMPARE)
                compared.append(b)
            elif before[0] != off:
                self._move(b, off, side, changed, _SHIFT)
            placed[b] = (off, side)
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

    def _move(self, b: int, off: float, side: int, changed: set[str], how: int) -> None:
        """Give the boxes of main branch `b` their places at `off` on `side`.

        `how` is `_ALL` (set every box: it is shown anew or changed side), `_COMPARE` (the
        branch was re-packed: set the boxes that moved) or `_SHIFT` (only the offset changed).
        """
        keys, boxes, yrel = self._keys, self._boxes, self._yrel
        add_key = changed.add
        for a, c in self._runs(b, self._end[b]):
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
        """Set x and side of the boxes of [a, c), as the full layout computes x."""
        parent, bottom = self._parent, self._bottom
        starts = [bottom[p] for p in parent[a:c]]
        xs = starts if side > 0 else [-x for x in map(add, starts, self._width[a:c])]
        for box, x in zip(self._boxes[a:c], xs, strict=True):
            box.x = x  # type: ignore[union-attr]
            box.side = side  # type: ignore[union-attr]


class _State:
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


_Place = Callable[[int, list[int], "list[float] | None"], None]


def _placer(
    state: _State,
    kids: list[list[int] | None],
    parent: list[int],
    bottom: list[float],
    half: list[float],
    *,
    sib_gap: float,
    cousin_gap: float,
) -> _Place:
    """The packing step of the algorithm over `state`; `kids[i]` is None when none are shown.

    A closure, so that the hot loop reads its lists as cell variables; shared by the full and
    the incremental layout, so that both place every box exactly alike.
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
