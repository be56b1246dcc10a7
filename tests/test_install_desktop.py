"""`mindmap install-desktop` puts the launcher and the icon where desktops look for them, with
an Exec line that starts this installation; `--uninstall` takes them away again."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mindmap.cli import main
from mindmap.desktop import exec_line


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share with space"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def entry_lines(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_install_desktop_writes_entry_and_icon_and_uninstall_removes_them(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = data_home / "applications/mindmap.desktop"
    icon = data_home / "icons/hicolor/scalable/apps/mindmap.svg"
    assert main(["install-desktop"]) == 0
    assert entry.is_file()
    assert icon.read_bytes().startswith(b"<")
    assert str(entry) in capsys.readouterr().out
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not entry.exists()
    assert not icon.exists()


def test_the_entry_starts_this_installation(data_home: Path) -> None:
    assert main(["install-desktop"]) == 0
    command = shlex.split(entry_lines(data_home / "applications/mindmap.desktop")["Exec"])
    assert command[-1] == "%f"
    result = subprocess.run(
        [*command[:-1], "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("mindmap ")


def test_the_entry_claims_no_yaml_file(data_home: Path) -> None:
    """Declaring application/yaml would make mindmap the default for every YAML file."""
    assert main(["install-desktop"]) == 0
    fields = entry_lines(data_home / "applications/mindmap.desktop")
    assert "yaml" not in fields.get("MimeType", "")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is missing (Debian: apt-get install desktop-file-utils)",
)
def test_the_installed_entry_is_valid(data_home: Path) -> None:
    assert main(["install-desktop"]) == 0
    entry = data_home / "applications/mindmap.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_exec_line_quotes_a_python_in_a_folder_with_spaces_and_percent() -> None:
    line = exec_line(["/home/a b/100%/py$thon", "-m", "mindmap"])
    assert line == '"/home/a b/100%%/py\\$thon" -m mindmap %f'
