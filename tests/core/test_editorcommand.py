"""The user's own editor is started as they would start it: in a terminal if it needs one."""

from pathlib import Path

import pytest

from mindmap.core.editorcommand import editor_command

FILE = Path("/notes/outline.yaml")

CASES = [
    ({"EDITOR": "gedit"}, 12, "xterm", ["gedit", "/notes/outline.yaml"]),
    ({"VISUAL": "code --wait", "EDITOR": "vim"}, 12, "xterm", ["code", "--wait", "/notes/outline.yaml"]),
    ({"EDITOR": "vim"}, 12, "xterm", ["xterm", "-e", "vim", "+12", "/notes/outline.yaml"]),
    ({"EDITOR": "/usr/bin/nano"}, None, "kitty --single", ["kitty", "--single", "-e", "/usr/bin/nano", "/notes/outline.yaml"]),
    ({"EDITOR": "emacs -nw"}, 3, "xterm", ["xterm", "-e", "emacs", "-nw", "+3", "/notes/outline.yaml"]),
    ({"EDITOR": "emacs"}, 3, None, ["emacs", "+3", "/notes/outline.yaml"]),
    ({"EDITOR": "vim"}, 12, None, None),  # no terminal to run it in: the system's application
    ({}, 12, "xterm", None),
    ({"EDITOR": "  "}, 12, "xterm", None),
]  # fmt: skip


@pytest.mark.parametrize(("environ", "line", "terminal", "expected"), CASES)
def test_editor_command(
    environ: dict[str, str], line: int | None, terminal: str | None, expected: list[str] | None
) -> None:
    assert editor_command(environ, FILE, line, terminal) == expected
