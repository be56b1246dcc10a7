"""The map's edges: one item per parent (per main branch at the root) holding the curves to its
shown children, drawn relative to the parent so that a subtree that only moved keeps its paths."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from mindmap.core.curves import Cubic, Curve, Fan, s_curve
from mindmap.core.layout import Box, Layout
from mindmap.core.model import Outline
from mindmap.ui.map.items import NO_BRUSH, NO_PEN, anchor_y
from mindmap.ui.theme import Z_EDGE, level_style

SLICE_PX = 256  # an edge painted in part is worked out in slices this high: see `Fan.band`


class Edges:
    """The edge items of a scene by group, and the parent each group leaves from."""

    def __init__(self, scene: QGraphicsScene) -> None:
        # Not a reference: the scene holds this, and a cycle would outlive the GC's freeze.
        self._scene = weakref.proxy(scene)
        self.items: dict[str, EdgeItem] = {}
        self._owner: dict[str, str] = {}  # edge group → the parent it leaves from
        self.groups_of: dict[str, set[str]] = {}  # parent → its edge groups

    def show(
        self, layout: Layout, outline: Outline, colours: Mapping[str, QColor], parents: set[str]
    ) -> None:
        """Draw the edges from each of `parents` to its shown children, anew where their
        shape changed."""
        boxes, by_key = layout.boxes, outline.by_key
        both_ways = goes_both_ways(layout, outline)
        for parent_key in parents:
            parent = boxes.get(parent_key)  # None: gone from the outline (renamed, deleted)
            shown = by_key[parent_key].children if parent is not None else []
            children = [boxes[c.key] for c in shown if c.key in boxes]
            groups = fan_groups(parent, children) if parent is not None else {}
            for group in list(self.groups_of.get(parent_key, ())):
                if group not in groups:
                    self._drop(group)
            if parent is not None:
                for group, kids in groups.items():
                    self._draw(group, parent, kids, colours[kids[0].key], both_ways)

    def refold(
        self,
        layout: Layout,
        outline: Outline,
        colours: Mapping[str, QColor],
        moved: set[str],
        redrawn: set[str],
    ) -> None:
        """After a fold: parents gone lose their edges; those re-packed or folded (`redrawn`)
        are drawn again; those that only `moved` keep their paths, which follow."""
        boxes = layout.boxes
        redraw = set()
        for owner, groups in list(self.groups_of.items()):
            if owner not in boxes:
                for group in list(groups):
                    self._drop(group)
            elif owner in redrawn:
                redraw.add(owner)
            elif owner in moved:
                box = boxes[owner]
                for group in groups:
                    self.items[group].setPos(box.x, box.y)
        self.show(layout, outline, colours, redraw)

    def let_go(self, keep: QRectF) -> None:
        """Remove the edges outside `keep`; a parent keeps all its edges or none."""
        for groups in list(self.groups_of.values()):
            edges = [self.items[group] for group in groups]
            if not any(edge.sceneBoundingRect().intersects(keep) for edge in edges):
                for group in list(groups):
                    self._drop(group)

    def forget(self) -> None:
        for item in self.items.values():
            self._scene.removeItem(item)
        self.items, self._owner, self.groups_of = {}, {}, {}

    def _draw(
        self, group: str, parent: Box, children: list[Box], colour: QColor, both_ways: bool
    ) -> None:
        """Make or update one edge group's item; its path is made anew only if its shape
        changed (most folds only move a parent and its children together)."""
        px, py = parent.x, parent.y
        shape = (fan_start(parent, both_ways), parent.depth, colour.rgba())
        shape += tuple((b.x - px, b.y - py, b.width, b.height, b.side) for b in children)
        item = self.items.get(group)
        if item is None:
            item = self.items[group] = EdgeItem()
            self._owner[group] = parent.key
            self.groups_of.setdefault(parent.key, set()).add(group)
            self._scene.addItem(item)
        if item.shape_key != shape:
            item.set_curves(fan(parent, children, both_ways), fan_pen(parent, colour))
            item.shape_key = shape
        if (item.x(), item.y()) != (px, py):
            item.setPos(px, py)

    def _drop(self, group: str) -> None:
        """Remove one edge group's item, and its parent's record of it."""
        self._scene.removeItem(self.items.pop(group))
        owner = self._owner.pop(group)
        self.groups_of[owner].discard(group)
        if not self.groups_of[owner]:
            del self.groups_of[owner]


def fan_groups(parent: Box, children: list[Box]) -> dict[str, list[Box]]:
    """A parent's edges by group: one path per parent, but one per main branch at the root,
    so that each has its colour.

    Only the first column of a list wrapped into columns is reached by curves: curves to the
    others would cross it, and the block reads as one list without them."""
    children = [box for box in children if not box.column]
    if not children:
        return {}
    if parent.parent is None:
        return {f"{box.key}\0from-root": [box] for box in children}
    return {parent.key: children}


def fan_start(parent: Box, both_ways: bool) -> tuple[float, float]:
    """Where a parent's edges leave it, relative to it: its outer side; the root's middle
    when branches go both ways, else (the Right layout, or a single branch) its right side,
    so that no edge comes out of its top or bottom."""
    if parent.depth > 0:
        return (parent.outer_x - parent.x, anchor_y(parent))
    return (parent.width / 2 if both_ways else parent.width, parent.height / 2)


def fan(parent: Box, children: list[Box], both_ways: bool) -> list[Curve]:
    """The curves from `parent` to `children`, relative to the parent."""
    px, py = parent.x, parent.y
    start = fan_start(parent, both_ways)
    return [(start, (box.inner_x - px, box.y + anchor_y(box) - py)) for box in children]


def fan_pen(parent: Box, colour: QColor) -> QPen:
    width = level_style(parent.depth).edge_width
    return QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)


def goes_both_ways(layout: Layout, outline: Outline) -> bool:
    """Whether main branches go both ways from the root laid out (the outline's, or a focused
    branch: the first box, as the root is never folded away) in the mind-map layout."""
    root = next(iter(layout.boxes), None)
    return root is not None and layout.split < len(outline.by_key[root].children)


class EdgeItem(QGraphicsItem):
    """The curves from one parent to its visible children, as a single path.

    Painted in part (a band of an export, a strip of the view scrolled in), it draws only the
    curves' pieces there: a fan of thousands of curves drawn whole for each band made a PNG
    export quadratic in a node's children.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_EDGE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self._fan = Fan([])
        self._path = QPainterPath()
        self._pen = QPen()
        self._bounds = QRectF()
        self.shape_key: tuple | None = None  # what the path was drawn from

    def set_curves(self, curves: list[Curve], pen: QPen) -> None:
        self.prepareGeometryChange()
        self._fan = Fan(curves)
        self._path = fan_path(curves)
        self._pen = pen
        width = pen.widthF()
        self._bounds = self._path.boundingRect().adjusted(-width, -width, width, width)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setPen(self._pen)
        painter.setBrush(NO_BRUSH)
        exposed = option.exposedRect  # type: ignore[attr-defined]
        if painter.hasClipping():  # a scene's render clips to its target, not its exposedRect
            exposed = exposed.intersected(painter.clipBoundingRect())
        if exposed.contains(self._bounds):
            painter.drawPath(self._path)
            return
        transform = painter.worldTransform()
        pixels = max(abs(transform.m11()), abs(transform.m22()), 1e-3)
        width = self._pen.widthF()
        top, bottom = exposed.top() - width, exposed.bottom() + width
        band = self._fan.band(top, bottom, width, SLICE_PX / pixels)
        for piece in band.strokes:  # one by one: a path of many overlapping strokes is slow
            painter.drawPath(cubics_path([piece]))
        painter.setPen(NO_PEN)
        painter.setBrush(self._pen.color())
        for first, last in band.fills:
            painter.drawPath(area_path(first, last))


def fan_path(curves: list[Curve]) -> QPainterPath:
    """The whole S-curves as one path."""
    return cubics_path(map(s_curve, curves))


def area_path(first: Cubic, last: Cubic) -> QPainterPath:
    """The area between two pieces that cross a band the same way."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = first
    (u0, v0), (u1, v1), (u2, v2), (u3, v3) = last
    path = QPainterPath()
    path.moveTo(x0, y0)
    path.cubicTo(x1, y1, x2, y2, x3, y3)
    path.lineTo(u3, v3)
    path.cubicTo(u2, v2, u1, v1, u0, v0)
    path.closeSubpath()
    return path


def cubics_path(cubics: Iterable[Cubic]) -> QPainterPath:
    """Separate Bézier pieces as one path (plain numbers: a big map draws thousands, and
    QPointF objects cost more than the curves)."""
    path = QPainterPath()
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in cubics:
        path.moveTo(x0, y0)
        path.cubicTo(x1, y1, x2, y2, x3, y3)
    return path
