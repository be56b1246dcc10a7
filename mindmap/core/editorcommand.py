"""The command that opens the outline in the user's own editor ($VISUAL, else $EDITOR).

An editor that runs in a terminal (vim, nano, …) is started inside a terminal emulator, since
the app has none; editors that take `+LINE` open at the line the user is looking at.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

TERMINAL_EDITORS = {"vi", "vim", "nvim", "nano", "micro", "hx", "kak", "joe", "ne", "mg"}
PLUS_LINE_EDITORS = TERMINAL_EDITORS - {"hx"} | {"gvim", "emacs", "emacsclient"}


def editor_command(
    environ: Mapping[str, str], path: Path, line: int | None, terminal: str | None
) -> list[str] | None:
    """The argument list to run, or None when no editor is set or a terminal one has no
    terminal to run in (the caller then opens the file with the system's application)."""
    words = shlex.split(environ.get("VISUAL") or environ.get("EDITOR") or "")
    if not words:
        return None
    name = Path(words[0]).name
    command = [*words, *([f"+{line}"] if line and name in PLUS_LINE_EDITORS else []), str(path)]
    in_terminal = name in TERMINAL_EDITORS or (name == "emacs" and "-nw" in words)
    if not in_terminal:
        return command
    return [*shlex.split(terminal), "-e", *command] if terminal else None
