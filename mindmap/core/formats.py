"""What an outline file is: the keys a full node may hold, and the files the app opens."""

from __future__ import annotations

RESERVED_KEYS = frozenset({"title", "children", "note", "collapsed", "color", "id", "link", "tags"})
OUTLINE_FILTER = "Outlines (*.yaml *.yml);;All files (*)"  # for the file dialogs
