"""An outline as Markdown that markmap (and this app) reads back as the same tree: the root a
`#` heading, every other node a list item nested by two spaces, notes as the item's further
paragraphs, links as the title's link, folds as `<!-- markmap: fold -->`."""

from __future__ import annotations

import re

from mindmap.core.model import Node

# Backslash-escaped wherever they are: they would start emphasis, code, links, HTML, entities,
# strikethrough or a heading's closing; `\` itself first of all.
_INLINE = re.compile(r"([\\`*_\[\]<>#&~|!])")
_BLOCK_START = re.compile(r"^(\d*)([-+=.)])")  # a list, a setext line, an ordered list
_FOLD = " <!-- markmap: fold -->"


def dump_markdown(root: Node, source: str) -> str:
    """The outline's Markdown text; `source` is named in a comment in its front matter."""
    lines = ["---", f"# converted from {source} by mindmap convert", "---"]
    lines += ["# " + _title(root, ""), ""]
    if root.note:
        lines += [root.note, ""]
    stack = [(child, "") for child in reversed(root.children)]
    while stack:
        node, indent = stack.pop()
        lines.append(f"{indent}- {_title(node, indent + '  ')}")
        if node.note:
            inner = indent + "  "
            lines.append("")
            lines += [inner + line if line.strip() else "" for line in node.note.split("\n")]
            lines.append("")
        stack.extend((child, indent + "  ") for child in reversed(node.children))
    return "\n".join(lines).rstrip("\n") + "\n"


def _title(node: Node, indent: str) -> str:
    text = _INLINE.sub(r"\\\1", node.title)
    text = _BLOCK_START.sub(r"\1\\\2", text)
    text = text.replace("\n", "\\\n" + indent)  # a hard line break
    if node.link:
        text = f"[{text}](<{node.link.replace('>', '%3E')}>)"
    return text + (_FOLD if node.collapsed else "")
