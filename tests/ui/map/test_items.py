"""A node's item on its own: where its signs go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from mindmap.core.layout import Box
from mindmap.ui.map.items import NodeItem
from mindmap.ui.map.textmetrics import TextMeasurer
from mindmap.ui.theme import LIGHT, PALETTE, level_style


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_the_note_marker_sits_beside_the_title_never_among_its_words(
    qapp: QApplication, depth: int
) -> None:
    title = "India–Russia Relations in the long run of the twentieth century and after"
    block = TextMeasurer().block(title, depth, has_note=True)
    assert len(block.lines) > 1  # wrapped: a marker after the first line read as punctuation
    box = Box("k", 0.0, 0.0, block.width, block.height, 1, depth, None)
    item = NodeItem("k")
    item.configure(
        box, block, QColor(PALETTE[0]), LIGHT,
        has_children=False, hidden=0, has_note=True, selected=False, matched=False,
    )  # fmt: skip
    style = level_style(depth)
    metrics = QFontMetricsF(style.font)
    marker = item.note_marker_rect()
    for index, line in enumerate(block.lines):
        top = style.pad_y + index * block.line_height
        words = QRectF(style.pad_x, top, metrics.horizontalAdvance(line), block.line_height)
        assert marker.left() >= words.right() + 2, line  # right of every line, with a gap
    assert marker.right() <= box.width
    if style.boxed:  # a sign of the whole node, not of its first line
        assert abs(marker.center().y() - box.height / 2) < 1
