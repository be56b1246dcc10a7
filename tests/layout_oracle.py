"""The full layout from scratch: the oracle that the app's incremental engine is checked against.

It flattens the visible tree afresh and packs every subtree with the same packing step
(`mindmap.core.layout.tidy`), but shares none of the incremental engine's bookkeeping: no
undoing of packings, no runs of shown nodes, no shifting or mirroring of kept branches. Where
the two disagree, the incremental engine has lost track of what a fold touched.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from operator import add, sub

from mindmap.core.layout.geometry import Box, Layout, LayoutMode, Spacing
from mindmap.core.layout.tidy import (
    TidyState,
    choose_split,
    follow,
    lay_run,
    make_placer,
    place_side,
    side_aspect,
    wrap,
)
from mindmap.core.model import Node


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

    # Long lists of leaves wrap into columns: the packing sees each row's leader alone.
    packhalf = half.copy()
    colx = [0.0] * n
    column = [0] * n
    wrapped: list[tuple[list[int], int]] = []
    for v in internal:
        run: list[int] = kids[v]  # type: ignore[assignment]
        if not v or any(nodes[c].children for c in run):
            continue
        grid = wrap([width[c] for c in run], [height[c] for c in run], spacing)
        if grid is not None:
            kids[v] = lay_run(grid, run, colx, packhalf, half)
            for t, c in enumerate(run):
                bottom[c] = bottom[v] + grid.reach[t] + level_gap
                column[c] = t // grid.rows
            wrapped.append((run, grid.rows))

    state = TidyState(list(range(n)))
    relx, prelim = state.relx, state.prelim
    place = make_placer(
        state, kids, parent, bottom, packhalf, sib_gap=sib_gap, cousin_gap=cousin_gap
    )

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
    for run, rows in wrapped:
        follow(ypos, 0, run, rows)
    tops = [min(map(sub, ypos[b:end], half[b:end])) for b, end in spans]
    lows = [max(map(add, ypos[b:end], half[b:end])) for b, end in spans]

    # Split the main branches between the sides and stack each side on the root. Ties go to
    # the right side; the left side is stacked bottom to top, so it reads on clockwise.
    count = len(branches)
    split = choose_split(mode, tops, lows, split)
    offset = [0.0] * count
    for order in (range(split), range(count - 1, split - 1, -1)):
        if order:
            run = [branches[j] for j in order]
            grid = None
            if not any(nodes[b].children for b in run):
                sizes = [width[b] for b in run], [height[b] for b in run]
                grid = wrap(*sizes, spacing, side_aspect(split, count))
            lead = lay_run(grid, run, colx, packhalf, half)
            for j, off in zip(order, place_side(place, state, run, lead, None), strict=True):
                offset[j] = off
            for t, b in enumerate(run):
                column[b] = t // len(lead)

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
        reach = max(bottom[b:end]) - level_gap + colx[b]
        starts = list(map(add, [bottom[p] for p in parent[b:end]], colx[b:end]))
        if j < split:
            xs[b:end] = starts
            sides[b:end] = [1] * (end - b)
            right = max(right, reach)
        else:
            xs[b:end] = [-x for x in map(add, starts, width[b:end])]
            sides[b:end] = [-1] * (end - b)
            left = min(left, -reach)
    keys = [node.key for node in nodes]
    parent_keys: list[str | None] = [keys[p] for p in parent]
    parent_keys[0] = None
    boxes = dict(
        zip(
            keys,
            map(Box, keys, xs, ys, width, height, sides, level, parent_keys, column),
            strict=True,
        )
    )
    return Layout(boxes, (left, top, right, low), split)
