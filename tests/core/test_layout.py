"""The layout engine: tidy, tight, never overlapping, balanced, deterministic, deep and fast."""

from __future__ import annotations

import random
import time
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_oracle import layout_outline

from mindmap.core.layout import Box, IncrementalLayout, Layout, LayoutMode, Spacing
from mindmap.core.layout.tidy import WRAP_LEAST, row_trim
from mindmap.core.model import Node

EPS = 1e-6
DEFAULT = Spacing()


def node(key: str, *children: Node) -> Node:
    return Node(title=key, children=list(children), key=key)


def measure_from(sizes: dict[str, tuple[float, float]], default: tuple[float, float] = (40, 20)):
    return lambda n: sizes.get(n.key, default)


def visible(root: Node, folded: set[str]) -> list[Node]:
    """The nodes a layout must hold, in pre-order."""
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        out.append(n)
        if n.key not in folded:
            stack.extend(reversed(n.children))
    return out


def corners(layout: Layout) -> dict[str, tuple[float, float]]:
    return {key: (box.x, box.y) for key, box in layout.boxes.items()}


def reach(box: Box, gap: float) -> tuple[float, float]:
    """The box's span along x plus the level gap on its outer side, where its connectors run."""
    if box.side > 0:
        return box.x, box.right + gap
    if box.side < 0:
        return box.x - gap, box.right
    return box.x - gap, box.right + gap


def facing_gap(a: Box, b: Box, spacing: Spacing) -> float:
    """The gap the layout keeps between two facing boxes: wider between different parents."""
    if a.parent == b.parent:
        return spacing.sibling_gap
    return spacing.sibling_gap + spacing.subtree_gap


class Case:
    """One drawn example (a plain class: hypothesis prints it through `__repr__`)."""

    def __init__(
        self,
        root: Node,
        sizes: dict[str, tuple[float, float]],
        folded: set[str],
        mode: LayoutMode,
        spacing: Spacing,
    ) -> None:
        self.root, self.sizes, self.folded, self.mode, self.spacing = (
            root,
            sizes,
            folded,
            mode,
            spacing,
        )

    def __repr__(self) -> str:
        """The tree as one parent key per node, so that a failing example reads in a few lines."""
        parents = {c.key: n.key for n in self.root.walk() for c in n.children}
        return (
            f"Case(parents={parents!r}, sizes={self.sizes!r}, folded={self.folded!r}, "
            f"mode={self.mode}, spacing={self.spacing})"
        )


# --- checks shared by the property tests and the big cases ----------------------------------


def check_layout(case: Case, layout: Layout, *, pairwise_checks: bool = True) -> None:
    """Every promise of `layout_outline`, checked on one layout of `case`."""
    root, sizes, folded, mode, spacing = (
        case.root,
        case.sizes,
        case.folded,
        case.mode,
        case.spacing,
    )
    boxes = layout.boxes
    shown = visible(root, folded)
    assert list(boxes) == [n.key for n in shown]
    gap, sib = spacing.level_gap, spacing.sibling_gap
    row = sib - 2 * row_trim(spacing)  # the gap between the rows of a wrapped list

    top = boxes[root.key]
    assert (top.side, top.depth, top.parent) == (0, 0, None)
    assert top.centre_x == pytest.approx(0, abs=EPS)
    assert top.centre_y == pytest.approx(0, abs=EPS)
    assert layout.bounds == pytest.approx(
        (
            min(b.x for b in boxes.values()),
            min(b.y for b in boxes.values()),
            max(b.right for b in boxes.values()),
            max(b.bottom for b in boxes.values()),
        )
    )

    # A subtree is a run of the pre-order: its node and the `size` that follow.
    order = list(boxes.values())
    position = {key: i for i, key in enumerate(boxes)}
    size = dict.fromkeys(boxes, 1)
    for box in reversed(order[1:]):
        size[box.parent] += size[box.key]  # type: ignore[index]

    def subtree(key: str) -> list[Box]:
        return order[position[key] : position[key] + size[key]]

    rows: dict[str, list[Box]] = {}  # each leader of a wrapped row: the row
    grids = {(b.parent, b.side) for b in boxes.values() if b.column}  # wrapped lists
    wrapped = {parent for parent, _ in grids}
    for n in reversed(shown):
        box = boxes[n.key]
        assert (box.key, (box.width, box.height)) == (n.key, sizes[n.key])
        children = [] if n.key in folded else [boxes[c.key] for c in n.children]
        for c in children:
            assert (c.parent, c.depth) == (n.key, box.depth + 1)
            assert c.side == box.side or (box.side == 0 and c.side in (1, -1))
        for side in (1, -1):
            group = [c for c in children if c.side == side]
            if box.side == 0 and side < 0:
                group.reverse()  # the left side reads bottom to top
            rows.update(check_columns(group, box, spacing))
        sides = [c.side for c in children]
        if box.side == 0 and mode is LayoutMode.RIGHT:
            assert set(sides) <= {1}
        if box.side == 0:
            # Right branches first (clockwise from the top right), then the left ones.
            assert sides == sorted(sides, reverse=True)
        right = [c for c in children if c.side > 0 and not c.column]
        left = [c for c in children if c.side < 0 and not c.column]
        if box.side == 0:
            left.reverse()  # the left side reads bottom to top
        for side, group in ((1, right), (-1, left)):
            if not group:
                continue
            # Centred between the centres of its first and last child, on each side.
            middle = (group[0].centre_y + group[-1].centre_y) / 2
            assert box.centre_y == pytest.approx(middle, abs=EPS)
            apart = row if (n.key, side) in grids else sib
            for a, b in pairwise(group):
                assert b.y >= a.bottom + apart - EPS  # in order, top to bottom, apart
            if pairwise_checks and len(group) > 1:
                # Tight: the last subtree rests on the ones above it somewhere (unless
                # wrapped rows are involved, which rest as rectangles: the row's full width
                # and its tallest item's height).
                above = [d for c in group[:-1] for d in rows.get(c.key) or subtree(c.key)]
                below = rows.get(group[-1].key) or subtree(group[-1].key)
                assert wrapped & {d.parent for d in above + below} or any(
                    _overlap(reach(a, gap), reach(b, gap))
                    and b.y - a.bottom == pytest.approx(facing_gap(a, b, spacing), abs=EPS)
                    for a in above
                    for b in below
                )

    if pairwise_checks:
        # No overlap anywhere: boxes that share any stretch of x (connector room included,
        # but wrapped leaves have no connectors going out) are at least a sibling gap apart
        # vertically, the rows of one wrapped list a row gap.
        room = {key: 0.0 if b.parent in wrapped else gap for key, b in boxes.items()}
        for a, b in combinations(boxes.values(), 2):
            if _overlap(reach(a, room[a.key]), reach(b, room[b.key])):
                apart = row if a.parent == b.parent and (a.parent, a.side) in grids else sib
                assert a.bottom + apart <= b.y + EPS or b.bottom + apart <= a.y + EPS, (a, b)

    branches = [] if root.key in folded else [boxes[c.key] for c in root.children]
    if mode is LayoutMode.MINDMAP and len(branches) > 1:
        # The split balances the heights of the branches' subtrees; ties go right.
        heights = [
            max(d.bottom for d in subtree(b.key)) - min(d.y for d in subtree(b.key))
            for b in branches
        ]
        k = sum(b.side > 0 for b in branches)

        def imbalance(split: int) -> float:
            return abs(sum(heights[:split]) - sum(heights[split:]))

        best = min(imbalance(s) for s in range(len(branches) + 1))
        assert imbalance(k) <= best + EPS
        assert all(imbalance(s) >= imbalance(k) - EPS for s in range(k + 1, len(branches) + 1))


def check_columns(children: list[Box], parent: Box, spacing: Spacing) -> dict[str, list[Box]]:
    """Children on one side of `parent`: the first column starts one level gap beyond it (the
    tree is non-layered); a long list of leaves may wrap into more columns, filled top to
    bottom, each a column gap beyond the widest of the one before, every item level with the
    first item of its row. Returns the rows by their first item's key."""
    if not children:
        return {}
    columns: list[list[Box]] = []
    for c in children:
        if c.column == len(columns):
            columns.append([])
        assert c.column == len(columns) - 1  # column by column, in the outline's order
        columns[-1].append(c)
    if len(columns) > 1:
        assert len(children) >= WRAP_LEAST
        assert all(len(col) <= len(columns[0]) for col in columns)
    side = children[0].side
    start = parent.right + spacing.level_gap if side > 0 else parent.x - spacing.level_gap
    for column in columns:
        for c in column:
            edge = c.x if side > 0 else c.right
            assert edge == pytest.approx(start, abs=EPS)
        if side > 0:
            start = max(c.right for c in column) + spacing.column_gap
        else:
            start = min(c.x for c in column) - spacing.column_gap
        for lead, c in zip(columns[0], column, strict=False):
            assert c.centre_y == pytest.approx(lead.centre_y, abs=EPS)
    if len(columns) == 1:
        return {}
    return {lead.key: [col[r] for col in columns if r < len(col)] for r, lead in
            enumerate(columns[0])}  # fmt: skip


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] - EPS and b[0] < a[1] - EPS


# --- property tests ----------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn, max_nodes: int = 30) -> Case:
    count = draw(st.integers(1, max_nodes))
    nodes = [node("0")]
    for i in range(1, count):
        # Mix bushy trees (any earlier parent) with deep ones (a recent parent).
        parent = draw(st.integers(max(0, i - 3), i - 1) | st.integers(0, i - 1))
        nodes.append(node(str(i)))
        nodes[parent].children.append(nodes[-1])
    # Sometimes a long list of leaves under one node (the root too), which wraps into columns.
    if draw(st.booleans()):
        host = nodes[draw(st.integers(0, count - 1))]
        for i in range(count, count + draw(st.integers(0, 60))):
            nodes.append(node(str(i)))
            host.children.append(nodes[-1])
        count = len(nodes)
    half_units = st.tuples(st.integers(2, 400), st.integers(2, 120))
    sizes = {n.key: (w / 2, h / 2) for n, (w, h) in zip(nodes, draw(st.lists(
        half_units, min_size=count, max_size=count)), strict=True)}  # fmt: skip
    folded = {str(i) for i in draw(st.sets(st.integers(0, count - 1), max_size=3))}
    mode = draw(st.sampled_from(LayoutMode))
    spacing = draw(
        st.just(DEFAULT)
        | st.builds(
            Spacing,
            level_gap=st.integers(0, 80),
            sibling_gap=st.integers(0, 20),
            subtree_gap=st.integers(0, 30),
            column_gap=st.integers(0, 40),
            row_gap=st.integers(0, 20),
        )
    )
    return Case(nodes[0], sizes, folded, mode, spacing)


def lay(case: Case) -> Layout:
    return layout_outline(case.root, measure_from(case.sizes), case.folded, case.mode, case.spacing)


@settings(max_examples=200, deadline=None)
@given(cases())
def test_random_trees_are_tidy(case: Case) -> None:
    check_layout(case, lay(case))


@settings(max_examples=100, deadline=None)
@given(cases(max_nodes=12))
def test_many_equal_leaves_and_wide_chains(case: Case) -> None:
    # Equal widths put many boxes at the same depth: the other extreme from random widths.
    case.sizes = {key: (50, h) for key, (_, h) in case.sizes.items()}
    check_layout(case, lay(case))


@settings(max_examples=100, deadline=None)
@given(cases())
def test_same_input_same_output(case: Case) -> None:
    first = lay(case)
    again = lay(case)
    assert first == again
    twin = Case(_copy(case.root), case.sizes, set(case.folded), case.mode, case.spacing)
    assert lay(twin) == first


@settings(max_examples=100, deadline=None)
@given(cases())
def test_measures_only_the_visible_nodes(case: Case) -> None:
    seen: list[str] = []

    def measure(n: Node) -> tuple[float, float]:
        seen.append(n.key)
        return case.sizes[n.key]

    layout_outline(case.root, measure, case.folded, case.mode, case.spacing)
    assert sorted(seen) == sorted(n.key for n in visible(case.root, case.folded))


def _copy(root: Node) -> Node:
    twin = node(root.key)
    pairs = [(root, twin)]
    while pairs:
        a, b = pairs.pop()
        for c in a.children:
            b.children.append(node(c.key))
            pairs.append((c, b.children[-1]))
    return twin


# --- exact cases -------------------------------------------------------------------------------

ROOT = {"R": (100, 40)}


def test_lone_root_is_centred_on_the_origin() -> None:
    layout = layout_outline(node("R"), measure_from(ROOT))
    assert corners(layout) == {"R": (-50, -20)}
    assert layout.bounds == (-50, -20, 50, 20)


def test_small_subtree_tucks_under_a_deeper_neighbour() -> None:
    # B sits right below A, level with A's children, not below the whole of A's subtree.
    tree = node("R", node("A", node("A1"), node("A2"), node("A3")), node("B"))
    layout = layout_outline(tree, measure_from(ROOT), mode=LayoutMode.RIGHT)
    assert corners(layout) == {
        "R": (-50, -20),
        "A": (106, -25),
        "A1": (202, -55),
        "A2": (202, -25),
        "A3": (202, 5),
        "B": (106, 5),
    }
    assert layout.bounds == (-50, -55, 242, 25)


def test_cousins_keep_the_subtree_gap() -> None:
    # A is wide, so B's children face A: different parents, 10 + 18 apart; B is centred on them.
    tree = node("R", node("A"), node("B", node("B1"), node("B2")))
    sizes = {**ROOT, "A": (200, 20)}
    layout = layout_outline(tree, measure_from(sizes), mode=LayoutMode.RIGHT)
    assert corners(layout) == {
        "R": (-50, -20),
        "A": (106, -41.5),
        "B": (106, 21.5),
        "B1": (202, 6.5),
        "B2": (202, 36.5),
    }
    assert layout.bounds == (-50, -41.5, 306, 56.5)


def test_mindmap_balances_heights_and_mirrors_the_left_side() -> None:
    # a's subtree is 80 tall, b, c and d are 20 each: a alone on the right, d c b on the left.
    tree = node("R", node("a", node("a1"), node("a2"), node("a3")), node("b"), node("c"), node("d"))
    sizes = {**ROOT, "a": (60, 20), "b": (60, 20), "c": (80, 20), "d": (60, 20)}
    layout = layout_outline(tree, measure_from(sizes))
    assert corners(layout) == {
        "R": (-50, -20),
        "a": (106, -10),
        "a1": (222, -40),
        "a2": (222, -10),
        "a3": (222, 20),
        "b": (-166, 20),
        "c": (-186, -10),
        "d": (-166, -40),
    }
    assert layout.bounds == (-186, -40, 262, 40)
    c = layout.boxes["c"]
    assert (c.side, c.depth, c.parent, c.inner_x, c.outer_x) == (-1, 1, "R", -106, -186)
    a1 = layout.boxes["a1"]
    assert (a1.side, a1.depth, a1.parent, a1.inner_x, a1.outer_x) == (1, 2, "a", 222, 262)


@pytest.mark.parametrize(("count", "on_right"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3)])
def test_equal_branches_split_clockwise(count: int, on_right: int) -> None:
    keys = [f"b{i}" for i in range(count)]
    tree = node("R", *(node(k) for k in keys))
    layout = layout_outline(tree, measure_from({**ROOT}, (60, 20)))
    boxes = layout.boxes
    assert [boxes[k].side for k in keys] == [1] * on_right + [-1] * (count - on_right)
    # Clockwise from the top right: down the right side, then up the left side.
    right = sorted(keys[:on_right], key=lambda k: boxes[k].y)
    left = sorted(keys[on_right:], key=lambda k: -boxes[k].y)
    assert right + left == keys
    if count == 4:
        assert corners(layout) == {
            "R": (-50, -20),
            "b0": (106, -25),
            "b1": (106, 5),
            "b2": (-166, 5),
            "b3": (-166, -25),
        }


def test_right_mode_keeps_every_branch_on_the_right_in_order() -> None:
    tree = node("R", *(node(f"b{i}") for i in range(4)))
    layout = layout_outline(tree, measure_from(ROOT, (60, 20)), mode=LayoutMode.RIGHT)
    assert [(b.side, b.y) for b in list(layout.boxes.values())[1:]] == [
        (1, -55),
        (1, -25),
        (1, 5),
        (1, 35),
    ]


def test_folded_nodes_keep_their_box_but_not_their_children() -> None:
    tree = node("R", node("A", node("A1"), node("A2")), node("B", node("B1")))
    layout = layout_outline(tree, measure_from(ROOT), folded={"A", "R/none"})
    assert list(layout.boxes) == ["R", "A", "B", "B1"]
    layout = layout_outline(tree, measure_from(ROOT), folded=frozenset({"R"}))
    assert list(layout.boxes) == ["R"]


# --- depth and size ------------------------------------------------------------------------------


def chain(depth: int) -> Node:
    """A path of `depth` levels below the root, built without recursion."""
    root = node("0")
    tip = root
    for i in range(1, depth + 1):
        tip.children.append(node(str(i)))
        tip = tip.children[0]
    return root


@pytest.mark.parametrize("mode", list(LayoutMode))
def test_five_thousand_levels_deep(mode: LayoutMode) -> None:
    root = chain(5000)
    layout = layout_outline(root, measure_from({"0": (100, 40)}, (30, 10)), mode=mode)
    boxes = list(layout.boxes.values())
    assert len(boxes) == 5001
    assert [b.depth for b in boxes] == list(range(5001))
    assert all(b.x == 106 + (b.depth - 1) * 86 and b.y == -5 for b in boxes[1:])
    assert layout.bounds == (-50, -20, 106 + 4999 * 86 + 30, 20)
    folded = layout_outline(root, measure_from({}, (30, 10)), folded={"2500"}, mode=mode)
    assert len(folded.boxes) == 2501


def comb(depth: int, sizes: dict[str, tuple[float, float]]) -> Node:
    """A spine with a leaf on alternate sides at every level: quadratic for naive contours."""
    rng = random.Random(7)
    root = node("s0")
    tip = root
    for i in range(1, depth + 1):
        spine, leaf = node(f"s{i}"), node(f"l{i}")
        tip.children.extend([leaf, spine] if i % 2 else [spine, leaf])
        sizes[spine.key] = (rng.randint(10, 60), rng.randint(5, 30))
        sizes[leaf.key] = (rng.randint(10, 400), rng.randint(5, 30))
        tip = spine
    sizes["s0"] = (100, 40)
    return root


@pytest.mark.parametrize("mode", list(LayoutMode))
def test_deep_comb_is_laid_out_in_linear_time(mode: LayoutMode) -> None:
    sizes: dict[str, tuple[float, float]] = {}
    root = comb(5000, sizes)
    started = time.perf_counter()
    layout = layout_outline(root, measure_from(sizes), mode=mode)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0  # about 0.02 s; quadratic contour walking would take seconds
    check_layout(Case(root, sizes, set(), mode, DEFAULT), layout, pairwise_checks=False)


def random_tree(count: int, seed: int = 1, max_depth: int = 6) -> Node:
    """`count` nodes: main branches whose nodes get 2-8 children each, down to `max_depth`."""
    rng = random.Random(seed)
    root = node("0")
    made = 1
    while made < count:
        branch = node(str(made))
        made += 1
        root.children.append(branch)
        queue = [(branch, 1)]
        for parent, depth in queue:
            if depth >= max_depth:
                continue
            for _ in range(rng.randint(2, 8)):
                if made >= count:
                    break
                child = node(str(made))
                made += 1
                parent.children.append(child)
                queue.append((child, depth + 1))
    return root


def test_hundred_thousand_nodes() -> None:
    root = random_tree(100_000)
    for mode in LayoutMode:
        started = time.perf_counter()
        layout = layout_outline(root, lambda n: (80.0, 20.0), mode=mode)
        elapsed = time.perf_counter() - started
        assert len(layout.boxes) == 100_000
        assert elapsed < 3.0  # about 0.4 s on two cores; the margin is for busy test machines


# --- incremental layout ------------------------------------------------------------------------

Snapshot = dict[str, tuple[float, float, float, float, int, int, str | None]]


def snapshot(layout: Layout) -> Snapshot:
    """The boxes as plain values: the incremental layout updates its boxes in place."""
    return {
        k: (b.x, b.y, b.width, b.height, b.side, b.depth, b.parent) for k, b in layout.boxes.items()
    }


class OnlyContains:
    """A container that is not a set: the incremental layout must ask it about every node."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = set(keys)

    def __contains__(self, key: object) -> bool:
        return key in self.keys


def assert_same_boxes(layout: Layout, full: Layout) -> None:
    """The boxes of `full`, within EPS, in an order where parents come before their children."""
    assert layout.boxes.keys() == full.boxes.keys()
    seen: set[str | None] = {None}
    for key, box in layout.boxes.items():
        assert box.key == key
        assert box.parent in seen
        seen.add(key)
        expected = full.boxes[key]
        assert (box.side, box.depth, box.parent) == (expected.side, expected.depth, expected.parent)
        assert (box.x, box.y, box.width, box.height) == pytest.approx(
            (expected.x, expected.y, expected.width, expected.height), abs=EPS
        ), key
    assert layout.bounds == pytest.approx(full.bounds, abs=EPS)


def check_incremental(
    engine: IncrementalLayout, case: Case, folded: set[str], before: Snapshot, kind: str
) -> Snapshot:
    """One update of `engine` to `folded`: the boxes of a full layout, and exactly what changed."""
    argument = {"set": set(folded), "frozenset": frozenset(folded), "other": OnlyContains(folded)}
    change = engine.update(argument[kind])
    full = layout_outline(case.root, measure_from(case.sizes), folded, case.mode, case.spacing)
    assert_same_boxes(change.layout, full)
    assert engine.preorder() == list(full.boxes)
    after = snapshot(change.layout)
    assert change.changed == {k for k, v in after.items() if before.get(k) != v}
    assert change.removed == before.keys() - after.keys()
    for key, (x, y, *_, parent) in after.items():  # outside `reshaped`, subtrees move whole
        if parent is None or parent in change.reshaped or not {key, parent} <= before.keys():
            continue
        (px, py), (old_x, old_y), (old_px, old_py) = (
            after[parent][:2],
            before[key][:2],
            before[parent][:2],
        )
        assert (x - px, y - py) == pytest.approx((old_x - old_px, old_y - old_py), abs=EPS), key
    return after


@st.composite
def fold_sequences(draw: st.DrawFn) -> tuple[Case, list[tuple[list[str], str]]]:
    """A case and the keys toggled at each step: any node (hidden, leaf, root) or none at all."""
    case = draw(cases())
    keys = [n.key for n in case.root.walk()]
    steps = draw(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from([*keys, "nowhere"]), max_size=3),
                st.sampled_from(["set", "frozenset", "other"]),
            ),
            max_size=12,
        )
    )
    return case, steps


@settings(max_examples=300, deadline=None)
@given(fold_sequences())
def test_incremental_layout_equals_the_full_layout(
    sequence: tuple[Case, list[tuple[list[str], str]]],
) -> None:
    case, steps = sequence
    measured: list[str] = []

    def measure(n: Node) -> tuple[float, float]:
        measured.append(n.key)
        return case.sizes[n.key]

    engine = IncrementalLayout(case.root, measure, case.mode, case.spacing)
    folded = set(case.folded)
    boxes = check_incremental(engine, case, folded, {}, "set")
    ever_shown = set(boxes)
    for toggles, kind in steps:
        folded ^= set(toggles)
        boxes = check_incremental(engine, case, folded, boxes, kind)
        ever_shown |= boxes.keys()
    # Measured once per node, when first shown.
    assert sorted(measured) == sorted(ever_shown)


def test_incremental_first_update_reports_every_box_and_then_nothing() -> None:
    tree = node("R", node("A", node("A1")), node("B"))
    engine = IncrementalLayout(tree, measure_from(ROOT))
    first = engine.update(set())
    assert first.changed == {"R", "A", "A1", "B"}
    assert first.removed == set()
    assert list(first.layout.boxes) == ["R", "A", "A1", "B"]
    again = engine.update(set())
    assert (again.changed, again.removed) == (set(), set())
    assert again.layout is first.layout


def test_incremental_fold_that_moves_a_branch_to_the_other_side() -> None:
    # As in test_mindmap_balances_heights_and_mirrors_the_left_side: a alone on the right.
    # Folded, a is as tall as b, c and d, so the split becomes a b | d c: b changes side.
    tree = node("R", node("a", node("a1"), node("a2"), node("a3")), node("b"), node("c"), node("d"))
    sizes = {**ROOT, "a": (60, 20), "b": (60, 20), "c": (80, 20), "d": (60, 20)}
    engine = IncrementalLayout(tree, measure_from(sizes))
    engine.update(set())
    boxes = engine.layout.boxes
    kept = {key: boxes[key] for key in "Rabcd"}
    change = engine.update({"a"})
    assert change.removed == {"a1", "a2", "a3"}
    assert change.changed == {"a", "b", "c", "d"}
    assert boxes["b"].side == 1
    assert corners(change.layout) == corners(layout_outline(tree, measure_from(sizes), {"a"}))
    assert all(boxes[key] is box for key, box in kept.items())  # the same boxes, updated
    back = engine.update(set())
    assert back.changed == {"a", "a1", "a2", "a3", "b", "c", "d"}
    assert list(back.layout.boxes) == ["R", "a", "b", "c", "d", "a1", "a2", "a3"]
    assert engine.preorder() == ["R", "a", "a1", "a2", "a3", "b", "c", "d"]
    assert corners(back.layout) == corners(layout_outline(tree, measure_from(sizes)))


def test_incremental_fold_with_the_sides_kept_sends_no_branch_across() -> None:
    # As above, but the window keeps each branch on its side when one branch is folded.
    tree = node("R", node("a", node("a1"), node("a2"), node("a3")), node("b"), node("c"), node("d"))
    sizes = {**ROOT, "a": (60, 20), "b": (60, 20), "c": (80, 20), "d": (60, 20)}
    engine = IncrementalLayout(tree, measure_from(sizes))
    assert engine.update(set()).layout.split == 1
    change = engine.update({"a"}, split=1)
    boxes = change.layout.boxes
    assert {key: boxes[key].side for key in "abcd"} == {"a": 1, "b": -1, "c": -1, "d": -1}
    assert change.changed == set()  # a, alone on its side, stays centred on the root
    full = layout_outline(tree, measure_from(sizes), {"a"}, split=1)
    assert corners(change.layout) == corners(full)
    assert (change.layout.split, full.split) == (1, 1)
    assert engine.update({"a"}).layout.split == 2  # balanced anew when asked: b goes right
    assert engine.update(set(), split=2).layout.split == 2
    assert engine.update(set()).layout.split == 1


@settings(max_examples=60, deadline=None)
@given(fold_sequences(), st.data())
def test_incremental_layout_with_kept_sides_equals_the_full_layout(
    sequence: tuple[Case, list[tuple[list[str], str]]], data: st.DataObject
) -> None:
    case, steps = sequence
    engine = IncrementalLayout(case.root, measure_from(case.sizes), case.mode, case.spacing)
    folded = set(case.folded)
    engine.update(folded)
    for toggles, _kind in steps:
        folded ^= set(toggles)
        split = data.draw(st.none() | st.integers(0, len(case.root.children)))
        change = engine.update(set(folded), split)
        full = layout_outline(
            case.root, measure_from(case.sizes), folded, case.mode, case.spacing, split=split
        )
        assert_same_boxes(change.layout, full)
        assert change.layout.split == full.split


def test_incremental_folds_of_the_root() -> None:
    tree = node("R", node("A", node("A1")), node("B"))
    engine = IncrementalLayout(tree, measure_from(ROOT), mode=LayoutMode.RIGHT)
    assert engine.update({"R"}).changed == {"R"}
    assert engine.layout.bounds == (-50, -20, 50, 20)
    change = engine.update(set())
    assert change.changed == {"A", "A1", "B"}
    assert corners(change.layout) == corners(
        layout_outline(tree, measure_from(ROOT), mode=LayoutMode.RIGHT)
    )
    change = engine.update({"R", "A"})
    assert (change.changed, change.removed) == (set(), {"A", "A1", "B"})
    assert list(change.layout.boxes) == ["R"]


@pytest.mark.parametrize("mode", list(LayoutMode))
def test_incremental_five_thousand_levels_deep(mode: LayoutMode) -> None:
    root = chain(5000)
    measure = measure_from({"0": (100, 40)}, (30, 10))
    engine = IncrementalLayout(root, measure, mode=mode)
    assert len(engine.update(set()).changed) == 5001
    change = engine.update({"2500"})
    assert len(change.removed) == 2500
    assert change.changed == set()  # a chain does not move when its end goes
    change = engine.update(set())
    assert len(change.changed) == 2500
    assert_same_boxes(change.layout, layout_outline(root, measure, mode=mode))


@pytest.mark.parametrize("mode", list(LayoutMode))
def test_incremental_deep_comb_is_laid_out_in_linear_time(mode: LayoutMode) -> None:
    # The app's own engine, not only the oracle: quadratic contour walking would take seconds.
    sizes: dict[str, tuple[float, float]] = {}
    root = comb(5000, sizes)
    measure = measure_from(sizes)
    started = time.perf_counter()
    change = IncrementalLayout(root, measure, mode=mode).update(set())
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0  # about 0.06 s
    assert_same_boxes(change.layout, layout_outline(root, measure, mode=mode))


def test_incremental_many_folds_on_a_big_tree() -> None:
    root = random_tree(20_000, seed=3)
    rng = random.Random(5)
    internal = [n.key for n in root.walk() if n.children]
    measure = measure_from({"0": (100, 40)}, (80, 20))
    engine = IncrementalLayout(root, measure)
    folded: set[str] = set(rng.sample(internal, 200))
    engine.update(folded)
    for _ in range(6):
        folded ^= set(rng.sample(internal, 40))
        change = engine.update(folded)
        full = layout_outline(root, measure, folded)
        assert engine.preorder() == list(full.boxes)
        assert_same_boxes(change.layout, full)


def test_descendants_counts_what_a_fold_hides_without_walking_it() -> None:
    root = node("r", node("a", node("a1"), node("a2", node("x"))), node("b"))
    engine = IncrementalLayout(root, measure_from({}))
    assert [engine.descendants(k) for k in ("r", "a", "a2", "b")] == [5, 3, 1, 0]


def flat(count: int, *, branch: bool = False) -> Node:
    """A root with `count` leaves (and, with `branch`, one more child that has a child)."""
    kids = [node(f"L{i}") for i in range(count)]
    if branch:
        kids.append(node("X", node("X1")))
    return node("R", node("B", *kids))


@pytest.mark.parametrize(("count", "branch", "wraps"), [
    (WRAP_LEAST - 1, False, False), (WRAP_LEAST, False, True), (200, False, True),
    (200, True, False),
])  # fmt: skip
def test_long_lists_of_leaves_wrap_into_columns(count: int, branch: bool, wraps: bool) -> None:
    """Only long lists of leaves wrap; a list with a branch in it stays one column."""
    root = flat(count, branch=branch)
    sizes = {n.key: (40.0, 20.0) for n in root.walk()}
    case = Case(root, sizes, set(), LayoutMode.RIGHT, DEFAULT)
    layout = lay(case)
    check_layout(case, layout, pairwise_checks=count < 100)
    assert (max(box.column for box in layout.boxes.values()) > 0) is wraps


def test_a_wrapped_list_is_about_a_screen_wide_for_its_height() -> None:
    layout = lay(Case(flat(500), {}, set(), LayoutMode.RIGHT, DEFAULT))
    items = [box for box in layout.boxes.values() if box.parent == "B"]
    width = max(b.right for b in items) - min(b.x for b in items)
    height = max(b.bottom for b in items) - min(b.y for b in items)
    assert 1.4 < width / height < 2.3
    engine = IncrementalLayout(flat(500), measure_from({}), LayoutMode.RIGHT)
    assert_same_boxes(
        engine.update({"B"}).layout, lay(Case(flat(500), {}, {"B"}, LayoutMode.RIGHT, DEFAULT))
    )
    assert_same_boxes(engine.update(set()).layout, layout)


def test_the_rows_of_a_wrapped_list_stand_a_row_gap_apart_and_other_boxes_a_sibling_gap() -> None:
    """Closer rows read as a table and let a long list show bigger at fit."""
    root = node("R", node("A", node("A1")), node("B", *[node(f"L{i}") for i in range(60)]))
    root.children.append(node("C", node("C1")))
    case = Case(root, {n.key: (40.0, 20.0) for n in root.walk()}, set(), LayoutMode.RIGHT, DEFAULT)
    layout = lay(case)
    check_layout(case, layout)
    boxes = layout.boxes
    rows = sorted({boxes[f"L{i}"].y for i in range(60)})
    assert len(rows) > 1
    assert all(b - a == pytest.approx(20 + DEFAULT.row_gap) for a, b in pairwise(rows))
    assert boxes["A1"].bottom + DEFAULT.sibling_gap <= min(rows)
    assert max(rows) + 20 + DEFAULT.sibling_gap <= boxes["C1"].y
