"""The pure core type-checks under `mypy --strict`: a wrong type fails here, not in a user's map."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api", reason="mypy is in the test extras: pip install '.[test]'")

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "mindmap" / "core"


def test_core_is_clean_under_mypy_strict() -> None:
    # The project's [tool.mypy] settings (strict), no cache left behind in the work tree.
    args = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", os.devnull]
    stdout, stderr, status = api.run([*args, str(CORE)])
    assert (status, stderr) == (0, ""), stdout
    assert stdout.startswith("Success: no issues found"), stdout
