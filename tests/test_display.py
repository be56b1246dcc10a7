"""Without a graphical session, `mindmap [FILE]` says so in one line and exits 1, not with Qt's
abort (exit 134) and its misleading message about libxcb-cursor0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mindmap.display import display_problem

ROOT = Path(__file__).parents[1]
NO_DISPLAY = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="DISPLAY / WAYLAND_DISPLAY are Linux's"
)


def run_mindmap(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    command = [sys.executable, "-m", "mindmap", str(ROOT / "outline.yaml")]
    return subprocess.run(
        command, env={**base, **env}, capture_output=True, text=True, timeout=60, check=False
    )


@linux_only
def test_without_a_display_variable_mindmap_says_so_in_one_line_and_exits_1() -> None:
    result = run_mindmap({})
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert "graphical session" in line
    assert "mindmap check" in line
    assert "mindmap export" in line


@linux_only
def test_a_display_that_cannot_be_reached_is_named_not_aborted_on() -> None:
    result = run_mindmap({"DISPLAY": ":4711"})
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert "DISPLAY=:4711" in line
    assert "mindmap check" in line


@linux_only
def test_a_named_platform_or_a_wayland_session_is_left_to_qt() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({}, "win32") is None
    assert display_problem({"DISPLAY": "weird"}, "linux") is None  # unknown form: Qt decides
