"""Titles wrapped for the map: nothing cut off, nothing lost, the same lines however measured."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from mindmap.ui.map.textmetrics import TextMeasurer
from mindmap.ui.theme import level_style

LONG = "Connectivity through the International North South Transport Corridor and beyond"


def test_a_long_title_wraps_within_the_width_and_keeps_every_word(qtbot: QtBot) -> None:
    block = TextMeasurer().block(LONG, 3)
    style = level_style(3)
    metrics = QFontMetricsF(style.font)
    assert len(block.lines) > 1
    assert " ".join(block.lines) == LONG
    assert all(metrics.horizontalAdvance(line) <= style.max_text_width + 1 for line in block.lines)
    widest = max(metrics.horizontalAdvance(line) for line in block.lines)
    assert block.width >= widest + 2 * style.pad_x  # the box holds its widest line


def test_a_word_wider_than_a_line_is_split_and_nothing_is_lost(qtbot: QtBot) -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    block = TextMeasurer().block(f"A {word} b", 3)
    assert "".join(block.lines).replace(" ", "") == f"A{word}b"
    assert len(block.lines) >= 3


def test_spaces_are_kept_as_the_word_by_word_wrap_keeps_them(qtbot: QtBot) -> None:
    """A title that fits takes the quick way; odd spacing must come out as the slow way."""
    measurer = TextMeasurer()
    assert measurer.block(" Leading space", 3).lines == ("Leading space",)
    assert measurer.block("Two  spaces", 3).lines == ("Two  spaces",)
    assert measurer.block("Trailing space ", 3).lines == ("Trailing space ",)
    assert measurer.block("Two\nlines", 3).lines == ("Two", "lines")


def test_an_annotation_goes_below_the_title_and_the_box_grows(qtbot: QtBot) -> None:
    measurer = TextMeasurer()
    plain = measurer.block("Sukhoi Su-30", 2)
    annotated = measurer.block("Sukhoi Su-30", 2, annotation="twin-engine")
    assert annotated.lines == ("Sukhoi Su-30", "✎ twin-engine")
    assert annotated.title_lines == 1
    assert annotated.height == plain.height + plain.line_height
