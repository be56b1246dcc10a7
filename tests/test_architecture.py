"""The layers hold: the import-linter contracts in pyproject.toml (the command line above the Qt
shell above the pure core; the core never imports Qt; in the shell, the window above the
controllers above the panels, export and map; no import cycles) are all kept."""

from __future__ import annotations

from pathlib import Path

import pytest

cli = pytest.importorskip("importlinter.cli", reason="import-linter is in the test extras")

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "0 broken" in report
    assert "The core never imports Qt KEPT" in report
