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
    sides: int  # 2 when the main branches go both ways, else 1
    least_px: float = LEAST_TEXT_PX


def level_rows(root: Node, folds: AbstractSet[str]) -> Iterator[int]:
    """For levels 1, 2, …: how many shown boxes have no shown children when the map shows down
    to that level (the rows the map's height needs at least). Looks only that deep."""
    ends = 0  # shown nodes above the current level whose children are hidden or absent
    layer = [root]
    while True:
        below: list[Node] = []
        for node in layer:
            if node.children and node.key not in folds:
                below += node.children
            else:
                ends += 1
        if not below:
            return
        yield ends + len(below)
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
    for level, rows in enumerate(level_rows(outline.root, folds), start=1):
        least_zoom = look.least_px / look.text_px(level)
        if best is not None and rows / look.sides * look.row * least_zoom > look.viewport_height:
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
