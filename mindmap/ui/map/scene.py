"""MapScene: shows a layout as items, reusing them by key; reports what the user did by signals.

Items are made only for what is looked at: a 100,000-node map would spend seconds making items
that the overview picture stands in for at fit, and that no one scrolls to. The layout's boxes
are the truth for what is shown and where; `nodes` reads like a dict of every shown node's item
and makes an item when one is asked for; the view asks for the items of what it is about to
paint.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from mindmap.core.annotations import AnnotationStore, Mark
from mindmap.core.extents import SubtreeExtents
from mindmap.core.layout import Box, IncrementalLayout, Layout
from mindmap.core.model import Node
from mindmap.core.progress import Progress
from mindmap.core.session import MapSession
from mindmap.ui.map.colours import BranchColours
from mindmap.ui.map.edges import Edges
from mindmap.ui.map.input import InputScene
from mindmap.ui.map.items import NodeItem, box_rect
from mindmap.ui.map.overview import Overview, draw_overview
from mindmap.ui.map.progresslook import progress_look
from mindmap.ui.map.reach import ITEM_REACH, painted_bounds
from mindmap.ui.map.shown import Shown, ShownItems
from mindmap.ui.map.textmetrics import TextBlock
from mindmap.ui.theme import Theme

MAP_MARGIN = 60.0
FLASH_MS = 1600  # around the map when it is fitted or exported
SCROLL_ROOM = 3000.0  # empty scene around the map: a node can stay still when the map shrinks
MADE_AHEAD = 0.5  # items are made this many view sizes beyond what is shown, for smooth panning
KEEP_ITEMS = 6000  # beyond this many items, those far from the view are let go


class MapScene(InputScene):
    """The map's items, drawn from a layout and the session's state (folds, selection, find);
    the scene keeps no state of the user's and reports clicks by signals (see `InputScene`)."""

    def __init__(self, session: MapSession, *, controls: bool = True) -> None:
        super().__init__()
        self.session = session
        self.controls = controls  # False for an export: its items leave the controls out
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._items: dict[str, NodeItem] = {}  # the shown nodes' items made so far
        self.edges = Edges(self)
        self._engine: IncrementalLayout | None = None
        self._shown: Shown | None = None  # what the items show, for updates after a fold
        self._layout: Layout | None = None
        self._extents: SubtreeExtents | None = None  # finds the nodes in a rect, made or not
        self._made = QRectF()  # every item in here is made
        self.fresh: dict[str, float] = {}  # nodes a reload just added, until when (monotonic)
        self.map_rect = QRectF()
        self._overview = Overview()
        self.legend: QGraphicsItem | None = None  # an export's legend of the marks, atop
        self.progress: Progress | None = None  # study progress on the cards (then `restyle`)

    def show_outline(
        self,
        blocks: Mapping[str, TextBlock],
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

        self._engine = IncrementalLayout(self.session.shown_root, measure, mode)
        change = self._engine.update(frozenset(folds), split)
        colours = BranchColours(outline, self.session.focus)
        self._shown = Shown(outline, blocks, theme, annotations, colours, set(folds))
        self._shown.count_marks()
        self._layout = layout = change.layout
        self._extents = SubtreeExtents(layout.boxes, outline.by_key, ITEM_REACH)
        self.setBackgroundBrush(theme.background)
        boxes = layout.boxes
        for key in [key for key in self._items if key not in boxes]:
            self.removeItem(self._items.pop(key))
        for key in self._items:
            self._show_node(key, boxes[key])
        self.edges.show(layout, outline, colours, set(self.edges.groups_of))
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
        self.edges.refold(layout, shown.outline, shown.colours, changed, reshaped | toggled)
        self._finish(layout)
        return layout

    @property
    def nodes(self) -> Mapping[str, NodeItem]:
        """Every shown node's item by key, made when asked for. (Made anew on each call: kept
        in the scene, it would make a reference cycle that only the GC could free.)"""
        return ShownItems(self)

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
            self.edges.show(
                layout, shown.outline, shown.colours, parents - self.edges.groups_of.keys()
            )
            return
        assert self._extents is not None
        found = self._extents.in_rect(
            self.session.shown_root.key, (rect.left(), rect.top(), rect.right(), rect.bottom())
        )
        for key in found.nodes:
            if key not in items:
                self._show_node(key, boxes[key])
        groups_of = self.edges.groups_of
        parents = {key for key in found.parents if not groups_of.get(key)}
        self.edges.show(layout, shown.outline, shown.colours, parents)

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
        self.edges.let_go(keep)

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
        blank = key in self.session.blanks  # what is under a title to recall is not told
        # The root, and the main branches of the whole map (a focus's stand too close), sum up.
        summed = not blank and (box.depth == 0 or (box.depth == 1 and not self.session.focus))
        counts = shown.rollup.get(key) if summed or (folded and not blank) else None
        look = None if blank else progress_look(self.progress, shown.outline, key, tally=summed)
        item.configure(
            box,
            shown.blocks[key],
            shown.colours[key],
            shown.theme,
            has_children=bool(node.children),
            hidden=self._engine.descendants(key) if folded and self._engine else 0,
            has_note=node.note is not None,
            selected=key == self.session.selected,
            matched=key in self.session.matched,
            current=_is_current(key, self.session.current_match),
            blank=blank,
            annotation=annotation,
            dimmed=self.session.dimmed(key),
            rollup=tuple((m, counts[m]) for m in (*Mark, None) if m in counts) if counts else (),
            progress=look,
        )
        item.set_fresh(key in self.fresh)

    def _finish(self, layout: Layout) -> None:
        self._overview.forget()
        self._made = QRectF()
        assert self._shown is not None
        engine = self._engine
        assert engine is not None
        left, top, right, bottom = painted_bounds(
            layout, self._shown.outline, self._shown.folds, engine.descendants
        )
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
        """A picture of the whole map for painting at `zoom`, or None when items should paint
        (see `Overview.picture`)."""
        area = self.map_rect.width() * self.map_rect.height()
        return self._overview.picture(zoom, pixel_ratio, area, self._draw_overview)

    def _draw_overview(self, zoom: float) -> QImage:
        assert self._layout is not None
        assert self._shown is not None
        shown = self._shown
        return draw_overview(
            zoom,
            rect=self.map_rect,
            background=self.backgroundBrush().color(),
            layout=self._layout,
            outline=shown.outline,
            colours=shown.colours,
            groups=shown.colours.shown_groups(self._layout.boxes),
            paint_node=lambda key, painter: self.item(key).paint_unmarked(painter),
            annotations=shown.annotations.by_node() if shown.annotations is not None else {},
            lit=self.session.filtered,
            progress=self.progress,
        )

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
        return rect.united(self.legend.sceneBoundingRect()) if self.legend is not None else rect

    def forget_items(self) -> None:
        """Drop every item: another outline is about to be shown."""
        for item in self._items.values():
            self.removeItem(item)
        self._items = {}
        self.edges.forget()
        self._layout, self._shown, self._engine, self._extents = None, None, None, None
        self._overview.forget()
        self.map_rect = QRectF()
        self.fresh = {}

    def repaint_marks(self, keys: AbstractSet[str]) -> None:
        """Show the session's selection, find matches and blanks on the items of `keys`."""
        selected, matched = self.session.selected, self.session.matched
        current, blanks = self.session.current_match, self.session.blanks
        for key in keys:
            item = self._items.get(key)
            if item is not None:
                if item.blank != (key in blanks):  # its roll-ups come or go with its title
                    self._overview.forget()  # the far picture shows blanks too
                    self._show_node(key, item.box)
                    continue
                item.set_marks(
                    selected=key == selected,
                    matched=key in matched,
                    current=_is_current(key, current),
                    blank=key in blanks,
                )

    def restyle(self) -> None:
        """Show the session's filter: the made items dim or light up, the picture is redrawn."""
        if self._layout is None:
            return
        boxes = self._layout.boxes
        for key in self._items:
            self._show_node(key, boxes[key])
        self._overview.forget()
        self.update()

    def show_annotations(self, annotations: AnnotationStore, keys: set[str] | None) -> None:
        """Repaint the annotation marks of `keys` (None: of every node)."""
        for key in self._items if keys is None else keys:
            item = self._items.get(key)
            if item is not None and item.node is not None:
                annotation = annotations.on_node(key)
                if annotation != item.annotation:
                    item.set_annotation(annotation)
        if self._shown is not None and self._layout is not None:  # the marks under nodes
            self._shown.count_marks()
            boxes = self._layout.boxes
            for key, item in self._items.items():
                if item.hidden or boxes[key].depth == 1:
                    self._show_node(key, boxes[key])
        self._overview.forget()  # it may show the marks of the root and the main branches
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


def _is_current(key: str, current: str | None) -> bool | None:
    """Whether `key` is the find's current match; None while no match is current."""
    return None if current is None else key == current
