"""Where every visible node of an outline goes: a tidy horizontal tree, pure Python, linear time.

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

import enum
from collections.abc import Callable, Container
from dataclasses import dataclass
from operator import add, sub

from mindmap.core.model import Node

__all__ = ["Box", "Layout", "LayoutMode", "Spacing", "layout_outline"]


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


def layout_outline(
    root: Node,
    measure: Callable[[Node], tuple[float, float]],
    folded: Container[str] = frozenset(),
    mode: LayoutMode = LayoutMode.MINDMAP,
    spacing: Spacing = Spacing(),
) -> Layout:
    """Place every visible node; children of nodes whose key is in `folded` are left out.

    `measure(node)` gives a node's (width, height), called once per visible node. The root is
    centred on (0, 0) and every parent is centred between the centres of its first and last
    child (on each side, for the root). In MINDMAP mode the first main branches go right, top
    to bottom, and the rest go left, bottom to top (clockwise, as XMind reads): the split is
    the one that makes the sums of the branches' subtree heights on both sides closest.
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

    # Per-node state of the algorithm (names as in d3-flextree): `relx` is the offset from the
    # parent's subtree frame (the paper's `mod`), `prelim` the position within the own frame,
    # `lext`/`rext` the top and bottom extreme nodes of the deepest level, `lthr`/`rthr` the
    # threads that let a contour continue into a neighbouring subtree.
    relx = [0.0] * n
    prelim = [0.0] * n
    shift = [0.0] * n
    change = [0.0] * n
    lext = list(range(n))
    rext = list(range(n))
    lextrel = [0.0] * n
    rextrel = [0.0] * n
    lthr = [-1] * n
    rthr = [-1] * n

    def place(v: int, ch: list[int]) -> None:
        """Pack the laid-out subtrees `ch` of `v` top to bottom and centre `v` on them."""
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
                    lthr[le] = lnode
                    diff = lsum - relx[lnode] - lextrel[first]
                    relx[le] += diff
                    prelim[le] -= diff
                    lext[first] = lext[cur]
                    lextrel[first] = lextrel[cur]
                elif r >= 0 and lnode < 0:
                    # The forest reaches deeper: thread `cur`'s bottom extreme on into it.
                    re = rext[cur]
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

    for v in reversed(internal):
        if v:
            place(v, kids[v])  # type: ignore[arg-type]

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
    split = count
    if mode is LayoutMode.MINDMAP and count > 1:
        heights = list(map(sub, lows, tops))
        total = sum(heights)
        split, best, acc = 0, total, 0.0
        for k in range(1, count + 1):
            acc += heights[k - 1]
            imbalance = abs(2 * acc - total)
            if imbalance <= best:
                split, best = k, imbalance
    offset = [0.0] * count
    for order in (range(split), range(count - 1, split - 1, -1)):
        if order:
            place(0, [branches[j] for j in order])
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
    return Layout(boxes, (left, top, right, low))
