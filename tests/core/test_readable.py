"""The readable first open: the deepest level that fits readably, found without laying out more."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_outline
from mindmap.core.layout import IncrementalLayout, LayoutMode, Spacing
from mindmap.core.layout.tidy import least_rows, wrap
from mindmap.core.model import Node, Outline
from mindmap.core.outline import parse_outline
from mindmap.core.readable import Readability, choose_opening, level_rows
from mindmap.core.viewstate import folds_to_level

VIEW = (1280.0, 820.0)
BOX = (120.0, 24.0)  # every box, in scene units
TEXT_PX = {0: 22.0, 1: 17.0, 2: 14.0}  # titles' height at 100 % by level, 13 px deeper
LOOK = Readability(
    viewport_height=VIEW[1],
    text_px=lambda level: TEXT_PX.get(level, 13.0),
    row=34.0,
    grid_row=28.0,
    sides=2,
)


def parsed(text: str) -> Outline:
    return parse_outline(text, "o.yaml").outline


class Fitter:
    """Lays the outline out as asked and gives the zoom that fits it; records what it was asked."""

    def __init__(self, outline: Outline, view: tuple[float, float] = VIEW) -> None:
        self.engine = IncrementalLayout(outline.root, lambda _node: BOX, LayoutMode.MINDMAP)
        self.view = view
        self.asked: list[frozenset[str]] = []

    def __call__(self, folds: frozenset[str]) -> float:
        self.asked.append(folds)
        left, top, right, bottom = self.engine.update(folds).layout.bounds
        return min(1.0, self.view[0] / (right - left + 120), self.view[1] / (bottom - top + 120))


def shown_depth(outline: Outline, folds: frozenset[str]) -> int:
    deepest, stack = 0, [(outline.root, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if node.key not in folds:
            stack.extend((child, depth + 1) for child in node.children)
    return deepest


def test_level_rows_counts_the_outer_boxes_of_each_level() -> None:
    outline = parsed(
        "R:\n  - A:\n      - a1\n      - a2:\n          - x\n  - B\n  - C:\n      - c1\n"
    )
    # level 1: A B C; level 2: a1 a2 B c1; level 3: a1 x B c1
    assert list(level_rows(outline.root, frozenset())) == [(3, 0), (4, 0), (4, 0)]
    assert list(level_rows(outline.root, {"R/A"})) == [(3, 0), (3, 0)]  # the author's fold stays


def test_a_small_map_that_reads_whole_opens_whole() -> None:
    outline = parsed("Root:\n  - A:\n      - a1\n      - a2\n  - B:\n      - b1\n  - C\n")
    fitter = Fitter(outline)
    opening = choose_opening(outline, frozenset(), LOOK, fitter)
    assert opening.level is None
    assert opening.folds == frozenset()
    assert opening.fitted
    assert opening.zoom == 1.0


def test_a_big_map_opens_at_the_deepest_readable_level_laying_out_no_more() -> None:
    outline = parsed(generate_outline(10_000))
    fitter = Fitter(outline)
    opening = choose_opening(outline, frozenset(), LOOK, fitter)
    assert opening.level is not None
    assert opening.fitted
    level = opening.level
    assert opening.folds == frozenset(folds_to_level(outline, level))
    assert opening.zoom * LOOK.text_px(level) >= LOOK.least_px
    deeper = frozenset(folds_to_level(outline, level + 1))
    assert Fitter(outline)(deeper) * LOOK.text_px(level + 1) < LOOK.least_px
    # Laid out no deeper than the level after the one chosen (the count ruled out the rest).
    assert max(shown_depth(outline, folds) for folds in fitter.asked) <= level + 1


def test_main_branches_that_do_not_read_at_fit_open_at_the_least_readable_zoom() -> None:
    outline = parsed("Root:\n" + "".join(f"  - item {i}:\n      - leaf\n" for i in range(500)))
    opening = choose_opening(outline, frozenset(), LOOK, Fitter(outline))
    assert opening.level == 1
    assert not opening.fitted
    assert opening.zoom == LOOK.least_px / LOOK.text_px(1)


def test_the_authors_folds_stay_folded() -> None:
    outline = parsed(generate_outline(2_000))
    branch = outline.root.children[0]
    author = frozenset({branch.key})
    opening = choose_opening(outline, author, LOOK, Fitter(outline))
    assert branch.key in opening.folds


def test_only_the_root_opens_fitted() -> None:
    outline = Outline(Node("R", key="R"), "o.yaml", 1, 0, {}, {})
    opening = choose_opening(outline, frozenset(), LOOK, Fitter(outline))
    assert opening == type(opening)(frozenset(), None, 1.0, True)


def test_a_long_list_counts_as_the_rows_it_wraps_into() -> None:
    """100 leaves under a main branch wrap into a grid that reads at fit: one row per leaf
    (101 rows, 1,100 px at the least readable zoom) would skip the level without trying it."""
    lines = (
        ["Root:", "  - A:"] + [f"      - item {i}" for i in range(100)] + ["  - B:", "      - b"]
    )
    outline = parsed("\n".join(lines) + "\n")
    assert list(level_rows(outline.root, frozenset())) == [(2, 0), (1, least_rows(100))]
    fitter = Fitter(outline)
    opening = choose_opening(outline, frozenset(), LOOK, fitter)
    assert opening.level is None  # the whole map reads: nothing folded
    assert opening.folds == frozenset()
    assert opening.fitted
    assert opening.zoom * LOOK.text_px(2) >= LOOK.least_px


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 400), st.integers(1, 120)), min_size=1, max_size=400))
def test_the_rows_counted_for_a_list_are_never_more_than_it_wraps_into(
    sizes: list[tuple[int, int]],
) -> None:
    """An undercount only costs a level laid out in vain; an overcount would skip a level."""
    widths = [float(max(w, h)) for w, h in sizes]  # titles are padded wider than tall
    heights = [float(h) for _, h in sizes]
    grid = wrap(widths, heights, Spacing())
    assert least_rows(len(sizes)) <= (grid.rows if grid is not None else len(sizes))
