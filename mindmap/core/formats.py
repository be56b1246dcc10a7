"""What an outline file is: the keys a full node may hold, and the files the app opens."""

from __future__ import annotations

# The keys of a full node, in the order the format describes them.
RESERVED_KEYS = ("title", "children", "note", "collapsed", "color", "id", "link", "tags")
# For the file dialogs: the outlines the app opens (see core/readers), and its annotations' files.
OUTLINE_FILTER = (
    "Outlines (*.yaml *.yml *.md *.markdown *.opml *.mm);;"
    "YAML (*.yaml *.yml);;Markdown (*.md *.markdown);;OPML (*.opml);;"
    "FreeMind and Freeplane (*.mm);;All files (*)"
)
ANNOTATIONS_FILTER = "Annotations (*.yaml *.yml);;All files (*)"
