"""Read an outline file into the model, with exact `FILE:LINE:COL` messages for anything wrong.

The YAML comes as raw nodes with their places (`yamlraw`), so titles stay exactly as typed and
every problem, of syntax or of structure, is reported where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mindmap.core.formats import RESERVED_KEYS
from mindmap.core.keys import KeyIndex
from mindmap.core.memory import gc_paused
from mindmap.core.model import Node, Outline
from mindmap.core.problems import FileProblemError, Problem, Severity
from mindmap.core.yamlraw import (
    COLUMN,
    CORE_TAGS,
    EMPTY_FILE,
    KIND,
    LINE,
    MAP,
    SCALAR,
    SEQ,
    TAG,
    VALUE,
    Raw,
    compose,
    decode,
    describe,
)

MAX_ERRORS = 50
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# Real maps hold nodes without text (images, spacers, summary markers): they load, and say so.
NO_TITLE = "the node has no title; it is shown as an empty box"


class OutlineError(FileProblemError):
    """The outline cannot be loaded; every problem carries its `FILE:LINE:COL`."""


@dataclass(slots=True)
class ParsedOutline:
    outline: Outline
    warnings: list[Problem]


def parse_outline(data: bytes | str, path: str) -> ParsedOutline:
    """Parse outline text (bytes must be UTF-8; a BOM is fine) into an `Outline` with keys."""
    try:
        text = decode(data, path) if isinstance(data, bytes) else data.removeprefix("\ufeff")
        with gc_paused():
            raw = compose(text, path)
            return _Builder(path).build(raw)
    except OutlineError:
        raise
    except FileProblemError as error:
        raise OutlineError(error.problems) from None


class _InvalidNodeError(Exception):
    """A node that cannot be read; the builder records it and goes on with the next one."""

    def __init__(self, raw: Raw, message: str) -> None:
        super().__init__(message)
        self.line = raw[LINE]
        self.column = raw[COLUMN]


class _Builder:
    """Turns raw nodes into the model, collecting every problem instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.ids: dict[str, Raw] = {}

    def build(self, raw: Raw) -> ParsedOutline:
        if raw[KIND] == SEQ:
            message = "the file holds a list; expected one root node, such as 'My topic:' above it"
            raise OutlineError([Problem(self.path, raw[LINE], raw[COLUMN], message)])
        if raw[KIND] == SCALAR and not raw[VALUE] and raw[TAG] is None:  # a file of only '---'
            raise OutlineError([Problem(self.path, 1, 1, EMPTY_FILE)])
        try:
            root, children = self._node(raw)
        except _InvalidNodeError as invalid:
            self._error(invalid)
            raise OutlineError(self.errors) from None
        count, depth = 1, 0
        index = KeyIndex(root)  # keys as the tree is built: no second walk over it
        stack = [(root, children, 0)] if children else []
        while stack and len(self.errors) < MAX_ERRORS:
            parent, items, level = stack.pop()
            depth = max(depth, level + 1)
            siblings = parent.children
            for item in items:
                if len(self.errors) >= MAX_ERRORS:
                    break
                text = item[VALUE]
                # A leaf: a plain string
                if item[KIND] == SCALAR and item[TAG] is None and text and not text.isspace():
                    siblings.append(
                        Node(text, [], None, False, None, None, None, (), item[LINE], item[COLUMN])
                    )
                    continue
                try:
                    child, grandchildren = self._node(item)
                except _InvalidNodeError as invalid:
                    self._error(invalid)
                    continue
                siblings.append(child)
                if grandchildren:
                    stack.append((child, grandchildren, level + 1))
            index.add_children(parent)
            count += len(siblings)
        if self.errors:
            raise OutlineError(sorted(self.errors, key=lambda p: (p.line, p.column)))
        outline = Outline(root, self.path, count, depth, index.by_key, index.parent_of)
        return ParsedOutline(outline, sorted(self.warnings, key=lambda p: (p.line, p.column)))

    def _error(self, invalid: _InvalidNodeError) -> None:
        self.errors.append(Problem(self.path, invalid.line, invalid.column, str(invalid)))

    def _node(self, raw: Raw) -> tuple[Node, list[Raw]]:
        """One node and the raw nodes of its children (read later, so that nothing recurses)."""
        kind, value, _tag, line, column = raw
        _check_tag(raw)
        if kind == SCALAR:
            return Node(self._title(raw, "a node"), line=line, column=column), []
        if kind == SEQ:
            raise _InvalidNodeError(raw, "a node must be a string or a mapping, got a list")
        if not value:
            raise _InvalidNodeError(
                raw, "an empty mapping; expected a node such as 'Title:' or 'title: …'"
            )
        fields: dict[str, tuple[Raw, Raw]] = {}
        for key, item in value:
            name = _text(key, "a key", allow_empty=len(value) == 1)
            if name in fields:
                raise _InvalidNodeError(key, f"the key '{name}' appears twice in this node")
            fields[name] = (key, item)
        if "title" in fields:
            return self._full_node(raw, fields)
        first_key, first_value = value[0]
        first = first_key[VALUE]
        if len(fields) == 1 and first not in RESERVED_KEYS:
            title = self._title(first_key, "a key")
            node = Node(title, line=first_key[LINE], column=first_key[COLUMN])
            return node, self._children(first_value, f"the children of '{first}'")
        if len(fields) == 1:
            raise _InvalidNodeError(raw, f"a node with '{first}' needs a 'title' key too")
        raise _InvalidNodeError(
            raw,
            "a node needs a 'title' key, or exactly one key (its title) followed by its children",
        )

    def _full_node(self, raw: Raw, fields: dict[str, tuple[Raw, Raw]]) -> tuple[Node, list[Raw]]:
        title_key, title_raw = fields.pop("title")
        title = self._title(title_raw, "the title")
        node = Node(title, line=title_key[LINE], column=title_key[COLUMN])
        children: list[Raw] = []
        for name, (key, item) in fields.items():
            if name == "children":
                children = self._children(item, "children")
            elif name == "note":
                node.note = _text(item, "the note", allow_empty=True) or None
            elif name == "collapsed":
                node.collapsed = _flag(item)
            elif name == "color":
                node.color = _color(item)
            elif name == "id":
                node.id = self._id(item)
            elif name == "link":
                node.link = _text(item, "the link")
            elif name == "tags":
                node.tags = _tags(item)
            else:
                expected = ", ".join(RESERVED_KEYS)
                message = f"unknown key '{name}' is ignored; a node's keys are {expected}"
                self.warnings.append(
                    Problem(self.path, key[LINE], key[COLUMN], message, Severity.WARNING)
                )
        return node, children

    def _title(self, raw: Raw, what: str) -> str:
        """A node's title as written; one without text is a warning, not an error."""
        title = _text(raw, what, allow_empty=True)
        if not title or title.isspace():
            problem = Problem(self.path, raw[LINE], raw[COLUMN], NO_TITLE, Severity.WARNING)
            self.warnings.append(problem)
        return title

    def _children(self, raw: Raw, what: str) -> list[Raw]:
        _check_tag(raw)
        if raw[KIND] == SEQ:
            children: list[Raw] = raw[VALUE]
            return children
        if raw[KIND] == SCALAR and not raw[VALUE] and raw[TAG] is None:
            return []
        hint = " (start each child on its own line with '- ')" if raw[KIND] == MAP else ""
        raise _InvalidNodeError(raw, f"{what} must be a list of nodes, got {describe(raw)}{hint}")

    def _id(self, raw: Raw) -> str:
        node_id = _text(raw, "the id")
        if node_id in self.ids:
            first = self.ids[node_id]
            raise _InvalidNodeError(
                raw, f"the id '{node_id}' is already used at line {first[LINE]}"
            )
        self.ids[node_id] = raw
        return node_id


def _check_tag(raw: Raw) -> None:
    tag = raw[TAG]
    if tag is not None and tag != "!" and tag not in CORE_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _InvalidNodeError(
            raw, f"the YAML tag {shown} is not allowed; an outline holds only text"
        )


def _text(raw: Raw, what: str, allow_empty: bool = False) -> str:
    _check_tag(raw)
    if raw[KIND] != SCALAR:
        raise _InvalidNodeError(raw, f"{what} must be text, got {describe(raw)}")
    if not allow_empty and (not raw[VALUE] or raw[VALUE].isspace()):
        raise _InvalidNodeError(raw, f"{what} is empty; expected some text")
    text: str = raw[VALUE]
    return text


def _flag(raw: Raw) -> bool:
    value = _BOOLS.get(_text(raw, "collapsed", allow_empty=True).lower())
    if value is None:
        raise _InvalidNodeError(raw, f"collapsed must be true or false, got {describe(raw)}")
    return value


def _color(raw: Raw) -> str:
    value = _text(raw, "color", allow_empty=True)
    if not value:
        raise _InvalidNodeError(raw, "color is empty; write it in quotes, e.g. color: '#1f77b4'")
    if not _COLOR.fullmatch(value):
        raise _InvalidNodeError(raw, f"color must be a colour like '#1f77b4', got {describe(raw)}")
    return value


def _tags(raw: Raw) -> tuple[str, ...]:
    _check_tag(raw)
    if raw[KIND] != SEQ:
        raise _InvalidNodeError(raw, f"tags must be a list of words, got {describe(raw)}")
    return tuple(_text(item, "a tag") for item in raw[VALUE])
