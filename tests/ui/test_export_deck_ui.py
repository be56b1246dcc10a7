"""An Anki deck from the window's Export dialog: chosen as a format or by the file's name, with
the picture's options off; written as the command line writes it (atomically, with the
annotations, never over the outline or its annotations), checked inside its zip."""

from __future__ import annotations

from pathlib import Path

import genanki
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_cli_anki import OUTLINE, SIDECAR, notes

from mindmap.ui.panels.exportdialog import ExportDialog
from mindmap.ui.window import MainWindow

BRANCHES = ["Revision", "Revision/Defence", "Revision/Defence/BrahMos", "Revision/Energy"]


@pytest.fixture
def opened(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The outline of the command line's deck tests, with its annotation, open in the window."""
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "outline.notes.yaml").write_text(SIDECAR, encoding="utf-8")
    assert window.open_file(path)
    qtbot.wait_until(lambda: bool(window.scene.nodes))
    return window


def export_with(window: MainWindow, qtbot: QtBot, fill) -> list[ExportDialog]:
    """Press Ctrl+E; `fill(dialog)` answers the dialog as soon as it shows."""
    seen: list[ExportDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        seen.append(dialog)
        try:
            fill(dialog)
        finally:  # a failed check closes it too, and the test fails instead of waiting
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    return seen


def type_path(qtbot: QtBot, dialog: ExportDialog, path: Path) -> None:
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(path))


def save(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)


def image_options(dialog: ExportDialog) -> list[bool]:
    widgets = (dialog.content, dialog.scale, dialog.background, dialog.margin)
    return [widget.isEnabled() for widget in (*widgets, dialog.annotation_text)]


def test_the_anki_format_writes_the_deck_and_says_how_many_notes(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    old = tmp_path / "outline.apkg"
    old.write_bytes(b"an older deck")  # written over, whole

    def fill(dialog: ExportDialog) -> None:
        assert image_options(dialog) == [True] * 5
        dialog.format.setFocus()
        qtbot.keyClicks(dialog.format, "Anki")  # the combo box finds it by its name
        assert dialog.format.currentText() == "Anki deck (.apkg)"
        assert dialog.path.text() == str(old)  # the name follows the format
        assert image_options(dialog) == [False] * 5
        assert dialog.deck_note.isVisible()  # what the deck holds, annotations included
        save(qtbot, dialog)

    assert len(export_with(opened, qtbot, fill)) == 1
    deck = notes(old, tmp_path / "unzipped")
    assert set(deck) == {genanki.guid_for(key) for key in BRANCHES}  # one per node with children
    backs = [back for _front, back in deck.values()]
    assert any('<p class="annotation">VVER-1000, two units</p>' in back for back in backs)
    said = opened.statusBar().currentMessage()
    assert said == f"Exported {old}: an Anki deck of 4 notes (one per node with children)"
    assert opened.settings.value("export/suffix") == ".apkg"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_typing_a_deck_name_chooses_the_format_and_back(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    def fill(dialog: ExportDialog) -> None:
        type_path(qtbot, dialog, tmp_path / "cards.apkg")
        assert dialog.format.currentText() == "Anki deck (.apkg)"
        assert image_options(dialog) == [False] * 5
        type_path(qtbot, dialog, tmp_path / "picture.svg")
        assert dialog.format.currentText() == "SVG"
        assert image_options(dialog) == [True] * 5
        assert not dialog.deck_note.isVisible()
        type_path(qtbot, dialog, tmp_path / "cards.APKG")
        save(qtbot, dialog)

    export_with(opened, qtbot, fill)
    assert len(notes(tmp_path / "cards.APKG", tmp_path / "unzipped")) == 4


@pytest.mark.parametrize(
    ("target", "told"),
    [
        ("map.apkg", "that is the outline itself; choose another name"),
        ("map.notes.apkg", "that is the outline's annotations file; choose another name"),
    ],
    ids=["the outline", "its annotations"],
)
def test_a_deck_is_never_written_over_the_outline_or_its_annotations(  # noqa: PLR0917 - fixtures
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    told: str,
) -> None:
    outline, sidecar = tmp_path / "map.apkg", tmp_path / "map.notes.apkg"  # decks' names
    outline.write_text(OUTLINE, encoding="utf-8")  # YAML, whatever the name
    sidecar.write_text(SIDECAR, encoding="utf-8")
    before = {path: path.read_bytes() for path in (outline, sidecar)}
    assert window.open_file(outline)
    qtbot.wait_until(lambda: bool(window.scene.nodes))
    seen: list[str] = []

    def fill(dialog: ExportDialog) -> None:
        type_path(qtbot, dialog, tmp_path / target)
        save(qtbot, dialog)
        seen.append(dialog.problem.text())

    export_with(window, qtbot, fill)
    assert seen == [f"{tmp_path / target}: {told}"]
    assert {path: path.read_bytes() for path in (outline, sidecar)} == before
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    assert window.exporting.write_deck(tmp_path / target) is None  # asked from elsewhere
    assert warned == seen
    assert {path: path.read_bytes() for path in (outline, sidecar)} == before


def test_a_deck_that_cannot_be_written_says_why_and_leaves_nothing(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    target = tmp_path / "missing" / "deck.apkg"

    def fill(dialog: ExportDialog) -> None:
        type_path(qtbot, dialog, target)
        save(qtbot, dialog)

    export_with(opened, qtbot, fill)
    assert said == [f"{target}: No such file or directory"]
    assert not target.parent.exists()


def test_a_deck_exported_while_the_annotations_cannot_be_read_says_they_are_left_out(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "outline.notes.yaml").write_text("annotations: [broken\n", encoding="utf-8")
    assert window.open_file(path)
    assert window.annotations.read_only_reason is not None
    target = tmp_path / "deck.apkg"

    def fill(dialog: ExportDialog) -> None:
        type_path(qtbot, dialog, target)
        save(qtbot, dialog)

    export_with(window, qtbot, fill)
    assert target.exists()
    message = window.statusBar().currentMessage()
    assert message.endswith("without your annotations (their file could not be read)")
