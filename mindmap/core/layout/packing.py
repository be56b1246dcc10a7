"""The packed subtrees an incremental layout keeps between folds, and how one is undone exactly.

Every subtree's packed state (its children's offsets and its contour threads) depends on nothing
outside it, so a fold needs only its node and their ancestors re-packed. Before a node is
re-packed its previous packing is undone exactly (the threads it laid are cut and the leaves they
start from get back their offsets), so the result is bit for bit that of a packing from scratch.
"""

from __future__ import annotations

from bisect import insort

from mindmap.core.layout.geometry import Spacing
from mindmap.core.layout.tidy import WRAP_LEAST, Place, TidyState, lay_run, make_placer, wrap
from mindmap.core.layout.tree import FlatTree, Folds


class Packing:
    """The tidy state of the shown tree, and what each node's packing needs to be undone."""

    __slots__ = (
        "bottom",
        "checked",
        "colx",
        "folds",
        "fresh",
        "grids",
        "half",
        "height",
        "level_gap",
        "mark",
        "own_lext",
        "own_lextrel",
        "own_rext",
        "own_rextrel",
        "packed",
        "packhalf",
        "place",
        "spacing",
        "state",
        "threaded",
        "tree",
        "width",
        "wrapped",
    )

    def __init__(
        self,
        tree: FlatTree,
        folds: Folds,
        sizes: tuple[list[float], list[float], list[float], list[float]],
        spacing: Spacing,
    ) -> None:
        """`sizes` are the engine's widths, heights, half-heights and where children start."""
        n, index = tree.n, tree.index
        self.tree = tree
        self.folds = folds
        self.width, self.height, self.half, self.bottom = sizes
        bottom = self.bottom
        self.spacing = spacing
        self.level_gap = float(spacing.level_gap)
        sib_gap = float(spacing.sibling_gap)
        self.packhalf = packhalf = self.half.copy()
        """The half-heights the packing sees: a wrapped row's leader stands for its row."""
        self.colx = [0.0] * n
        """Each node's offset along x from its parent's children's start (wrapped columns)."""
        self.checked = bytearray(n)
        """Whether the node's children were looked at for wrapping (they are, once shown)."""
        self.grids: dict[int, int] = {}
        """The parents whose children are wrapped, with the rows they are wrapped in."""
        self.wrapped: list[int] = []
        """The keys of `grids`, ascending."""
        self.fresh: list[int] = []
        """The parents wrapped by the current `repack`, until the engine has seen them."""
        self.state = state = TidyState(index)
        # Each node's extremes as its own packing left them, before its parent packed it.
        self.own_lext = index.copy()
        self.own_rext = index.copy()
        self.own_lextrel = [0.0] * n
        self.own_rextrel = [0.0] * n
        self.packed = [False] * n
        """The state holds a packing of the node's children."""
        self.threaded: list[list[float] | None] = [None] * n
        """Per packing: the leaves its threads start from, each with its offset from before."""
        self.mark = bytearray(n)
        """The nodes of the current `repack`, until the engine clears them."""
        self.place: Place = make_placer(
            state,
            folds.shown_kids,
            tree.parent,
            bottom,
            packhalf,
            sib_gap=sib_gap,
            cousin_gap=sib_gap + float(spacing.subtree_gap),
        )

    def repack(self, candidates: list[int]) -> list[int]:
        """Undo and redo the packings of `candidates` and their ancestors; returns those, marked.

        Undo goes from the root down, the reverse of the order the packings were made in; redo
        from the leaves up, as a packing from scratch goes. The root is left to the engine,
        which packs it once the extents of the main branches are known.
        """
        parent, mark = self.tree.parent, self.mark
        dirty: list[int] = []
        for candidate in candidates:
            v = candidate
            while v >= 0 and not mark[v]:
                mark[v] = 1
                dirty.append(v)
                v = parent[v]
        dirty.sort()
        packed = self.packed
        for v in dirty:
            if packed[v]:
                self.undo(v)
        state, place, is_open, kids, threaded, checked = (
            self.state,
            self.place,
            self.folds.is_open,
            self.folds.shown_kids,
            self.threaded,
            self.checked,
        )
        prelim, lext, rext, lextrel, rextrel = (
            state.prelim,
            state.lext,
            state.rext,
            state.lextrel,
            state.rextrel,
        )
        own_lext, own_rext, own_lextrel, own_rextrel = (
            self.own_lext,
            self.own_rext,
            self.own_lextrel,
            self.own_rextrel,
        )
        for v in reversed(dirty):
            if not v:
                continue
            if is_open[v]:
                if not checked[v]:
                    self._wrap(v)
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

    def _wrap(self, v: int) -> None:
        """Wrap the children of `v` into columns when they are many leaves (once: their sizes
        never change)."""
        self.checked[v] = 1
        tree = self.tree
        run: list[int] = tree.kids[v]  # type: ignore[assignment]
        if len(run) < WRAP_LEAST or any(map(tree.kids.__getitem__, run)):
            return
        width, height, bottom = self.width, self.height, self.bottom
        grid = wrap([width[c] for c in run], [height[c] for c in run], self.spacing)
        if grid is None:
            return
        self.folds.lead_kids[v] = self.folds.shown_kids[v] = lay_run(
            grid, run, self.colx, self.packhalf, self.half
        )
        start, level_gap = bottom[v], self.level_gap
        for c, reach in zip(run, grid.reach, strict=True):
            bottom[c] = start + reach + level_gap
        self.grids[v] = grid.rows
        insort(self.wrapped, v)
        self.fresh.append(v)

    def undo(self, v: int) -> None:
        """Put the children of `v` back as their own packings left them, before `v` packed them."""
        state = self.state
        relx, prelim = state.relx, state.prelim
        record = self.threaded[v]
        if record:
            lthr, rthr = state.lthr, state.rthr
            for k in range(len(record) - 2, -1, -2):
                leaf = int(record[k])
                relx[leaf] = record[k + 1]
                prelim[leaf] = 0.0
                lthr[leaf] = rthr[leaf] = -1
            self.threaded[v] = None
        shift, change, lext, rext, lextrel, rextrel = (
            state.shift,
            state.change,
            state.lext,
            state.rext,
            state.lextrel,
            state.rextrel,
        )
        own_lext, own_rext, own_lextrel, own_rextrel = (
            self.own_lext,
            self.own_rext,
            self.own_lextrel,
            self.own_rextrel,
        )
        for c in self.tree.kids[v]:  # type: ignore[union-attr]
            relx[c] = shift[c] = change[c] = 0.0
            lext[c] = own_lext[c]
            rext[c] = own_rext[c]
            lextrel[c] = own_lextrel[c]
            rextrel[c] = own_rextrel[c]
        self.packed[v] = False
