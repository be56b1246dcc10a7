"""YAML read as plain raw nodes with their lines and columns, safely, for every file we read.

The parser's events (libyaml's C parser when PyYAML has it) are put together here, iteratively:
scalars stay exactly as typed (`yes`, `1.10` and `~` are text), no tag constructs an object,
aliases are refused where they appear, and nesting depth is capped, so no file can run away with
time, memory or the stack. Syntax errors become one line: `FILE:LINE:COL: what is wrong`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any, Final

import yaml

from mindmap.core.problems import FileProblemError, Problem

Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# YAML collections inside each other, as libyaml >= 0.2.5 allows; an outline level takes two.
MAX_DEPTH = 1_000
# List items (nodes, and their tags) in one file: a 1,000,000-node outline has about 1.04 million;
# a flow list of millions of one-letter items stops here, before it takes gigabytes.
MAX_NODES = 1_500_000
SCALAR, SEQ, MAP = 0, 1, 2
CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "seq", "map", "null", "bool", "int", "float", "timestamp")
}
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
_KIND_NAMES = {SEQ: "a list", MAP: "a mapping"}
# An unclosed bracket is reported where it opens (where the parser gave up is lines later).
_FLOW_CONTEXTS = {
    "while parsing a flow sequence": ("[", "a list", "]"),
    "while parsing a flow mapping": ("{", "a mapping", "}"),
}
EMPTY_FILE = "the file is empty; expected a root node such as 'My topic:' with its children"
MAX_KEY_CHARS = 1024  # libyaml's limit on a key written without 'title:'
# Characters that libyaml reads as line breaks and editors show as no break at all.
_UNICODE_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})
_UNICODE_BREAK = re.compile("[\x85\u2028\u2029]")
_BLOCK_STYLES = ("|", ">")
# Characters YAML does not allow in a file.
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# A raw YAML node is a plain tuple (a named one costs 60 ms more per 100,000 nodes), read by
# these indices: its kind (SCALAR, SEQ, MAP); its value, the text of a scalar, a list of raw nodes
# for a sequence, a list of (key, value) pairs for a mapping; its tag; its line and column,
# counting from 1.
KIND: Final = 0
VALUE: Final = 1
TAG: Final = 2
LINE: Final = 3
COLUMN: Final = 4
Raw = tuple[int, Any, str | None, int, int]


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is dropped); anything else is an error at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        message = f"the file is not UTF-8 text (byte 0x{byte:02x}); save it with UTF-8 encoding"
        raise FileProblemError([Problem(path, line, column, message)]) from None


def unicode_breaks_as_spaces(text: str) -> str:
    """U+0085, U+2028 and U+2029 as spaces, as an editor shows them (text pasted from the web
    or a word processor has them): libyaml would break lines there and miscount every line
    after. Same length, so columns hold. Escaped ones (`\\L` in quotes) are left alone."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return text.translate(_UNICODE_BREAKS)
    return text


def compose(text: str, path: str) -> Raw:
    """The document's root as a raw node (see `Raw`); FileProblemError says what is wrong.

    Unicode line breaks are read as spaces (see `unicode_breaks_as_spaces`), except that a
    quoted or plain text continued on the next line after one reads as YAML reads it: one
    space where the break was, without the next line's indentation.
    """
    source, text = text, unicode_breaks_as_spaces(text)
    # Searched for only when there are some: a regex scan of 90 MB costs about 0.6 s.
    breaks = [found.start() for found in _UNICODE_BREAK.finditer(source)] if text != source else []
    try:
        root = _build(yaml.parse(text, Loader=Loader), source, breaks, path)
    except yaml.MarkedYAMLError as error:
        raise FileProblemError([_syntax_problem(error, text, path)]) from None
    except (yaml.YAMLError, UnicodeEncodeError):  # a character YAML (or UTF-8) does not allow
        raise FileProblemError([_character_problem(text, path)]) from None
    if root is None:
        raise FileProblemError([Problem(path, 1, 1, EMPTY_FILE)])
    return root


def _build(events: Iterator[Any], source: str, breaks: list[int], path: str) -> Raw | None:
    """Raw nodes from the parser's events (typed by their class, as the loop tests it)."""
    stack: list[list[Any]] = []  # open collections: [items, is_mapping, pending key or None]
    root: Raw | None = None
    documents = listed = 0
    most = MAX_NODES
    for event in events:
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            mark = event.start_mark
            value = event.value
            if breaks and event.style not in _BLOCK_STYLES:
                value = _folded(source, breaks, mark.index, event.end_mark.index, value)
            node: Raw = (SCALAR, value, event.tag, mark.line + 1, mark.column + 1)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            mark = event.start_mark
            if len(stack) >= MAX_DEPTH:
                raise FileProblemError([Problem(path, mark.line + 1, mark.column + 1, _TOO_DEEP)])
            is_map = kind is yaml.MappingStartEvent
            items: list[Any] = []
            node = (MAP if is_map else SEQ, items, event.tag, mark.line + 1, mark.column + 1)
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            stack.pop()
            continue
        else:
            documents = _other_event(event, path, documents)
            continue
        if stack:
            top = stack[-1]
            if not top[1]:
                top[0].append(node)
                listed += 1
                if listed > most:
                    message = (
                        f"more than {most:,} nodes; an outline holds at most {most:,}, "
                        "split it into several files"
                    )
                    raise FileProblemError([Problem(path, node[LINE], node[COLUMN], message)])
            elif top[2] is None:
                top[2] = node
            else:
                top[0].append((top[2], node))
                top[2] = None
        else:
            root = node
        if node[KIND] != SCALAR:
            stack.append([node[VALUE], node[KIND] == MAP, None])
    return root


def _other_event(event: Any, path: str, documents: int) -> int:
    """Refuse an alias or a second document; returns the documents started so far."""
    mark = event.start_mark
    if event.__class__ is yaml.AliasEvent:
        message = (
            f"aliases (*{event.anchor}) are not supported in an outline; write the node out in full"
        )
        raise FileProblemError([Problem(path, mark.line + 1, mark.column + 1, message)])
    if event.__class__ is yaml.DocumentStartEvent:
        documents += 1
        if documents > 1:
            message = "a second YAML document starts here; an outline file holds one root"
            raise FileProblemError([Problem(path, mark.line + 1, mark.column + 1, message)])
    return documents


def _character_problem(text: str, path: str) -> Problem:
    """Where the first character that YAML does not allow is (pasted from a PDF, often)."""
    found = _NOT_ALLOWED.search(text)
    if found is None:
        return Problem(path, 1, 1, "invalid YAML: the file cannot be read as YAML text")
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:  # only in a str given to us, never in decoded bytes
        message = f"a lone surrogate (U+{code:04X}) here, which is not a character; remove it"
    else:
        message = f"a control character (U+{code:04X}) here, which YAML does not allow; remove it"
    return Problem(path, line, column, message)


def _folded(source: str, breaks: list[int], start: int, end: int, value: str) -> str:
    """A flow scalar's value with the Unicode breaks in it (at `breaks`) read as YAML reads
    them, as line breaks that fold, each then shown as a space; `value` when it has none."""
    first = bisect.bisect_left(breaks, start)
    if first == len(breaks) or breaks[first] >= end:
        return value
    try:  # the scalar alone, as written: no context changes how a flow scalar folds
        for event in yaml.parse(source[start:end], Loader=Loader):
            if event.__class__ is yaml.ScalarEvent:
                return unicode_breaks_as_spaces(event.value)
    except yaml.YAMLError:
        pass
    return value


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """Turn a YAML syntax error into one line, worded for someone who edits the file by hand."""
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        message = "a tab character here; indent with spaces (YAML does not allow tabs)"
    elif "while scanning a quoted scalar" in (error.context or "") and error.context_mark:
        mark = error.context_mark
        message = "a quoted text starts here and is never closed; add the closing quote"
    elif error.context in _FLOW_CONTEXTS and error.context_mark and mark:
        opened, kind, closing = _FLOW_CONTEXTS[error.context]
        message = (
            f"a '{opened}' opens {kind} here and is never closed (the file reads on to line "
            f"{mark.line + 1}, column {mark.column + 1}); add the closing '{closing}'"
        )
        mark = error.context_mark
    elif problem in _INDENT_PROBLEMS:
        message = "the indentation here does not line up with the lines above; check its spaces"
    elif problem == "exceeded maximum nesting depth":
        message = _TOO_DEEP
    elif (
        problem.startswith("mapping values are not allowed")
        and mark
        and mark.column >= MAX_KEY_CHARS
    ):
        message = (
            f"a 'Title:' longer than {MAX_KEY_CHARS} characters; write the node as "
            "'title: …' with 'children:'"
        )
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


def describe(raw: Raw) -> str:
    """How a wrong value is named in a message: the text of a scalar, else its kind."""
    if raw[KIND] == SCALAR:
        return repr(raw[VALUE]) if raw[VALUE] else "nothing"
    return _KIND_NAMES[raw[KIND]]


def scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each scalar of a well-formed document starts and ends, as (line, column) from 0,
    in order: what lies outside them is structure, or a comment."""
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    events: Iterator[Any] = yaml.parse(text, Loader=Loader)
    for event in events:
        kind = event.__class__  # compared apart: mypy would narrow the event to Mark | None
        if kind is yaml.ScalarEvent:
            start, end = event.start_mark, event.end_mark
            spans.append(((start.line, start.column), (end.line, end.column)))
    return spans
