"""XML for the OPML and FreeMind readers: parsed by defusedxml, every element with its place.

defusedxml refuses entity declarations (the "billion laughs" bomb) and external entities, so a
map file never expands into gigabytes nor makes the app read another file or fetch a URL; each
refusal, like broken XML, is an error at its `FILE:LINE:COL`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from mindmap.core.memory import gc_paused
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.problems import Problem
from mindmap.core.readers.tree import refuse_binary, warning

Places = dict[Element, tuple[int, int]]
_SPACES = re.compile(r"\s+")
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr pre blockquote ul ol table body html dd dt".split()
)
_REFUSED = {
    "EntitiesForbidden": "an entity declaration (which could expand without end) is refused",
    "ExternalReferenceForbidden": "a reference to an external file or address is refused",
    "DTDForbidden": "a document type declaration is refused",
}


def parse_xml(data: bytes | str, path: str) -> tuple[Element, Places]:
    """The root element and every element's place; OutlineError with the place of a problem."""
    builder = TreeBuilder()
    places: Places = {}
    parser = DefusedXMLParser(target=builder)  # its refusals are handlers on `parser.parser`
    expat = parser.parser

    # Straight from expat to the C tree builder, noting each start's place: ElementTree's own
    # Python handlers between them took a third of the time of a 10,000-node map.
    def start(tag: str, attributes: list[str]) -> None:
        name = "{" + tag if "}" in tag else tag  # a namespace, as ElementTree writes it
        element = builder.start(name, dict(zip(attributes[::2], attributes[1::2], strict=True)))
        places[element] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)

    expat.StartElementHandler = start
    expat.EndElementHandler = builder.end
    expat.CharacterDataHandler = builder.data
    try:
        parser.feed(data.encode("utf-8") if isinstance(data, str) else data)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        problem = Problem(path, line, column + 1, f"not well-formed XML: {message}")
        raise OutlineError([problem]) from None
    except DefusedXmlException as error:
        line, column = expat.CurrentLineNumber, expat.CurrentColumnNumber + 1  # at the refusal
        message = _REFUSED.get(type(error).__name__, str(error))
        raise OutlineError([Problem(path, line, column, message)]) from None
    return root, places


def local_name(element: Element) -> str:
    """The tag without its namespace, in lower case (XHTML in a map may carry one)."""
    return str(element.tag).rpartition("}")[2].lower()


def html_text(element: Element) -> str:
    """The text of an HTML fragment: each paragraph, line break and list item on a line of its
    own, list items as `- ` (or `1. `), spaces collapsed as a browser would, except in `pre`."""
    lines: list[str] = []
    current: list[str] = []
    prefixes: dict[Element, str] = {}
    preformatted = 0

    def end_line(always: bool = False) -> None:
        text = "".join(current)
        current.clear()
        if not preformatted:
            text = _SPACES.sub(" ", text).strip()
        if text or always:
            lines.append(text)

    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = local_name(node)
        if closing:
            if tag in _BLOCKS:
                end_line()
            if tag == "pre":
                preformatted -= 1
            if node.tail:
                current.append(node.tail if preformatted else _SPACES.sub(" ", node.tail))
            continue
        if tag in ("head", "style", "script"):
            continue
        if tag == "br":
            end_line(always=True)
        elif tag in _BLOCKS:
            end_line()
            if tag == "p" and not (node.text or "").strip() and not len(node):
                lines.append("")  # an empty paragraph: an empty line
        if tag in ("ul", "ol"):
            items = [child for child in node if local_name(child) == "li"]
            for number, item in enumerate(items, 1):
                prefixes[item] = f"{number}. " if tag == "ol" else "- "
        if tag == "pre":
            preformatted += 1
        if node in prefixes:
            current.append(prefixes[node])
        if node.text:
            current.append(node.text if preformatted else _SPACES.sub(" ", node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    end_line()
    return "\n".join(lines).strip("\n")


class XmlReader:
    """What reading an XML outline keeps: where each element is, the warnings so far, and the
    kinds already warned of (each is said once, where first seen). `read` makes the outline."""

    def __init__(self, path: str, places: Places) -> None:
        self.path = path
        self.places = places
        self.warnings: list[Problem] = []
        self.warned: set[str] = set()

    def read(self, root: Element) -> ParsedOutline:
        raise NotImplementedError

    def expect_root(self, root: Element, tag: str, what: str) -> None:
        """Refuse a file whose root element is not `tag` (`what` names the format)."""
        if root.tag != tag:
            line, column = self.places.get(root, (1, 1))
            message = f"expected {what}, found <{root.tag}>"
            raise OutlineError([Problem(self.path, line, column, message)])

    def warn_once(self, kind: str, line: int, column: int, message: str) -> None:
        if kind not in self.warned:
            self.warned.add(kind)
            self.warnings.append(warning(self.path, line, column, message))


def read_xml_outline(
    data: bytes | str, path: str, what: str, reader: type[XmlReader]
) -> ParsedOutline:
    """Parse `data` (a file of format `what`, never a binary one) with `reader`."""
    refuse_binary(data, path, what)
    with gc_paused():
        root, places = parse_xml(data, path)
        return reader(path, places).read(root)
