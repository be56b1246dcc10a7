"""MapScene: shows a layout as items, reusing them by key; reports what the user did by signals."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from mindmap.core.layout import Layout, LayoutMode, layout_outline
from mindmap.core.model import Node, Outline
from mindmap.core.viewstate import hidden_count
from mindmap.ui.items import EdgeItem, NodeItem, add_curve
from mindmap.ui.textmetrics import TextBlock
from mindmap.ui.theme import Theme, branch_colour, level_style

MAP_MARGIN = 60.0  # around the map when it is fitted or exported
SCROLL_ROOM = 3000.0  # empty scene around the map: a node can stay still when the map shrinks


class MapScene(QGraphicsScene):
    """The map's items. The window decides what happens; the scene shows state, reports clicks."""

    fold_requested = Signal(str)
    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    background_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.nodes: dict[str, NodeItem] = {}
        self._edges: dict[str, EdgeItem] = {}
        self.selected: str | None = None
        self.matches: set[str] = set()
        self.map_rect = QRectF()

    def show_outline(
        self,
        outline: Outline,
        blocks: dict[str, TextBlock],
        folds: set[str],
        mode: LayoutMode,
        theme: Theme,
    ) -> Layout:
        """Lay out the unfolded part of `outline` and show it; returns the layout."""

        def measure(node: Node) -> tuple[float, float]:
            block = blocks[node.key]
            return block.width, block.height

        layout = layout_outline(outline.root, measure, folds, mode)
        self.show_layout(outline, layout, blocks, folds, theme)
        return layout

    def show_layout(
        self,
        outline: Outline,
        layout: Layout,
        blocks: dict[str, TextBlock],
        folds: set[str],
        theme: Theme,
    ) -> None:
        """Bring the items in line with `layout`: move kept ones, add new ones, drop the rest."""
        self.setBackgroundBrush(theme.background)
        colours = self._colours(outline, layout)
        by_key = outline.by_key
        stale = set(self.nodes)
        for key, box in layout.boxes.items():
            node = by_key[key]
            item = self.nodes.get(key)
            if item is None:
                item = self.nodes[key] = NodeItem(key)
                self.addItem(item)
            else:
                stale.discard(key)
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
            )
            item.setToolTip(_tooltip(node.note, node.tags, node.link))
        for key in stale:
            self.removeItem(self.nodes.pop(key))
        self._show_edges(layout, colours)
        left, top, right, bottom = layout.bounds
        self.map_rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -MAP_MARGIN, -MAP_MARGIN, MAP_MARGIN, MAP_MARGIN
        )
        room = SCROLL_ROOM
        self.setSceneRect(self.map_rect.adjusted(-room, -room, room, room))
        if self.selected not in layout.boxes:
            self.selected = None

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
        """One path per parent (per main branch at the root, so that each has its colour)."""
        paths: dict[str, tuple[QPainterPath, QColor, float]] = {}
        boxes = layout.boxes
        for key, box in boxes.items():
            if box.parent is None:
                continue
            parent = boxes[box.parent]
            edge_key = key if parent.parent is None else parent.key
            entry = paths.get(edge_key)
            if entry is None:
                width = level_style(min(parent.depth, 3)).edge_width
                entry = paths[edge_key] = (QPainterPath(), colours[key], width)
            parent_item, child_item = self.nodes[parent.key], self.nodes[key]
            side = box.side
            if parent.depth == 0:
                start = QPointF(parent.x + parent.width / 2, parent.y + parent.height / 2)
            else:
                start_x = parent.x + parent.width if side > 0 else parent.x
                start = QPointF(start_x, parent.y + parent_item.anchor_y())
            end_x = box.x if side > 0 else box.x + box.width
            add_curve(entry[0], start, QPointF(end_x, box.y + child_item.anchor_y()))
        stale = set(self._edges) - set(paths)
        for key in stale:
            self.removeItem(self._edges.pop(key))
        for key, (path, colour, width) in paths.items():
            item = self._edges.get(key)
            if item is None:
                item = self._edges[key] = EdgeItem()
                self.addItem(item)
            item.set_path(path, colour, width)

    def set_selected(self, key: str | None) -> None:
        """Mark `key` as the selected node (None: no selection)."""
        for old in (self.selected, key):
            item = self.nodes.get(old) if old else None
            if item is not None:
                item.set_marks(selected=old == key, matched=old in self.matches)
        self.selected = key

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

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.node_at(event.scenePos())
        if item is None or item.toggle_hit(item.mapFromScene(event.scenePos())):
            event.ignore()
            return
        event.accept()
        self.node_double_clicked.emit(item.key)


def _tooltip(note: str | None, tags: tuple[str, ...], link: str | None) -> str:
    """Hover text: the author's note, tags and link, when there are any."""
    parts = [note] if note else []
    if tags:
        parts.append("Tags: " + ", ".join(tags))
    if link:
        parts.append(link)
    return "\n\n".join(parts)
