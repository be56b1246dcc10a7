"""What every reader shares: the text of the file, and the finished outline with its keys."""

from __future__ import annotations

from mindmap.core.keys import KeyIndex
from mindmap.core.model import Node, Outline
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.problems import FileProblemError, Problem, Severity
from mindmap.core.yamlraw import decode

# Shown for a node that has no text (FreeMind and Freeplane allow them, and OPML's `text` may be
# empty): the map needs something to draw and to click.
NO_TEXT = "(no text)"


def source_text(data: bytes | str, path: str, what: str) -> str:
    """The file as text: UTF-8 (a BOM dropped); a binary file is refused at its first NUL."""
    refuse_binary(data, path, what)
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return decode(data, path)
    except FileProblemError as error:
        raise OutlineError(error.problems) from None


def refuse_binary(data: bytes | str, path: str, what: str) -> None:
    """OutlineError at the first NUL: no text format holds one, every binary file does."""
    text = data.decode("latin-1") if isinstance(data, bytes) else data  # one char a byte
    at = text.find("\0")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        message = f"a binary file (a NUL character), not {what} text"
        raise OutlineError([Problem(path, line, column, message)])


def warning(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, message, Severity.WARNING)


def finish(root: Node, path: str, warnings: list[Problem]) -> ParsedOutline:
    """The outline of a built tree: keys as in YAML (the id, else the path of titles), its size
    and depth; a repeated id is kept on its first node only, with a warning."""
    ids: dict[str, Node] = {}
    _claim_id(root, ids, path, warnings)
    index = KeyIndex(root)
    count, depth = 1, 0
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if not node.children:
            continue
        for child in node.children:
            _claim_id(child, ids, path, warnings)
        index.add_children(node)
        count += len(node.children)
        depth = max(depth, level + 1)
        stack.extend((child, level + 1) for child in node.children)
    warnings.sort(key=lambda problem: (problem.line, problem.column))
    return ParsedOutline(Outline(root, path, count, depth, index.by_key, index.parent_of), warnings)


def _claim_id(node: Node, ids: dict[str, Node], path: str, warnings: list[Problem]) -> None:
    if node.id is None:
        return
    first = ids.setdefault(node.id, node)
    if first is not node:
        message = f"the id '{node.id}' is already used at line {first.line}; ignored here"
        warnings.append(warning(path, node.line, node.column, message))
        node.id = None
