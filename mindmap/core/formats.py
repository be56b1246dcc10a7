"""What an outline file is: the keys a full node may hold, and the files the app opens."""

from __future__ import annotations

# The keys of a full node, in the order the format describes them.
RESERVED_KEYS = ("title", "children", "note", "collapsed", "color", "id", "link", "tags")
OUTLINE_FILTER = "Outlines (*.yaml *.yml);;All files (*)"  # for the file dialogs
