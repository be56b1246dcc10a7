"""Files that ship with the app (icon, desktop entry, sample outline), found wherever it runs from.

An installed wheel carries them in `mindmap/resources/`; a source checkout keeps them at the top of
the repository (`resources/`, `outline.yaml`), where people see and edit them.
"""

from __future__ import annotations

from pathlib import Path

from mindmap.core.atomicfile import write_atomic

_PACKAGED = Path(__file__).with_name("resources")
_CHECKOUT = Path(__file__).resolve().parents[1]


def resource_path(name: str) -> Path:
    """The path of a file of `resources/`."""
    packaged = _PACKAGED / name
    return packaged if packaged.exists() else _CHECKOUT / "resources" / name


def sample_outline_path() -> Path:
    """The sample outline: the India–Russia revision map."""
    packaged = _PACKAGED / "outline.yaml"
    return packaged if packaged.exists() else _CHECKOUT / "outline.yaml"


def format_description_path() -> Path:
    """The outline format's description (`docs/outline-format.md` of the repository)."""
    packaged = _PACKAGED / "outline-format.md"
    return packaged if packaged.exists() else _CHECKOUT / "docs" / "outline-format.md"


def copy_sample(folder: Path) -> Path:
    """The sample outline as copied into `folder` on first use, never over an existing copy: the
    user's annotations live beside it, where a reinstall of the app cannot delete them."""
    copy = folder / "outline.yaml"
    if not copy.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(copy, sample_outline_path().read_bytes())
    return copy
