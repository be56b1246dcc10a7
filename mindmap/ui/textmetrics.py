"""Titles wrapped into lines at a level's maximum width: the only bridge from Qt fonts to layout.

Lines are broken here, by word advances measured once per distinct word, and items draw exactly
these lines, so what the layout reserved is what gets painted and nothing is cut off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QFontMetricsF

from mindmap.core.model import Node
from mindmap.ui.theme import level_style

NOTE_ROOM = 11.0
MAX_CACHED_BLOCKS = 300_000


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A wrapped title: its lines, and the size of the box that holds them with padding."""

    lines: tuple[str, ...]  # the title's lines, then any annotation's (drawn in italics)
    title_lines: int
    note_room: float  # space at the right end for the marker of an author's note
    line_height: float
    width: float
    height: float


class TextMeasurer:
    """Wraps titles per level, with a cache of word widths (titles share most of their words)."""

    def __init__(self) -> None:
        self._metrics: dict[int, QFontMetricsF] = {}
        self._words: dict[tuple[int, str], float] = {}
        # Blocks by (title, level, note): a reload re-measures nothing that did not change, and
        # the same block lets the scene see that an item's look did not change either.
        self._blocks: dict[tuple[str, int, bool], TextBlock] = {}

    def _level(self, depth: int) -> int:
        return min(depth, 3)

    def block(
        self, title: str, depth: int, has_note: bool = False, annotation: str = ""
    ) -> TextBlock:
        """The wrapped title of a node at `depth`; an annotation's text goes below it."""
        level = self._level(depth)
        key = (title, level, has_note, annotation)
        block = self._blocks.get(key)
        if block is None:
            if len(self._blocks) > MAX_CACHED_BLOCKS:
                self._blocks.clear()
            block = self._blocks[key] = self._measure(title, level, has_note, annotation)
        return block

    def _measure(self, title: str, level: int, has_note: bool, annotation: str) -> TextBlock:
        style = level_style(level)
        metrics = self._metrics.get(level)
        if metrics is None:
            metrics = self._metrics[level] = QFontMetricsF(style.font)
        lines, text_width = self._wrap(title, level, metrics, style.max_text_width)
        title_lines = len(lines)
        if annotation.strip():
            more, more_width = self._wrap(
                "✎ " + annotation.strip(), level, metrics, style.max_text_width
            )
            lines += more
            text_width = max(text_width, more_width)
        line_height = metrics.lineSpacing()
        height = line_height * len(lines) + 2 * style.pad_y
        note_room = NOTE_ROOM if has_note else 0.0
        return TextBlock(
            tuple(lines),
            title_lines,
            note_room,
            line_height,
            text_width + 2 * style.pad_x + note_room,
            height,
        )

    def _advance(self, level: int, word: str, metrics: QFontMetricsF) -> float:
        key = (level, word)
        width = self._words.get(key)
        if width is None:
            width = self._words[key] = metrics.horizontalAdvance(word)
        return width

    def _wrap(
        self, title: str, level: int, metrics: QFontMetricsF, max_width: float
    ) -> tuple[list[str], float]:
        """Greedy word wrap; a word wider than the line is split between characters."""
        space = self._advance(level, " ", metrics)
        lines: list[str] = []
        widest = 0.0
        for paragraph in title.splitlines() or [""]:
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                width = self._advance(level, word, metrics)
                if width > max_width:
                    if line:
                        lines.append(line)
                        widest = max(widest, line_width)
                    pieces = self._split_word(word, metrics, max_width)
                    lines.extend(pieces[:-1])
                    widest = max(widest, max_width)
                    line = pieces[-1]
                    line_width = metrics.horizontalAdvance(line)
                elif not line:
                    line, line_width = word, width
                elif line_width + space + width <= max_width:
                    line, line_width = f"{line} {word}", line_width + space + width
                else:
                    lines.append(line)
                    widest = max(widest, line_width)
                    line, line_width = word, width
            lines.append(line)
            widest = max(widest, line_width)
        # Joined words can be a little wider than the sum of their advances (kerning, shaping).
        return lines, widest + 1.0

    @staticmethod
    def _split_word(word: str, metrics: QFontMetricsF, max_width: float) -> list[str]:
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if metrics.horizontalAdvance(word[start:end]) > max_width and end - start > 1:
                pieces.append(word[start : end - 1])
                start = end - 1
        pieces.append(word[start:])
        return pieces


def measure_outline(
    root: Node, measurer: TextMeasurer, annotations: Mapping[str, str] | None = None
) -> dict[str, TextBlock]:
    """The wrapped block of every node, by key, with the annotation texts given (for exports)."""
    blocks: dict[str, TextBlock] = {}
    texts = annotations or {}
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        note = node.note is not None
        blocks[node.key] = measurer.block(node.title, depth, note, texts.get(node.key, ""))
        stack.extend((child, depth + 1) for child in node.children)
    return blocks
