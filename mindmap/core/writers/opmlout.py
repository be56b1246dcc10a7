"""An outline as OPML 2.0: one `outline` per node, in the attributes the OPML reader reads
(`text`, `_note`, `type="link"` and `url`, `category` for tags, `_id`), and the folds as the
head's `expansionState` (the lines of the expanded headlines, as the outline is shown)."""

from __future__ import annotations

from html import escape

from mindmap.core.model import Node
from mindmap.core.writers.xmlout import attribute, text


def dump_opml(root: Node, source: str) -> str:
    """The outline's OPML text; `source` is named in a comment."""
    body: list[str] = []
    expanded: list[int] = []
    line = 0  # the headline's line as shown: only nodes whose parents are all open count
    stack: list[tuple[Node, str, bool] | str] = [(root, "    ", True)]
    while stack:
        entry = stack.pop()
        if isinstance(entry, str):  # the closing tag of a branch
            body.append(entry)
            continue
        node, indent, shown = entry
        if shown:
            line += 1
            if node.children and not node.collapsed:
                expanded.append(line)
        tag = f"{indent}<outline{_attributes(node)}"
        if not node.children:
            body.append(tag + "/>")
            continue
        body.append(tag + ">")
        stack.append(f"{indent}</outline>")
        inner = shown and not node.collapsed
        stack.extend((child, indent + "  ", inner) for child in reversed(node.children))
    folds = any(node.collapsed and node.children for node in root.walk())
    state = f"    <expansionState>{','.join(map(str, expanded))}</expansionState>\n"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!-- converted from {text(source).replace('--', '- -')} by mindmap convert -->\n"
        '<opml version="2.0">\n  <head>\n'
        f"    <title>{text(root.title)}</title>\n"
        f"{state if folds else ''}"
        "  </head>\n  <body>\n" + "\n".join(body) + "\n  </body>\n</opml>\n"
    )


def _attributes(node: Node) -> str:
    # `<` and `&` as outliners write them in a title, `&lt;` and `&amp;`: the reader takes
    # `<b>` there for formatting
    parts = [f" text={attribute(escape(node.title, quote=False))}"]
    if node.note is not None:
        parts.append(f" _note={attribute(node.note)}")
    if node.link is not None:
        parts.append(f' type="link" url={attribute(node.link)}')
    if node.tags:
        parts.append(f" category={attribute(','.join(node.tags))}")
    if node.id is not None:
        parts.append(f" _id={attribute(node.id)}")
    return "".join(parts)
