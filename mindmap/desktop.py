"""`mindmap install-desktop`: the launcher and the icon, put where the desktop looks for them.

A wheel cannot install them itself (pip writes only inside its environment), so this command
copies them into the user's XDG data folder, with an Exec line that starts this installation's
Python, whatever its PATH. The entry declares no MimeType: desktops make the only application
that claims a type its default, and mindmap must not take over every YAML file."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from mindmap.assets import resource_path
from mindmap.core.atomicfile import write_atomic

ENTRY = Path("applications/mindmap.desktop")
ICON = Path("icons/hicolor/scalable/apps/mindmap.svg")


def data_home(env: Mapping[str, str] = os.environ) -> Path:
    """The user's data folder: $XDG_DATA_HOME, else ~/.local/share (the XDG default)."""
    configured = env.get("XDG_DATA_HOME", "")
    # The specification ignores a relative path, as if the variable were not set.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local/share"


def exec_line(argv: list[str]) -> str:
    """An Exec value that runs `argv` then the opened file (quoted as the specification says)."""
    return " ".join([*(_quoted(arg.replace("%", "%%")) for arg in argv), "%f"])


def _quoted(arg: str) -> str:
    if not set(" \t\n\"'\\><~|&;$*?#()`") & set(arg):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def desktop_entry() -> str:
    """The shipped entry with its Exec line pointing at this installation."""
    lines = resource_path("mindmap.desktop").read_text(encoding="utf-8").splitlines()
    own = exec_line([sys.executable, "-m", "mindmap"])
    return "".join(f"Exec={own}\n" if line.startswith("Exec=") else line + "\n" for line in lines)


def install(home: Path) -> list[Path]:
    """Write the entry and the icon under `home`; returns their paths."""
    entry, icon = home / ENTRY, home / ICON
    for path in (entry, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(entry, desktop_entry().encode("utf-8"))
    write_atomic(icon, resource_path("mindmap.svg").read_bytes())
    return [entry, icon]


def uninstall(home: Path) -> list[Path]:
    """Remove what `install` wrote; returns the paths that were there."""
    removed = []
    for path in (home / ENTRY, home / ICON):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
