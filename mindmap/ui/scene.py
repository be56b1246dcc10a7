"""MapScene: shows a layout as items, reusing them by key; reports what the user did by signals."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
)

from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.core.layout import Box, Layout, LayoutMode, layout_outline
from mindmap.core.model import Node, Outline
from mindmap.core.viewstate import hidden_count
from mindmap.ui.items import MIN_TEXT_PX, EdgeItem, NodeItem, add_curve
from mindmap.ui.textmetrics import TextBlock
from mindmap.ui.theme import Theme, branch_colour, level_style

OVERVIEW_ZOOM = 0.25  # below this zoom most titles are too small to read: paint the overview
OVERVIEW_PIXELS = 4_000_000  # the overview picture's size at most (16 MB)
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
        self.selected: str | None = None
        self.matches: set[str] = set()
        self.map_rect = QRectF()
        self._overview: tuple[float, QImage] | None = None  # (zoom it was drawn at, picture)

    def show_outline(
        self,
        outline: Outline,
        blocks: dict[str, TextBlock],
        folds: set[str],
        mode: LayoutMode,
        theme: Theme,
        *,
        annotations: AnnotationStore | None = None,
    ) -> Layout:
        """Lay out the unfolded part of `outline` and show it; returns the layout."""

        def measure(node: Node) -> tuple[float, float]:
            block = blocks[node.key]
            return block.width, block.height

        layout = layout_outline(outline.root, measure, folds, mode)
        self.show_layout(outline, layout, blocks, folds, theme, annotations=annotations)
        return layout

    def show_layout(
        self,
        outline: Outline,
        layout: Layout,
        blocks: dict[str, TextBlock],
        folds: set[str],
        theme: Theme,
        *,
        annotations: AnnotationStore | None = None,
    ) -> None:
        """Bring the items in line with `layout`: move kept ones, show new ones, hide the rest.

        Items of nodes that a fold hides are kept, hidden, for the unfold that shows them again.
        """
        self.setBackgroundBrush(theme.background)
        self._overview = None
        colours = self._colours(outline, layout)
        by_key = outline.by_key
        notes = annotations.items if annotations is not None else {}
        nodes, spare = self.nodes, self._spare
        shown: dict[str, NodeItem] = {}
        for key, box in layout.boxes.items():
            node = by_key[key]
            item = nodes.get(key) or spare.pop(key, None)
            if item is None:
                item = NodeItem(key)
                self.addItem(item)
            elif not item.isVisible():
                item.setVisible(True)
            annotation = notes.get(key)
            if item.node is not node or item.annotation != annotation:
                item.node = node
                item.setToolTip(_tooltip(node, annotation))
            item.configure(
                box,
                blocks[key],
                colours[key],
                theme,
                has_children=bool(node.children),
                hidden=hidden_count(outline, key) if key in folds and node.children else 0,
                has_note=node.note is not None,
                selected=key == self.selected,
                matched=key in self.matches,
                annotation=annotation,
            )
            shown[key] = item
        for key in nodes.keys() - shown.keys():
            item = nodes[key]
            item.setVisible(False)
            spare[key] = item
        self.nodes = shown
        self._show_edges(layout, colours)
        left, top, right, bottom = layout.bounds
        self.map_rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -MAP_MARGIN, -MAP_MARGIN, MAP_MARGIN, MAP_MARGIN
        )
        room = SCROLL_ROOM
        self.setSceneRect(self.map_rect.adjusted(-room, -room, room, room))
        if self.selected not in layout.boxes:
            self.selected = None

    def overview(self, zoom: float) -> QImage | None:
        """A picture of the whole map for painting at `zoom`, or None when items should paint.

        Far out, thousands of tiny items cost a frame each time; one picture, drawn once from
        the layout, costs about a millisecond to show.
        """
        area = self.map_rect.width() * self.map_rect.height()
        if zoom >= OVERVIEW_ZOOM or area <= 0:
            return None
        picture_zoom = min(OVERVIEW_ZOOM, (OVERVIEW_PIXELS / area) ** 0.5)
        if zoom > picture_zoom * 1.3:
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
        for edge in self._edges.values():
            painter.setTransform(QTransform.fromTranslate(edge.x(), edge.y()) * base)
            edge.paint(painter, _PLAIN_OPTION)
        painter.setTransform(base)
        painter.setPen(Qt.PenStyle.NoPen)
        readable = MIN_TEXT_PX / zoom
        for item in self.nodes.values():
            box = item.box
            if item.style.font.pointSizeF() * 96 / 72 >= readable:  # the root, main branches
                painter.setTransform(QTransform.fromTranslate(box.x, box.y) * base)
                item.paint(painter, _PLAIN_OPTION)
                painter.setTransform(base)
                painter.setPen(Qt.PenStyle.NoPen)
            else:
                bar = QColor(item.colour)
                bar.setAlpha(150)
                painter.fillRect(QRectF(box.x, box.y, box.width, box.height), bar)
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
        self.selected = None
        self.matches = set()

    def _colours(self, outline: Outline, layout: Layout) -> dict[str, QColor]:
        """Each main branch its colour, inherited down, unless a node names its own."""
        root_key = outline.root.key
        colours: dict[str, QColor] = {}
        main = {child.key: index for index, child in enumerate(outline.root.children)}
        for key, box in layout.boxes.items():
            own = outline.by_key[key].color
            if box.parent is None:
                colours[key] = QColor(own) if own else QColor("#2f3440")
            elif box.parent == root_key:
                colours[key] = branch_colour(main[key], own)
            else:
                colours[key] = QColor(own) if own else colours[box.parent]
        return colours

    def _show_edges(self, layout: Layout, colours: dict[str, QColor]) -> None:
        """One path per parent (per main branch at the root, so that each has its colour).

        Paths are drawn relative to the parent, so that a subtree that only moved keeps its path
        and its edge item just moves with it.
        """
        boxes = layout.boxes
        groups: dict[str, list[Box]] = {}
        for box in boxes.values():
            if box.parent is None:
                continue
            parent = boxes[box.parent]
            # At the root, one path per main branch, so that each has its own colour.
            group = f"{box.key}\0from-root" if parent.parent is None else box.parent
            groups.setdefault(group, []).append(box)
        edges: dict[str, EdgeItem] = {}
        for group_key, children in groups.items():
            parent = boxes[children[0].parent]
            px, py = parent.x, parent.y
            if parent.depth == 0:
                start = (parent.width / 2, parent.height / 2)
            else:
                start = (parent.width if parent.side > 0 else 0.0, _anchor_y(parent))
            ends = tuple(
                (
                    (box.x if box.side > 0 else box.x + box.width) - px,
                    box.y + _anchor_y(box) - py,
                )
                for box in children
            )
            colour = colours[children[0].key]
            width = level_style(min(parent.depth, 3)).edge_width
            shape = (start, ends, colour.rgba(), width)
            item = self._edges.pop(group_key, None)
            if item is None:
                item = EdgeItem()
                self.addItem(item)
            if item.shape_key != shape:
                path = QPainterPath()
                origin = QPointF(*start)
                for end in ends:
                    add_curve(path, origin, QPointF(*end))
                item.set_path(path, colour, width)
                item.shape_key = shape
            item.setPos(px, py)
            edges[group_key] = item
        for item in self._edges.values():
            self.removeItem(item)
        self._edges = edges

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
                    item.setToolTip(_tooltip(item.node, annotation))

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


def _anchor_y(box: Box) -> float:
    """Where edges meet a node, from its top: its middle, or its underline when it has no box."""
    return box.height / 2 if level_style(min(box.depth, 3)).boxed else box.height - 1.0


def _tooltip(node: Node, annotation: Annotation | None) -> str:
    """Hover text: the author's note, tags and link, and the user's annotation."""
    parts = [node.note] if node.note else []
    if node.tags:
        parts.append("Tags: " + ", ".join(node.tags))
    if node.link:
        parts.append(node.link)
    if annotation is not None:
        mark = f" [{annotation.mark.value}]" if annotation.mark is not None else ""
        parts.append(f"Your annotation{mark}:\n{annotation.text}".rstrip())
    return "\n\n".join(parts)
