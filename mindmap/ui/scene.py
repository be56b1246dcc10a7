"""MapScene: shows a layout as items, reusing them by key; reports what the user did by signals.

Items are made only for what is looked at: a 100,000-node map would spend seconds making items
that the overview picture stands in for at fit, and that no one scrolls to. The layout's boxes
are the truth for what is shown and where; `nodes` reads like a dict of every shown node's item
and makes an item when one is asked for; the view asks for the items of what it is about to
paint.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.core.extents import SubtreeExtents
from mindmap.core.layout import Box, IncrementalLayout, Layout
from mindmap.core.model import Node, Outline
from mindmap.core.session import MapSession
from mindmap.core.viewstate import hidden_count
from mindmap.ui.items import MIN_TEXT_PX, EdgeItem, NodeItem, add_curve, anchor_y, box_rect
from mindmap.ui.textmetrics import TextBlock
from mindmap.ui.theme import Theme, branch_colour, level_style
from mindmap.ui.tooltip import plain_tooltip

OVERVIEW_ZOOM = 0.25  # below this zoom most titles are too small to read: paint the overview
OVERVIEW_PIXELS = 4_000_000  # the overview picture's size at most (16 MB)
OVERVIEW_DEEP_EDGES_ZOOM = 0.1  # below this, the overview draws only the first two levels' edges
MAP_MARGIN = 60.0
FLASH_MS = 1600  # around the map when it is fitted or exported
SCROLL_ROOM = 3000.0  # empty scene around the map: a node can stay still when the map shrinks
ITEM_REACH = 120.0  # how far a node's item may paint outside its box: a badge of 10 million
MADE_AHEAD = 0.5  # items are made this many view sizes beyond what is shown, for smooth panning
KEEP_ITEMS = 6000  # beyond this many items, those far from the view are let go


class MapScene(QGraphicsScene):
    """The map's items, drawn from a layout and the session's state (folds, selection, find);
    the scene keeps no state of the user's and reports clicks by signals."""

    fold_requested = Signal(str)
    context_menu_requested = Signal(str, QPoint)  # key, screen position
    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    background_clicked = Signal()

    def __init__(self, session: MapSession, *, controls: bool = True) -> None:
        super().__init__()
        self.session = session
        self.controls = controls  # False for an export: its items leave the controls out
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._items: dict[str, NodeItem] = {}  # the shown nodes' items made so far
        self._edges: dict[str, EdgeItem] = {}
        self._edge_owner: dict[str, str] = {}  # edge group → the parent it leaves from
        self._groups_of: dict[str, set[str]] = {}  # parent → its edge groups
        self._engine: IncrementalLayout | None = None
        self._shown: _Shown | None = None  # what the items show, for updates after a fold
        self._layout: Layout | None = None
        self._extents: SubtreeExtents | None = None  # finds the nodes in a rect, made or not
        self._made = QRectF()  # every item in here is made
        self.fresh: dict[str, float] = {}  # nodes a reload just added, until when (monotonic)
        self.map_rect = QRectF()
        self._overview: tuple[float, QImage] | None = None  # (zoom it was drawn at, picture)

    def show_outline(
        self,
        blocks: dict[str, TextBlock],
        theme: Theme,
        *,
        annotations: AnnotationStore | None = None,
        split: int | None = None,
    ) -> Layout:
        """Lay out the unfolded part of the session's outline, in its mode, and show it;
        returns the layout. `split` main branches go right (None: as balances the sides)."""
        outline, folds, mode = self.session.outline, self.session.folds, self.session.mode
        assert outline is not None

        def measure(node: Node) -> tuple[float, float]:
            block = blocks[node.key]
            return block.width, block.height

        self._engine = IncrementalLayout(outline.root, measure, mode)
        change = self._engine.update(frozenset(folds), split)
        colours, groups = _colours(outline)
        self._shown = _Shown(outline, blocks, theme, annotations, colours, groups, set(folds))
        self._layout = layout = change.layout
        self._extents = SubtreeExtents(layout.boxes, outline.by_key, ITEM_REACH)
        self.setBackgroundBrush(theme.background)
        boxes = layout.boxes
        for key in [key for key in self._items if key not in boxes]:
            self.removeItem(self._items.pop(key))
        for key in self._items:
            self._show_node(key, boxes[key])
        for group in [g for g, owner in self._edge_owner.items() if owner not in boxes]:
            self._drop_edge(group)
        self._show_edges(layout, set(self._groups_of))
        self._finish(layout)
        return layout

    def refold(self, split: int | None = None) -> Layout:
        """Show the same outline with the session's folds, touching only the items that change.

        `split` main branches go right (a fold of one branch should not send another across
        the map); None balances the sides anew."""
        assert self._engine is not None
        assert self._shown is not None
        shown, folds = self._shown, self.session.folds
        toggled = shown.folds ^ folds
        shown.folds = set(folds)
        change = self._engine.update(frozenset(folds), split)
        layout = change.layout
        boxes, items, changed, reshaped = layout.boxes, self._items, change.changed, change.reshaped
        assert self._extents is not None
        self._extents.forget(reshaped | change.removed | toggled, shown.outline.parent_of)
        for key in [key for key in items if key not in boxes]:
            self.removeItem(items.pop(key))
        for key, item in items.items():  # most only moved: the fast way for those
            if key in toggled or (key in changed and not item.move_to(boxes[key])):
                self._show_node(key, boxes[key])
        # Most parents moved with their whole subtree: their edges keep their shape and only
        # follow. Those re-packed or turned, and those folded or unfolded, are drawn again.
        redraw = set()
        for owner, groups in list(self._groups_of.items()):
            if owner not in boxes:
                for group in list(groups):
                    self._drop_edge(group)
            elif owner in reshaped or owner in toggled:
                redraw.add(owner)
            elif owner in changed:
                box = boxes[owner]
                for group in groups:
                    self._edges[group].setPos(box.x, box.y)
        self._show_edges(layout, redraw)
        self._finish(layout)
        return layout

    @property
    def nodes(self) -> Mapping[str, NodeItem]:
        """Every shown node's item by key, made when asked for. (Made anew on each call: kept
        in the scene, it would make a reference cycle that only the GC could free.)"""
        return _ShownItems(self)

    @property
    def made(self) -> Mapping[str, NodeItem]:
        """The items made so far, by key (`nodes` makes what it is asked for)."""
        return self._items

    def item(self, key: str) -> NodeItem:
        """The item of shown node `key`, made now if it was not yet (KeyError if not shown)."""
        item = self._items.get(key)
        if item is None:
            if self._layout is None:
                raise KeyError(key)
            self._show_node(key, self._layout.boxes[key])
            item = self._items[key]
        return item

    def shows(self, key: object) -> bool:
        """Whether node `key` is shown (not folded away), made or not."""
        return self._layout is not None and key in self._layout.boxes

    def shown_keys(self) -> Iterator[str]:
        return iter(self._layout.boxes if self._layout is not None else ())

    def shown_count(self) -> int:
        return len(self._layout.boxes) if self._layout is not None else 0

    def make_items(self, rect: QRectF | None = None) -> None:
        """Make the items (nodes and edges) that paint in `rect` (None: all of them).

        Walks down from the root into the subtrees whose extent meets `rect`: the cost is
        that of what is there, not of the map."""
        layout, shown = self._layout, self._shown
        if layout is None or shown is None or not layout.boxes:
            return
        boxes, items = layout.boxes, self._items
        if rect is None:
            for key, box in boxes.items():
                if key not in items:
                    self._show_node(key, box)
            parents = {box.parent for box in boxes.values() if box.parent is not None}
            self._show_edges(layout, parents - self._groups_of.keys())
            return
        assert self._extents is not None
        found = self._extents.in_rect(
            shown.outline.root.key, (rect.left(), rect.top(), rect.right(), rect.bottom())
        )
        for key in found.nodes:
            if key not in items:
                self._show_node(key, boxes[key])
        groups_of = self._groups_of
        self._show_edges(layout, {key for key in found.parents if not groups_of.get(key)})

    def make_items_for_view(self, shown: QRectF) -> None:
        """Before the view paints `shown` (scene coordinates): make what paints there and a
        margin around it, so that panning a little makes nothing; let far items go."""
        if self._made.contains(shown):
            return
        dx, dy = shown.width() * MADE_AHEAD, shown.height() * MADE_AHEAD
        ahead = shown.adjusted(-dx, -dy, dx, dy)
        if len(self._items) > KEEP_ITEMS:
            self._let_go(ahead)
        self.make_items(ahead)
        self._made = ahead

    def _let_go(self, keep: QRectF) -> None:
        """Remove the items outside `keep`: a long walk over a big map should not make them all."""
        for key, item in list(self._items.items()):
            if not item.sceneBoundingRect().intersects(keep):
                self.removeItem(self._items.pop(key))
        for groups in list(self._groups_of.values()):  # a parent keeps all its edges or none
            edges = [self._edges[group] for group in groups]
            if not any(edge.sceneBoundingRect().intersects(keep) for edge in edges):
                for group in list(groups):
                    self._drop_edge(group)

    def _show_node(self, key: str, box: Box) -> None:
        """Show the item of one node as `box` and the current state say (making it if need be)."""
        shown = self._shown
        assert shown is not None
        node = shown.outline.by_key[key]
        item = self._items.get(key)
        if item is None:
            item = self._items[key] = NodeItem(key, controls=self.controls)
            self.addItem(item)
        annotation = shown.annotations.on_node(key) if shown.annotations is not None else None
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
            selected=key == self.session.selected,
            matched=key in self.session.matched,
            annotation=annotation,
        )
        item.set_fresh(key in self.fresh)

    def _finish(self, layout: Layout) -> None:
        self._overview = None
        self._made = QRectF()
        left, top, right, bottom = layout.bounds
        self.map_rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -MAP_MARGIN, -MAP_MARGIN, MAP_MARGIN, MAP_MARGIN
        )
        self._fit_scene_rect()
        self.update()  # what no item covered before may show now

    def _fit_scene_rect(self) -> None:
        """Leave at least SCROLL_ROOM around the map, and at most twice the room needed.

        The scene rect changes only when the map outgrows those bounds: each change moves the
        scroll bars, which repaints the whole window, several times the cost of a small fold."""
        room, map_rect, current = SCROLL_ROOM, self.map_rect, self.sceneRect()
        least = map_rect.adjusted(-room, -room, room, room)
        dx, dy = least.width() / 2, least.height() / 2
        if not (current.contains(least) and least.adjusted(-dx, -dy, dx, dy).contains(current)):
            self.setSceneRect(least.adjusted(-dx / 2, -dy / 2, dx / 2, dy / 2))

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
        """The map from its boxes: edges, readable titles as on screen, the rest as bars."""
        assert self._layout is not None
        assert self._shown is not None
        rect, boxes, groups = self.map_rect, self._layout.boxes, self._shown.groups
        image = QImage(
            max(1, round(rect.width() * zoom)),
            max(1, round(rect.height() * zoom)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(self.backgroundBrush().color())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QTransform.fromScale(zoom, zoom).translate(-rect.left(), -rect.top())
        painter.setTransform(base)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Below this zoom the deep edges would be sub-pixel dust: only the first two levels'.
        deep_edges = zoom >= OVERVIEW_DEEP_EDGES_ZOOM
        by_key = self._shown.outline.by_key
        for _, level, keys in groups:
            if level > 1 and not deep_edges:
                continue
            for parent in filter(None, map(boxes.get, keys)):
                kids = [boxes[c.key] for c in by_key[parent.key].children if c.key in boxes]
                for fan in _fan_groups(parent, kids).values():
                    path, pen = self._fan(parent, fan)
                    painter.setPen(pen)
                    painter.drawPath(path.translated(parent.x, parent.y))
        # Depths whose titles are big enough to read at this zoom (the root, main branches)
        # are painted as on screen; the rest as bars, one drawRects call per colour and level.
        readable = MIN_TEXT_PX / zoom
        painted = [level_style(d).font.pointSizeF() * 96 / 72 >= readable for d in range(4)]
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, level, keys in groups:
            shown = list(filter(None, map(boxes.get, keys)))
            if painted[level]:
                for box in shown:  # the selection and a find's matches go over it
                    painter.setTransform(QTransform.fromTranslate(box.x, box.y) * base)
                    self.item(box.key).paint_unmarked(painter)
                painter.setTransform(base)
                painter.setPen(Qt.PenStyle.NoPen)
                continue
            bar = QColor(colour)
            bar.setAlpha(150)
            painter.setBrush(bar)
            painter.drawRects(
                list(map(QRectF, map(_X, shown), map(_Y, shown), map(_W, shown), map(_H, shown)))
            )
        painter.end()
        return image

    def paint_marks(self, painter: QPainter, theme_colour: QColor) -> None:
        """Outline the selected node and the matches of a find, over the overview picture."""
        assert self._layout is not None
        boxes, selected = self._layout.boxes, self.session.selected
        marked = self.session.matched | ({selected} if selected is not None else set())
        for key in marked:
            box = boxes.get(key)
            if box is not None:
                width = 2.0 / max(painter.transform().m11(), 1e-6)
                painter.setPen(QPen(theme_colour, width * (2 if key == selected else 1)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box_rect(box).translated(box.x, box.y))

    def content_rect(self) -> QRectF:
        """The shown map's extent, fold toggles and badges included; makes every item, as an
        export that draws them all needs."""
        self.make_items()
        rect = QRectF()
        for item in self._items.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def forget_items(self) -> None:
        """Drop every item: another outline is about to be shown."""
        for item in [*self._items.values(), *self._edges.values()]:
            self.removeItem(item)
        self._items, self._edges = {}, {}
        self._layout, self._shown, self._engine, self._extents = None, None, None, None
        self._overview = None
        self.map_rect = QRectF()
        self._edge_owner, self._groups_of = {}, {}
        self.fresh = {}

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
            groups = _fan_groups(parent, children) if parent is not None else {}
            for group in list(self._groups_of.get(parent_key, ())):
                if group not in groups:
                    self._drop_edge(group)
            if parent is not None:
                for group, kids in groups.items():
                    self._draw_edge(group, parent, kids)

    def _fan_start(self, parent: Box) -> tuple[float, float]:
        """Where a parent's edges leave it, relative to it: its outer side; the root's middle
        when branches go both ways, else (the Right layout, or a single branch) its right
        side, so that no edge comes out of its top or bottom."""
        if parent.depth > 0:
            return (parent.width if parent.side > 0 else 0.0, anchor_y(parent))
        assert self._layout is not None
        assert self._shown is not None
        both_ways = self._layout.split < len(self._shown.outline.root.children)
        return (parent.width / 2 if both_ways else parent.width, parent.height / 2)

    def _fan(self, parent: Box, children: list[Box]) -> tuple[QPainterPath, QPen]:
        """The curves from `parent` to `children`, relative to the parent, and their pen."""
        px, py = parent.x, parent.y
        start = self._fan_start(parent)
        path = QPainterPath()
        for box in children:
            end = ((box.x if box.side > 0 else box.x + box.width) - px, box.y + anchor_y(box) - py)
            add_curve(path, start, end)
        assert self._shown is not None
        colour = self._shown.colours[children[0].key]
        width = level_style(min(parent.depth, 3)).edge_width
        return path, QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)

    def _draw_edge(self, group: str, parent: Box, children: list[Box]) -> None:
        """Make or update one edge group's item; its path is made anew only if its shape
        changed (most folds only move a parent and its children together)."""
        px, py = parent.x, parent.y
        assert self._shown is not None
        shape = (self._fan_start(parent), parent.depth, self._shown.colours[children[0].key].rgba())
        shape += tuple((b.x - px, b.y - py, b.width, b.height, b.side) for b in children)
        item = self._edges.get(group)
        if item is None:
            item = self._edges[group] = EdgeItem()
            self._edge_owner[group] = parent.key
            self._groups_of.setdefault(parent.key, set()).add(group)
            self.addItem(item)
        if item.shape_key != shape:
            item.set_path(*self._fan(parent, children))
            item.shape_key = shape
        if (item.x(), item.y()) != (px, py):
            item.setPos(px, py)

    def _drop_edge(self, group: str) -> None:
        """Remove one edge group's item, and its parent's record of it."""
        self.removeItem(self._edges.pop(group))
        owner = self._edge_owner.pop(group)
        self._groups_of[owner].discard(group)
        if not self._groups_of[owner]:
            del self._groups_of[owner]

    def repaint_marks(self, keys: AbstractSet[str]) -> None:
        """Show the session's selection and find matches on the items of `keys`."""
        selected, matched = self.session.selected, self.session.matched
        for key in keys:
            item = self._items.get(key)
            if item is not None:
                item.set_marks(selected=key == selected, matched=key in matched)

    def show_annotations(self, annotations: AnnotationStore, keys: set[str] | None) -> None:
        """Repaint the annotation marks of `keys` (None: of every node)."""
        for key in self._items if keys is None else keys:
            item = self._items.get(key)
            if item is not None and item.node is not None:
                annotation = annotations.on_node(key)
                if annotation != item.annotation:
                    item.set_annotation(annotation)
        self._overview = None  # it may show the marks of the root and the main branches
        self.update()

    def flash(self, keys: set[str]) -> None:
        """Highlight new nodes for a moment, so that the eye finds what a reload added."""
        until = time.monotonic() + FLASH_MS / 1000
        for key in keys:
            self.fresh[key] = until
            item = self._items.get(key)
            if item is not None:
                item.set_fresh(True)
        if keys:
            QTimer.singleShot(FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        """Unmark the nodes whose moment is over (a later reload may have flashed some again)."""
        soon = time.monotonic() + 0.05  # a timer may fire a little early
        for key in [key for key, until in self.fresh.items() if until <= soon]:
            del self.fresh[key]
            item = self._items.get(key)
            if item is not None:
                item.set_fresh(False)

    def node_at(self, pos: QPointF) -> NodeItem | None:
        """The node under `pos`, its item made if need be (at fit the overview stands in)."""
        self.make_items(QRectF(pos.x() - 0.5, pos.y() - 0.5, 1.0, 1.0))
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


_X, _Y, _W, _H = attrgetter("x"), attrgetter("y"), attrgetter("width"), attrgetter("height")


@dataclass(slots=True)
class _Shown:
    """What the scene shows: the outline and everything its items are painted from."""

    outline: Outline
    blocks: dict[str, TextBlock]
    theme: Theme
    annotations: AnnotationStore | None
    colours: dict[str, QColor]
    groups: list[tuple[QColor, int, list[str]]]  # keys by colour and level (depth up to 3)
    folds: set[str]


class _ShownItems(Mapping[str, NodeItem]):
    """Every shown node's item by key, as a dict would give them; an item is made when asked
    for, so that asking for one node does not make them all."""

    def __init__(self, scene: MapScene) -> None:
        self._scene = scene

    def __getitem__(self, key: str) -> NodeItem:
        return self._scene.item(key)

    def __contains__(self, key: object) -> bool:
        return self._scene.shows(key)

    def __iter__(self) -> Iterator[str]:
        return self._scene.shown_keys()

    def __len__(self) -> int:
        return self._scene.shown_count()


def _fan_groups(parent: Box, children: list[Box]) -> dict[str, list[Box]]:
    """A parent's edges by group: one path per parent, but one per main branch at the root,
    so that each has its colour."""
    if not children:
        return {}
    if parent.parent is None:
        return {f"{box.key}\0from-root": [box] for box in children}
    return {parent.key: children}


def _colours(outline: Outline) -> tuple[dict[str, QColor], list[tuple[QColor, int, list[str]]]]:
    """Each main branch its colour, inherited down, unless a node names its own; and the keys
    by colour and level (the overview draws each group in one call)."""
    root = outline.root
    colours = {root.key: QColor(root.color or "#2f3440")}
    levels: dict[int, tuple[QColor, list[list[str]]]] = {}  # by id(colour): keys by level

    def keys_of(colour: QColor, level: int) -> list[str]:
        kept = levels.get(id(colour))
        if kept is None:
            kept = levels[id(colour)] = (colour, [[], [], [], []])
        return kept[1][level]

    keys_of(colours[root.key], 0).append(root.key)
    stack = []
    for index, branch in enumerate(root.children):
        colour = colours[branch.key] = branch_colour(index, branch.color)
        keys_of(colour, 1).append(branch.key)
        stack.append((branch, 2))
    while stack:
        parent, level = stack.pop()
        inherited = colours[parent.key]
        same = keys_of(inherited, level)
        deeper = min(level + 1, 3)
        for child in parent.children:
            key = child.key
            if child.color:
                colour = colours[key] = QColor(child.color)
                keys_of(colour, level).append(key)
            else:
                colours[key] = inherited
                same.append(key)
            if child.children:
                stack.append((child, deeper))
    groups = [
        (colour, level, keys)
        for colour, by_level in levels.values()
        for level, keys in enumerate(by_level)
        if keys
    ]
    return colours, groups


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
