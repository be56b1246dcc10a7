"""Read an outline file into the model, with exact `FILE:LINE:COL` messages for anything wrong.

The YAML is read as a stream of parser events (libyaml's C parser when PyYAML has it) and put
together here, iteratively: titles stay exactly as typed (`yes`, `1.10` and `~` are text), no tag
ever constructs an object, aliases are refused where they appear, and nesting depth is capped, so
no file can run away with time, memory or the stack.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from mindmap.core.keys import index_nodes
from mindmap.core.model import Node, Outline
from mindmap.core.problems import FileProblemError, Problem, Severity

Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_DEPTH = (
    1_000  # YAML collections inside each other, as libyaml >= 0.2.5 allows; a level takes two
)
MAX_ERRORS = 50
RESERVED = ("title", "children", "note", "collapsed", "color", "id", "link", "tags")
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "seq", "map", "null", "bool", "int", "float", "timestamp")
}
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_SCALAR, _SEQ, _MAP = 0, 1, 2
_TOO_DEEP = (
    f"nested too deeply: more than {MAX_DEPTH:,} YAML levels (about {MAX_DEPTH // 2} outline "
    "levels); flatten the outline"
)
_INDENT_PROBLEMS = {
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>, but found '<block sequence start>'",
    "expected <block end>, but found '<block mapping start>'",
}
_KIND_NAMES = {_SEQ: "a list", _MAP: "a mapping"}


class OutlineError(FileProblemError):
    """The outline cannot be loaded; every problem carries its `FILE:LINE:COL`."""


@dataclass(slots=True)
class ParsedOutline:
    outline: Outline
    warnings: list[Problem]


# A raw YAML node: (kind, value, tag, line, column); value is the text of a scalar, a list of raw
# nodes for a sequence, a list of (key, value) pairs for a mapping. Lines and columns count from 1.
Raw = tuple


def load_outline(path: str | Path) -> ParsedOutline:
    """Read and parse the outline file at `path`."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise OutlineError(
            [Problem(name, 0, 0, f"cannot read the file: {error.strerror}")]
        ) from None
    return parse_outline(data, name)


def parse_outline(data: bytes | str, path: str) -> ParsedOutline:
    """Parse outline text (bytes must be UTF-8; a BOM is fine) into an `Outline` with keys."""
    text = _decode(data, path) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    with _gc_paused():
        raw = _compose(text, path)
        return _Builder(path).build(raw)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: a big load makes many objects and no cycles, and GC passes slow it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        message = f"the file is not UTF-8 text (byte 0x{byte:02x}); save it with UTF-8 encoding"
        raise OutlineError([Problem(path, line, column, message)]) from None


def _compose(text: str, path: str) -> Raw:
    """Put the parser's events together into raw nodes, iteratively, refusing aliases."""
    stack: list[list] = []  # open collections: [items, is_mapping, pending key or None]
    root: Raw | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                mark = event.start_mark
                node: Raw = (_SCALAR, event.value, event.tag, mark.line + 1, mark.column + 1)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                mark = event.start_mark
                if len(stack) >= MAX_DEPTH:
                    raise OutlineError([Problem(path, mark.line + 1, mark.column + 1, _TOO_DEEP)])
                is_map = kind is yaml.MappingStartEvent
                items: list = []
                node = (_MAP if is_map else _SEQ, items, event.tag, mark.line + 1, mark.column + 1)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                message = (
                    f"aliases (*{event.anchor}) are not supported in an outline; "
                    "write the node out in full"
                )
                raise OutlineError([Problem(path, mark.line + 1, mark.column + 1, message)])
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    message = "a second YAML document starts here; an outline file holds one root"
                    raise OutlineError([Problem(path, mark.line + 1, mark.column + 1, message)])
                continue
            else:
                continue
            if stack:
                top = stack[-1]
                if not top[1]:
                    top[0].append(node)
                elif top[2] is None:
                    top[2] = node
                else:
                    top[0].append((top[2], node))
                    top[2] = None
            else:
                root = node
            if node[0] != _SCALAR:
                stack.append([node[1], node[0] == _MAP, None])
    except yaml.MarkedYAMLError as error:
        raise OutlineError([_syntax_problem(error, text, path)]) from None
    if root is None:
        message = "the file is empty; expected a root node such as 'My topic:' with its children"
        raise OutlineError([Problem(path, 1, 1, message)])
    return root


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """Turn a YAML syntax error into one line, worded for someone who edits the file by hand."""
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        message = "a tab character here; indent with spaces (YAML does not allow tabs)"
    elif "while scanning a quoted scalar" in (error.context or "") and error.context_mark:
        mark = error.context_mark
        message = "a quoted text starts here and is never closed; add the closing quote"
    elif problem in _INDENT_PROBLEMS:
        message = "the indentation here does not line up with the lines above; check its spaces"
    elif problem == "exceeded maximum nesting depth":
        message = _TOO_DEEP
    elif problem.startswith("mapping values are not allowed"):
        message = "a ': ' inside a title; put the whole title in quotes"
    else:
        context = f" ({error.context})" if error.context else ""
        message = f"invalid YAML: {problem}{context}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, message)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _describe(raw: Raw) -> str:
    """How a wrong value is named in a message: the text of a scalar, else its kind."""
    if raw[0] == _SCALAR:
        return repr(raw[1]) if raw[1] else "nothing"
    return _KIND_NAMES[raw[0]]


class _InvalidNodeError(Exception):
    """A node that cannot be read; the builder records it and goes on with the next one."""

    def __init__(self, raw: Raw, message: str) -> None:
        super().__init__(message)
        self.line = raw[3]
        self.column = raw[4]


class _Builder:
    """Turns raw nodes into the model, collecting every problem instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.ids: dict[str, Raw] = {}

    def build(self, raw: Raw) -> ParsedOutline:
        if raw[0] == _SEQ:
            message = "the file holds a list; expected one root node, such as 'My topic:' above it"
            raise OutlineError([Problem(self.path, raw[3], raw[4], message)])
        try:
            root, children = self._node(raw)
        except _InvalidNodeError as invalid:
            self._error(invalid)
            raise OutlineError(self.errors) from None
        count, depth = 1, 0
        stack = [(root, children, 0)] if children else []
        while stack and len(self.errors) < MAX_ERRORS:
            parent, items, level = stack.pop()
            depth = max(depth, level + 1)
            siblings = parent.children
            for item in items:
                if item[0] == _SCALAR and item[2] is None and item[1]:  # a plain leaf: most nodes
                    siblings.append(Node(item[1], [], None, False, None, None, None, (), *item[3:]))
                    continue
                try:
                    child, grandchildren = self._node(item)
                except _InvalidNodeError as invalid:
                    self._error(invalid)
                    continue
                siblings.append(child)
                if grandchildren:
                    stack.append((child, grandchildren, level + 1))
            count += len(siblings)
        if self.errors:
            raise OutlineError(self.errors)
        by_key, parent_of = index_nodes(root)
        outline = Outline(root, self.path, count, depth, by_key, parent_of)
        return ParsedOutline(outline, self.warnings)

    def _error(self, invalid: _InvalidNodeError) -> None:
        self.errors.append(Problem(self.path, invalid.line, invalid.column, str(invalid)))

    def _node(self, raw: Raw) -> tuple[Node, list[Raw]]:
        """One node and the raw nodes of its children (read later, so that nothing recurses)."""
        kind, value, _tag, line, column = raw
        _check_tag(raw)
        if kind == _SCALAR:
            return Node(_text(raw, "a node"), line=line, column=column), []
        if kind == _SEQ:
            raise _InvalidNodeError(raw, "a node must be a string or a mapping, got a list")
        if not value:
            raise _InvalidNodeError(
                raw, "an empty mapping; expected a node such as 'Title:' or 'title: …'"
            )
        fields: dict[str, tuple[Raw, Raw]] = {}
        for key, item in value:
            name = _text(key, "a key")
            if name in fields:
                raise _InvalidNodeError(key, f"the key '{name}' appears twice in this node")
            fields[name] = (key, item)
        if "title" in fields:
            return self._full_node(raw, fields)
        first_key, first_value = value[0]
        first = first_key[1]
        if len(fields) == 1 and first not in RESERVED:
            node = Node(first, line=first_key[3], column=first_key[4])
            return node, self._children(first_value, f"the children of '{first}'")
        if len(fields) == 1:
            raise _InvalidNodeError(raw, f"a node with '{first}' needs a 'title' key too")
        raise _InvalidNodeError(
            raw,
            "a node needs a 'title' key, or exactly one key (its title) followed by its children",
        )

    def _full_node(self, raw: Raw, fields: dict[str, tuple[Raw, Raw]]) -> tuple[Node, list[Raw]]:
        title_key, title_raw = fields.pop("title")
        node = Node(_text(title_raw, "the title"), line=title_key[3], column=title_key[4])
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
                expected = ", ".join(RESERVED)
                message = f"unknown key '{name}' is ignored; a node's keys are {expected}"
                self.warnings.append(Problem(self.path, key[3], key[4], message, Severity.WARNING))
        return node, children

    def _children(self, raw: Raw, what: str) -> list[Raw]:
        _check_tag(raw)
        if raw[0] == _SEQ:
            return raw[1]
        if raw[0] == _SCALAR and not raw[1] and raw[2] is None:
            return []
        hint = " (start each child on its own line with '- ')" if raw[0] == _MAP else ""
        raise _InvalidNodeError(raw, f"{what} must be a list of nodes, got {_describe(raw)}{hint}")

    def _id(self, raw: Raw) -> str:
        node_id = _text(raw, "the id")
        if node_id in self.ids:
            first = self.ids[node_id]
            raise _InvalidNodeError(raw, f"the id '{node_id}' is already used at line {first[3]}")
        self.ids[node_id] = raw
        return node_id


def _check_tag(raw: Raw) -> None:
    tag = raw[2]
    if tag is not None and tag != "!" and tag not in _CORE_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _InvalidNodeError(
            raw, f"the YAML tag {shown} is not allowed; an outline holds only text"
        )


def _text(raw: Raw, what: str, allow_empty: bool = False) -> str:
    _check_tag(raw)
    if raw[0] != _SCALAR:
        raise _InvalidNodeError(raw, f"{what} must be text, got {_describe(raw)}")
    if not raw[1] and not allow_empty:
        raise _InvalidNodeError(raw, f"{what} is empty; expected some text")
    return raw[1]


def _flag(raw: Raw) -> bool:
    value = _BOOLS.get(_text(raw, "collapsed", allow_empty=True).lower())
    if value is None:
        raise _InvalidNodeError(raw, f"collapsed must be true or false, got {_describe(raw)}")
    return value


def _color(raw: Raw) -> str:
    value = _text(raw, "color", allow_empty=True)
    if not value:
        raise _InvalidNodeError(raw, "color is empty; write it in quotes, e.g. color: '#1f77b4'")
    if not _COLOR.fullmatch(value):
        raise _InvalidNodeError(raw, f"color must be a colour like '#1f77b4', got {_describe(raw)}")
    return value


def _tags(raw: Raw) -> tuple[str, ...]:
    _check_tag(raw)
    if raw[0] != _SEQ:
        raise _InvalidNodeError(raw, f"tags must be a list of words, got {_describe(raw)}")
    return tuple(_text(item, "a tag") for item in raw[1])
