"""Every outline format the app opens, chosen by the file's suffix; each gives a `ParsedOutline`.

YAML is the app's own format (`core/outline.py`); Markdown, OPML and FreeMind/Freeplane maps are
read into the same model, with the same `FILE:LINE:COL` messages, so that everything the app does
for a YAML outline it does for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mindmap.core.formats import format_of
from mindmap.core.outline import OutlineError, ParsedOutline, parse_outline
from mindmap.core.problems import Problem
from mindmap.core.readers import freemind, markdown, opml
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular

Parser = Callable[[bytes | str, str], ParsedOutline]

PARSERS: dict[str, Parser] = {  # format name (see core/formats.py) → its parser
    "YAML": parse_outline,
    "Markdown": markdown.parse_markdown,
    "OPML": opml.parse_opml,
    "FreeMind": freemind.parse_freemind,
}


def parse_any(data: bytes | str, path: str | Path) -> ParsedOutline:
    """Parse an outline in the format its file name says; OutlineError for what is wrong."""
    return PARSERS[format_of(path)](data, str(path))


def load_any(path: str | Path) -> ParsedOutline:
    """Read and parse the outline file at `path`, in the format its suffix says."""
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError as error:
        raise OutlineError(
            [Problem(name, 0, 0, f"cannot read the file: {error.strerror}")]
        ) from None
    return parse_any(data, name)
