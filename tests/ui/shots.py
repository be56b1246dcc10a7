"""Screenshots of what a test drove, for a person to look at: saved only when the
MINDMAP_SHOTS environment variable names a folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget


def save_shot(widget: QWidget, name: str) -> None:
    """Save a picture of `widget` as NAME.png in $MINDMAP_SHOTS, when it is set."""
    folder = os.environ.get("MINDMAP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))
