"""The sample map as the user opens it: a copy in the user's data folder, not the shipped file,
which a system install cannot write beside and a reinstall replaces."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from mindmap.assets import copy_sample, sample_outline_path


def sample_folder() -> Path:
    """Where the user's copy of the sample and its annotations live."""
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location)) / "sample"


def sample_outline() -> Path:
    """The user's copy of the sample, made on first use; where the data folder cannot be written
    (a read-only home), the shipped file itself, whose annotations then cannot be saved."""
    try:
        return copy_sample(sample_folder())
    except OSError:
        return sample_outline_path()


def is_sample(path: Path) -> bool:
    """Whether `path` is the user's copy of the sample (the shipped file, opened by name from a
    checkout, is a file like any other)."""
    return path.resolve() == (sample_folder() / "outline.yaml").resolve()
