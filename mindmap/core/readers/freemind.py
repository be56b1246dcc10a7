"""FreeMind and Freeplane maps (`.mm`): the `node` elements under `map`.

A node's title is its `TEXT`, or the text of its rich content of type NODE (HTML, its lines
kept); its note is the rich content of type NOTE, after that of type DETAILS (HTML to text with
line breaks and lists kept); `FOLDED="true"` folds it, `LINK` is its link, `COLOR` its colour,
`ID` its id (so its key survives renaming), and its icons are its tags. A node without any text
is shown as "(no text)".
"""

from __future__ import annotations

import re
from html import unescape
from xml.etree.ElementTree import Element

from mindmap.core.model import Node
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.problems import Problem
from mindmap.core.readers.tree import NO_TEXT, finish
from mindmap.core.readers.xmlread import XmlReader, html_text, local_name, read_xml_outline

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_HEAD = re.compile(r"<head>.*?</head>", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</div>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# Children of a node that the map has no place for: each kind is named once in a warning.
_NOT_SHOWN = {
    "attribute": "attributes (name and value pairs)",
    "arrowlink": "arrow links between nodes",
    "cloud": "clouds",
    "hook": "add-ons (pictures, formulas, …)",
}


def parse_freemind(data: bytes | str, path: str) -> ParsedOutline:
    """Parse a FreeMind or Freeplane map into an outline (see the module's description)."""
    return read_xml_outline(data, path, "FreeMind map", _Reader)


class _Reader(XmlReader):
    def read(self, document: Element) -> ParsedOutline:
        self.expect_root(document, "map", "a FreeMind or Freeplane map (a <map>)")
        line, column = self.places.get(document, (1, 1))
        first = document.find("node")
        if first is None:
            raise OutlineError([Problem(self.path, line, column, "the map has no <node>")])
        root, elements = self._node(first)
        stack = [(root, elements)]
        while stack:  # no recursion: a map may be deeper than Python's stack
            node, elements = stack.pop()
            children = node.children
            for element in elements:
                child, grandchildren = self._node(element)
                children.append(child)
                if grandchildren:
                    stack.append((child, grandchildren))
        return finish(root, self.path, self.warnings)

    def _node(self, element: Element) -> tuple[Node, list[Element]]:
        """The node of `element`, and the elements of its children (read later: no recursion)."""
        line, column = self.places.get(element, (0, 0))
        get = element.attrib.get
        color = get("COLOR")
        if color and not _COLOR.fullmatch(color):
            message = f"the colour '{color}' is not #rrggbb; left out"
            self.warn_once("colour", line, column, message)
            color = None
        notes: dict[str, str] = {}
        tags: list[str] = []
        children: list[Element] = []
        for child in element:
            tag = child.tag
            if tag == "node":
                children.append(child)
            elif tag == "richcontent":
                kind = (child.get("TYPE") or "NODE").upper()
                notes[kind] = _rich_text(child)
            elif tag == "icon" and child.get("BUILTIN"):
                tags.append(str(child.get("BUILTIN")))
            elif tag in _NOT_SHOWN:
                message = f"{_NOT_SHOWN[tag]} are not shown on the map (first seen here)"
                self.warn_once(tag, *self.places.get(child, (line, column)), message)
        title = get("TEXT") or notes.get("NODE", "")
        if title.startswith("<html>"):  # FreeMind 0.8 kept rich text as HTML in TEXT
            title = _tag_soup_text(title)
        note = "\n\n".join(notes[kind] for kind in ("DETAILS", "NOTE") if notes.get(kind))
        folded, node_id, link = get("FOLDED") == "true", get("ID") or None, get("LINK") or None
        node = Node(
            title if title.strip() else NO_TEXT,
            [],
            note or None,
            folded,
            color or None,
            node_id,
            link,
            tuple(tags),
            line,
            column,
        )
        return node, children


def _tag_soup_text(html: str) -> str:
    """The text of HTML that need not be XML (`<br>` unclosed): breaks kept, tags dropped."""
    text = _BREAK.sub("\n", _SPACES.sub(" ", _HEAD.sub("", html)))
    text = unescape(_TAG.sub("", text))
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _rich_text(element: Element) -> str:
    """Rich content as text: its HTML's lines, or Freeplane's plain `<text>` as written."""
    for child in element:
        if local_name(child) == "html":
            return html_text(child)
        if child.tag == "text":
            return child.text or ""
    return (element.text or "").strip()
