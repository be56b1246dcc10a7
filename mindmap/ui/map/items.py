"""Scene items: a node (box, wrapped title, fold toggle, badge, note marker).

Items paint from laid-out data and hold a key; what a click means is the scene's business.
Every item is top-level: parented items make Qt ask Python for every descendant's bounds on each
repaint, which is what made big maps slow.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.layout import Box
from mindmap.core.model import Node
from mindmap.ui.map.textmetrics import TextBlock, chip_font
from mindmap.ui.theme import DEEPEST_LEVEL, POINT_PX, Z_NODE, LevelStyle, Theme, level_style

TOGGLE_RADIUS = 5.5
TOGGLE_OFFSET = 9.0  # from the node's outer edge to the toggle's centre
BADGE_GAP = 6.0
MIN_TEXT_PX = 3.5  # below this on-screen size, text is drawn as bars
# Qt's enums are Python enums in PySide6: looking them up in a paint loop costs, so once here.
NO_PEN = Qt.PenStyle.NoPen
NO_BRUSH = Qt.BrushStyle.NoBrush
ANNOTATION_COLOUR = QColor("#f2b400")
CURRENT_MATCH = QColor("#ff9632")  # the match a find stepped to, as browsers mark it
OTHER_MATCH_ALPHA = 0.45  # the other matches, dimmed beside it
MARK_COLOURS = {
    Mark.IMPORTANT: QColor("#d93025"),
    Mark.REVISE: QColor("#f28b00"),
    Mark.KNOWN: QColor("#1e8e3e"),
}
_BADGE_FONT = QFont()
_BADGE_FONT.setPointSizeF(8)
_BADGE_FONT.setWeight(QFont.Weight.Bold)


class NodeItem(QGraphicsItem):
    """One node of the map, painted from its box, text block and colour."""

    def __init__(self, key: str, *, controls: bool = True) -> None:
        super().__init__()
        self.key = key
        self.controls = controls  # fold circle and note dot: on screen, not in an export
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
        annotation: Annotation | None = None,
    ) -> None:
        """Set what to paint; called for new items and for items reused across a relayout.

        An item whose look did not change is only moved: a fold moves thousands of nodes, and
        a move is far cheaper than a new geometry and a repaint.
        """
        look = (box.width, box.height, box.side, box.depth, block, colour.rgba(), theme)
        look += (has_children, hidden, has_note, annotation, selected, matched, current)
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
        self.annotation = annotation
        self._place(box)
        bounds = box_rect(box)
        if has_children and box.side >= 0 and box.depth > 0:
            bounds.setRight(bounds.right() + outer_reach(hidden))
        if has_children and box.side < 0:
            bounds.setLeft(bounds.left() - outer_reach(hidden))
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
            self.annotation = annotation
            self._look = None  # the next configure redoes everything
            self.update()

    def set_marks(self, *, selected: bool, matched: bool, current: bool | None = None) -> None:
        if (selected, matched, current) != (self.selected, self.matched, self.current):
            self.selected, self.matched, self.current = selected, matched, current
            if self._look is not None:
                self._look = (*self._look[:-3], selected, matched, current)
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

    def note_marker_centre(self) -> QPointF:
        """The centre of the dot that says the node has a note, in the room kept for it."""
        style = self.style
        x = self.box.width - style.pad_x - self.block.note_room / 2 + 1
        return QPointF(x, style.pad_y + self.block.line_height / 2)

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
        box, style, theme = self.box, self.style, self.theme
        rect = QRectF(0, 0, box.width, box.height)
        text_colour = self._paint_shape(painter, rect, marks=marks)
        font_px = style.font.pointSizeF() * POINT_PX * lod
        if font_px < MIN_TEXT_PX:
            self._paint_bars(painter, text_colour)
        else:
            self._paint_text(painter, text_colour)
        if self.block.chips:
            self._paint_chips(painter, lod, text_colour)
        if self.has_note and self.controls:
            marker = QColor(text_colour if box.depth < 2 else self.colour)
            painter.setPen(NO_PEN)
            painter.setBrush(marker)
            painter.drawEllipse(self.note_marker_centre(), 2.6, 2.6)
        if self.annotation is not None:
            self._paint_annotation(painter)
        if self.has_children and box.depth > 0:
            if self.controls:
                self._paint_toggle(painter)
            if self.hidden > 0 and font_px >= MIN_TEXT_PX:
                self._paint_badge(painter)
        if marks and self.selected:
            painter.setBrush(NO_BRUSH)
            painter.setPen(QPen(theme.selection, 2.2))
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 9, 9)

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

    def _paint_text(self, painter: QPainter, colour: QColor) -> None:
        block, style = self.block, self.style
        if self._static is None:
            self._static = []
            italic = QFont(style.font)
            italic.setItalic(True)
            for index, line in enumerate(block.lines):
                static = QStaticText(line)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(font=style.font if index < block.title_lines else italic)
                self._static.append(static)
        painter.setFont(style.font)
        painter.setPen(colour)
        y = style.pad_y - (1.0 if not style.boxed else 0.0)
        for index, static in enumerate(self._static):
            if index == block.title_lines:  # an exported annotation's text, quieter
                italic = QFont(style.font)
                italic.setItalic(True)
                painter.setFont(italic)
                quiet = QColor(colour)
                quiet.setAlphaF(0.75)
                painter.setPen(quiet)
            painter.drawStaticText(QPointF(style.pad_x, y), static)
            y += block.line_height

    def _paint_chips(self, painter: QPainter, lod: float, text_colour: QColor) -> None:
        """The tags as chips below the text; their words only where the zoom lets them be read."""
        block, style = self.block, self.style
        font = _chip_font(min(self.box.depth, DEEPEST_LEVEL))
        readable = font.pointSizeF() * POINT_PX * lod >= MIN_TEXT_PX
        fill = QColor(text_colour if self.box.depth < 2 else self.colour)
        fill.setAlpha(50)
        painter.setFont(font)
        radius = block.chip_height / 2
        for tag, x, y, width in block.chips:
            rect = QRectF(style.pad_x + x, style.pad_y + y, width, block.chip_height)
            painter.setPen(NO_PEN)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, radius, radius)
            if readable:
                painter.setPen(text_colour)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tag)

    def _paint_bars(self, painter: QPainter, colour: QColor) -> None:
        """Far out, a grey bar per line stands for the text: cheap, and the map keeps its shape."""
        block, style = self.block, self.style
        bar = QColor(colour)
        bar.setAlpha(110)
        painter.setPen(NO_PEN)
        painter.setBrush(bar)
        y = style.pad_y + block.line_height * 0.25
        width = self.box.width - 2 * style.pad_x
        for _line in block.lines:
            painter.drawRect(QRectF(style.pad_x, y, width, block.line_height * 0.5))
            y += block.line_height

    def _paint_annotation(self, painter: QPainter) -> None:
        """The user's annotation: a pencil-yellow dot on the corner; a mark, a coloured edge."""
        annotation, box = self.annotation, self.box
        assert annotation is not None
        if annotation.mark is not None:
            painter.setPen(NO_PEN)
            painter.setBrush(MARK_COLOURS[annotation.mark])
            x = -5.0 if box.side >= 0 else box.width + 1.0
            painter.drawRoundedRect(QRectF(x, 1.0, 4.0, box.height - 2.0), 2, 2)
        if annotation.text.strip():
            painter.setPen(QPen(self.theme.background, 1.5))
            painter.setBrush(ANNOTATION_COLOUR)
            corner = QPointF(box.width - 1.0, 0.0) if box.side < 0 else QPointF(1.0, 0.0)
            painter.drawEllipse(corner, 4.5, 4.5)

    def _paint_toggle(self, painter: QPainter) -> None:
        painter.setPen(QPen(self.colour, 1.6))
        painter.setBrush(self.colour if self.hidden > 0 else self.theme.toggle_fill)
        painter.drawEllipse(self.toggle_centre(), TOGGLE_RADIUS, TOGGLE_RADIUS)

    def _paint_badge(self, painter: QPainter) -> None:
        """How many nodes a fold hides: on paper too, where it says that there is more."""
        centre = self.toggle_centre()
        text = f"{self.hidden:,}"
        painter.setFont(_BADGE_FONT)
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


def box_rect(box: Box) -> QRectF:
    """A node's own rect with the margin its marks paint in (selection, find, fresh), local."""
    return QRectF(-7.0, -6.0, box.width + 14.0, box.height + 10.0)


def anchor_y(box: Box) -> float:
    """Where edges meet a node, from its top: its middle, or its underline when it has no box."""
    return box.height / 2 if level_style(box.depth).boxed else box.height - 1.0


@cache
def _chip_font(level: int) -> QFont:
    return chip_font(level_style(level).font)


@cache
def _badge_metrics() -> QFontMetricsF:
    return QFontMetricsF(_BADGE_FONT)


def badge_width(hidden: int) -> float:
    """The width of the badge that counts `hidden` nodes."""
    return _badge_metrics().horizontalAdvance(f"{hidden:,}") + 10


def outer_reach(hidden: int) -> float:
    """How far a node's item paints outside its outer side: the fold toggle, and the badge
    when `hidden` nodes are folded away."""
    reach = TOGGLE_OFFSET + TOGGLE_RADIUS + 2.0
    return reach + BADGE_GAP + badge_width(hidden) if hidden else reach
