"""A node's item on its own with study progress: the ring's colour as painted, the tally."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem

from mindmap.core.layout import Box
from mindmap.core.progress import Standing, Tally
from mindmap.ui.map.items import NodeItem
from mindmap.ui.map.progresslook import (
    PILL_DROP,
    RING_GAP,
    RING_WIDTH,
    SELECTED_GAP,
    ProgressLook,
    standing_colour,
    tally_width,
)
from mindmap.ui.map.textmetrics import TextMeasurer
from mindmap.ui.theme import DARK, LIGHT, PALETTE, Theme

MARGIN = 40


def painted(
    theme: Theme,
    progress: ProgressLook | None,
    *,
    depth: int = 2,
    selected: bool = False,
    has_children: bool = True,
) -> tuple[QImage, Box]:
    """The item painted at 100 % on the theme's paper, its box's corner at (MARGIN, MARGIN)."""
    block = TextMeasurer().block("Defence partnership", depth)
    box = Box("k", 0.0, 0.0, block.width, block.height, 1, depth, None)
    item = NodeItem("k")
    item.configure(
        box, block, QColor(PALETTE[1]), theme,
        has_children=has_children, hidden=0, has_note=False, selected=selected, matched=False,
        progress=progress,
    )  # fmt: skip
    image = QImage(int(box.width) + 2 * MARGIN, int(box.height) + 120, QImage.Format.Format_RGB32)
    image.fill(theme.background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(MARGIN, MARGIN)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image, box


def above(image: QImage, box: Box, out: float) -> QColor:
    """The pixel `out` above the middle of the box's top edge."""
    return image.pixelColor(int(MARGIN + box.width / 2), int(MARGIN - out))


def close(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def blend(colour: QColor, alpha: float, paper: QColor) -> QColor:
    pairs = zip(colour.getRgb()[:3], paper.getRgb()[:3], strict=True)
    return QColor(*(round(c * alpha + p * (1 - alpha)) for c, p in pairs))


RING_MIDDLE = RING_GAP + RING_WIDTH / 2


def test_each_standing_paints_its_ring_in_its_colour_on_light_and_dark(qapp: QApplication) -> None:
    for theme in (LIGHT, DARK):
        for standing in Standing:
            image, box = painted(theme, ProgressLook(standing, 1.0, None))
            wanted = standing_colour(standing, dark=theme.dark)
            assert close(above(image, box, RING_MIDDLE), wanted), (theme.dark, standing)
            # and the paper shows between the box and the ring, and beyond it
            assert above(image, box, RING_GAP + RING_WIDTH + 2) == theme.background


def test_a_known_card_fades_as_it_is_forgotten(qapp: QApplication) -> None:
    strong, box = painted(LIGHT, ProgressLook(Standing.KNOWN, 1.0, None))
    faint, _ = painted(LIGHT, ProgressLook(Standing.KNOWN, 0.35, None))
    green = standing_colour(Standing.KNOWN, dark=False)
    assert close(above(strong, box, RING_MIDDLE), green)
    assert close(above(faint, box, RING_MIDDLE), blend(green, 0.35, LIGHT.background), 8)


def test_without_progress_there_is_no_ring(qapp: QApplication) -> None:
    image, box = painted(LIGHT, None)
    assert above(image, box, RING_MIDDLE) == LIGHT.background


def test_the_selected_node_keeps_its_colour_outside_the_selection_ring(
    qapp: QApplication,
) -> None:
    image, box = painted(LIGHT, ProgressLook(Standing.DUE, 1.0, None), selected=True)
    red = standing_colour(Standing.DUE, dark=False)
    assert close(above(image, box, SELECTED_GAP + RING_WIDTH / 2), red)
    assert close(above(image, box, 3.0), LIGHT.selection)  # the selection ring, inside it


def test_a_main_branch_shows_its_tally_in_a_pill_green_as_far_as_known(
    qapp: QApplication,
) -> None:
    tally = Tally(1, 4)
    image, box = painted(LIGHT, ProgressLook(Standing.KNOWN, 1.0, tally), depth=1)
    top, width = MARGIN + box.height + PILL_DROP, tally_width(tally)
    known, rest = (image.pixelColor(int(MARGIN + x), int(top + 2)) for x in (8, width - 8))
    assert known.green() > known.red() + 20  # the known quarter, tinted green
    assert close(rest, LIGHT.toggle_fill, 6)  # the rest on the pill's paper
    text = [
        image.pixelColor(int(MARGIN + x), int(top + 7.5)).lightness() < 100
        for x in range(int(width))
    ]
    assert sum(text) > 10  # "1 of 4 known" in the text colour across the pill
    below = QPointF(MARGIN + width + 6, top + 7.5)
    assert image.pixelColor(below.toPoint()) == LIGHT.background  # and nothing after it
