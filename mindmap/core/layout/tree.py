"""The outline flattened in pre-order, and its folds: what a fold touches, without any geometry."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container
from collections.abc import Set as AbstractSet
from operator import attrgetter

from mindmap.core.model import Node


class FlatTree:
    """Every node of an outline, folded parts too, in lists indexed in pre-order.

    The subtree of node i is the run of indices [i, end[i]), so what a fold hides is one run;
    a parent always comes before its children. Lists of node indices share the int objects of
    `index`, which saves memory at 100,000 nodes.
    """

    __slots__ = (
        "end",
        "index",
        "internal",
        "keys",
        "kids",
        "level",
        "n",
        "nodes",
        "parent",
        "parent_keys",
        "position",
    )

    def __init__(self, root: Node) -> None:
        nodes: list[Node] = []
        parent: list[int] = []
        level: list[int] = []
        kids: list[list[int] | None] = []
        internal: list[int] = []  # the nodes that have children, ascending
        index: list[int] = []
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
        end = index[1:]
        end.append(i)
        for p in reversed(internal):  # a subtree ends where its last child's does
            end[p] = end[kids[p][-1]]  # type: ignore[index]
        keys: list[str] = list(map(attrgetter("key"), nodes))
        parent_keys: list[str | None] = list(map(keys.__getitem__, parent))
        parent_keys[0] = None

        self.n = i
        self.nodes = nodes
        self.keys = keys
        self.parent = parent
        self.parent_keys = parent_keys
        self.kids = kids
        self.end = end
        self.level = level
        self.internal = internal
        self.index = index
        self.position = dict(zip(keys, index, strict=True))
        """The index of each key."""


class Folds:
    """Which nodes of a `FlatTree` show their children, and what a change of folds touches."""

    __slots__ = ("closed", "is_open", "lead_kids", "shown_kids", "snapshot", "started", "tree")

    def __init__(self, tree: FlatTree) -> None:
        n = tree.n
        self.tree = tree
        self.is_open = [False] * n
        """Shows its children (has some and is not folded)."""
        self.lead_kids: list[list[int] | None] = tree.kids.copy()
        """The children the packing sees when shown: all, or the leaders of a wrapped list."""
        self.shown_kids: list[list[int] | None] = [None] * n
        """`lead_kids[i]` where open, else None."""
        self.closed: list[int] = []
        """The shown nodes with hidden children, ascending: where the shown runs break."""
        self.snapshot: set[str] | None = None
        """The folded set of the previous call, when it was a set."""
        self.started = False

    def apply(
        self, folded: Container[str], packed: list[bool], candidates: list[int]
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Show the children of the nodes not in `folded`; returns the runs of indices shown
        now and not before, and those shown before and not now.

        Shown nodes whose packing no longer fits go to `candidates`: every toggled node that
        shows, and nodes that come into view with folds changed while they were hidden.
        """
        tree = self.tree
        end = tree.end
        shown: list[tuple[int, int]] = []
        hidden: list[tuple[int, int]] = []
        if not self.started:
            self.started = True
            self._toggle(tree.internal, folded)
            self.closed = self._scan(0, tree.n, packed, candidates)
            shown = self.runs(0, tree.n)
            candidates.append(0)
        else:
            closed = self.closed
            for m in self._maximal(self._toggles(folded)):
                lo = bisect_left(closed, m)
                hi = bisect_left(closed, end[m], lo)
                if self.is_open[m]:
                    closed[lo:hi] = self._scan(m + 1, end[m], packed, candidates)
                    shown += self.runs(m + 1, end[m])
                else:
                    hidden += self.runs(m + 1, end[m])
                    closed[lo:hi] = [m]
                candidates.append(m)
        self.snapshot = set(folded) if isinstance(folded, AbstractSet) else None
        return shown, hidden

    def _toggle(self, indices: list[int], folded: Container[str]) -> list[int]:
        """Bring the open flags of `indices` (nodes with children) in line with `folded`."""
        keys, kids = self.tree.keys, self.lead_kids
        is_open, shown_kids = self.is_open, self.shown_kids
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
        if self.snapshot is not None and isinstance(folded, AbstractSet):
            position, kids = self.tree.position, self.tree.kids
            keys = self.snapshot.symmetric_difference(folded)
            maybe = [i for i in map(position.get, keys) if i is not None and kids[i] is not None]
            return self._toggle(maybe, folded)
        return self._toggle(self.tree.internal, folded)

    def _maximal(self, toggled: list[int]) -> list[int]:
        """The toggled nodes that are shown, leaving out those inside another one's subtree."""
        parent, end = self.tree.parent, self.tree.end
        is_open = self.is_open
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

    def _scan(self, lo: int, hi: int, packed: list[bool], candidates: list[int]) -> list[int]:
        """The nodes in [lo, hi) that are shown with their children hidden, ascending.

        `lo` must start a shown run. Nodes whose packed state does not match their fold (folds
        changed while they were hidden, or never packed) go to `candidates`.
        """
        internal, end = self.tree.internal, self.tree.end
        is_open = self.is_open
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

    def runs(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The shown nodes of [lo, hi) as runs of consecutive indices; `lo` must be shown."""
        closed, end = self.closed, self.tree.end
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
