"""An outline as YAML written the way a person writes the outline format by hand: plain leaves,
compact branches (`Title:` and its children) where a node has nothing else, full nodes with
notes as block scalars otherwise, and a comment saying where it came from."""

from __future__ import annotations

import json
import re

from mindmap.core.formats import RESERVED_KEYS
from mindmap.core.model import Node

# Text that YAML reads back as the same string, unquoted: no indicator first, no `: ` or ` #`,
# no space at either end, nothing YAML would take for a line break or control character.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t\r\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_FLOW_SAFE = re.compile(r"[\w][\w .'-]*")  # a tag inside [ … ] without quotes
_NOT_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\r\u2028\u2029\ufeff]")
_LINE_BREAK_ESCAPES = {"\u2028": "\\L", "\u2029": "\\P", "\x85": "\\N"}


def dump_yaml(root: Node, source: str) -> str:
    """The outline's YAML text; `source` names the file it was converted from."""
    lines = [
        f"# Converted from {source} by mindmap convert: the outline format, to edit by hand.",
    ]
    stack: list[tuple[Node, str, str]] = [(root, "", "")]  # node, first line's lead, the rest's
    while stack:
        node, first, rest = stack.pop()
        nested = _node_lines(node, first, rest, lines)
        children = [(child, nested + "- ", nested + "  ") for child in node.children]
        stack.extend(reversed(children))
    return "\n".join(lines) + "\n"


def _node_lines(node: Node, first: str, rest: str, lines: list[str]) -> str:
    """Append the node's own lines; returns the indentation of its children's list."""
    full = (node.note, node.collapsed, node.color, node.id, node.link, node.tags) != (
        None,
        False,
        None,
        None,
        None,
        (),
    )
    if not full and not node.children and first:
        lines.append(first + scalar(node.title))
        return rest
    if not full and node.title not in RESERVED_KEYS:
        lines.append(first + scalar(node.title) + ":")
        return rest + "  "
    lines.append(f"{first}title: {scalar(node.title)}")
    if node.note is not None:
        lines.extend(_note(node.note, rest))
    if node.collapsed:
        lines.append(f"{rest}collapsed: true")
    if node.color is not None:
        lines.append(f"{rest}color: '{node.color}'")
    if node.id is not None:
        lines.append(f"{rest}id: {scalar(node.id)}")
    if node.link is not None:
        lines.append(f"{rest}link: {scalar(node.link)}")
    if node.tags:
        tags = (tag if _FLOW_SAFE.fullmatch(tag) else _quoted(tag) for tag in node.tags)
        lines.append(f"{rest}tags: [{', '.join(tags)}]")
    if node.children:
        lines.append(f"{rest}children:")
    return rest + "  "


def scalar(text: str) -> str:
    """`text` as a YAML scalar on one line: plain when YAML reads it back unchanged."""
    plain = (
        _PLAIN.fullmatch(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
    )
    return text if plain else _quoted(text)


def _quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted ones
    for character, escape in _LINE_BREAK_ESCAPES.items():
        quoted = quoted.replace(character, escape)
    return quoted


def _note(note: str, rest: str) -> list[str]:
    """`note: …` on one line when it is one line, else as a literal block keeping every line."""
    if "\n" not in note or _NOT_IN_BLOCK.search(note):
        return [f"{rest}note: {scalar(note)}"]
    body = note.rstrip("\n")
    ends = len(note) - len(body)
    chomp = "-" if ends == 0 else "" if ends == 1 else "+"
    indicator = "2" if note[:1] == " " else ""
    indent = rest + "  "
    text_lines = body.split("\n") + [""] * max(0, ends - 1)
    return [f"{rest}note: |{indicator}{chomp}"] + [
        indent + line if line else "" for line in text_lines
    ]
