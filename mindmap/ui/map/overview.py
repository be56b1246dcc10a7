"""The overview: the whole map as one picture drawn from its layout, painted when zoomed far out.

Far out, thousands of tiny items cost a frame each time; one picture, drawn once from the
layout, costs about a millisecond to show.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from operator import attrgetter

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from mindmap.core.annotations import Annotation
from mindmap.core.layout import Box, Layout
from mindmap.core.model import Outline
from mindmap.core.progress import Progress
from mindmap.ui.map.badges import OVERVIEW_ZOOM, paint_badges
from mindmap.ui.map.colours import Groups
from mindmap.ui.map.edges import fan, fan_groups, fan_path, fan_pen, goes_both_ways
from mindmap.ui.map.items import MIN_TEXT_PX, anchor_y
from mindmap.ui.map.progresslook import draw_rings
from mindmap.ui.theme import DEEPEST_LEVEL, POINT_PX, level_style

OVERVIEW_PIXELS = 4_000_000  # the overview picture's size at most (16 MB)
OVERVIEW_DEEP_EDGES_ZOOM = 0.1  # below this, the overview draws only the first two levels' edges
OVERVIEW_BADGE_PX = 3.5  # a mark's badge in the picture: a dot that shows on the smallest map

_X, _Y, _W, _H = attrgetter("x"), attrgetter("y"), attrgetter("width"), attrgetter("height")


class Overview:
    """The picture, kept for the zoom it was drawn at until the map changes."""

    def __init__(self) -> None:
        self._picture: tuple[float, QImage] | None = None  # (zoom it was drawn at, picture)

    def forget(self) -> None:
        self._picture = None

    def picture(
        self, zoom: float, pixel_ratio: float, area: float, draw: Callable[[float], QImage]
    ) -> QImage | None:
        """The picture for painting at `zoom`, or None when items should paint.

        It is drawn (by `draw`, at a zoom) at the zoom shown, rounded up to a power of two (so
        that nearby zooms share it), in device pixels, within a cap on its `area` in pixels:
        a bigger picture only costs more to fill and to scale down.
        """
        if zoom >= OVERVIEW_ZOOM or area <= 0:
            return None
        device_zoom = zoom * pixel_ratio
        shown = 2.0 ** math.ceil(math.log2(device_zoom))
        picture_zoom = min(OVERVIEW_ZOOM * pixel_ratio, (OVERVIEW_PIXELS / area) ** 0.5, shown)
        if device_zoom > picture_zoom * 1.3:
            return None
        if self._picture is None or self._picture[0] != picture_zoom:
            self._picture = (picture_zoom, draw(picture_zoom))
        return self._picture[1]


def draw_overview(
    zoom: float,
    *,
    rect: QRectF,
    background: QColor,
    layout: Layout,
    outline: Outline,
    colours: Mapping[str, QColor],
    groups: Groups,
    paint_node: Callable[[str, QPainter], None],
    annotations: Mapping[str, Annotation],
    lit: frozenset[str] | None,
    progress: Progress | None = None,
) -> QImage:
    """The map from its boxes: edges, readable titles as on screen (`paint_node`), the rest as
    bars, one drawRects call per colour and level, with the marks of `annotations` (node key →
    annotation shown) as badges over the bars, and the rings of study `progress` around them;
    with a filter by mark, what is not `lit` is faint."""
    boxes = layout.boxes
    image = QImage(
        max(1, round(rect.width() * zoom)),
        max(1, round(rect.height() * zoom)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base = QTransform.fromScale(zoom, zoom).translate(-rect.left(), -rect.top())
    painter.setTransform(base)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _draw_edges(painter, zoom, layout, outline, colours=colours, groups=groups)
    readable = MIN_TEXT_PX / zoom
    painted = [
        level_style(depth).font.pointSizeF() * POINT_PX >= readable
        for depth in range(DEEPEST_LEVEL + 1)
    ]
    painter.setPen(Qt.PenStyle.NoPen)
    for colour, level, keys in groups:
        shown = list(filter(None, map(boxes.get, keys)))
        if painted[level]:
            for box in shown:  # the selection and a find's matches go over it
                painter.setTransform(QTransform.fromTranslate(box.x, box.y) * base)
                paint_node(box.key, painter)
            painter.setTransform(base)
            painter.setPen(Qt.PenStyle.NoPen)
            continue
        quiet: list[Box] = []
        if lit is not None:  # a filter by mark: what it passes by is faint
            quiet = [box for box in shown if box.key not in lit]
            shown = [box for box in shown if box.key in lit]
        _draw_bars(painter, colour, shown, quiet)
        if progress is not None and progress.outline is outline:  # not a previous outline's
            ringed = keys if lit is None else lit.intersection(keys)
            draw_rings(painter, ringed, boxes, progress, dark=background.lightness() < 128)
        if annotations:
            marked = [box for box in shown if box.key in annotations]
            _draw_badges(painter, zoom, marked, annotations, background)
    painter.end()
    return image


def _draw_bars(painter: QPainter, colour: QColor, shown: list[Box], quiet: list[Box]) -> None:
    """A bar per box, one drawRects call each for those `shown` and those faint (`quiet`)."""
    for bars, alpha in ((shown, 150), (quiet, 40)):
        bar = QColor(colour)
        bar.setAlpha(alpha)
        painter.setBrush(bar)
        painter.drawRects(
            list(map(QRectF, map(_X, bars), map(_Y, bars), map(_W, bars), map(_H, bars)))
        )


def _draw_badges(
    painter: QPainter,
    zoom: float,
    boxes: list[Box],
    annotations: Mapping[str, Annotation],
    background: QColor,
) -> None:
    """The user's marks and annotations on nodes drawn as bars, big enough to find far out."""
    radius = OVERVIEW_BADGE_PX / zoom
    for box in boxes:
        at = QPointF(box.x, box.y)
        paint_badges(
            painter,
            annotations[box.key],
            box,
            anchor=anchor_y(box),
            radius=radius,
            ring=background,
            origin=at,
        )
    painter.setPen(Qt.PenStyle.NoPen)


def _draw_edges(
    painter: QPainter,
    zoom: float,
    layout: Layout,
    outline: Outline,
    *,
    colours: Mapping[str, QColor],
    groups: Groups,
) -> None:
    """Every parent's fan; below a zoom the deep edges would be sub-pixel dust: only the first
    two levels' then."""
    boxes, by_key = layout.boxes, outline.by_key
    deep_edges = zoom >= OVERVIEW_DEEP_EDGES_ZOOM
    both_ways = goes_both_ways(layout, outline)
    for _, level, keys in groups:
        if level > 1 and not deep_edges:
            continue
        for parent in filter(None, map(boxes.get, keys)):
            kids = [boxes[c.key] for c in by_key[parent.key].children if c.key in boxes]
            for group in fan_groups(parent, kids).values():
                painter.setPen(fan_pen(parent, colours[group[0].key]))
                path = fan_path(fan(parent, group, both_ways))
                painter.drawPath(path.translated(parent.x, parent.y))
