"""How a node's words are painted: its title (and an annotation's callout), its tags as chips,
or, far out, a bar per line; the part of a node item that draws text."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QStaticText

from mindmap.core.layout import Box
from mindmap.ui.map.textmetrics import TextBlock, chip_font
from mindmap.ui.theme import (
    ANNOTATION_COLOUR,
    DEEPEST_LEVEL,
    POINT_PX,
    LevelStyle,
    Theme,
    level_style,
)

MIN_TEXT_PX = 3.5  # below this on-screen size, text is drawn as bars
NO_PEN = Qt.PenStyle.NoPen


class NodeText:
    """Text painting for a node item: it sets `block`, `style`, `box`, `colour` and `theme`."""

    block: TextBlock
    style: LevelStyle
    box: Box
    colour: QColor
    theme: Theme
    _static: list[QStaticText] | None

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
        y = style.pad_y - (1.0 if not style.boxed else 0.0)
        callout_lines = len(block.lines) - block.title_lines
        if callout_lines:  # the user's annotation, shown on the map: a pencil-yellow callout
            top = y + block.title_lines * block.line_height + 1.0
            rect = QRectF(style.pad_x - 4, top, self.box.width - 2 * style.pad_x + 8, 0.0)
            rect.setHeight(callout_lines * block.line_height)
            fill, edge = QColor(ANNOTATION_COLOUR), QColor(ANNOTATION_COLOUR)
            fill.setAlpha(60 if self.theme.dark else 45)
            painter.setPen(QPen(edge, 1.0))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
        painter.setFont(style.font)
        painter.setPen(colour)
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


@cache
def _chip_font(level: int) -> QFont:
    return chip_font(level_style(level).font)


def paint_blank(painter: QPainter, rect: QRectF, colour: QColor, theme: Theme, depth: int) -> None:
    """Where a title is to be recalled: a dashed slot the size of the title, with a question
    mark; the shape of what is missing is a cue (RemNote's empty boxes)."""
    on_fill = depth < 2  # the root and main branches are filled: the slot goes light on them
    edge = QColor(theme.branch_text if depth == 1 else theme.root_text) if on_fill else colour
    slot = rect.adjusted(4.0, 3.0, -4.0, -3.0) if on_fill else rect.adjusted(1.0, 1.0, -1.0, -1.0)
    fill = QColor(edge)
    fill.setAlpha(40 if on_fill else 28)
    pen = QPen(edge, 1.2, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    radius = min(6.0, slot.height() / 2)
    painter.drawRoundedRect(slot, radius, radius)
    if slot.height() >= 10.0:
        font = QFont(level_style(min(depth, DEEPEST_LEVEL)).font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(edge)
        painter.drawText(slot, Qt.AlignmentFlag.AlignCenter, "?")
