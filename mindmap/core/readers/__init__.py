"""Every outline format the app opens, chosen by the file's suffix; each gives a `ParsedOutline`.

YAML is the app's own format (`core/outline.py`); Markdown, OPML and FreeMind/Freeplane maps are
read into the same model, with the same `FILE:LINE:COL` messages, so that everything the app does
for a YAML outline it does for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mindmap.core.outline import OutlineError, ParsedOutline, parse_outline
from mindmap.core.problems import Problem
from mindmap.core.readers import freemind, markdown, opml
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular

Parser = Callable[[bytes | str, str], ParsedOutline]

# suffix (lower case) → (format name, parser); a file of any other suffix is read as YAML.
PARSERS: dict[str, tuple[str, Parser]] = {
    ".yaml": ("YAML", parse_outline),
    ".yml": ("YAML", parse_outline),
    ".md": ("Markdown", markdown.parse_markdown),
    ".markdown": ("Markdown", markdown.parse_markdown),
    ".opml": ("OPML", opml.parse_opml),
    ".mm": ("FreeMind", freemind.parse_freemind),
}


def format_of(path: str | Path) -> str:
    """The format's name for `path`, by its suffix: YAML unless the suffix says otherwise."""
    return PARSERS.get(Path(path).suffix.lower(), PARSERS[".yaml"])[0]


def parse_any(data: bytes | str, path: str | Path) -> ParsedOutline:
    """Parse an outline in the format its file name says; OutlineError for what is wrong."""
    name = str(path)
    _, parser = PARSERS.get(Path(name).suffix.lower(), PARSERS[".yaml"])
    return parser(data, name)


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
