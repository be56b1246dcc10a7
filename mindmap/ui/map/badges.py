"""Badges on nodes: the user's marks and annotations, the fold count's font, the marks' roll-up.

Shared by the items, the overview picture and the exports, so that a mark looks the same
wherever it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.layout import Box
from mindmap.ui.theme import ANNOTATION_COLOUR, MARK_LOOKS, MarkLook, mark_look

OVERVIEW_ZOOM = 0.25  # below this zoom most titles are too small to read: the overview paints
BADGE_RADIUS = 8.5  # a mark's or an annotation's badge at 100 %
BADGE_MIN_PX = 6.0  # and its radius on screen at least, so that it reads at the fit zoom
BADGE_REACH = 2 * BADGE_MIN_PX / OVERVIEW_ZOOM + 2  # the most a badge reaches out of the box
ROLLUP_HEIGHT = 15.0
ANNOTATION_LOOK = MarkLook("✎", ANNOTATION_COLOUR, "Annotated")
BADGE_FONT = QFont()
BADGE_FONT.setPointSizeF(8)
BADGE_FONT.setWeight(QFont.Weight.Bold)

# How many nodes under one carry each mark, in Mark order, then (None) how many are annotated.
Rollup = Sequence[tuple[Mark | None, int]]


@cache
def badge_metrics() -> QFontMetricsF:
    return QFontMetricsF(BADGE_FONT)


def badge_radius(lod: float) -> float:
    """A badge's radius in scene units at zoom `lod`: its own size, or more far out."""
    return max(BADGE_RADIUS, BADGE_MIN_PX / max(lod, OVERVIEW_ZOOM))


def paint_badge(
    painter: QPainter, centre: QPointF, radius: float, look: MarkLook, ring: QColor
) -> None:
    """A filled disc in the look's colour with its icon in white, ringed in the background's
    colour so that it stands off whatever it overlaps."""
    painter.setPen(QPen(ring, radius * 0.2))
    painter.setBrush(look.colour)
    painter.drawEllipse(centre, radius, radius)
    if radius * painter.worldTransform().m11() < 4.5:  # too small for its icon to read
        return
    font = QFont(BADGE_FONT)
    font.setPixelSize(max(1, round(radius * 1.3)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff") if look is not ANNOTATION_LOOK else QColor("#3a2c00"))
    square = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.drawText(square, Qt.AlignmentFlag.AlignCenter, look.icon)


def paint_badges(
    painter: QPainter,
    annotation: Annotation,
    box: Box,
    *,
    anchor: float,
    radius: float,
    ring: QColor,
    origin: QPointF,
) -> None:
    """The user's layer on a node whose corner is at `origin`: the mark as a bead on the edge
    coming in (at height `anchor`), clear of the title; a pencil for an annotation's text
    over the outer top corner."""
    inner, outer = (-radius - 2.0, box.width) if box.side >= 0 else (box.width + radius + 2.0, 0.0)
    look = mark_look(annotation)
    if look is not None:
        paint_badge(painter, origin + QPointF(inner, anchor), radius, look, ring)
    if annotation.text.strip():
        lift = radius * 0.45
        corner = QPointF(outer + (lift if box.side >= 0 else -lift), -lift)
        paint_badge(painter, origin + corner, radius, ANNOTATION_LOOK, ring)


def rollup_parts(rollup: Rollup, *, dark: bool = False) -> list[tuple[str, QColor]]:
    """The roll-up's pieces of text ("3 ↻") and their colours (on a `dark` pill or a pale one:
    the pencil's yellow needs darkening on a pale one)."""
    parts = []
    for mark, count in rollup:
        look = MARK_LOOKS[mark] if mark is not None else ANNOTATION_LOOK
        colour = look.colour if mark is not None or dark else look.colour.darker(160)
        parts.append((f"{count:,} {look.icon}", colour))
    return parts


def rollup_width(rollup: Rollup) -> float:
    metrics = badge_metrics()
    return sum(metrics.horizontalAdvance(text) + 8 for text, _ in rollup_parts(rollup)) + 6


def paint_rollup(painter: QPainter, rect: QRectF, rollup: Rollup, fill: QColor) -> None:
    """The marks under a node as a pill: each count in its mark's colour."""
    painter.setPen(QPen(QColor(128, 128, 128, 120), 1.0))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(BADGE_FONT)
    x = rect.left() + 7
    for text, colour in rollup_parts(rollup, dark=fill.lightness() < 128):
        width = badge_metrics().horizontalAdvance(text)
        painter.setPen(colour)
        painter.drawText(
            QRectF(x, rect.top(), width + 2, rect.height()), Qt.AlignmentFlag.AlignVCenter, text
        )
        x += width + 8


class LegendItem(QGraphicsItem):
    """What the marks mean, for a picture of the map (an export has no status bar)."""

    def __init__(self, looks: Sequence[MarkLook], text: QColor) -> None:
        super().__init__()
        self.looks, self.text = looks, text
        metrics = badge_metrics()
        self.widths = [metrics.horizontalAdvance(look.name) for look in looks]
        self._rect = QRectF(0, 0, sum(w + 2 * BADGE_RADIUS + 22 for w in self.widths), 22)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, *_args: object) -> None:
        x = BADGE_RADIUS + 1
        for look, width in zip(self.looks, self.widths, strict=True):
            paint_badge(painter, QPointF(x, 11), BADGE_RADIUS, look, QColor(0, 0, 0, 0))
            painter.setFont(BADGE_FONT)
            painter.setPen(self.text)
            name = QRectF(x + BADGE_RADIUS + 5, 0, width + 2, 22)
            painter.drawText(name, Qt.AlignmentFlag.AlignVCenter, look.name)
            x += width + 2 * BADGE_RADIUS + 22
