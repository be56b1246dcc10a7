"""Live reload: however an editor saves, the map follows and the user's place survives."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mindmap.ui.window import MainWindow

OUTLINE = """\
Revision:
  - Defence:
      - BrahMos
      - Su-30
  - Energy:
      - Kudankulam
      - Sakhalin I
  - Space:
      - Gaganyaan
"""


def in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)


def rename_over(path: Path, text: str) -> None:
    temporary = path.with_name(".outline.yaml.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def delete_and_recreate(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


@pytest.fixture
def opened(window: MainWindow, outline_file: Path, qtbot: QtBot) -> MainWindow:
    assert window.open_file(outline_file)
    return window


def titles(window: MainWindow) -> set[str]:
    return {item.node.title for item in window.scene.nodes.values()}


@pytest.mark.parametrize("save", [in_place, rename_over, delete_and_recreate])
def test_map_follows_every_way_of_saving_and_keeps_the_users_place(
    opened: MainWindow, outline_file: Path, qtbot: QtBot, save: Callable[[Path, str], None]
) -> None:
    window = opened
    window.maps.run(window.session.toggle_fold("Revision/Energy"))
    window.maps.run(window.session.select("Revision/Space/Gaganyaan"))
    window.view.set_zoom(1.5)
    window.maps.centre_on("Revision/Defence")
    centre_before = window.view.mapFromScene(window.scene.nodes["Revision/Defence"].scenePos())

    save(outline_file, OUTLINE.replace("      - Su-30\n", "      - Su-30\n      - Mi-35\n"))

    qtbot.wait_until(lambda: "Mi-35" in titles(window), timeout=3000)
    assert "Revision/Energy/Kudankulam" not in window.scene.nodes  # still folded
    assert window.session.selected == "Revision/Space/Gaganyaan"
    assert window.view.zoom() == pytest.approx(1.5)
    after = window.view.mapFromScene(window.scene.nodes["Revision/Defence"].scenePos())
    assert (after - centre_before).manhattanLength() <= 2
    assert window.scene.nodes["Revision/Defence/Mi-35"].fresh  # new nodes flash

    save(outline_file, OUTLINE)  # and once more, after the first save replaced the file
    qtbot.wait_until(lambda: "Mi-35" not in titles(window), timeout=3000)


def test_broken_file_keeps_the_map_and_shows_the_line_until_fixed(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    before = titles(window)
    rename_over(outline_file, OUTLINE.replace("      - BrahMos", "      - 'BrahMos"))
    qtbot.wait_until(window.banner.isVisible, timeout=3000)
    assert window.banner.label.text() == (
        f"{outline_file}:3:9: a quoted text starts here and is never closed; add the closing quote"
    )
    assert window.banner.action.text() == "Show line 3"
    assert titles(window) == before
    window.banner.action.click()
    assert window.outline_panel.isVisible()
    assert window.outline_panel.editor.current_line() == 3
    assert window.outline_panel.editor.error_line == 3  # marked in the editor too

    rename_over(outline_file, OUTLINE.replace("BrahMos", "BrahMos missile"))
    qtbot.wait_until(lambda: not window.banner.isVisible(), timeout=3000)
    assert "BrahMos missile" in titles(window)


def test_vanished_file_is_said_and_the_map_stays(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    before = titles(window)
    outline_file.unlink()
    qtbot.wait_until(window.banner.isVisible, timeout=3000)
    assert "deleted or moved away" in window.banner.label.text()
    assert titles(window) == before

    outline_file.write_text(OUTLINE, encoding="utf-8")  # put back, not a byte changed
    qtbot.wait_until(lambda: not window.banner.isVisible(), timeout=3000)


def type_into_panel(window: MainWindow, qtbot: QtBot, old: str, new: str) -> None:
    editor = window.outline_panel.editor
    window.outline_panel.focus_editor()
    cursor = editor.document().find(old)
    assert not cursor.isNull()
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, new)


def test_typing_previews_and_ctrl_s_saves_without_a_second_change(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    type_into_panel(window, qtbot, "Gaganyaan", "Chandrayaan")
    assert window.windowTitle() == "*outline.yaml — Mindmap"
    qtbot.wait_until(lambda: "Chandrayaan" in titles(window), timeout=3000)
    assert outline_file.read_text(encoding="utf-8") == OUTLINE  # previewed, not saved

    qtbot.keyClick(window.outline_panel.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert outline_file.read_text(encoding="utf-8") == OUTLINE.replace("Gaganyaan", "Chandrayaan")
    assert window.windowTitle() == "outline.yaml — Mindmap"
    with qtbot.assertNotEmitted(window.document.watcher.changed):
        # what the watcher does once the save's file events settle
        window.document.watcher._settle()
    assert not window.banner.isVisible()


def answer_question(button: QMessageBox.StandardButton | str) -> None:
    """Press `button` (a standard one, or the one with this text) of the next message box."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
        elif isinstance(button, str):
            next(b for b in box.buttons() if b.text() == button).click()
        else:
            box.button(button).click()

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("keep_mine", [True, False])
def test_disk_change_during_unsaved_edits_asks(
    opened: MainWindow, outline_file: Path, qtbot: QtBot, keep_mine: bool
) -> None:
    window = opened
    type_into_panel(window, qtbot, "Gaganyaan", "Chandrayaan")
    answer_question("Keep My Edits" if keep_mine else "Load the File from Disk")
    rename_over(outline_file, OUTLINE.replace("Sakhalin I", "Sakhalin II"))
    if keep_mine:
        qtbot.wait_until(lambda: "Kept your edits" in window.statusBar().currentMessage())
        assert "Chandrayaan" in window.outline_panel.editor.toPlainText()
        assert window.outline_panel.is_dirty()
        answer_question(QMessageBox.StandardButton.Discard)  # closing asks about the edits
        window.close()
        assert not window.isVisible()
    else:
        qtbot.wait_until(lambda: "Sakhalin II" in titles(window), timeout=3000)
        assert "Chandrayaan" not in window.outline_panel.editor.toPlainText()
        assert not window.outline_panel.is_dirty()
    assert outline_file.read_text(encoding="utf-8").count("Sakhalin II") == 1


def test_folds_zoom_and_centre_come_back_another_day(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    window.maps.run(window.session.toggle_fold("Revision/Energy"))
    window.view.set_zoom(1.25)
    window.maps.centre_on("Revision/Space")
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    window.close()

    again = MainWindow(window.settings)
    qtbot.add_widget(again)
    again.resize(window.size())
    again.show()
    assert again.open_file(outline_file)
    assert again.session.folds == {"Revision/Energy"}
    assert again.view.zoom() == pytest.approx(1.25)
    restored = again.view.mapToScene(again.view.viewport().rect().center())
    assert (restored - centre).manhattanLength() < 3


def test_map_selection_and_editor_cursor_follow_each_other(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    panel = window.outline_panel
    panel.focus_editor()
    window.maps.run(window.session.select("Revision/Energy/Sakhalin I"))
    assert panel.editor.current_line() == 7
    panel.editor.setFocus()
    panel.editor.go_to_line(4)  # the user moves the cursor to "- Su-30"
    assert window.session.selected == "Revision/Defence/Su-30"


def test_ctrl_s_without_edits_writes_nothing_and_never_an_older_text(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert outline_file.read_text(encoding="utf-8") == OUTLINE  # the panel was never shown
    window.outline_panel.focus_editor()
    window.outline_panel.hide()
    newer = OUTLINE.replace("Sakhalin I", "Sakhalin II")
    rename_over(outline_file, newer)
    qtbot.wait_until(lambda: "Sakhalin II" in titles(window), timeout=3000)
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert outline_file.read_text(encoding="utf-8") == newer


def test_opening_another_file_asks_about_unsaved_edits(
    opened: MainWindow, outline_file: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    window = opened
    type_into_panel(window, qtbot, "Gaganyaan", "Chandrayaan")
    other = tmp_path / "other.yaml"
    other.write_text("Other:\n  - leaf\n", encoding="utf-8")
    answer_question(QMessageBox.StandardButton.Cancel)
    assert not window.open_file(other)
    assert window.document.path == outline_file
    assert "Chandrayaan" in window.outline_panel.editor.toPlainText()
    answer_question(QMessageBox.StandardButton.Discard)
    assert window.open_file(other)
    assert window.windowTitle() == "other.yaml — Mindmap"
    assert not window.outline_panel.is_dirty()
    assert outline_file.read_text(encoding="utf-8") == OUTLINE


def test_a_file_broken_at_open_shows_as_remembered_once_fixed(
    window: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    folded = OUTLINE.replace(
        "  - Energy:\n", "  - title: Energy\n    collapsed: true\n    children:\n"
    )
    outline_file.write_text(folded.replace("BrahMos", "'BrahMos"), encoding="utf-8")
    assert not window.open_file(outline_file)
    assert window.banner.isVisible()
    rename_over(outline_file, folded)
    qtbot.wait_until(lambda: bool(window.scene.nodes), timeout=3000)
    assert window.session.folds == {
        "Revision/Energy"
    }  # collapsed: true holds on the first good load
    assert "Revision/Energy/Kudankulam" not in window.scene.nodes
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.map_rect)  # fitted, as a first open is


def test_a_file_that_is_not_utf8_cannot_be_damaged_from_the_panel(
    window: MainWindow, outline_file: Path
) -> None:
    data = OUTLINE.replace("Su-30", "Su-30 caf\xe9").encode("latin-1")
    outline_file.write_bytes(data)
    assert not window.open_file(outline_file)
    assert "not UTF-8" in window.banner.label.text()
    window.outline_panel.focus_editor()
    assert window.outline_panel.editor.isReadOnly()
    window.document.save_outline()
    assert outline_file.read_bytes() == data


def test_open_in_external_editor_starts_the_users_editor_at_the_selected_line(
    opened: MainWindow, outline_file: Path, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    record = tmp_path / "editor-args.txt"
    fake_vim = tmp_path / "vim"  # a terminal editor: it must get a terminal, and +LINE
    fake_vim.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {record}\n", encoding="utf-8")
    fake_vim.chmod(0o755)
    terminal = tmp_path / "term"  # a terminal emulator that runs what follows -e
    terminal.write_text('#!/bin/sh\nshift\nexec "$@"\n', encoding="utf-8")
    terminal.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(fake_vim))
    monkeypatch.setenv("TERMINAL", str(terminal))
    opened.maps.run(opened.session.select("Revision/Energy/Sakhalin I"))
    opened.document.open_in_external_editor()
    qtbot.wait_until(lambda: record.exists() and record.read_text().count("\n") == 2, timeout=5000)
    assert record.read_text(encoding="utf-8").split("\n")[:2] == ["+7", str(outline_file)]


def test_when_the_node_at_the_centre_is_removed_its_parent_stays_still(
    opened: MainWindow, outline_file: Path, qtbot: QtBot
) -> None:
    window = opened
    window.view.set_zoom(1.5)
    window.maps.centre_on("Revision/Energy/Kudankulam")
    parent_before = window.view.mapFromScene(window.scene.nodes["Revision/Energy"].scenePos())
    rename_over(outline_file, OUTLINE.replace("      - Kudankulam\n", ""))
    qtbot.wait_until(lambda: "Kudankulam" not in titles(window), timeout=3000)
    parent_after = window.view.mapFromScene(window.scene.nodes["Revision/Energy"].scenePos())
    assert (parent_after - parent_before).manhattanLength() <= 1
