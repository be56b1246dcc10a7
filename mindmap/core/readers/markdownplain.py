"""The quick way through Markdown that is only an outline: headings, list items of one line and
plain paragraphs. markdown-it-py spends most of a big file's load in its block parser (five times
the YAML's for 10,000 nodes); a file made only of these lines has one reading that is easy to be
sure of, and is read here line by line, with markdown-it still parsing any title that holds
inline markup. Anything else (quotes, code, tables, HTML, lazy lines, a title over two lines)
and the whole file goes to markdown-it: this module says None. The two readings are compared on
generated files in tests/core/test_markdown_plain.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token

from mindmap.core.model import Node

_ATX = re.compile(r"( {0,3})(#{1,6})(?: +(.*?))?(?: +#+)? *$")
_CLOSING = re.compile(r"(?:^| +)#+ *$")
_ITEM = re.compile(r"( *)([-+*]|(\d{1,9})[.)])( {1,4})(\S.*)$")
# Line starts that begin some other block, or could: these lines are left to markdown-it.
_BLOCKISH = re.compile(
    r"[#>`~=<]|[-+*](?: |$)|\d{1,9}[.)](?: |$)|\[[^\]]*\]:|(?:[-*_] *){3,}$|-+ *$"
)
_NOT_PLAIN_LINE = re.compile(r"[\t\x0b\x0c|]|!\[")
_INLINE = re.compile(r"[\\`*_\[\]<>&!~]")  # a title with these goes through markdown-it
LIST_RANK = 10  # list items rank below every heading (1 to 6), deeper lists lower still


@dataclass(slots=True)
class Entry:
    """A node being built: where it ranks for nesting, and its note's blocks so far."""

    rank: int
    node: Node
    indent: int = 0  # the item's content column: stripped from its note's lines
    blocks: list[str] = field(default_factory=list)


NodeAt = Callable[[int, "list[Token] | None"], Node]
ParseInline = Callable[[str], "list[Token]"]


class _NotPlainError(Exception):
    """A line this reading is not sure of: markdown-it reads the file."""


def read_plain(
    lines: list[str], top: Entry, node_at: NodeAt, parse_inline: ParseInline, max_depth: int
) -> list[Entry] | None:
    """Every entry made (`top` first, in document order), or None when the file is not plain
    (or its lists reach `max_depth`)."""
    try:
        return _Scan(lines, top, node_at, parse_inline, max_depth).run()
    except _NotPlainError:
        return None


class _Scan:
    def __init__(
        self,
        lines: list[str],
        top: Entry,
        node_at: NodeAt,
        parse_inline: ParseInline,
        max_depth: int,
    ) -> None:
        self.lines, self.node_at, self.parse_inline = lines, node_at, parse_inline
        self.max_depth = max_depth
        self.stack = [top]  # the open headings, then the open items (their indent > 0)
        self.done = [top]
        self.block: list[str] | None = None  # the lines of the paragraph being read
        self.owner = top

    def run(self) -> list[Entry]:
        after_title = False  # the line before was an item's title: a next text line joins it
        for index, line in enumerate(self.lines):
            text = line.lstrip(" ")
            if not text:
                self._end_block()
                after_title = False
                continue
            if _NOT_PLAIN_LINE.search(line):
                raise _NotPlainError
            indent = len(line) - len(text)
            heading = _ATX.match(line) if text[0] == "#" else None
            item = _ITEM.match(line) if heading is None else None
            if heading is not None:
                self._heading(index, heading)
            elif item is not None:
                self._item(index, item, interrupting=after_title or self.block is not None)
            elif after_title or _BLOCKISH.match(text):
                raise _NotPlainError  # a title over two lines, or another block
            elif self.block is not None:
                self.block.append(line)  # the paragraph goes on
            else:
                self._paragraph(line, indent)
            after_title = item is not None
        self._end_block()
        return self.done

    def _innermost_column(self) -> int:
        entry = self.stack[-1]
        return entry.indent if entry.rank >= LIST_RANK else 0

    def _close_items(self, indent: int) -> None:
        """Close the items whose content starts right of `indent`."""
        while self.stack[-1].rank >= LIST_RANK and self.stack[-1].indent > indent:
            self.stack.pop()
        if indent >= self._innermost_column() + 4:
            raise _NotPlainError  # indented code, or a lazy line

    def _heading(self, index: int, match: re.Match[str]) -> None:
        self._end_block()
        items = [entry for entry in self.stack if entry.rank >= LIST_RANK]
        if items and len(match.group(1)) >= items[0].indent:
            raise _NotPlainError  # a heading inside an item
        del self.stack[len(self.stack) - len(items) :]
        level = len(match.group(2))
        while self.stack[-1].rank >= level:
            self.stack.pop()
        content = _CLOSING.sub("", match.group(3) or "").strip()
        self._open(Entry(level, self._node(index, content)))

    def _item(self, index: int, match: re.Match[str], *, interrupting: bool) -> None:
        indent, marker, number, spaces, content = match.groups()
        if _BLOCKISH.match(content):
            raise _NotPlainError
        if interrupting and number not in (None, "1") and len(indent) >= self._innermost_column():
            raise _NotPlainError  # only `1.` may interrupt a paragraph: else it goes on
        self._end_block()
        self._close_items(len(indent))
        depth = sum(1 for entry in self.stack if entry.rank >= LIST_RANK)
        if depth + 1 >= self.max_depth:
            raise _NotPlainError  # markdown-it says where it stops
        column = len(indent) + len(marker) + len(spaces)
        self._open(Entry(LIST_RANK + depth + 1, self._node(index, content.strip()), column))

    def _paragraph(self, line: str, indent: int) -> None:
        self._close_items(indent)
        self.owner = self.stack[-1]
        self.block = [line]

    def _open(self, entry: Entry) -> None:
        self.stack[-1].node.children.append(entry.node)
        self.stack.append(entry)
        self.done.append(entry)

    def _node(self, index: int, content: str) -> Node:
        if _INLINE.search(content):
            return self.node_at(index, self.parse_inline(content))
        node = self.node_at(index, None)
        if content:
            node.title = content
        return node

    def _end_block(self) -> None:
        if self.block is None:
            return
        owner, lines = self.owner, self.block
        if owner.indent:
            lines = [line[min(owner.indent, len(line) - len(line.lstrip(" "))) :] for line in lines]
        owner.blocks.append("\n".join(lines).rstrip())
        self.block = None
