"""The outline as plain data: nodes with titles, the author's notes and where they were written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class Node:
    """One node of the outline, exactly as the author wrote it.

    `key` identifies the node across reloads (see `keys.py`); `line` and `column`
    are 1-based and point at the node in the file, for messages and the editor.
    """

    title: str
    children: list[Node] = field(default_factory=list)
    note: str | None = None
    collapsed: bool = False
    color: str | None = None
    id: str | None = None
    link: str | None = None
    tags: tuple[str, ...] = ()
    line: int = 0
    column: int = 0
    key: str = ""

    def walk(self) -> Iterator[Node]:
        """Every node of this subtree in pre-order, without recursion (outlines may be deep)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def same_content(self, other: Node) -> bool:
        """True when both subtrees hold the same text and settings, wherever they were written."""
        pairs = [(self, other)]
        while pairs:
            a, b = pairs.pop()
            if (a.title, a.note, a.collapsed, a.color, a.id, a.link, a.tags) != (
                b.title,
                b.note,
                b.collapsed,
                b.color,
                b.id,
                b.link,
                b.tags,
            ) or len(a.children) != len(b.children):
                return False
            pairs.extend(zip(a.children, b.children, strict=True))
        return True


@dataclass(slots=True)
class Outline:
    """A loaded outline: its root, where it came from, and how big it is."""

    root: Node
    path: str
    node_count: int
    depth: int
    by_key: dict[str, Node]
    parent_of: dict[str, Node | None]

    def ancestors(self, key: str) -> list[Node]:
        """The nodes from the root down to (not including) the node with this key."""
        chain: list[Node] = []
        parent = self.parent_of.get(key)
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of[parent.key]
        chain.reverse()
        return chain
