"""The command line: `check` prints FILE:LINE:COL and exits 0 / 1 / 2; no traceback ever shows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mindmap import __version__
from mindmap.cli import main
from mindmap.core import yamlraw

ROOT = Path(__file__).parents[1]


def python_m_mindmap(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mindmap ARGS` as a user runs it from a shell."""
    command = [sys.executable, "-m", "mindmap", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_outline_prints_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT / "outline.yaml")]) == 0
    assert capsys.readouterr().out == f"{ROOT / 'outline.yaml'}: valid, 72 nodes, depth 5\n"


def test_check_reports_errors_and_warnings_of_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.yaml", "title: R\ncolour: red\nchildren: [a]\n")
    bad = write(tmp_path, "bad.yaml", "Root:\n  - [a]\n")
    assert main(["check", str(good), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{good}:2:1: warning: unknown key 'colour' is ignored; "
        "a node's keys are title, children, note, collapsed, color, id, link, tags",
        f"{good}: valid, 2 nodes, depth 1, 1 warning",
        f"{bad}:2:5: a node must be a string or a mapping, got a list",
        f"{bad}: invalid, 1 error",
    ]


def test_check_missing_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nope.yaml")]) == 1
    assert "cannot read the file: No such file or directory" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check"])
    assert exited.value.code == 2
    assert "usage: mindmap check" in capsys.readouterr().err


def test_python_m_mindmap_version_and_help() -> None:
    version = python_m_mindmap("--version")
    assert (version.returncode, version.stdout) == (0, f"mindmap {__version__}\n")
    helped = python_m_mindmap("--help")
    assert helped.returncode == 0
    assert "mindmap check FILE..." in helped.stdout
    assert "mindmap export FILE -o OUT" in helped.stdout


def test_check_broken_yaml_from_the_shell_has_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "tabs.yaml", "Root:\n\t- a\n")
    result = python_m_mindmap("check", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{bad}:2:1: a tab character here; indent with spaces (YAML does not allow tabs)"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_check_piped_into_a_reader_that_stops_early_prints_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "Root:\n" + "  - [x]\n" * 40)
    command = f"{sys.executable} -m mindmap check {' '.join([str(bad)] * 40)} | head -1"
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.stdout == f"{bad}:2:5: a node must be a string or a mapping, got a list\n"
    assert "Traceback" not in done.stderr


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def within_seconds(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mindmap ARGS`, which must finish soon: a hang fails the test, not the run."""
    command = [sys.executable, "-m", "mindmap", *args]
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, check=False, timeout=30
    )


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to_dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


SPECIAL = [
    pytest.param(fifo, "a named pipe", marks=needs_fifo, id="fifo"),
    pytest.param(link_to_dev_zero, "a device", marks=needs_dev_zero, id="dev-zero"),
]


@pytest.mark.parametrize(("make", "kind"), SPECIAL)
def test_check_refuses_a_special_file_at_once(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    special = make(tmp_path / "o.yaml")
    result = within_seconds("check", str(special))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"{special}: cannot read the file: not a regular file ({kind})",
        f"{special}: invalid, 1 error",
    ]


@pytest.mark.parametrize(("make", "kind"), SPECIAL)
def test_export_refuses_a_special_outline_at_once(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    special = make(tmp_path / "o.yaml")
    result = within_seconds("export", str(special), "-o", str(tmp_path / "o.svg"))
    assert result.returncode == 1
    assert result.stderr == f"{special}: cannot read the file: not a regular file ({kind})\n"
    assert not (tmp_path / "o.svg").exists()


@pytest.mark.parametrize(("make", "kind"), SPECIAL)
def test_export_leaves_out_a_special_sidecar_with_a_warning(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    outline = write(tmp_path, "o.yaml", "Root:\n  - a\n")
    sidecar = make(tmp_path / "o.notes.yaml")
    result = within_seconds("export", str(outline), "-o", str(tmp_path / "o.svg"))
    assert result.returncode == 0
    assert result.stderr == (
        "mindmap export: warning: annotations left out: "
        f"{sidecar}: cannot read: not a regular file ({kind})\n"
    )
    assert (tmp_path / "o.svg").is_file()


def test_check_refuses_more_nodes_than_the_cap_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlraw, "MAX_NODES", 3)
    flow = write(tmp_path, "flow.yaml", "Root: [a,a,a,a,a,a]\n")
    assert main(["check", str(flow)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{flow}:1:14: more than 3 nodes; an outline holds at most 3, split it into several files",
        f"{flow}: invalid, 1 error",
    ]


def test_check_and_export_a_map_with_empty_titles(tmp_path: Path) -> None:
    """FreeMind and Freeplane maps hold image nodes and spacers without text: they load."""
    outline = write(tmp_path, "o.yaml", "Root:\n  - ''\n  - a:\n    - ' '\n")
    checked = python_m_mindmap("check", str(outline))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines() == [
        f"{outline}:2:5: warning: the node has no title; it is shown as an empty box",
        f"{outline}:4:7: warning: the node has no title; it is shown as an empty box",
        f"{outline}: valid, 4 nodes, depth 2, 2 warnings",
    ]
    exported = python_m_mindmap("export", str(outline), "-o", str(tmp_path / "o.png"))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "o.png").stat().st_size > 0
