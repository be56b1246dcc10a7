"""How study progress shows on the map: a ring around each card's box in its standing's colour
(known cards strong as they are retained), and a main branch's tally in a pill beside its marks.

The ring hugs the box, so that the rings of folded siblings stacked close stay apart; on the
selected node it moves out beyond the selection ring, so that the node looked at keeps its
colour. It grows when zoomed out, as the marks' badges do, so that it reads at the fit zoom.
Shared by the items and the overview picture.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter
from typing import NamedTuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from mindmap.core.layout import Box
from mindmap.core.model import Outline
from mindmap.core.progress import Progress, Standing, Tally
from mindmap.ui.map.badges import (
    BADGE_FONT,
    OVERVIEW_ZOOM,
    ROLLUP_HEIGHT,
    Rollup,
    badge_metrics,
    rollup_width,
)
from mindmap.ui.map.nodetext import MIN_TEXT_PX
from mindmap.ui.theme import POINT_PX, Theme, level_style

RING_GAP = 1.5  # from the box to the ring, at 100 %
SELECTED_GAP = 4.5  # on the selected node: clear of the selection ring (which ends at 4.1)
RING_WIDTH = 2.5  # at 100 %
RING_MIN_PX = 2.0  # and on screen at least
RING_REACH = SELECTED_GAP + RING_MIN_PX / OVERVIEW_ZOOM + 1.0  # the most a ring paints out
PILL_DROP = RING_GAP + RING_WIDTH + 1.5  # the marks' roll-up and the tally: below the ring
OVERVIEW_RING_PX = 1.6  # a ring in the overview picture, in its pixels
FAINTEST = 0.35  # the opacity of a known card about to be due
RETAINED_RANGE = (0.8, 1.0)  # retrievability from faintest to full: known cards lie in here

# Each standing's colour on light and on dark paper: grey, amber, red, green.
_COLOURS = {
    Standing.NEW: (QColor("#9aa0a6"), QColor("#7c828a")),
    Standing.LEARNING: (QColor("#e8a317"), QColor("#f0b429")),
    Standing.DUE: (QColor("#d93025"), QColor("#f06b60")),
    Standing.KNOWN: (QColor("#1e8e3e"), QColor("#4cc26e")),
}
STANDING_NAMES = {
    Standing.NEW: "New",
    Standing.LEARNING: "Learning",
    Standing.DUE: "Due",  # today: the status bar says "Due today" beside it
    Standing.KNOWN: "Known",
}


class ProgressLook(NamedTuple):
    """What a card's node shows of its progress: its standing, how strongly (0–1), and for a
    main branch (or the root) its tally."""

    standing: Standing
    strength: float
    tally: Tally | None


def standing_colour(standing: Standing, *, dark: bool) -> QColor:
    return _COLOURS[standing][1 if dark else 0]


def progress_look(
    progress: Progress | None, outline: Outline, key: str, *, tally: bool
) -> ProgressLook | None:
    """The look of node `key` of `outline`, with its branch's `tally` or not; None when it is
    no card, or no progress is shown, or only that of another outline (the one shown before a
    reload)."""
    if progress is None or progress.outline is not outline:
        return None
    standing = progress.standing(key)
    if standing is None:
        return None
    known = progress.tally(key) if tally else None
    return ProgressLook(standing, strength(progress, key, standing), known)


def strength(progress: Progress, key: str, standing: Standing) -> float:
    """How strongly a card's ring shows: a known card fades as it is forgotten (in steps of a
    twentieth: the eye tells no finer, and the overview draws each step at once)."""
    if standing is not Standing.KNOWN:
        return 1.0
    low, high = RETAINED_RANGE
    share = min(max((progress.retrievability(key) - low) / (high - low), 0.0), 1.0)
    return round((FAINTEST + (1.0 - FAINTEST) * share) * 20) / 20


def ring_colour(look: ProgressLook, *, dark: bool) -> QColor:
    colour = QColor(standing_colour(look.standing, dark=dark))
    colour.setAlphaF(look.strength)
    return colour


def ring_width(lod: float) -> float:
    """The ring's width in scene units at zoom `lod`: its own, or more far out."""
    return max(RING_WIDTH, RING_MIN_PX / max(lod, OVERVIEW_ZOOM))


def ring_gap(lod: float, *, selected: bool = False) -> float:
    """From the box to the ring in scene units at zoom `lod` (a pixel at least)."""
    return SELECTED_GAP if selected else max(RING_GAP, 0.75 / max(lod, OVERVIEW_ZOOM))


def pill_top(box: Box, look: ProgressLook | None) -> float:
    """Where the pills below a box begin (local): below the ring when there is one."""
    return box.height + (PILL_DROP if look is not None else 3.0)


def progress_bounds(box: Box, look: ProgressLook, below: Rollup) -> QRectF:
    """Where a node's progress paints, local: the ring at its widest, and the tally."""
    reach = RING_REACH
    bounds = QRectF(-reach, -reach, box.width + 2 * reach, box.height + 2 * reach)
    if look.tally is not None:
        bounds = bounds.united(_tally_rect(box, look.tally, below).adjusted(-1, -1, 1, 1))
    return bounds


def paint_progress(
    painter: QPainter, box: Box, look: ProgressLook, theme: Theme, lod: float, *,
    below: Rollup, selected: bool,
) -> None:  # fmt: skip
    """The ring around the box, under everything else the node paints (beyond the selection
    ring when `selected`); the tally below a main branch, beside the marks' roll-up (`below`)
    when there is one."""
    width = ring_width(lod)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ring_colour(look, dark=theme.dark), width))
    painter.drawPath(ring_path(box, ring_gap(lod, selected=selected) + width / 2))
    font_px = level_style(box.depth).font.pointSizeF() * POINT_PX * lod
    if look.tally is not None and look.tally.cards and font_px >= MIN_TEXT_PX:
        _paint_tally(painter, _tally_rect(box, look.tally, below), look.tally, theme)


def ring_path(box: Box, out: float) -> QPainterPath:
    """A rounded rect `out` beyond a node's box, local, rounded as the box is."""
    radius = (14.0, 9.0, 7.0)[box.depth] if box.depth < 3 else 4.0
    path = QPainterPath()
    rect = QRectF(-out, -out, box.width + 2 * out, box.height + 2 * out)
    path.addRoundedRect(rect, radius + out, radius + out)
    return path


def tally_width(tally: Tally) -> float:
    return badge_metrics().horizontalAdvance(str(tally)) + 16


def _tally_rect(box: Box, tally: Tally, below: Rollup) -> QRectF:
    """Below the box, in the row of the marks' roll-up and after it (from the edge towards the
    root); the root's centred under it."""
    width, top = tally_width(tally), box.height + PILL_DROP
    if box.depth == 0:
        return QRectF((box.width - width) / 2, top, width, ROLLUP_HEIGHT)
    marks = rollup_width(below) + 4 if below else 0.0
    left = marks if box.side >= 0 else box.width - marks - width
    return QRectF(left, top, width, ROLLUP_HEIGHT)


def _paint_tally(painter: QPainter, rect: QRectF, tally: Tally, theme: Theme) -> None:
    """A pill filled with green as far as its cards are known, its text over it."""
    radius = rect.height() / 2
    painter.setPen(QPen(QColor(128, 128, 128, 120), 1.0))
    painter.setBrush(theme.toggle_fill)
    painter.drawRoundedRect(rect, radius, radius)
    if tally.known:
        known = QColor(standing_colour(Standing.KNOWN, dark=theme.dark))
        known.setAlpha(70 if theme.dark else 55)
        shape = QPainterPath()
        shape.addRoundedRect(rect, radius, radius)
        part = QPainterPath()
        share = rect.width() * tally.known / tally.cards
        part.addRect(QRectF(rect.left(), rect.top(), share, rect.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(known)
        painter.drawPath(shape.intersected(part))
    painter.setFont(BADGE_FONT)
    painter.setPen(theme.text)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(tally))


def draw_rings(
    painter: QPainter, keys: Iterable[str], boxes: Mapping[str, Box], progress: Progress, *,
    dark: bool,
) -> None:  # fmt: skip
    """The rings of the cards among `keys` in the overview picture: on the bars' edges (there
    the gap of a screen ring is less than a pixel), a pen of a few pixels at any zoom, one
    drawRects call per standing; known ones at full strength, for a fading ring a pixel wide
    does not show."""
    keys = set(keys)
    pen = QPen()
    pen.setCosmetic(True)  # its width in the picture's pixels
    pen.setWidthF(OVERVIEW_RING_PX)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, on=False)  # straight: crisp, fast
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for standing, cards in progress.grouped().items():
        ringed = list(filter(None, map(boxes.get, cards.intersection(keys))))
        pen.setColor(standing_colour(standing, dark=dark))
        painter.setPen(pen)
        painter.drawRects(list(map(QRectF, *_columns(ringed))) if ringed else [])
    painter.restore()


def _columns(boxes: list[Box]) -> tuple[Iterator[float], ...]:
    """The boxes' corners and sizes as four columns, for QRectF by `map` (at C speed)."""
    return tuple(map(attrgetter(name), boxes) for name in ("x", "y", "width", "height"))
