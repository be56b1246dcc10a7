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


# Real titles hold full-width punctuation and katakana that look like ASCII: RUF001 is no use.
JAPANESE = (
    "Freeplaneでは、ノードを選んでからF2キーを押すと、"  # noqa: RUF001
    "その場で編集できます。保存はCtrl+Sです。"
)
CHINESE = "思维导图是一种图像式思维的工具，用一个中央关键词引起形象化的构造和分类的想法。"  # noqa: RUF001
NO_LINE_START = "。、，．：！？）」』"  # noqa: RUF001


def test_japanese_and_chinese_break_by_the_unicode_line_rules(qtbot: QtBot) -> None:
    """No line starts with 。 or 、, none holds only punctuation, and a Latin word stays whole."""
    measurer = TextMeasurer()
    for depth in (1, 2, 3):
        style = level_style(depth)
        metrics = QFontMetricsF(style.font)
        for title in (JAPANESE, CHINESE, JAPANESE + JAPANESE, "𠮷野家の牛丼、美味しい。" * 4):
            lines = measurer.block(title, depth).lines
            assert "".join(lines) == title, (depth, lines)
            assert len(lines) > 1
            assert not any(line[0] in NO_LINE_START for line in lines), (depth, lines)
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            assert widest <= style.max_text_width + 1
            assert not any(line.startswith("plane") for line in lines), (depth, lines)


def test_latin_words_in_a_cjk_title_are_kept_whole(qtbot: QtBot) -> None:
    title = "マインドマップ・ソフトウェアFreeplaneとFreeMindとXMindの比較とそれぞれの使い方のまとめ"
    for depth in (2, 3, 4):
        lines = TextMeasurer().block(title, depth).lines
        assert "".join(lines) == title
        for word in ("Freeplane", "FreeMind", "XMind"):
            assert any(word in line for line in lines), (depth, lines)
