"""The files behind the window as they are in the wild: symlinks into synced folders, and
special files (a named pipe, a link to a device) where an outline or sidecar should be."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_annotations_ui import BRAHMOS, OUTLINE, annotate_by_keyboard
from test_reload import type_into_panel

from mindmap.ui.window import MainWindow

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    """A synced folder, with the outline and its sidecar linked into the working folder."""
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    (folder / "outline.yaml").write_text(OUTLINE, encoding="utf-8")
    (folder / "outline.notes.yaml").write_text("version: 1\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    for name in ("outline.yaml", "outline.notes.yaml"):
        (work / name).symlink_to(Path("..") / "Dropbox" / name)
    return work


def test_ctrl_s_in_the_outline_panel_writes_the_linked_file_and_keeps_the_link(
    window: MainWindow, synced: Path, qtbot: QtBot
) -> None:
    assert window.open_file(synced / "outline.yaml")
    type_into_panel(window, qtbot, "BrahMos", "Prithvi")
    qtbot.keyClick(window.outline_panel.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (synced / "outline.yaml").is_symlink()
    real = synced.parent / "Dropbox" / "outline.yaml"
    assert real.read_text(encoding="utf-8") == OUTLINE.replace("BrahMos", "Prithvi")
    with qtbot.assertNotEmitted(window.document.watcher.changed):
        window.document.watcher._settle()  # the save is known as ours through the link too


def test_an_annotation_save_writes_the_linked_sidecar_and_keeps_the_link(
    window: MainWindow, synced: Path, qtbot: QtBot
) -> None:
    window.open_file(synced / "outline.yaml")
    annotate_by_keyboard(window, qtbot, BRAHMOS, "mine")
    assert (synced / "outline.notes.yaml").is_symlink()
    real = synced.parent / "Dropbox" / "outline.notes.yaml"
    assert "mine" in real.read_text(encoding="utf-8")


@needs_fifo
def test_a_sidecar_that_is_a_named_pipe_opens_the_map_and_says_why_no_annotations(
    window: MainWindow, tmp_path: Path
) -> None:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    pipe = tmp_path / "outline.notes.yaml"
    os.mkfifo(pipe)
    assert window.open_file(outline)  # returns: nothing waits for a writer to the pipe
    assert BRAHMOS in window.scene.nodes
    assert window.notes_banner.label.text().startswith(
        f"{pipe}: cannot read: not a regular file (a named pipe)"
    )


@needs_fifo
def test_an_outline_that_is_a_named_pipe_is_refused_in_the_banner(
    window: MainWindow, tmp_path: Path
) -> None:
    pipe = tmp_path / "outline.yaml"
    os.mkfifo(pipe)
    assert not window.open_file(pipe)
    assert window.banner.label.text() == (
        f"{pipe}: cannot read the file: not a regular file (a named pipe)"
    )


@needs_fifo
def test_start_over_on_a_named_pipe_says_why_and_leaves_it_alone(
    window: MainWindow, tmp_path: Path
) -> None:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    pipe = tmp_path / "outline.notes.yaml"
    os.mkfifo(pipe)
    window.open_file(outline)
    assert window.notes_banner.action.text() == "Keep a copy and start over"
    window.notes_banner.action.click()
    assert window.notes_banner.label.text() == (
        f"{pipe}: cannot keep a copy: not a regular file (a named pipe)"
    )
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outline.notes.yaml", "outline.yaml"]
