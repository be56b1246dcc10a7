"""Markdown as markmap reads it: headings and nested lists are the nodes, the rest is notes.

A heading is a child of the nearest heading above it of a smaller level (so `#` then `####` is
parent and child); a list item is a child of the heading or item it is written under. The first
paragraph of an item is its title; every other block under a heading or an item (paragraphs,
quotes, code, tables, HTML) is its note, as the Markdown source lines. A link in a title is the
node's link; `<!-- markmap: fold -->` (or `foldAll`) folds; front matter's `title` names the root
and `markmap: {initialExpandLevel: N}` shows N levels, the root the first, as markmap does.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mindmap.core.memory import gc_paused
from mindmap.core.model import Node
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.problems import Problem
from mindmap.core.readers.markdownplain import LIST_RANK, Entry, read_plain
from mindmap.core.readers.tree import NO_TEXT, finish, source_text, warning

# markdown-it stops reading what is nested deeper than maxNesting (20 in CommonMark's preset:
# ten list levels) without a word; deeper is read here, and beyond this cap it is an error.
# A level of list costs markdown-it two frames of Python's stack: 300 stays far from its end.
MAX_NESTING = 300
_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_MARKMAP = re.compile(r"<!--\s*markmap:\s*(\w+)\s*-->")
_ITEM_START = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]*")
# Blocks kept in a note that the map cannot show as they would render: named in a warning.
_SHOWN_AS_TEXT = {"table_open": "a table", "html_block": "an HTML block"}


def parse_markdown(data: bytes | str, path: str) -> ParsedOutline:
    """Parse Markdown text into an outline (see the module's description)."""
    text = source_text(data, path, "Markdown")
    with gc_paused():
        return MarkdownReader(path, text).read()


class MarkdownReader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.warnings: list[Problem] = []
        self.options: dict[str, object] = {}
        self.offset = 0  # lines of front matter before the Markdown
        body = self._front_matter(re.sub(r"\r\n?", "\n", text))
        self.lines = body.split("\n")
        self.body = body
        self.fold_all: list[Node] = []

    def read(self) -> ParsedOutline:
        deepest, kept = MAX_NESTING // 2 - 1, len(self.warnings)  # the front matter's
        done = read_plain(self.lines, top_entry(), self.node_at, inline_tokens, deepest)
        if done is None:  # what the quick way noted of titles it read goes: all is read again
            del self.warnings[kept:]
            self.fold_all.clear()
            done = self.read_tokens(top_entry())
        return self.outline(done)

    def read_tokens(self, top: Entry) -> list[Entry]:
        """Every entry, read from markdown-it's tokens (`top` first, in document order)."""
        stack, done = [top], [top]
        tokens = _PARSER.parse(self.body)
        self._refuse_too_deep(tokens)
        index, lists = 0, 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open" and token.level == 0:
                level = int(token.tag[1])
                while stack[-1].rank >= level:
                    stack.pop()
                entry = Entry(level, self.node_at(token, tokens[index + 1].children))
                stack[-1].node.children.append(entry.node)
                stack.append(entry)
                done.append(entry)
                index += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists += 1
                index += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
                index += 1
            elif kind == "list_item_open":
                index = self._item(tokens, index, LIST_RANK + lists, stack, done)
            elif kind == "list_item_close":
                stack.pop()
                index += 1
            else:
                index = self._block(tokens, index, stack[-1])
        return done

    def _refuse_too_deep(self, tokens: list[Token]) -> None:
        """OutlineError where the nesting reaches the cap, past which markdown-it reads nothing."""
        for token in tokens:
            if token.level >= MAX_NESTING - 2 and token.map is not None:
                line = self.offset + token.map[0] + 1
                message = f"lists or quotes nested over {MAX_NESTING // 2 - 1} deep; "
                message += "the app reads Markdown up to that depth"
                raise OutlineError([Problem(self.path, line, 1, message)])

    def _item(
        self, tokens: list[Token], index: int, rank: int, stack: list[Entry], done: list[Entry]
    ) -> int:
        """A list item's node, titled by its first paragraph; the index after that paragraph."""
        start = tokens[index]
        first = self._line(start)
        marker = _ITEM_START.match(first)
        indent = marker.end() if marker and marker.end() < len(first) else len(first) + 1
        index += 1
        title = tokens[index + 1] if tokens[index].type == "paragraph_open" else None
        entry = Entry(rank, self.node_at(start, title.children if title else None), indent)
        stack[-1].node.children.append(entry.node)
        stack.append(entry)
        done.append(entry)
        return index + 3 if title is not None else index

    def _block(self, tokens: list[Token], index: int, owner: Entry) -> int:
        """A block under a heading or an item, added to its note; the index after the block."""
        token = tokens[index]
        end = index
        if token.nesting == 1:  # a quote, a table, a paragraph: up to its closing token
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        if token.map is None:  # nothing of the source (a closing token of a list's end)
            return end + 1
        line = self.offset + token.map[0] + 1
        what = _SHOWN_AS_TEXT.get(token.type)
        if token.type == "html_block" and _MARKMAP.fullmatch(token.content.strip()):
            what = None
        for inner in tokens[index : end + 1]:
            if inner.type == "inline" and any(c.type == "image" for c in inner.children or ()):
                what = what or "an image"
        if what:
            message = f"{what} is kept in the note as Markdown text; the map shows it as text"
            self.warnings.append(warning(self.path, line, 1, message))
        source = self.lines[token.map[0] : token.map[1]]
        if owner.indent:
            source = [_dedent(text, owner.indent) for text in source]
        owner.blocks.append("\n".join(source).rstrip())
        return end + 1

    def node_at(self, start: Token | int, inline: list[Token] | None) -> Node:
        """The node whose source starts at `start` (a token, or a line's index) titled by the
        inline tokens of its heading or first paragraph (None: it has none)."""
        if isinstance(start, Token):
            assert start.map is not None
            start = start.map[0]
        first = self.lines[start]
        line = self.offset + start + 1
        node = Node(NO_TEXT, line=line, column=len(first) - len(first.lstrip()) + 1)
        if inline is None:
            return node
        parts: list[str] = []
        for child in inline:
            kind = child.type
            if kind == "softbreak":
                parts.append(" ")
            elif kind == "hardbreak":
                parts.append("\n")
            elif kind == "link_open" and node.link is None:
                node.link = str(child.attrs.get("href", "")) or None
            elif kind == "html_inline":
                self._html_in_title(node, child.content)
            elif kind == "image":
                parts.append(child.content)
                message = "an image in a title is shown as its description"
                self.warnings.append(warning(self.path, line, node.column, message))
            else:
                parts.append(child.content)
        title = "".join(parts).strip()
        node.title = title or NO_TEXT
        return node

    def _html_in_title(self, node: Node, html: str) -> None:
        option = _MARKMAP.fullmatch(html.strip())
        if option and option.group(1) in ("fold", "foldAll"):
            node.collapsed = True
            if option.group(1) == "foldAll":
                self.fold_all.append(node)
        elif not html.startswith("<!--"):
            message = f"the HTML tag {html} in a title is left out; its text is shown"
            self.warnings.append(warning(self.path, node.line, node.column, message))

    def _line(self, token: Token) -> str:
        assert token.map is not None
        return self.lines[token.map[0]]

    def _front_matter(self, text: str) -> str:
        """The text after the front matter (`---` … `---`), whose options are kept."""
        if not text.startswith("---\n"):
            return text
        end = _FRONT_MATTER_END.search(text, 4)
        if end is None:
            return text
        try:
            options = yaml.safe_load(text[4 : end.start()])
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
            message = f"the front matter is not YAML and is ignored: {error}".split("\n")[0]
            self.warnings.append(warning(self.path, line, column, message))
            options = None
        if isinstance(options, dict):
            self.options = options
        self.offset = text.count("\n", 0, end.end()) + 1
        return text[end.end() + 1 :]

    def outline(self, done: list[Entry]) -> ParsedOutline:
        """The outline of the entries read: notes joined, the root chosen, folds applied."""
        top = done[0]
        for entry in done:
            if entry.blocks:
                entry.node.note = "\n\n".join(entry.blocks)
        root = top.node
        heads = root.children
        if len(heads) == 1 and done[1].rank <= 6 and root.note is None:
            root = heads[0]
        else:
            title = self.options.get("title")
            root.title = str(title) if title else Path(self.path).stem or NO_TEXT
            if not root.children:
                message = "no headings or lists here: the map is one node, with the text as note"
                self.warnings.append(warning(self.path, 1, 1, message))
        self._fold(root)
        return finish(root, self.path, self.warnings)

    def _fold(self, root: Node) -> None:
        for node in self.fold_all:
            for inner in node.walk():
                inner.collapsed = bool(inner.children) or inner.collapsed
        markmap = self.options.get("markmap")
        level = markmap.get("initialExpandLevel") if isinstance(markmap, dict) else None
        if not isinstance(level, int) or isinstance(level, bool) or level < 0:
            return
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if depth + 1 >= level and node.children:  # markmap counts the root as level 1
                node.collapsed = True
            stack.extend((child, depth + 1) for child in node.children)


def top_entry() -> Entry:
    """The entry above the file's first nodes: the root, unless one heading is alone on top."""
    return Entry(0, Node(NO_TEXT, line=1, column=1))


def inline_tokens(content: str) -> list[Token]:
    """The inline tokens of a title's text (markdown-it's, as in a whole file)."""
    return _PARSER.parseInline(content)[0].children or []


def _dedent(line: str, indent: int) -> str:
    """`line` without up to `indent` leading spaces (a list item's content column)."""
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]
