"""What the OPML and FreeMind writers share: XML attribute values and text, escaped."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
# Characters XML 1.0 cannot hold at all, even escaped: left out (the read-back check names
# the nodes whose text changed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def attribute(value: str) -> str:
    """`value` inside double quotes, its line breaks and tabs kept as character references."""
    return '"' + escape(_NOT_XML.sub("", value), _ATTRIBUTE) + '"'


def text(value: str) -> str:
    """`value` as element text."""
    return escape(_NOT_XML.sub("", value))
