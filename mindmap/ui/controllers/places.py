"""Where the user was in each outline (folds, zoom, centre), restored when it is opened again."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

GROUP = "places"


@dataclass(frozen=True, slots=True)
class Place:
    folds: frozenset[str]
    zoom: float
    centre: tuple[float, float]
    level: int | None = None  # below it, branches unfold one level at a time
    focus: str | None = None  # the branch shown as the whole map


def _key(path: Path) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8"), usedforsecurity=False)
    return f"{GROUP}/{digest.hexdigest()[:20]}"


def save_place(settings: QSettings, path: Path, place: Place) -> None:
    value = {
        "folds": sorted(place.folds),
        "zoom": place.zoom,
        "centre": list(place.centre),
        "level": place.level,
        "focus": place.focus,
    }
    settings.setValue(_key(path), json.dumps(value, ensure_ascii=False))


def load_place(settings: QSettings, path: Path) -> Place | None:
    """The remembered place, or None (never seen, or unreadable: then it is simply ignored)."""
    raw = settings.value(_key(path))
    if not isinstance(raw, str):
        return None
    try:
        value = json.loads(raw)
        centre = (float(value["centre"][0]), float(value["centre"][1]))
        level, focus = value.get("level"), value.get("focus")
        return Place(
            frozenset(map(str, value["folds"])),
            float(value["zoom"]),
            centre,
            int(level) if level is not None else None,
            str(focus) if focus is not None else None,
        )
    except (ValueError, KeyError, TypeError, IndexError):
        return None
