"""Write an outline in any format the app reads, chosen by the target's suffix, and say what the
target cannot hold: nothing is dropped without a warning.

What a format has no place for (Markdown has no ids, colours or tags; OPML no colours) is
named before writing; then the text written is read back with the target's own reader and
compared with the outline, so that anything else that did not survive (a note that Markdown
reads as a list, a character XML cannot hold) is named too, at its node's place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mindmap.core.atomicfile import write_atomic
from mindmap.core.formats import FORMATS, format_of
from mindmap.core.model import Node, Outline
from mindmap.core.outline import OutlineError
from mindmap.core.problems import Problem
from mindmap.core.readers import parse_any
from mindmap.core.readers.tree import warning
from mindmap.core.sidecar import sidecar_path
from mindmap.core.writers.freemindout import dump_freemind
from mindmap.core.writers.markdownout import dump_markdown
from mindmap.core.writers.opmlout import dump_opml
from mindmap.core.writers.yamlout import dump_yaml

Dumper = Callable[[Node, str], str]
FIELDS = ("note", "collapsed", "color", "id", "link", "tags")
_ALL = frozenset(FIELDS)
# format name → (writer, the node fields it holds besides the title and the children)
WRITERS: dict[str, tuple[Dumper, frozenset[str]]] = {
    "YAML": (dump_yaml, _ALL),
    "Markdown": (dump_markdown, frozenset({"note", "collapsed", "link"})),
    "OPML": (dump_opml, _ALL - {"color"}),
    "FreeMind": (dump_freemind, _ALL),
}
MAX_DIFFERENCES = 20  # nodes named one by one; then only how many more


class ConvertError(Exception):
    """The target cannot be written (an unknown suffix, the source itself, a failed write)."""


@dataclass(slots=True)
class Converted:
    """The outline's text in the target format, that format's name, and what it does not hold."""

    text: str
    format: str
    warnings: list[Problem]


def render(outline: Outline, target: str | Path) -> Converted:
    """The outline as the text of `target`'s format, and what that text does not carry."""
    suffix = Path(target).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise ConvertError(f"{target}: unknown format '{suffix}'; write to one of {known}")
    name = format_of(target)
    dump, holds = WRITERS[name]
    warnings = _not_held(outline, name, holds)
    text = dump(outline.root, Path(outline.path).name)
    warnings += _read_back(outline, text, target, holds)
    return Converted(text, name, warnings)


def convert(outline: Outline, target: str | Path, *, replace: bool = False) -> Converted:
    """Write the outline to `target` atomically, in the format its suffix names. An existing
    file is replaced only when `replace` says so; the source and its annotations never."""
    resolved, source = Path(target).resolve(), Path(outline.path).resolve()
    if resolved == source:
        raise ConvertError(f"{target}: is the file being converted; write to another file")
    if resolved == sidecar_path(source).resolve():
        raise ConvertError(f"{target}: is the outline's annotations file; write to another file")
    if not replace and os.path.lexists(target):
        raise ConvertError(f"{target}: exists already; add --force to replace it")
    converted = render(outline, target)
    try:
        write_atomic(target, converted.text.encode("utf-8"))
    except OSError as error:
        raise ConvertError(f"{target}: cannot write the file: {error.strerror}") from None
    return converted


def _not_held(outline: Outline, name: str, holds: frozenset[str]) -> list[Problem]:
    """One warning per field that some nodes have and the format cannot hold."""
    found: dict[str, list[Node]] = {}
    for node in outline.root.walk():
        for field in _ALL - holds:
            if getattr(node, field) not in (None, ()):
                found.setdefault(field, []).append(node)
    problems = []
    for field, nodes in sorted(found.items()):
        first = nodes[0]
        count = f"{len(nodes)} node{'s' if len(nodes) > 1 else ''}"
        message = f"{name} has no place for a node's {field}: left out of {count}, first here"
        problems.append(warning(outline.path, first.line, first.column, message))
    return problems


def _read_back(
    outline: Outline, text: str, target: str | Path, holds: frozenset[str]
) -> list[Problem]:
    """Warnings for every node whose text or settings read back differently from `target`."""
    try:
        again = parse_any(text, str(target)).outline
    except OutlineError as error:  # a writer's fault, but still said, never hidden
        message = f"the written file does not read back: {error.problems[0].message}"
        return [warning(outline.path, 1, 1, message)]
    compared = [f for f in FIELDS if f in holds]
    problems: list[Problem] = []
    pairs = [(outline.root, again.root)]
    while pairs:
        before, after = pairs.pop()
        lost = [f for f in compared if _value(before, f) != _value(after, f)]
        if before.title != after.title:
            lost.insert(0, "title")
        if len(before.children) != len(after.children):
            lost.append("children")
        else:
            pairs.extend(zip(before.children, after.children, strict=True))
        if lost:
            problems.append(_changed(outline.path, before, lost, Path(target).name))
    problems.sort(key=lambda problem: (problem.line, problem.column))
    if len(problems) > MAX_DIFFERENCES:
        more = len(problems) - MAX_DIFFERENCES
        problems = problems[:MAX_DIFFERENCES]
        problems.append(warning(outline.path, 0, 0, f"and {more} more nodes read back changed"))
    return problems


def _value(node: Node, field: str) -> object:
    value = getattr(node, field)
    return value and bool(node.children) if field == "collapsed" else value  # a leaf's fold


def _changed(path: str, node: Node, fields: list[str], target: str) -> Problem:
    what = " and ".join("fold" if field == "collapsed" else field for field in fields)
    title = node.title.split("\n")[0][:40]
    message = f"the {what} of '{title}' read back differently from {target}"
    return warning(path, node.line, node.column, message)
