"""How a map opens the first time: readable, folded to the deepest level that fits readably.

A map fitted whole at 0.3 % is two hairlines; the same map shown to two levels is an overview
one can read (markmap's `initialExpandLevel`, Freeplane's fold on load). The rule is plain:
the deepest level whose map, fitted to the window, shows its smallest titles at least
`LEAST_TEXT_PX` high. Levels are tried from the top down and each one is laid out (`fit_zoom`)
only when a cheap count says it may fit, so a million nodes cost what the first levels cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from mindmap.core.layout.tidy import WRAP_LEAST, least_rows
from mindmap.core.model import Node, Outline
from mindmap.core.viewstate import folds_to_level

LEAST_TEXT_PX = 9.0  # the smallest title height on screen that reads without effort


@dataclass(frozen=True, slots=True)
class Opening:
    """How to show a map the first time."""

    folds: frozenset[str]
    level: int | None  # the deepest level shown; None when nothing was folded to open it
    zoom: float  # the zoom to open at
    fitted: bool  # the shown map fits at `zoom` (else it opens centred on the root)


@dataclass(frozen=True, slots=True)
class Readability:
    """What the rule needs to know of the window and the map's look."""

    viewport_height: float  # in pixels
    text_px: Callable[[int], float]  # the smallest title height at 100 % when levels 0..L show
    row: float  # the least height a box and the gap below it take, in scene units
    grid_row: float  # the same for a row of a long list wrapped into columns (a row gap)
    sides: int  # 2 when the main branches go both ways, else 1
    least_px: float = LEAST_TEXT_PX


def level_rows(root: Node, folds: AbstractSet[str]) -> Iterator[tuple[int, int]]:
    """For levels 1, 2, …: the rows the map's height needs at least when it shows down to that
    level, as boxes that have no shown children and rows of wrapped lists. Looks only that deep.

    A long list of leaves (not the root's: its split is not known here) wraps into columns
    (`layout.tidy.wrap`), and counts as the fewest rows it can wrap into."""
    ends = 0  # shown nodes above the current level whose children are hidden or absent
    grid_rows = 0  # the rows of the wrapped lists shown so far
    layer = [root]
    while True:
        below: list[Node] = []
        wrapped = 0
        for node in layer:
            kids = node.children
            if kids and node.key not in folds:
                if len(kids) < WRAP_LEAST or node is root or any(k.children for k in kids):
                    below += kids
                else:
                    wrapped += least_rows(len(kids))
            else:
                ends += 1
        if not below and not wrapped:
            return
        grid_rows += wrapped
        yield ends + len(below), grid_rows
        layer = below


def choose_opening(
    outline: Outline,
    folds: AbstractSet[str],
    look: Readability,
    fit_zoom: Callable[[frozenset[str]], float],
) -> Opening:
    """The deepest level at which the map, fitted, reads; `folds` (the author's) stay folded.

    `fit_zoom(folds)` lays the map out so folded and gives the zoom that fits it in the
    window. When even the main branches do not read at fit, the map opens with them alone, at
    the least readable zoom, centred on the root.
    """
    best: Opening | None = None
    for level, (rows, grid_rows) in enumerate(level_rows(outline.root, folds), start=1):
        least_zoom = look.least_px / look.text_px(level)
        height = (rows * look.row + grid_rows * look.grid_row) / look.sides
        if best is not None and height * least_zoom > look.viewport_height:
            break  # too many rows to fit readably: no need to lay this level out
        level_folds = frozenset(folds | folds_to_level(outline, level))
        zoom = fit_zoom(level_folds)
        if zoom < least_zoom:
            if best is None:
                best = Opening(level_folds, level, least_zoom, fitted=False)
            break
        best = Opening(level_folds, level, zoom, fitted=True)
    if best is None:  # only the root
        whole = frozenset(folds)
        return Opening(whole, None, fit_zoom(whole), fitted=True)
    if best.folds == folds:  # the whole map reads: nothing was folded to open it
        return Opening(best.folds, None, best.zoom, best.fitted)
    return best
