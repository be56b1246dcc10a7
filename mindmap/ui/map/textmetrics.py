"""Titles wrapped into lines at a level's maximum width: the only bridge from Qt fonts to layout.

Lines are broken here, by word advances measured once per distinct word, and items draw exactly
these lines, so what the layout reserved is what gets painted and nothing is cut off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from PySide6.QtCore import QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetricsF

from mindmap.core.model import Node, Outline
from mindmap.ui.theme import DEEPEST_LEVEL, level_style

NOTE_ROOM = 11.0
EMPTY_WIDTH = 1.6  # a title without text: a small pill this many line heights wide
# Tags as chips below the title, in a smaller font: their room is measured like the title's.
CHIP_SCALE = 0.78  # of the level's font size
CHIP_PAD = 5.0  # inside a chip, left and right
CHIP_GAP = 4.0  # between chips, and between rows of them
CHIP_TOP = 4.0  # between the text and the chips
MAX_CACHED_BLOCKS = 300_000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each
# Scripts written without spaces between words (Chinese, Japanese, Korean, Thai, Lao,
# Myanmar, Khmer): their lines break by the Unicode rules. Other text takes the fast way, by spaces.
_NEEDS_LINE_RULES = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)


class TextBlock(NamedTuple):
    """A wrapped title: its lines, and the size of the box that holds them with padding.

    A named tuple: as immutable as a frozen dataclass, and made in a third of the time (a big
    map makes one per distinct title)."""

    lines: tuple[str, ...]  # the title's lines, then any annotation's (drawn in italics)
    title_lines: int
    note_room: float  # space at the right end for the marker of an author's note
    line_height: float
    width: float
    height: float
    # Tags as chips: (tag, x, y, width), x and y from the text's top left corner.
    chips: tuple[tuple[str, float, float, float], ...] = ()
    chip_height: float = 0.0

    @property
    def empty(self) -> bool:
        """Whether the title has no text (an image node or a spacer of a real map)."""
        return not any(line.strip() for line in self.lines[: self.title_lines])


class TextMeasurer:
    """Wraps titles per level, with a cache of word widths (titles share most of their words)."""

    def __init__(self) -> None:
        self._fonts: dict[int, _LevelFont] = {}
        # Blocks by (title, level, note, annotation): a reload re-measures nothing that did not
        # change, and the same block lets the scene see that an item's look did not change.
        self._blocks: dict[tuple[str, int, bool, str], TextBlock] = {}

    def _level(self, depth: int) -> int:
        return min(depth, DEEPEST_LEVEL)

    def block(
        self,
        title: str,
        depth: int,
        has_note: bool = False,
        annotation: str = "",
        tags: tuple[str, ...] = (),
    ) -> TextBlock:
        """The wrapped title of a node at `depth`; an annotation's text goes below it, then
        the tags as chips."""
        level = self._level(depth)
        key = (title, level, has_note, annotation, tags)
        block = self._blocks.get(key)
        if block is None:
            if len(self._blocks) > MAX_CACHED_BLOCKS:
                self._blocks.clear()
            block = self._blocks[key] = self._measure(title, level, has_note, annotation, tags)
        return block

    def _measure(
        self, title: str, level: int, has_note: bool, annotation: str, tags: tuple[str, ...]
    ) -> TextBlock:
        font = self._fonts.get(level)
        if font is None:
            font = self._fonts[level] = _LevelFont(level)
        lines, text_width = self._wrap(title, font)
        if not title or title.isspace():
            lines, text_width = [""], font.line_height * EMPTY_WIDTH
        title_lines = len(lines)
        if annotation and annotation.strip():
            text = "✎ " + annotation.strip()
            more, more_width = self._wrap(text, font)
            lines += more
            text_width = max(text_width, more_width)
        note_room = NOTE_ROOM if has_note else 0.0
        height = font.line_height * len(lines)
        chips: tuple[tuple[str, float, float, float], ...] = ()
        if tags:
            chips, chips_width, chips_height = _chips(tags, font, height + CHIP_TOP)
            text_width = max(text_width, chips_width)
            height += CHIP_TOP + chips_height
        return TextBlock(
            tuple(lines),
            title_lines,
            note_room,
            font.line_height,
            text_width + font.pad_x2 + note_room,
            height + font.pad_y2,
            chips,
            font.chip_height if tags else 0.0,
        )

    def _wrap(self, title: str, font: _LevelFont) -> tuple[list[str], float]:
        """Greedy word wrap; a word wider than the line is split between characters."""
        metrics, max_width, known = font.metrics, font.max_width, font.words
        space = font.advance(" ")
        lines: list[str] = []
        widest = 0.0
        for paragraph in title.splitlines() or [""]:
            words = paragraph.split(" ")
            try:
                widths = [known[word] for word in words]
            except KeyError:
                widths = [font.advance(word) for word in words]
            fits = sum(widths) + space * (len(words) - 1)
            if fits <= max_width and "" not in words:  # most titles: one line, as the loop
                lines.append(paragraph)  # below would find, word by word
                widest = max(widest, fits)
                continue
            if not paragraph.isascii() and _NEEDS_LINE_RULES.search(paragraph):
                widest = max(widest, self._wrap_by_rules(paragraph, font, lines))
                continue
            line, line_width = "", 0.0
            for word, width in zip(words, widths, strict=True):
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

    def _wrap_by_rules(self, paragraph: str, font: _LevelFont, lines: list[str]) -> float:
        """Greedy wrap at the Unicode line-break opportunities (UAX #14): never before 。 or 、,
        never inside a Latin word; adds the lines, returns the widest one's width."""
        metrics, max_width = font.metrics, font.max_width
        line, line_width, gap, widest = "", 0.0, "", 0.0
        for segment in _line_segments(paragraph):
            core = segment.rstrip(" ")
            width = font.advance(core)
            gap_width = font.advance(gap) if line and gap else 0.0
            if line and line_width + gap_width + width > max_width:
                lines.append(line)
                widest = max(widest, line_width)
                line, line_width, gap_width = "", 0.0, 0.0
            if not line and width > max_width:
                pieces = self._split_word(core, metrics, max_width)
                lines.extend(pieces[:-1])
                widest = max(widest, max_width)
                line, width = pieces[-1], metrics.horizontalAdvance(pieces[-1])
                line_width = width
            elif line:
                line, line_width = line + gap + core, line_width + gap_width + width
            else:
                line, line_width = core, width
            gap = segment[len(core) :]
        lines.append(line)
        return max(widest, line_width)

    @staticmethod
    def _split_word(word: str, metrics: QFontMetricsF, max_width: float) -> list[str]:
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if metrics.horizontalAdvance(word[start:end]) > max_width and end - start > 1:
                pieces.append(word[start : end - 1])
                start = end - 1
        pieces.append(word[start:])
        return pieces


def _line_segments(text: str) -> list[str]:
    """`text` cut at its line-break opportunities, each piece with its trailing spaces."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    index_at: list[int] | None = None  # the finder counts UTF-16 units; Python, characters
    if _ASTRAL.search(text):
        index_at = []
        for index, char in enumerate(text):
            index_at += [index, index] if ord(char) > 0xFFFF else [index]
        index_at.append(len(text))
    segments, start = [], 0
    position = finder.toNextBoundary()
    while position != -1:
        end = index_at[position] if index_at is not None else position
        if end > start:
            segments.append(text[start:end])
            start = end
        position = finder.toNextBoundary()
    if start < len(text):
        segments.append(text[start:])
    return segments


def chip_font(level_font: QFont) -> QFont:
    """The font of tag chips at a level whose titles are in `level_font`."""
    font = QFont(level_font)
    font.setPointSizeF(level_font.pointSizeF() * CHIP_SCALE)
    font.setWeight(QFont.Weight.Normal)
    return font


def _chips(
    tags: tuple[str, ...], font: _LevelFont, top: float
) -> tuple[tuple[tuple[str, float, float, float], ...], float, float]:
    """Tags laid out as chips in rows no wider than the level's lines, from `top`; returns
    the chips, the widest row's width and the rows' height."""
    chips, x, y, widest = [], 0.0, top, 0.0
    for tag in tags:
        width = font.chip_advance(tag) + 2 * CHIP_PAD
        if x > 0 and x + width > font.max_width:
            x, y = 0.0, y + font.chip_height + CHIP_GAP
        chips.append((tag, x, y, width))
        widest = max(widest, x + width)
        x += width + CHIP_GAP
    return tuple(chips), widest, y + font.chip_height - top


class _LevelFont:
    """What measuring a level's titles needs, looked up once: Qt calls cost in a hot loop."""

    __slots__ = (
        "chip_height",
        "chip_metrics",
        "line_height",
        "max_width",
        "metrics",
        "pad_x2",
        "pad_y2",
        "words",
    )

    def __init__(self, level: int) -> None:
        style = level_style(level)
        self.metrics = QFontMetricsF(style.font)
        self.chip_metrics = QFontMetricsF(chip_font(style.font))
        self.chip_height = self.chip_metrics.height() + 2
        self.max_width = style.max_text_width
        self.line_height = self.metrics.lineSpacing()
        self.pad_x2, self.pad_y2 = 2 * style.pad_x, 2 * style.pad_y
        self.words: dict[str, float] = {}  # advances of the words met so far

    def chip_advance(self, tag: str) -> float:
        """A tag's width in the chip font (kept with the words: tags repeat even more)."""
        key = "\0" + tag  # no word starts with a NUL: the two kinds never mix
        width = self.words.get(key)
        if width is None:
            width = self.words[key] = self.chip_metrics.horizontalAdvance(tag)
        return width

    def advance(self, word: str) -> float:
        width = self.words.get(word)
        if width is None:
            width = self.words[word] = self.metrics.horizontalAdvance(word)
        return width


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
        annotation = texts.get(node.key, "")
        blocks[node.key] = measurer.block(node.title, depth, note, annotation, node.tags)
        stack.extend((child, depth + 1) for child in node.children)
    return blocks


class LazyBlocks(Mapping[str, TextBlock]):
    """Every node's wrapped block by key, as `measure_outline` gives them, each measured when
    first asked for: a folded map measures what it shows, not what it hides. Depths count from
    `root` (a focused branch is drawn as the map's root), the outline's root by default; only
    the nodes of its subtree can be asked for."""

    def __init__(
        self,
        outline: Outline,
        measurer: TextMeasurer,
        annotations: Mapping[str, str] | None = None,
        root: str | None = None,
    ) -> None:
        self._outline, self._measurer, self._texts = outline, measurer, annotations or {}
        self._blocks: dict[str, TextBlock] = {}
        self.root = root if root is not None else outline.root.key
        self._depths = {self.root: 0}  # of the nodes measured and their ancestors

    @property
    def measured(self) -> int:
        """How many blocks were measured so far."""
        return len(self._blocks)

    def __getitem__(self, key: str) -> TextBlock:
        block = self._blocks.get(key)
        if block is None:
            node = self._outline.by_key[key]
            block = self._blocks[key] = self._measurer.block(
                node.title,
                self._depth(key),
                node.note is not None,
                self._texts.get(key, ""),
                node.tags,
            )
        return block

    def _depth(self, key: str) -> int:
        """The node's depth, from the nearest ancestor whose depth is known (parents are
        usually measured first, so this is one step)."""
        depths, parent_of = self._depths, self._outline.parent_of
        chain: list[str] = []
        depth = depths.get(key)
        while depth is None:
            chain.append(key)
            key = parent_of[key].key  # type: ignore[union-attr] - the root's depth is known
            depth = depths.get(key)
        for known in reversed(chain):
            depth += 1
            depths[known] = depth
        return depth

    def __contains__(self, key: object) -> bool:
        return key in self._outline.by_key

    def __iter__(self) -> Iterator[str]:
        return iter(self._outline.by_key)

    def __len__(self) -> int:
        return len(self._outline.by_key)
