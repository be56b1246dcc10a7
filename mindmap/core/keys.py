"""Node identity: a key that stays the same across reloads, so folds and annotations can hang on it.

A node's key is `#` + its `id` when the author gave one; otherwise its parent's key, a `/`, and
its title, with `[n]` appended for the n-th sibling of the same title (n >= 2). Keys below a node
with an `id` therefore survive renaming that node. Characters with a meaning in keys are escaped.
"""

from __future__ import annotations

from mindmap.core.model import Node

_ESCAPES = str.maketrans({"\\": "\\\\", "/": "\\/", "[": "\\[", "#": "\\#"})


def escape_title(title: str) -> str:
    """The title as a key segment: `\\`, `/`, `[` and `#` are escaped so that keys never collide."""
    return title.translate(_ESCAPES)


def id_key(node_id: str) -> str:
    """The key of a node that carries an explicit `id`."""
    return "#" + node_id


def assign_keys(root: Node) -> None:
    """Give every node of the tree its key (see the module docstring)."""
    root.key = id_key(root.id) if root.id is not None else escape_title(root.title)
    stack = [root]
    while stack:
        parent = stack.pop()
        seen: dict[str, int] = {}
        prefix = parent.key + "/"
        for child in parent.children:
            if child.id is not None:
                child.key = id_key(child.id)
            else:
                segment = escape_title(child.title)
                count = seen.get(segment, 0) + 1
                seen[segment] = count
                child.key = prefix + segment + (f"[{count}]" if count > 1 else "")
            if child.children:
                stack.append(child)
