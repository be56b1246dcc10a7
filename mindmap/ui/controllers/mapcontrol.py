"""MapController: runs the map session's operations and shows each change on the scene and view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QPoint, QPointF, Signal

from mindmap.core.annotations import AnnotationStore
from mindmap.core.layout import Box, Layout, LayoutMode, Spacing
from mindmap.core.memory import gc_paused
from mindmap.core.model import Outline
from mindmap.core.readable import Opening, Readability, choose_opening
from mindmap.core.session import Change, MapSession
from mindmap.core.viewstate import initial_folds
from mindmap.ui.controllers.places import Place
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.textmetrics import LazyBlocks, TextMeasurer
from mindmap.ui.map.tooltip import callout
from mindmap.ui.map.view import MapView
from mindmap.ui.theme import DEEPEST_LEVEL, POINT_PX, ThemeChoice, level_style, resolve_theme

ENSURE_MARGIN = 40  # pixels kept around a node scrolled into view
READABLE_PX = 9.0  # on-screen text height below which a node shown for reading is zoomed to


class MapController(QObject):
    """Emits `selection_changed` with the selected key (or None), `laid_out` after each
    layout and `message` (text, milliseconds) for the status bar; the scene's clicks come here
    as session operations."""

    selection_changed = Signal(object)
    laid_out = Signal()
    message = Signal(str, int)

    def __init__(
        self,
        session: MapSession,
        scene: MapScene,
        view: MapView,
        annotations: Callable[[], AnnotationStore],
        theme_choice: ThemeChoice,
    ) -> None:
        super().__init__(view)
        self.session, self.scene, self.view = session, scene, view
        self.theme_choice = theme_choice
        self._annotations = annotations
        self._measurer = TextMeasurer()
        self.blocks: LazyBlocks | None = None
        self._places: dict[str | None, tuple[float, QPointF]] = {}  # zoom and centre by focus
        self.annotation_text = False  # View ▸ Show Annotations: their text under their nodes
        scene.setBackgroundBrush(resolve_theme(theme_choice).background)  # before any map
        # A blank (a title to recall) is revealed by study mode: never selected nor unfolded.
        scene.fold_requested.connect(lambda key: self._unless_blank(key, session.toggle_fold))
        scene.node_clicked.connect(lambda key: self._unless_blank(key, session.select))
        scene.background_clicked.connect(lambda: self.run(session.select(None)))

    def _unless_blank(self, key: str, operation: Callable[[str], Change]) -> None:
        if key not in self.session.blanks:
            self.run(operation(key))

    def forget(self) -> None:
        """Another outline is about to open: nothing of this one stays on screen."""
        self.scene.forget_items()
        self.session.clear()
        self.blocks = None
        self._places = {}
        self.selection_changed.emit(None)

    def show(self, outline: Outline, place: Place | None) -> None:
        """Show an outline for the first time: as remembered, else readable (see `readable`)."""
        self._measure(outline)
        if place is not None:
            self.run(self.session.show(outline, set(place.folds), place.level, place.focus))
            self.view.set_zoom(place.zoom)
            self.view.centerOn(QPointF(*place.centre))
            return
        if not self.view.isVisible():  # no size to be readable at: the whole map, fitted
            self.run(self.session.show(outline))
            self.view.fit_map()
            return
        opening = self._readable_opening(outline)
        if opening.fitted:
            self.view.fit_map()
        else:
            self.view.set_zoom(opening.zoom)
            self.centre_on(outline.root.key)
        if opening.level is not None:  # the status bar's count says how many show
            self.message.emit(
                f"Opened folded below level {opening.level} to be readable; Alt+End unfolds all",
                30_000,
            )

    def _readable_opening(self, outline: Outline) -> Opening:
        """Lay the outline out folded to the deepest level that reads at fit (the author's
        folds kept), trying levels from the top; the laying out of each is what it shows."""
        session = self.session

        def fit_zoom(folds: frozenset[str]) -> float:
            if session.layout is None:
                self.run(session.show(outline, set(folds)))
            elif folds != session.folds:
                self.run(session.set_folds(folds))
            return self.view.fit_zoom()

        opening = choose_opening(outline, initial_folds(outline), self._readability(), fit_zoom)
        self.run(session.set_folds(opening.folds, opening.level))  # the last tried went deeper
        return opening

    def _readability(self) -> Readability:
        """What the readable first open needs of the window and the theme's fonts."""
        sizes = [level_style(d).font.pointSizeF() * POINT_PX for d in range(DEEPEST_LEVEL + 1)]
        rows = [self._measurer.block("x", d).height for d in range(DEEPEST_LEVEL + 1)]
        return Readability(
            viewport_height=self.view.viewport().height(),
            text_px=lambda level: min(sizes[: min(level, DEEPEST_LEVEL) + 1]),
            row=min(rows) + Spacing().sibling_gap,
            grid_row=min(rows) + Spacing().row_gap,
            sides=2 if self.session.mode is LayoutMode.MINDMAP else 1,
        )

    def apply(self, outline: Outline) -> None:
        """Show a new parse of the open outline in place of the old one: folds, selection, the
        node at the centre of the view and the zoom stay; new nodes flash briefly."""
        # The node at the centre and its ancestors, where they are on screen: the first of them
        # that the new outline still has stays exactly there.
        anchors: list[tuple[str, QPoint]] = []
        if self.session.layout is not None:
            boxes = self.session.layout.boxes
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            for key in self.session.lineage(self._node_nearest(centre)):
                if key in boxes:
                    anchors.append((key, self.view.mapFromScene(_position(boxes[key]))))
        change = self.session.apply(outline)
        self._measure(outline)
        self.run(change)
        boxes = self.session.layout.boxes if self.session.layout is not None else {}
        for key, view_point in anchors:
            if key in boxes:
                self.view.keep_point(_position(boxes[key]), view_point)
                break

    def place(self) -> Place | None:
        """Where the user is in the open outline, to remember."""
        if self.session.outline is None:
            return None
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        session = self.session
        return Place(
            frozenset(session.own_folds),  # never a filter's
            self.view.zoom(),
            (centre.x(), centre.y()),
            session.level,
            session.focus,
        )

    def run(self, change: Change) -> None:
        """Show what a session operation changed."""
        session, scene, view = self.session, self.scene, self.view
        if change.rebuild:
            self._lay_out(keep_sides=change.keep_sides)
        elif change.relayout:
            self._refold(change.still, keep_sides=change.keep_sides)
        if change.dim:
            scene.restyle()
        scene.repaint_marks(change.repaint)
        if change.flash:
            scene.flash(set(change.flash))
        if change.fit:
            view.fit_map()
        if change.selection:
            self.selection_changed.emit(session.selected)
        if change.centre is not None:
            if change.readable:
                self.zoom_to_read(change.centre)
            self.centre_on(change.centre)
        if change.into_view is not None:
            self.ensure_visible(change.into_view)

    def focus_on(self, key: str | None) -> None:
        """Show the branch `key` as the whole map (None: the map); each keeps its place."""
        self._jump(self.session.focus, self.session.focus_on(key))

    def unfocus(self) -> None:
        """Up one level from the focused branch."""
        self._jump(self.session.focus, self.session.unfocus())

    def _jump(self, before: str | None, change: Change) -> None:
        """Show another focus: where the view was is kept for coming back, and a focus seen
        before is shown as it was left (else fitted)."""
        if not change.rebuild:
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self._places[before] = (self.view.zoom(), centre)
        kept = self._places.get(self.session.focus)
        self.run(replace(change, fit=kept is None))
        if kept is not None:
            self.view.set_zoom(kept[0])
            self.view.centerOn(kept[1])

    def centre_on(self, key: str) -> None:
        if self.scene.shows(key):
            self.view.centerOn(self.scene.item(key).sceneBoundingRect().center())

    def zoom_to_read(self, key: str) -> None:
        """Zoom in until the node's text is READABLE_PX high on screen (never out)."""
        layout = self.session.layout
        if layout is None or key not in layout.boxes:
            return
        font = level_style(layout.boxes[key].depth).font
        readable = READABLE_PX / (font.pointSizeF() * POINT_PX)
        if self.view.zoom() < readable:
            self.view.set_zoom(readable)

    def ensure_visible(self, key: str) -> None:
        """Scroll just enough for the node to show, with a margin."""
        if self.scene.shows(key):
            self.view.ensureVisible(self.scene.item(key), ENSURE_MARGIN, ENSURE_MARGIN)

    def redraw(self) -> None:
        """Draw the whole map anew (the theme or the annotations' look changed)."""
        self.scene.setBackgroundBrush(resolve_theme(self.theme_choice).background)
        self._lay_out(keep_sides=True)

    def show_annotation_text(self, on: bool) -> None:
        """Show the annotations' text under their nodes as callouts, or not; the layout makes
        room for them."""
        self.annotation_text = on
        self._measure_again()

    def annotations_changed(self) -> None:
        """Callouts follow the annotations' text (nothing to do while they are not shown)."""
        if self.annotation_text:
            self._measure_again()

    def _measure_again(self) -> None:
        if self.session.outline is not None:
            self._measure(self.session.outline)
            self.redraw()

    def _measure(self, outline: Outline) -> None:
        """Titles are wrapped when their nodes first show (see `LazyBlocks`), with the
        annotations' text under them when the map shows it."""
        texts = None
        if self.annotation_text:
            shown = self._annotations().by_node().items()
            texts = {key: callout(a.text) for key, a in shown if a.text.strip()}
        self.blocks = LazyBlocks(outline, self._measurer, texts, root=self.session.focus)

    def _lay_out(self, *, keep_sides: bool) -> None:
        """Lay the map out from scratch (main branches on their sides, unless `keep_sides` is
        False)."""
        outline = self.session.outline
        if outline is None:
            return
        root = self.session.shown_root.key
        if self.blocks is None or self.blocks.root != root:  # depths count from the root shown
            self.blocks = LazyBlocks(outline, self._measurer, root=root)
        with gc_paused():
            layout = self.scene.show_outline(
                self.blocks,
                resolve_theme(self.theme_choice),
                annotations=self._annotations(),
                split=self.session.sides(keep_sides),
            )
        self._took(layout)

    def _refold(self, still: str | None, *, keep_sides: bool) -> None:
        """Show the session's folds, with the node `still` kept where it is on screen."""
        layout = self.session.layout
        box = layout.boxes.get(still) if layout is not None and still is not None else None
        before = self.view.mapFromScene(_position(box)) if box is not None else None
        with gc_paused():
            layout = self.scene.refold(self.session.sides(keep_sides))
        self._took(layout)
        box = layout.boxes.get(still) if still is not None else None
        if box is not None and before is not None:
            self.view.keep_point(_position(box), before)

    def _took(self, layout: Layout) -> None:
        moved = self.session.laid_out(layout)  # a selection that a fold hid
        if moved:
            self.scene.repaint_marks(moved)
            self.selection_changed.emit(self.session.selected)
        self.laid_out.emit()

    def _node_nearest(self, point: QPointF) -> str | None:
        layout = self.session.layout
        if layout is None or not layout.boxes:
            return None
        x, y = point.x(), point.y()
        nearest = min(
            layout.boxes.values(),
            key=lambda b: (b.x + b.width / 2 - x) ** 2 + (b.y + b.height / 2 - y) ** 2,
        )
        return nearest.key


def _position(box: Box) -> QPointF:
    """Where a node's item is: its box's corner."""
    return QPointF(box.x, box.y)
