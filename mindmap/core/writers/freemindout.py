"""An outline as a Freeplane map: one `node` per node with `TEXT`, `ID`, `FOLDED`, `LINK` and
`COLOR`, its tags as icons, its note as Freeplane's plain-text rich content (`<text>`, every
character kept; FreeMind, which knows only HTML notes, opens the map without them)."""

from __future__ import annotations

from mindmap.core.model import Node
from mindmap.core.writers.xmlout import attribute, text


def dump_freemind(root: Node, source: str) -> str:
    """The outline's map text; `source` is named in a comment."""
    lines = [
        '<map version="freeplane 1.9.13">',
        f"<!-- converted from {text(source).replace('--', '- -')} by mindmap convert -->",
    ]
    stack: list[Node | str] = [root]
    while stack:
        entry = stack.pop()
        if isinstance(entry, str):
            lines.append(entry)
            continue
        node = entry
        inner = [f"<icon BUILTIN={attribute(tag)}/>" for tag in node.tags]
        if node.note is not None:
            inner.append(
                '<richcontent TYPE="NOTE" CONTENT-TYPE="plain/auto">'
                f"<text>{text(node.note)}</text></richcontent>"
            )
        tag = f"<node{_attributes(node)}"
        if not inner and not node.children:
            lines.append(tag + "/>")
            continue
        lines.append(tag + ">")
        lines += inner
        stack.append("</node>")
        stack.extend(reversed(node.children))
    lines.append("</map>")
    return "\n".join(lines) + "\n"


def _attributes(node: Node) -> str:
    parts = [f" TEXT={attribute(node.title)}"]
    if node.id is not None:
        parts.append(f" ID={attribute(node.id)}")
    if node.collapsed and node.children:
        parts.append(' FOLDED="true"')
    if node.link is not None:
        parts.append(f" LINK={attribute(node.link)}")
    if node.color is not None:
        parts.append(f" COLOR={attribute(node.color)}")
    return "".join(parts)
