"""MapScene: shows a layout as items, reusing them by key; reports what the user did by signals."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QToolTip,
)

from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.core.layout import Box, IncrementalLayout, Layout, LayoutMode
from mindmap.core.model import Node, Outline
from mindmap.core.viewstate import hidden_count
from mindmap.ui.items import MIN_TEXT_PX, EdgeItem, NodeItem, add_curve
from mindmap.ui.textmetrics import TextBlock
from mindmap.ui.theme import Theme, branch_colour, level_style
from mindmap.ui.tooltip import plain_tooltip

OVERVIEW_ZOOM = 0.25  # below this zoom most titles are too small to read: paint the overview
OVERVIEW_PIXELS = 4_000_000  # the overview picture's size at most (16 MB)
OVERVIEW_DEEP_EDGES_ZOOM = 0.1  # below this, the overview draws only the first two levels' edges
MAP_MARGIN = 60.0
FLASH_MS = 1600  # around the map when it is fitted or exported
SCROLL_ROOM = 3000.0  # empty scene around the map: a node can stay still when the map shrinks


class MapScene(QGraphicsScene):
    """The map's items. The window decides what happens; the scene shows state, reports clicks."""

    fold_requested = Signal(str)
    context_menu_requested = Signal(str, QPoint)  # key, screen position
    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    background_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.nodes: dict[str, NodeItem] = {}  # shown nodes
        self._spare: dict[str, NodeItem] = {}  # hidden by a fold, kept for the unfold
        self._edges: dict[str, EdgeItem] = {}
        self._edge_owner: dict[str, str] = {}  # edge group → the parent it leaves from
        self._groups_of: dict[str, set[str]] = {}  # parent → its edge groups
        self._engine: IncrementalLayout | None = None
        self._shown: _Shown | None = None  # what the items show, for updates after a fold
        self.selected: str | None = None
        self.matches: set[str] = set()
        self.map_rect = QRectF()
        self._overview: tuple[float, QImage] | None = None  # (zoom it was drawn at, picture)
        self.sides: int | None = None  # main branches on the right when last shown, to keep

    def show_outline(
        self,
        outline: Outline,
        blocks: dict[str, TextBlock],
        folds: set[str],
        mode: LayoutMode,
        theme: Theme,
        *,
        annotations: AnnotationStore | None = None,
        split: int | None = None,
    ) -> Layout:
        """Lay out the unfolded part of `outline` and show all of it; returns the layout.

        `split` main branches go right (None: as balances the sides)."""

        def measure(node: Node) -> tuple[float, float]:
            block = blocks[node.key]
            return block.width, block.height

        self._engine = IncrementalLayout(outline.root, measure, mode)
        change = self._engine.update(frozenset(folds), split)
        self._shown = _Shown(outline, blocks, theme, annotations, _colours(outline), set(folds))
        self.setBackgroundBrush(theme.background)
        for item in self.nodes.values():
            item.setVisible(False)
            self._spare[item.key] = item
        self.nodes = {}
        layout = change.layout
        for key, box in layout.boxes.items():
            self._show_node(key, box)
        parents = {box.parent for box in layout.boxes.values() if box.parent is not None}
        for group in set(self._edge_owner) - {
            g for g, p in self._edge_owner.items() if p in parents
        }:
            self._drop_edge(group)
        self._show_edges(layout, parents)
        self._finish(layout)
        return layout

    def refold(self, folds: set[str], *, keep_sides: bool = False) -> Layout:
        """Show the same outline with other folds, touching only the items that change.

        With `keep_sides` every main branch stays on its side (a fold of one branch should not
        send another across the map); else the sides are balanced anew."""
        assert self._engine is not None
        assert self._shown is not None
        shown = self._shown
        toggled = shown.folds ^ folds
        shown.folds = set(folds)
        change = self._engine.update(frozenset(folds), self.sides if keep_sides else None)
        layout = change.layout
        for key in change.removed:
            item = self.nodes.pop(key, None)
            if item is not None:
                item.setVisible(False)
                self._spare[key] = item
        for key in change.removed:
            for group in list(self._groups_of.get(key, ())):
                self._drop_edge(group)
        boxes, nodes = layout.boxes, self.nodes
        for key in change.changed:  # most only moved: the fast way for those
            item = nodes.get(key)
            if item is None or key in toggled or not item.move_to(boxes[key]):
                self._show_node(key, boxes[key])
        for key in toggled & boxes.keys():
            self._show_node(key, boxes[key])
        parents = {boxes[key].parent for key in change.changed if boxes[key].parent is not None}
        parents |= {key for key in change.changed | toggled | change.removed if key in boxes}
        parents |= {
            parent.key
            for key in change.removed
            if (parent := shown.outline.parent_of.get(key)) is not None and parent.key in boxes
        }
        # Most parents moved with their whole subtree: their edges keep their shape and only
        # follow. Those re-packed or turned, and those shown anew, are drawn again.
        groups_of, edges, reshaped = self._groups_of, self._edges, change.reshaped
        redraw = set()
        for key in parents:
            groups = groups_of.get(key)
            if key in reshaped or not groups:
                redraw.add(key)
                continue
            box = boxes[key]
            for group in groups:
                edges[group].setPos(box.x, box.y)
        self._show_edges(layout, redraw)
        self._finish(layout)
        return layout

    def _show_node(self, key: str, box: Box) -> None:
        """Show the item of one node as `box` and the current state say (making it if need be)."""
        shown = self._shown
        assert shown is not None
        node = shown.outline.by_key[key]
        item = self.nodes.get(key) or self._spare.pop(key, None)
        if item is None:
            item = NodeItem(key)
            self.addItem(item)
        elif not item.isVisible():
            item.setVisible(True)
        self.nodes[key] = item
        annotation = shown.annotations.get(key) if shown.annotations is not None else None
        item.node = node
        folded = key in shown.folds and bool(node.children)
        item.configure(
            box,
            shown.blocks[key],
            shown.colours[key],
            shown.theme,
            has_children=bool(node.children),
            hidden=hidden_count(shown.outline, key) if folded else 0,
            has_note=node.note is not None,
            selected=key == self.selected,
            matched=key in self.matches,
            annotation=annotation,
        )

    def _finish(self, layout: Layout) -> None:
        self._overview = None
        if len(layout.boxes) > 1:  # while the root is folded, the sides wait for its unfold
            self.sides = layout.split
        left, top, right, bottom = layout.bounds
        self.map_rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -MAP_MARGIN, -MAP_MARGIN, MAP_MARGIN, MAP_MARGIN
        )
        room = SCROLL_ROOM
        self.setSceneRect(self.map_rect.adjusted(-room, -room, room, room))
        if self.selected not in layout.boxes:
            self.selected = None

    def overview(self, zoom: float, pixel_ratio: float = 1.0) -> QImage | None:
        """A picture of the whole map for painting at `zoom`, or None when items should paint.

        Far out, thousands of tiny items cost a frame each time; one picture, drawn once from
        the layout, costs about a millisecond to show. It is drawn at the zoom shown, rounded
        up to a power of two (so that nearby zooms share it), in device pixels, within a cap:
        a bigger picture only costs more to fill and to scale down.
        """
        area = self.map_rect.width() * self.map_rect.height()
        if zoom >= OVERVIEW_ZOOM or area <= 0:
            return None
        device_zoom = zoom * pixel_ratio
        shown = 2.0 ** math.ceil(math.log2(device_zoom))
        picture_zoom = min(OVERVIEW_ZOOM * pixel_ratio, (OVERVIEW_PIXELS / area) ** 0.5, shown)
        if device_zoom > picture_zoom * 1.3:
            return None
        if self._overview is None or self._overview[0] != picture_zoom:
            self._overview = (picture_zoom, self._draw_overview(picture_zoom))
        return self._overview[1]

    def _draw_overview(self, zoom: float) -> QImage:
        rect = self.map_rect
        image = QImage(
            max(1, round(rect.width() * zoom)),
            max(1, round(rect.height() * zoom)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(self.backgroundBrush().color())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QTransform.fromScale(zoom, zoom).translate(-rect.left(), -rect.top())
        deep_edges = zoom >= OVERVIEW_DEEP_EDGES_ZOOM  # below it they would be sub-pixel dust
        nodes = self.nodes
        for group, edge in self._edges.items():
            owner = nodes.get(self._edge_owner[group])
            if deep_edges or (owner is not None and owner.box.depth < 2):
                painter.setTransform(QTransform.fromTranslate(edge.x(), edge.y()) * base)
                edge.paint(painter, _PLAIN_OPTION)
        painter.setTransform(base)
        readable = MIN_TEXT_PX / zoom
        # Depths whose titles are big enough to read at this zoom (the root, main branches)
        # are painted as on screen; the rest as bars, one drawRects call per colour.
        painted = [level_style(d).font.pointSizeF() * 96 / 72 >= readable for d in range(4)]
        bars: dict[int, list[QRectF]] = {}
        for item in nodes.values():
            if painted[item.level]:
                box = item.box
                painter.setTransform(QTransform.fromTranslate(box.x, box.y) * base)
                item.paint(painter, _PLAIN_OPTION)
                painter.setTransform(base)
                continue
            rects = bars.get(item.rgba)
            if rects is None:
                rects = bars[item.rgba] = []
            rects.append(item.bar)
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba, rects in bars.items():
            bar = QColor.fromRgba(rgba)
            bar.setAlpha(150)
            painter.setBrush(bar)
            painter.drawRects(rects)
        painter.end()
        return image

    def paint_marks(self, painter: QPainter, theme_colour: QColor) -> None:
        """Outline the selected node and the matches of a find, over the overview picture."""
        for key in {*self.matches, self.selected} - {None}:
            item = self.nodes.get(key)
            if item is not None:
                width = 2.0 / max(painter.transform().m11(), 1e-6)
                painter.setPen(QPen(theme_colour, width * (2 if key == self.selected else 1)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(item.sceneBoundingRect())

    def content_rect(self) -> QRectF:
        """The shown map's extent, fold toggles and badges included (for exports)."""
        rect = QRectF()
        for item in self.nodes.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def forget_items(self) -> None:
        """Drop every item: another outline is about to be shown."""
        for item in [*self.nodes.values(), *self._spare.values(), *self._edges.values()]:
            self.removeItem(item)
        self.nodes, self._spare, self._edges = {}, {}, {}
        self.sides = None
        self._edge_owner, self._groups_of = {}, {}
        self.selected = None
        self.matches = set()

    def _show_edges(self, layout: Layout, parents: set[str]) -> None:
        """Redraw the edges from each of `parents` to its shown children.

        One path per parent (per main branch at the root, so that each has its colour), drawn
        relative to the parent: a subtree that only moved keeps its paths, which just move.
        """
        shown = self._shown
        assert shown is not None
        boxes, by_key = layout.boxes, shown.outline.by_key
        for parent_key in parents:
            parent = boxes.get(parent_key)
            children = [boxes[c.key] for c in by_key[parent_key].children if c.key in boxes]
            if parent is None or not children:
                groups: dict[str, list[Box]] = {}
            elif parent.parent is None:
                groups = {f"{box.key}\0from-root": [box] for box in children}
            else:
                groups = {parent_key: children}
            for group in list(self._groups_of.get(parent_key, ())):
                if group not in groups:
                    self._drop_edge(group)
            for group, kids in groups.items():
                self._draw_edge(group, parent, kids)

    def _draw_edge(self, group: str, parent: Box, children: list[Box]) -> None:
        px, py = parent.x, parent.y
        if parent.depth == 0:
            start = (parent.width / 2, parent.height / 2)
        else:
            start = (parent.width if parent.side > 0 else 0.0, _anchor_y(parent))
        ends = tuple(
            ((box.x if box.side > 0 else box.x + box.width) - px, box.y + _anchor_y(box) - py)
            for box in children
        )
        assert self._shown is not None
        colour = self._shown.colours[children[0].key]
        width = level_style(min(parent.depth, 3)).edge_width
        shape = (start, ends, colour.rgba(), width)
        item = self._edges.get(group)
        if item is None:
            item = self._edges[group] = EdgeItem()
            self._edge_owner[group] = parent.key
            self._groups_of.setdefault(parent.key, set()).add(group)
            self.addItem(item)
        if item.shape_key != shape:
            path = QPainterPath()
            for end in ends:
                add_curve(path, start, end)
            item.set_path(path, colour, width)
            item.shape_key = shape
        if (item.x(), item.y()) != (px, py):
            item.setPos(px, py)

    def _drop_edge(self, group: str) -> None:
        self.removeItem(self._edges.pop(group))
        owner = self._edge_owner.pop(group)
        self._groups_of[owner].discard(group)

    def set_selected(self, key: str | None) -> None:
        """Mark `key` as the selected node (None: no selection)."""
        for old in (self.selected, key):
            item = self.nodes.get(old) if old else None
            if item is not None:
                item.set_marks(selected=old == key, matched=old in self.matches)
        self.selected = key

    def show_annotations(self, annotations: AnnotationStore, keys: set[str] | None) -> None:
        """Repaint the annotation marks of `keys` (None: of every shown node)."""
        for key in self.nodes if keys is None else keys:
            item = self.nodes.get(key)
            if item is not None and item.node is not None:
                annotation = annotations.get(key)
                if annotation != item.annotation:
                    item.set_annotation(annotation)

    def flash(self, keys: set[str]) -> None:
        """Highlight new nodes for a moment, so that the eye finds what a reload added."""
        items = [self.nodes[key] for key in keys if key in self.nodes]
        for item in items:
            item.set_fresh(True)
        if items:
            QTimer.singleShot(FLASH_MS, lambda: [item.set_fresh(False) for item in items])

    def set_matches(self, keys: set[str]) -> None:
        """Highlight the nodes that match a find."""
        for key in self.matches ^ keys:
            item = self.nodes.get(key)
            if item is not None:
                item.set_marks(selected=key == self.selected, matched=key in keys)
        self.matches = keys

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:  # noqa: N802 - Qt's name
        """Hover text made when asked for: most nodes are never hovered on a big map."""
        item = self.node_at(event.scenePos())
        text = tooltip(item.node, item.annotation) if item is not None and item.node else ""
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.accept()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        item = self.node_at(event.scenePos())
        if item is None:
            event.ignore()  # the view pans from the background
            self.background_clicked.emit()
            return
        event.accept()
        if item.toggle_hit(item.mapFromScene(event.scenePos())):
            self.fold_requested.emit(item.key)
        else:
            self.node_clicked.emit(item.key)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        item = self.node_at(event.scenePos())
        if item is None:
            event.ignore()
            return
        event.accept()
        self.node_clicked.emit(item.key)
        self.context_menu_requested.emit(item.key, event.screenPos())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.node_at(event.scenePos())
        if item is None or item.toggle_hit(item.mapFromScene(event.scenePos())):
            event.ignore()
            return
        event.accept()
        self.node_double_clicked.emit(item.key)


_PLAIN_OPTION = QStyleOptionGraphicsItem()


@dataclass(slots=True)
class _Shown:
    """What the scene shows: the outline and everything its items are painted from."""

    outline: Outline
    blocks: dict[str, TextBlock]
    theme: Theme
    annotations: AnnotationStore | None
    colours: dict[str, QColor]
    folds: set[str]


def _colours(outline: Outline) -> dict[str, QColor]:
    """Each main branch its colour, inherited down, unless a node names its own."""
    root = outline.root
    colours = {root.key: QColor(root.color or "#2f3440")}
    stack = []
    for index, branch in enumerate(root.children):
        colours[branch.key] = branch_colour(index, branch.color)
        stack.append(branch)
    while stack:
        parent = stack.pop()
        inherited = colours[parent.key]
        for child in parent.children:
            colours[child.key] = QColor(child.color) if child.color else inherited
            stack.append(child)
    return colours


def _anchor_y(box: Box) -> float:
    """Where edges meet a node, from its top: its middle, or its underline when it has no box."""
    return box.height / 2 if level_style(min(box.depth, 3)).boxed else box.height - 1.0


def tooltip(node: Node, annotation: Annotation | None) -> str:
    """Hover text: the author's note, tags and link, and the user's annotation."""
    parts = [node.note] if node.note else []
    if node.tags:
        parts.append("Tags: " + ", ".join(node.tags))
    if node.link:
        parts.append(node.link)
    if annotation is not None:
        mark = f" [{annotation.mark.value}]" if annotation.mark is not None else ""
        parts.append(f"Your annotation{mark}:\n{annotation.text}".rstrip())
    return plain_tooltip("\n\n".join(parts))
