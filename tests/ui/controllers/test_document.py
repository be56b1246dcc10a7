"""The document controller on its own: open, problems, reload, save, leaving, recent files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from answers import answer, messages
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.document import DocumentController
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.panels.banner import Banner
from mindmap.ui.panels.outlinepanel import OutlinePanel


@pytest.fixture
def document(
    session: MapSession,
    maps: MapController,
    annotations: AnnotationSession,
    host: QWidget,
    tmp_path: Path,
) -> DocumentController:
    return DocumentController(
        session,
        maps=maps,
        annotations=annotations,
        panel=OutlinePanel(host),
        banner=Banner(),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        dialogs=host,
    )


def test_open_shows_the_outline_and_remembers_it(
    document: DocumentController, outline_file: Path, session: MapSession
) -> None:
    recent: list[list[str]] = []
    document.recent_changed.connect(recent.append)
    assert document.open_file(outline_file)
    assert session.outline is not None
    assert session.outline.root.title == "Revision"
    assert recent == [[str(outline_file.resolve())]]
    assert not document.banner.isVisibleTo(None)


def test_a_missing_file_is_said_and_nothing_changes(
    document: DocumentController, tmp_path: Path, session: MapSession
) -> None:
    assert not document.open_file(tmp_path / "nowhere.yaml")
    assert "cannot read the file" in document.banner.label.text()
    assert document.path is None


def test_a_broken_file_opens_in_the_panel_with_its_line(
    document: DocumentController, tmp_path: Path, session: MapSession
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("Root:\n  - a\n  - [b\n", encoding="utf-8")
    assert not document.open_file(broken)
    assert session.outline is None
    assert document.banner.label.text().startswith(f"{broken}:")
    line = int(document.banner.action.text().removeprefix("Show line "))
    document.banner.action.click()
    assert not document.panel.isHidden()
    assert document.panel.editor.current_line() == line


def test_reload_keeps_the_state_and_a_vanished_file_keeps_the_map(
    document: DocumentController, outline_file: Path, session: MapSession, qtbot: QtBot
) -> None:
    document.open_file(outline_file)
    session.toggle_fold("Revision/Energy")
    outline_file.write_text(
        outline_file.read_text(encoding="utf-8") + "  - Trade\n", encoding="utf-8"
    )
    document.reload()
    assert session.outline is not None
    assert "Revision/Trade" in session.outline.by_key
    assert session.folds == {"Revision/Energy"}
    with qtbot.waitSignal(document.watcher.vanished, timeout=3000):
        os.remove(outline_file)
    assert "deleted or moved away" in document.banner.label.text()
    assert "Revision/Trade" in session.outline.by_key


def test_saving_edits_and_failing_to(
    document: DocumentController,
    outline_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document.open_file(outline_file)
    said = messages(document)
    document.save_outline()  # nothing edited: nothing written
    assert said == []
    document.panel.show()
    document.panel.editor.appendPlainText("  - Trade")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append(text))
    monkeypatch.setattr(
        document.panel, "save", lambda: (_ for _ in ()).throw(PermissionError(13, "denied"))
    )
    document.save_outline()
    assert "cannot write the file: denied" in warned[0]
    assert document.panel.is_dirty()
    monkeypatch.undo()
    document.save_outline()
    assert said == [f"Saved {outline_file}"]
    assert "  - Trade" in outline_file.read_text(encoding="utf-8")


def test_leaving_with_unsaved_edits_asks(
    document: DocumentController,
    outline_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document.open_file(outline_file)
    document.panel.show()
    document.panel.editor.appendPlainText("  - Trade")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not document.confirm_close()
    assert not document.confirm_leaving()
    assert asked == ["Unsaved edits", "Unsaved edits"]
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert document.confirm_close()
    assert "  - Trade" in outline_file.read_text(encoding="utf-8")
    checks: list[bool] = []
    document.add_leave_check(lambda: checks.append(True) or False)
    assert not document.confirm_leaving()  # another part of the app said no
    assert checks == [True]


def test_choose_file_opens_what_is_chosen(
    document: DocumentController, outline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(outline_file), ""))
    document.choose_file()
    assert document.path == outline_file
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    document.choose_file()  # cancelled: the file stays open
    assert document.path == outline_file


def test_an_outside_change_over_unsaved_edits_asks_which_to_keep(
    document: DocumentController,
    outline_file: Path,
    session: MapSession,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    document.open_file(outline_file)
    document.panel.show()
    document.panel.editor.appendPlainText("  - Mine")

    def choose(text: str) -> None:
        def click(box: QMessageBox) -> None:
            next(button for button in box.buttons() if button.text() == text).click()

        monkeypatch.setattr(QMessageBox, "exec", click)

    choose("Keep My Edits")
    said = messages(document)
    with qtbot.waitSignal(document.watcher.changed, timeout=3000):
        outline_file.write_text("Revision:\n  - Theirs\n", encoding="utf-8")
    assert said == ["Kept your edits; saving them will replace the file on disk."]
    assert document.panel.is_dirty()
    choose("Load the File from Disk")
    with qtbot.waitSignal(document.watcher.changed, timeout=3000):
        outline_file.write_text("Revision:\n  - Theirs again\n", encoding="utf-8")
    assert not document.panel.is_dirty()
    assert session.outline is not None
    assert [c.title for c in session.outline.root.children] == ["Theirs again"]
