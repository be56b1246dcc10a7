"""`mindmap check`, `export` and `convert` on Markdown, OPML and FreeMind/Freeplane files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mindmap.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("markmap-example.md", "valid, 20 nodes, depth 4, 2 warnings"),
        ("states.opml", "valid, 59 nodes, depth 2"),
        ("freeplaneFunctions.mm", "valid, 69 nodes, depth 5, 4 warnings"),
        ("Wohnungssuche.mm", "valid, 4 nodes, depth 3, 2 warnings"),
    ],
)
def test_check_reads_every_format(
    name: str, summary: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / name
    assert main(["check", str(path)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[-1] == f"{path}: {summary}"
    assert all(line.startswith(f"{path}:") for line in said)


def test_check_reports_broken_xml_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.mm"
    bad.write_text('<map>\n<node TEXT="a">\n</map>\n', encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}:3:3: not well-formed XML: mismatched tag",
        f"{bad}: invalid, 1 error",
    ]


@pytest.mark.parametrize("name", ["markmap-example.md", "states.opml", "Wohnungssuche.mm"])
def test_export_draws_every_format(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    shutil.copy(FIXTURES / name, source)
    out = tmp_path / "map.svg"
    assert main(["export", str(source), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert capsys.readouterr().out.startswith(f"{out}: ")
