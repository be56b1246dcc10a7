"""What a reload changed, counted by node keys and content, for the status bar to say."""

from __future__ import annotations

from dataclasses import dataclass

from mindmap.core.model import Node, Outline


@dataclass(frozen=True, slots=True)
class OutlineDiff:
    added: int
    removed: int
    renamed: int  # a node whose title changed in place: its key changed, its place did not
    edited: int  # the same key with another note, tags, link, colour or fold

    @property
    def changed(self) -> int:
        return self.added + self.removed + self.renamed + self.edited

    def describe(self) -> str:
        """One line such as 'Reloaded: 3 nodes changed (1 added, 1 renamed, 1 edited)'."""
        if not self.changed:
            return "Reloaded: nothing changed"
        noun = "node" if self.changed == 1 else "nodes"
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.added, "added"),
                (self.removed, "removed"),
                (self.renamed, "renamed"),
                (self.edited, "edited"),
            )
            if count
        ]
        return f"Reloaded: {self.changed} {noun} changed ({', '.join(parts)})"


def diff_outlines(old: Outline, new: Outline) -> OutlineDiff:
    """Count what changed from `old` to `new`. A key only in `new` is a node added, unless
    the node at its place in `old` (under the same parent, at the same index) went away: then
    it is that node, renamed if its title changed, else moved along with a renamed ancestor."""
    gone = old.by_key.keys() - new.by_key.keys()
    came = new.by_key.keys() - old.by_key.keys()
    renamed = kept = 0
    if came and gone:
        twin: dict[str, Node] = {}  # a new node's old self, where its key changed
        stack: list[tuple[Node, Node | None]] = [(new.root, old.root)]
        while stack:
            node, before = stack.pop()
            if _same_place(node, before, came, gone):
                assert before is not None
                twin[node.key] = before
                renamed += before.title != node.title
                kept += before.title == node.title
            was = twin.get(node.key) or old.by_key.get(node.key)
            olds = was.children if was is not None else []
            for index, child in enumerate(node.children):
                stack.append((child, olds[index] if index < len(olds) else None))
    edited = sum(
        1
        for key in old.by_key.keys() & new.by_key.keys()
        if _own(old.by_key[key]) != _own(new.by_key[key])
    )
    matched = renamed + kept
    return OutlineDiff(len(came) - matched, len(gone) - matched, renamed, edited)


def _own(node: Node) -> tuple[object, ...]:
    """A node's own content, its children aside."""
    return (node.title, node.note, node.collapsed, node.color, node.id, node.link, node.tags)


def _same_place(node: Node, before: Node | None, came: set[str], gone: set[str]) -> bool:
    """Whether `node`, new, is `before`, gone from its place, with at most another title."""
    if before is None or node.key not in came or before.key not in gone:
        return False
    return _own(before)[1:] == _own(node)[1:]
