"""Scene items: a node (box, wrapped title, fold toggle, badge, note marker).

Items paint from laid-out data and hold a key; what a click means is the scene's business.
Every item is top-level: parented items make Qt ask Python for every descendant's bounds on each
repaint, which is what made big maps slow.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from mindmap.core.annotations import Annotation
from mindmap.core.layout import Box
from mindmap.core.model import Node
from mindmap.ui.map.badges import (
    BADGE_FONT,
    BADGE_REACH,
    ROLLUP_HEIGHT,
    Rollup,
    badge_metrics,
    badge_radius,
    paint_badges,
    paint_rollup,
    rollup_width,
)
from mindmap.ui.map.nodetext import MIN_TEXT_PX, NO_PEN, NodeText, paint_blank
from mindmap.ui.map.progresslook import (
    ProgressLook,
    paint_progress,
    pill_top,
    progress_bounds,
)
from mindmap.ui.map.textmetrics import TextBlock
from mindmap.ui.theme import (
    POINT_PX,
    Z_NODE,
    LevelStyle,
    Theme,
    level_style,
)

TOGGLE_RADIUS = 5.5
TOGGLE_OFFSET = 9.0  # from the node's outer edge to the toggle's centre
BADGE_GAP = 6.0
DIMMED_OPACITY = 0.28  # nodes a filter by mark passes by: there, but quiet
# Qt's enums are Python enums in PySide6: looking them up in a paint loop costs, so once here.
NO_BRUSH = Qt.BrushStyle.NoBrush
CURRENT_MATCH = QColor("#ff9632")  # the match a find stepped to, as browsers mark it
OTHER_MATCH_ALPHA = 0.45  # the other matches, dimmed beside it


class NodeItem(NodeText, QGraphicsItem):
    """One node of the map, painted from its box, text block and colour."""

    def __init__(self, key: str, *, controls: bool = True) -> None:
        super().__init__()
        self.key = key
        self.controls = controls  # fold circle and note marker: on screen, not in an export
        self.setZValue(Z_NODE)
        self.setAcceptHoverEvents(False)
        self._static: list[QStaticText] | None = None
        self._bounds = QRectF()
        self._look: tuple | None = None
        self._pos: tuple[float, float] | None = None
        self.node: Node | None = None  # the outline node shown, to notice a reload's new one
        self.annotation: Annotation | None = None
        self.fresh = False
        # The match a find stepped to: True for it, False for the others, None before a step.
        self.current: bool | None = None
        self.dimmed = False  # a filter by mark passes it by
        self.rollup: Rollup = ()  # the marks under a folded node or a main branch
        self.blank = False  # its title is hidden, to be recalled (study)
        self.progress: ProgressLook | None = None  # its card's study progress, when shown

    def configure(
        self,
        box: Box,
        block: TextBlock,
        colour: QColor,
        theme: Theme,
        *,
        has_children: bool,
        hidden: int,
        has_note: bool,
        selected: bool,
        matched: bool,
        current: bool | None = None,
        blank: bool = False,
        annotation: Annotation | None = None,
        dimmed: bool = False,
        rollup: Rollup = (),
        progress: ProgressLook | None = None,
    ) -> None:
        """Set what to paint; called for new items and for items reused across a relayout.

        An item whose look did not change is only moved: a fold moves thousands of nodes, and
        a move is far cheaper than a new geometry and a repaint.
        """
        look = (box.width, box.height, box.side, box.depth, block, colour.rgba(), theme)
        look += (has_children, hidden, has_note, annotation, dimmed, rollup, progress)
        look += (selected, matched, current, blank)
        if look == self._look:
            if (box.x, box.y) != self._pos:  # boxes are updated in place: compare with ours
                self._place(box)
            self.box = box
            return
        self.prepareGeometryChange()
        if self._look is None or self._look[4] is not block:
            self._static = None
        self._look = look
        self.box, self.block, self.colour, self.theme = box, block, colour, theme
        self.style: LevelStyle = level_style(box.depth)
        self.has_children, self.hidden, self.has_note = has_children, hidden, has_note
        self.selected, self.matched, self.current = selected, matched, current
        self.blank = blank
        self.annotation, self.dimmed, self.rollup = annotation, dimmed, rollup
        self.progress = progress
        self._place(box)
        bounds = box_rect(box)
        if annotation is not None:  # badges on the top corners
            bounds.adjust(-BADGE_REACH, -BADGE_REACH, BADGE_REACH, BADGE_REACH)
        reach = outer_reach(hidden, rollup if hidden else ())
        if has_children and box.side >= 0 and box.depth > 0:
            bounds.setRight(bounds.right() + reach)
        if has_children and box.side < 0:
            bounds.setLeft(bounds.left() - reach)
        if rollup and not hidden:
            bounds = bounds.united(self._rollup_below().adjusted(-1, -1, 1, 1))
        if progress is not None:
            bounds = bounds.united(progress_bounds(box, progress, () if hidden else rollup))
        self._bounds = bounds
        self.update()

    def set_fresh(self, fresh: bool) -> None:
        """Mark a node that a reload just added."""
        if fresh != self.fresh:
            self.fresh = fresh
            self.update()

    def move_to(self, box: Box) -> bool:
        """Follow `box` if only its place changed; False when the item needs `configure`."""
        look = self._look
        if look is None or self.box is not box or (box.width, box.height, box.side) != look[:3]:
            return False
        if (box.x, box.y) != self._pos:
            self._place(box)
        return True

    def _place(self, box: Box) -> None:
        """Put the item where its box is."""
        self._pos = (box.x, box.y)
        self.setPos(box.x, box.y)

    def set_annotation(self, annotation: Annotation | None) -> None:
        """Show another annotation (or none) without a relayout."""
        if annotation != self.annotation:
            if (annotation is None) != (self.annotation is None):  # badges come or go
                self.prepareGeometryChange()
                reach = BADGE_REACH if annotation is not None else -BADGE_REACH
                self._bounds.adjust(-reach, -reach, reach, reach)
            self.annotation = annotation
            self._look = None  # the next configure redoes everything
            self.update()

    def set_marks(
        self, *, selected: bool, matched: bool, current: bool | None = None, blank: bool = False
    ) -> None:
        marks = (selected, matched, current, blank)
        if marks != (self.selected, self.matched, self.current, self.blank):
            self.selected, self.matched, self.current, self.blank = marks
            if self._look is not None:
                self._look = (*self._look[:-4], *marks)
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        """The box and the fold toggle: clicks beside them fall through to the background."""
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.box.width, self.box.height))
        if self.has_children and self.box.depth > 0:
            reach = TOGGLE_RADIUS + 4
            path.addEllipse(self.toggle_centre(), reach, reach)
        return path

    def anchor_y(self) -> float:
        """Local y where edges meet the node."""
        return anchor_y(self.box)

    def toggle_centre(self) -> QPointF:
        """The fold toggle's centre in local coordinates, just outside the outer edge."""
        x = self.box.width + TOGGLE_OFFSET if self.box.side >= 0 else -TOGGLE_OFFSET
        return QPointF(x, self.anchor_y())

    def toggle_hit(self, local: QPointF) -> bool:
        """Whether a click at `local` lands on the fold toggle (generously, for a small target)."""
        if not self.has_children or self.box.depth == 0:
            return False
        delta = local - self.toggle_centre()
        return delta.x() ** 2 + delta.y() ** 2 <= (TOGGLE_RADIUS + 4) ** 2

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self._paint(painter, option.levelOfDetailFromTransform(painter.worldTransform()))

    def paint_unmarked(self, painter: QPainter) -> None:
        """Paint without the selection, a find's matches and the fresh mark: for a picture
        that outlives them (the overview), over which they are drawn as they change."""
        self._paint(painter, painter.worldTransform().m11(), marks=False)

    def _paint(self, painter: QPainter, lod: float, *, marks: bool = True) -> None:
        if not self.dimmed:
            self._paint_lit(painter, lod, marks=marks)
            return
        painter.save()
        painter.setOpacity(DIMMED_OPACITY)
        self._paint_lit(painter, lod, marks=marks)
        painter.restore()

    def _paint_lit(self, painter: QPainter, lod: float, *, marks: bool) -> None:
        box, style, theme = self.box, self.style, self.theme
        rect = QRectF(0, 0, box.width, box.height)
        if self.progress is not None:  # under all the node paints
            below = () if self.hidden else self.rollup  # the marks' roll-up under the box
            selected = marks and self.selected
            paint_progress(painter, box, self.progress, theme, lod, below=below, selected=selected)
        text_colour = self._paint_shape(painter, rect, marks=marks)
        font_px = style.font.pointSizeF() * POINT_PX * lod
        if self.blank:  # nothing of the title shows, not even its tags
            paint_blank(painter, rect, self.colour, theme, box.depth)
        elif font_px < MIN_TEXT_PX:
            self._paint_bars(painter, text_colour)
        else:
            self._paint_text(painter, text_colour)
        if self.block.chips and not self.blank:
            self._paint_chips(painter, lod, text_colour)
        if self.has_note and self.controls and not self.blank:
            self._paint_note_marker(painter, QColor(text_colour if box.depth < 2 else self.colour))
        if self.has_children and box.depth > 0:
            if self.controls:
                self._paint_toggle(painter)
            if self.hidden > 0 and font_px >= MIN_TEXT_PX:
                self._paint_badge(painter)
        if self.rollup and not self.hidden and font_px >= MIN_TEXT_PX:
            paint_rollup(painter, self._rollup_below(), self.rollup, theme.toggle_fill)
        if marks and self.selected:
            painter.setBrush(NO_BRUSH)
            painter.setPen(QPen(theme.selection, 2.2))
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 9, 9)
        if self.annotation is not None:  # over the selection ring, never hidden by it
            self._paint_annotation(painter, lod)

    def note_marker_rect(self) -> QRectF:
        """Where the sign of an author's note goes: a small page in a room of its own right
        of the text, centred on the box, so that it reads as a sign, never as punctuation."""
        box, style, room = self.box, self.style, self.block.note_room
        width, height = room - 4.0, min(10.0, box.height - 4.0)
        top = (box.height - height) / 2 if style.boxed else style.pad_y + 2.0
        return QRectF(box.width - style.pad_x - room + 3.0, top, width, height)

    def _paint_note_marker(self, painter: QPainter, colour: QColor) -> None:
        page = self.note_marker_rect()
        painter.setPen(QPen(colour, 1.1))
        painter.setBrush(NO_BRUSH)
        painter.drawRoundedRect(page, 1.5, 1.5)
        for row in (0.35, 0.65):
            y = page.top() + page.height() * row
            painter.drawLine(QPointF(page.left() + 2.0, y), QPointF(page.right() - 2.0, y))

    def _paint_shape(self, painter: QPainter, rect: QRectF, *, marks: bool) -> QColor:
        """The box or underline; returns the colour the text goes in."""
        box, style, theme = self.box, self.style, self.theme
        if marks and (self.matched or self.fresh):
            painter.setPen(NO_PEN)
            painter.setBrush(self._match_fill() if self.matched else theme.fresh)
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 8, 8)
        if box.depth == 0:
            painter.setPen(NO_PEN)
            painter.setBrush(theme.root_fill)
            painter.drawRoundedRect(rect, 14, 14)
            return theme.root_text
        if box.depth == 1:
            painter.setPen(NO_PEN)
            painter.setBrush(self.colour)
            painter.drawRoundedRect(rect, 9, 9)
            return theme.branch_text
        if style.boxed:
            painter.setPen(QPen(self.colour, 1.3))
            painter.setBrush(theme.branch_tint(self.colour))
            painter.drawRoundedRect(rect.adjusted(0.65, 0.65, -0.65, -0.65), 7, 7)
            return theme.text
        if self.block.empty:  # an image node or a spacer: a small pill, not a bare stroke
            painter.setPen(QPen(self.colour, 1.3))
            painter.setBrush(NO_BRUSH)
            inner = rect.adjusted(0.65, 0.65, -0.65, -0.65)
            painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
            return theme.text
        y = rect.bottom() - 1.0
        painter.setPen(
            QPen(QBrush(self.colour), 1.3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        painter.drawLine(QPointF(0, y), QPointF(rect.right(), y))
        return theme.quiet_text if box.depth > 3 else theme.text

    def _match_fill(self) -> QColor:
        """The current match in its own colour; the others dimmed while one is current."""
        if self.current is None:
            return self.theme.match
        if self.current:
            return CURRENT_MATCH
        fill = QColor(self.theme.match)
        fill.setAlphaF(fill.alphaF() * OTHER_MATCH_ALPHA)
        return fill

    def _paint_annotation(self, painter: QPainter, lod: float) -> None:
        """The user's layer as badges big enough to read at any zoom (see `paint_badges`)."""
        assert self.annotation is not None
        paint_badges(
            painter,
            self.annotation,
            self.box,
            anchor=self.anchor_y(),
            radius=badge_radius(lod),
            ring=self.theme.background,
            origin=QPointF(),
        )

    def _paint_toggle(self, painter: QPainter) -> None:
        painter.setPen(QPen(self.colour, 1.6))
        painter.setBrush(self.colour if self.hidden > 0 else self.theme.toggle_fill)
        painter.drawEllipse(self.toggle_centre(), TOGGLE_RADIUS, TOGGLE_RADIUS)

    def _paint_badge(self, painter: QPainter) -> None:
        """How many nodes a fold hides, and their marks: on paper too, where it says there is
        more."""
        centre = self.toggle_centre()
        text = f"{self.hidden:,}"
        painter.setFont(BADGE_FONT)
        width = badge_width(self.hidden)
        side = 1 if self.box.side >= 0 else -1
        start = centre.x() + side * (TOGGLE_RADIUS + BADGE_GAP)
        left = start if side > 0 else start - width
        badge = QRectF(left, centre.y() - 7.5, width, 15)
        painter.setPen(NO_PEN)
        painter.setBrush(self.colour)
        painter.drawRoundedRect(badge, 7.5, 7.5)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        if self.rollup:  # what the fold hides, in marks
            start += side * (width + 4)
            width = rollup_width(self.rollup)
            left = start if side > 0 else start - width
            pill = QRectF(left, centre.y() - ROLLUP_HEIGHT / 2, width, ROLLUP_HEIGHT)
            paint_rollup(painter, pill, self.rollup, self.theme.toggle_fill)

    def _rollup_below(self) -> QRectF:
        """Where an unfolded main branch shows the marks under it: below its box, from the
        edge towards the root."""
        box, width = self.box, rollup_width(self.rollup)
        left = 0.0 if box.side >= 0 else box.width - width
        return QRectF(left, pill_top(box, self.progress), width, ROLLUP_HEIGHT)


def box_rect(box: Box) -> QRectF:
    """A node's own rect with the margin its marks paint in (selection, find, fresh), local."""
    return QRectF(-7.0, -6.0, box.width + 14.0, box.height + 10.0)


def anchor_y(box: Box) -> float:
    """Where edges meet a node, from its top: its middle, or its underline when it has no box."""
    return box.height / 2 if level_style(box.depth).boxed else box.height - 1.0


def badge_width(hidden: int) -> float:
    """The width of the badge that counts `hidden` nodes."""
    return badge_metrics().horizontalAdvance(f"{hidden:,}") + 10


def outer_reach(hidden: int, rollup: Rollup = ()) -> float:
    """How far a node's item paints outside its outer side: the fold toggle, and the badge
    when `hidden` nodes are folded away, and the marks among them."""
    reach = TOGGLE_OFFSET + TOGGLE_RADIUS + 2.0
    if not hidden:
        return reach
    reach += BADGE_GAP + badge_width(hidden)
    return reach + 4 + rollup_width(rollup) if rollup else reach
