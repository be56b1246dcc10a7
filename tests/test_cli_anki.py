"""`mindmap export FILE -o deck.apkg`: an Anki deck of the branches, checked inside its zip."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import genanki
import pytest

from mindmap.cli import main

OUTLINE = """\
Revision:
  - Defence:
      - BrahMos:
          - range <290 km>
      - Agni
  - title: Energy
    note: Nuclear & renewables
    children: [Kudankulam]
  - History
"""
SIDECAR = "annotations:\n- key: Revision/Energy\n  title: Energy\n  text: VVER-1000, two units\n"
FIELD_SEPARATOR = "\x1f"


def notes(deck: Path, folder: Path) -> dict[str, list[str]]:
    """GUID → fields of every note in the deck's SQLite collection."""
    with zipfile.ZipFile(deck) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", folder)
    connection = sqlite3.connect(folder / "collection.anki2")
    try:
        rows = connection.execute("select guid, flds from notes").fetchall()
    finally:
        connection.close()
    return {guid: fields.split(FIELD_SEPARATOR) for guid, fields in rows}


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "outline.notes.yaml").write_text(SIDECAR, encoding="utf-8")
    return path


def test_the_deck_has_one_note_per_node_with_children_and_its_guids_stay(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.apkg"
    assert main(["export", str(outline), "-o", str(deck)]) == 0
    said = capsys.readouterr().out
    assert said == f"{deck}: an Anki deck of 4 notes (one per node with children)\n"
    first = notes(deck, tmp_path / "first")
    branches = ["Revision", "Revision/Defence", "Revision/Defence/BrahMos", "Revision/Energy"]
    assert set(first) == {genanki.guid_for(key) for key in branches}
    assert main(["export", str(outline), "-o", str(deck)]) == 0  # over the old one
    assert set(notes(deck, tmp_path / "second")) == set(first)
    fronts = {front: back for front, back in first.values()}
    assert fronts['<div class="path">Revision › Defence</div><b>BrahMos</b>'] == (
        "<ul><li>range &lt;290 km&gt;</li></ul>"
    )
    assert fronts['<div class="path">Revision</div><b>Energy</b>'] == (
        '<ul><li>Kudankulam</li></ul><p class="note">Nuclear &amp; renewables</p>'
        '<p class="annotation">VVER-1000, two units</p>'
    )
    assert "<b>Revision</b>" in fronts
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary


def test_a_failed_export_leaves_the_old_deck_whole(tmp_path: Path, outline: Path) -> None:
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(b"an older deck")
    outline.write_text("Revision:\n  - [broken\n", encoding="utf-8")
    assert main(["export", str(outline), "-o", str(deck)]) == 1
    assert deck.read_bytes() == b"an older deck"


def test_a_deck_is_never_written_over_the_outline_or_its_annotations(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "outline.notes.yaml"
    before = own.read_bytes()
    mine = tmp_path / "map.apkg"
    mine.write_text(OUTLINE, encoding="utf-8")  # an outline named like a deck
    assert main(["export", str(mine), "-o", str(mine)]) == 1
    assert "that is the outline itself" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == OUTLINE
    assert own.read_bytes() == before


def test_the_deck_is_written_without_qt(tmp_path: Path, outline: Path) -> None:
    deck = tmp_path / "deck.apkg"
    code = (
        "import sys; from mindmap.cli import main; status = main(sys.argv[1:]); "
        "assert 'PySide6' not in sys.modules; sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "export", str(outline), "-o", str(deck)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(deck)
