"""What an outline file is: the keys a full node may hold, and the files the app opens."""

from __future__ import annotations

from pathlib import Path

# The keys of a full node, in the order the format describes them.
RESERVED_KEYS = ("title", "children", "note", "collapsed", "color", "id", "link", "tags")
# The formats the app reads, by suffix (in lower case); a file of any other suffix is YAML.
FORMATS = {
    ".yaml": "YAML",
    ".yml": "YAML",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".opml": "OPML",
    ".mm": "FreeMind",
}


def format_of(path: str | Path) -> str:
    """The format's name for `path`, by its suffix: YAML unless the suffix says otherwise."""
    return FORMATS.get(Path(path).suffix.lower(), "YAML")


# For the file dialogs: the outlines the app opens (see core/readers), and its annotations' files.
OUTLINE_FILTER = (
    "Outlines (*.yaml *.yml *.md *.markdown *.opml *.mm);;"
    "YAML (*.yaml *.yml);;Markdown (*.md *.markdown);;OPML (*.opml);;"
    "FreeMind and Freeplane (*.mm);;All files (*)"
)
ANNOTATIONS_FILTER = "Annotations (*.yaml *.yml);;All files (*)"
