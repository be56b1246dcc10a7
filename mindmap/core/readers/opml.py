"""OPML 2.0, as outliners export it (Workflowy, Dynalist, Logseq, OmniOutliner).

Each `outline` element is a node: `text` its title, `_note` its note, `url` or `htmlUrl` its link
(`type="link"` or an RSS subscription), `category` its tags (comma-separated), `_id` its id. The
head's `expansionState` lists the expanded headlines, as the spec says: each number is a line
(from 1) of the outline as shown after the expansions before it; when it is given, every other
branch starts folded. One outline in the body is the
root; several share a root named by the head's `title` (else the file name).

WorkFlowy and Dynalist write a title's formatting as HTML inside `text` (`<b>`, `<i>`, a link as
`<a href>`) and a typed `<` as `&lt;`: such markup shows as plain text, its link as the node's.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from xml.etree.ElementTree import Element

from mindmap.core.model import Node
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.problems import Problem
from mindmap.core.readers.tree import NO_TEXT, finish
from mindmap.core.readers.xmlread import XmlReader, read_xml_outline

# Attributes read into the node; the others are named once in a warning (they are not kept).
KNOWN = frozenset(
    "text _note url htmlUrl xmlUrl type category _id created isComment isBreakpoint".split()
)


def parse_opml(data: bytes | str, path: str) -> ParsedOutline:
    """Parse an OPML file into an outline (see the module's description)."""
    return read_xml_outline(data, path, "OPML", _Reader)


class _Reader(XmlReader):
    def read(self, opml: Element) -> ParsedOutline:
        self.expect_root(opml, "opml", "an OPML file (an <opml> element)")
        head, body = opml.find("head"), opml.find("body")
        if body is None:
            line, column = self.places.get(opml, (1, 1))
            raise OutlineError([Problem(self.path, line, column, "the OPML file has no <body>")])
        title = head.findtext("title") if head is not None else None
        expansion = head.findtext("expansionState") if head is not None else None
        nodes = {item: self._node(item) for item in body.iter("outline")}
        for element, node in nodes.items():
            node.children = [nodes[child] for child in element if child.tag == "outline"]
        first_level = [nodes[child] for child in body if child.tag == "outline"]
        if expansion is not None and expansion.strip():
            _expand(first_level, expansion)
        if len(first_level) == 1:
            root = first_level[0]
        else:
            line, column = self.places.get(body, (1, 1))
            root = Node((title or "").strip() or Path(self.path).stem or NO_TEXT, first_level)
            root.line, root.column = line, column
        return finish(root, self.path, self.warnings)

    def _node(self, element: Element) -> Node:
        line, column = self.places.get(element, (0, 0))
        get = element.attrib.get
        title, href = plain_title(get("text") or "")
        node = Node(title.strip() or NO_TEXT, line=line, column=column)
        node.note = get("_note") or None
        node.link = get("url") or get("htmlUrl") or href
        node.id = get("_id") or None
        tags = [tag.strip() for tag in (get("category") or "").split(",")]
        node.tags = tuple(tag for tag in tags if tag)
        for name in element.attrib.keys() - KNOWN - self.warned:
            message = f"the attribute '{name}' is not shown on the map (first seen here)"
            self.warn_once(name, line, column, message)
        return node


_MARKUP = re.compile(r"</?(?:a|b|i|u|s|em|strong|code|span|mark|br)\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"<a\s[^>]*href=\"([^\"]*)\"", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);")


def plain_title(text: str) -> tuple[str, str | None]:
    """A title written as outliners' HTML as plain text, and the link of its `<a href>`."""
    if not _MARKUP.search(text) and not _ENTITY.search(text):
        return text, None
    href = _HREF.search(text)
    return unescape(_MARKUP.sub("", text)), unescape(href.group(1)) if href else None


def _expand(first_level: list[Node], expansion: str) -> None:
    """Fold every branch, then unfold those that `expansion` numbers, in its order, each by
    its line in the outline as shown at that point (lines out of range are ignored)."""
    for top in first_level:
        for node in top.walk():
            node.collapsed = bool(node.children)
    shown = list(first_level)
    for part in expansion.replace(" ", "").split(","):
        line = int(part) if part.isdigit() else 0
        if not 1 <= line <= len(shown) or not shown[line - 1].collapsed:
            continue
        node = shown[line - 1]
        node.collapsed = False
        shown[line:line] = node.children
