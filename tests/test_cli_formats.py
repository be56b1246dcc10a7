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


def test_convert_markdown_to_yaml_and_check_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "markmap.yaml"
    source = FIXTURES / "markmap-example.md"
    assert main(["convert", str(source), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out}: 20 nodes written as YAML\n"
    assert captured.err.count("warning: ") == 2  # the reader's: a table, an image
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Converted from markmap-example.md by mindmap convert")
    assert "    note: |-\n" in text
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: valid, 20 nodes, depth 4\n"


def test_convert_names_what_the_target_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "o.yaml"
    source.write_text("R:\n  - title: a\n    tags: [exam]\n", encoding="utf-8")
    out = tmp_path / "o.md"
    assert main(["convert", str(source), "-o", str(out)]) == 0
    assert capsys.readouterr().err == (
        f"{source}:2:5: warning: Markdown has no place for a node's tags: "
        "left out of 1 node, first here\n"
    )
    assert out.read_text(encoding="utf-8").splitlines()[3:5] == ["# R", ""]


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("o.txt", "unknown format '.txt'; write to one of .markdown, .md, .mm, .opml, .yaml, .yml"),
        ("o.yaml", "is the file being converted; write to another file"),
    ],
)
def test_convert_refuses_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, said: str
) -> None:
    source = tmp_path / "o.yaml"
    source.write_text("R:\n  - a\n", encoding="utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / output)]) == 1
    assert capsys.readouterr().err == f"mindmap convert: {tmp_path / output}: {said}\n"
    assert source.read_text(encoding="utf-8") == "R:\n  - a\n"


def test_convert_never_replaces_a_file_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n- first\n", encoding="utf-8")
    mine = tmp_path / "notes.yaml"
    mine.write_text("Notes:\n  - my own outline\n", encoding="utf-8")
    sidecar = tmp_path / "notes.notes.md.yaml"
    sidecar.write_text("annotations: []\n", encoding="utf-8")
    for target in (mine, sidecar):
        assert main(["convert", str(source), "-o", str(target)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"mindmap convert: {mine}: exists already; add --force to replace it",
        f"mindmap convert: {sidecar}: is the outline's annotations file; write to another file",
    ]
    assert mine.read_text(encoding="utf-8") == "Notes:\n  - my own outline\n"
    assert main(["convert", str(source), "-o", str(mine), "--force"]) == 0
    assert "first" in mine.read_text(encoding="utf-8")
    assert sidecar.read_text(encoding="utf-8") == "annotations: []\n"
