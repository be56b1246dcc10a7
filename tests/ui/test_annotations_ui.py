"""Annotations as a user makes them: through the UI, kept across closing, reloads and failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Mark
from mindmap.core.sidecar import load_sidecar
from mindmap.ui.controllers import annotationsession, sidecarsaving
from mindmap.ui.map.items import NodeItem
from mindmap.ui.panels.exportdialog import ExportDialog
from mindmap.ui.window import MainWindow

OUTLINE = """\
Revision:
  - Defence:
      - BrahMos
      - Su-30
  - Energy:
      - Kudankulam
"""
BRAHMOS = "Revision/Defence/BrahMos"


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


def press(
    window: MainWindow,
    qtbot: QtBot,
    key: str,
    key_code: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Select `key` on the map and press a key, as the user would, in the active window."""
    window.maps.run(window.session.select(key))
    window.activateWindow()  # offscreen, a closed dialog does not hand activation back
    qtbot.wait_until(window.isActiveWindow)  # and shortcuts go to the active window
    qtbot.keyClick(window.view, key_code, modifiers)


def write_in_details(window: MainWindow, qtbot: QtBot, text: str) -> None:
    """Type `text` in place of the annotation being edited in Details, and press Ctrl+Enter."""
    field = window.annotation_editor.field
    assert window.annotation_editor.editing
    qtbot.wait_until(field.hasFocus)
    qtbot.keyClicks(field, text)  # the old text is selected: typing replaces it
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def annotate_by_keyboard(window: MainWindow, qtbot: QtBot, key: str, text: str) -> None:
    press(window, qtbot, key, Qt.Key.Key_A)
    write_in_details(window, qtbot, text)


def hover_text(window: MainWindow, key: str) -> str:
    """The tooltip the user sees resting the mouse on node `key`."""
    item = window.scene.nodes[key]
    window.view.centerOn(item)
    where = window.view.mapFromScene(item.sceneBoundingRect().center())
    viewport = window.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def settle(window: MainWindow, qtbot: QtBot) -> None:
    """Leave the outline alone until the annotations' proposed moves become real."""
    qtbot.wait_until(lambda: not window.annotations.settle_timer.isActive())


def annotate_mine(window: MainWindow, qtbot: QtBot, outline_file: Path) -> Path:
    """Open the outline, annotate BrahMos with "mine"; returns the sidecar's path."""
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "mine")
    return outline_file.parent / "outline.notes.yaml"


def test_annotation_made_in_the_ui_is_there_after_closing_and_reopening(
    qtbot: QtBot,
    make_window: Callable[[QSettings], MainWindow],
    settings: QSettings,
    outline_file: Path,
) -> None:
    window = make_window(settings)
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "Mnemonic: **Brahmaputra + Moskva**")
    assert window.scene.nodes[BRAHMOS].annotation.text.startswith("Mnemonic")
    assert "Your annotation:</b></p>" in hover_text(window, BRAHMOS)
    window.close()

    again = make_window(settings)
    again.open_file(outline_file)
    item = again.scene.nodes[BRAHMOS]
    assert item.annotation is not None
    assert item.annotation.text == "Mnemonic: **Brahmaputra + Moskva**"
    assert item.annotation.updated  # timestamped
    assert outline_file.read_text(encoding="utf-8") == OUTLINE  # the outline is never written
    assert (outline_file.parent / "outline.notes.yaml").exists()


def test_marks_by_keys_and_undo_redo(window: MainWindow, qtbot: QtBot, outline_file: Path) -> None:
    window.open_file(outline_file)
    window.maps.run(window.session.select(BRAHMOS))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.IMPORTANT
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.KNOWN
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.IMPORTANT
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.view, Qt.Key.Key_Z, shift_control)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.KNOWN
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # the same key again takes the mark off
    assert window.scene.nodes[BRAHMOS].annotation is None
    sidecar = load_sidecar(outline_file.parent / "outline.notes.yaml")
    assert sidecar.items == {}


def test_ctrl_shift_z_redoes_an_undone_annotation(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    """On X11 the platform's Redo keys hold Ctrl+Shift+Z too: bound twice, Qt ignored the key."""
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "mine")
    assert window.scene.nodes[BRAHMOS].annotation.text == "mine"
    press(window, qtbot, BRAHMOS, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.nodes[BRAHMOS].annotation is None
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(window, qtbot, BRAHMOS, Qt.Key.Key_Z, shift_control)
    assert window.scene.nodes[BRAHMOS].annotation is not None
    assert window.scene.nodes[BRAHMOS].annotation.text == "mine"


def test_renamed_moved_and_deleted_nodes_never_lose_their_annotation(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "missile")
    annotate_by_keyboard(window, qtbot, "Revision/Energy/Kudankulam", "reactor")
    sidecar = outline_file.parent / "outline.notes.yaml"

    moved = OUTLINE.replace("      - BrahMos\n", "").replace(
        "Kudankulam\n", "Kudankulam\n      - BrahMos\n"
    )
    outline_file.write_text(moved.replace("Kudankulam", "Kudankulam NPP"), encoding="utf-8")
    window.annotations.settle_timer.setInterval(100)
    window.document.reload()
    settle(window, qtbot)
    store = window.annotations.store
    assert store.get("Revision/Energy/BrahMos").text == "missile"  # followed its one namesake
    assert store.unattached == {"Revision/Energy/Kudankulam"}  # renamed: waits
    assert window.scene.nodes["Revision/Energy/BrahMos"].annotation is not None
    saved = load_sidecar(sidecar)
    assert {a.text for a in saved.items.values()} == {"missile", "reactor"}

    outline_file.write_text(OUTLINE.replace("      - BrahMos\n", ""), encoding="utf-8")
    window.document.reload()
    assert store is window.annotations.store
    assert {a.text for a in load_sidecar(sidecar).items.values()} == {"missile", "reactor"}

    window.annotation_panel.show()
    texts = [
        window.annotation_panel.list.item(i).text()
        for i in range(window.annotation_panel.list.count())
    ]
    # BrahMos is gone: its annotation waits; Kudankulam is back: its own found it again
    assert [text for text in texts if "(unattached)" in text] == ["BrahMos (unattached) — missile"]
    assert window.scene.nodes["Revision/Energy/Kudankulam"].annotation.text == "reactor"
    window.maps.run(window.session.select("Revision/Defence/Su-30"))
    window.annotation_panel.select_key("Revision/Energy/BrahMos")
    window.annotation_panel.attach.click()
    assert window.annotations.store.get("Revision/Defence/Su-30").text == "missile"
    assert window.annotations.store.unattached == set()


def test_corrupt_sidecar_is_left_byte_for_byte(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    broken = b"annotations:\n  - key: x\n    text: 'never closed\n"
    sidecar.write_bytes(broken)
    window.open_file(outline_file)
    assert window.notes_banner.isVisible()
    assert window.notes_banner.label.text().startswith(f"{sidecar}:3:11: ")
    assert window.notes_banner.action.text() == "Keep a copy and start over"
    window.maps.run(window.session.select(BRAHMOS))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.scene.nodes[BRAHMOS].annotation is None
    assert sidecar.read_bytes() == broken

    window.notes_banner.action.click()  # the user decides: keep a copy, start over
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.IMPORTANT
    copies = list(outline_file.parent.glob("outline.notes.yaml.broken-*"))
    assert [copy.read_bytes() for copy in copies] == [broken]


def test_failed_save_keeps_edits_and_offers_save_as(
    window: MainWindow, qtbot: QtBot, outline_file: Path, tmp_path: Path
) -> None:
    window.open_file(outline_file)
    (tmp_path / "outline.notes.yaml").mkdir()  # the sidecar's place cannot take a file
    window.maps.run(window.session.select(BRAHMOS))
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.scene.nodes[BRAHMOS].annotation.mark is Mark.REVISE  # kept in memory
    assert window.annotations.unsaved
    assert "cannot save your annotations" in window.notes_banner.label.text()
    assert window.notes_banner.action.text() == "Save As…"
    elsewhere = tmp_path / "safe.notes.yaml"
    assert window.annotations.save_to(elsewhere)
    assert load_sidecar(elsewhere).get(BRAHMOS).mark is Mark.REVISE


def test_find_matches_annotation_text(window: MainWindow, qtbot: QtBot, outline_file: Path) -> None:
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, "Revision/Defence/Su-30", "Sukhoi fighter jet")
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.field, "fighter")
    assert window.session.matches == ["Revision/Defence/Su-30"]


def test_annotations_changed_by_another_program_are_merged(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = annotate_mine(window, qtbot, outline_file)
    other = MainWindow(
        QSettings(str(outline_file.parent / "other.ini"), QSettings.Format.IniFormat)
    )
    qtbot.add_widget(other)
    other.open_file(outline_file)
    other.maps.run(other.session.select("Revision/Energy/Kudankulam"))
    other.show()
    other.activateWindow()
    other.annotating.annotate()
    write_in_details(other, qtbot, "from the other window")
    qtbot.wait_until(
        lambda: window.annotations.store.get("Revision/Energy/Kudankulam") is not None, timeout=3000
    )
    assert {a.text for a in load_sidecar(sidecar).items.values()} == {
        "mine",
        "from the other window",
    }
    assert window.annotations.store.get(BRAHMOS).text == "mine"


def test_clicking_in_the_panel_unfolds_and_centres_the_node(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "check the range")
    window.maps.run(window.session.toggle_fold("Revision/Defence"))
    assert BRAHMOS not in window.scene.nodes
    window.annotation_panel.show()
    panel_list = window.annotation_panel.list
    item = panel_list.item(0)
    rect = panel_list.visualItemRect(item)
    qtbot.mouseClick(panel_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.selected == BRAHMOS
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert window.scene.nodes[BRAHMOS].sceneBoundingRect().contains(centre)


def test_an_edit_right_after_another_program_wrote_keeps_both(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = annotate_mine(window, qtbot, outline_file)
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(  # another program adds an entry; the app has not heard of it yet
        text + "- key: Revision/Energy\n  title: Energy\n  text: by hand\n  updated: '2026'\n",
        encoding="utf-8",
    )
    press(window, qtbot, "Revision/Defence/Su-30", Qt.Key.Key_1)  # within the watcher's debounce
    on_disk = load_sidecar(sidecar)
    assert {a.text for a in on_disk.items.values()} == {"mine", "by hand", ""}
    assert window.annotations.store.get("Revision/Energy").text == "by hand"


def test_sidecar_broken_by_another_program_while_open_is_not_written_over(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = annotate_mine(window, qtbot, outline_file)
    broken = sidecar.read_bytes() + b"oops: [\n"
    sidecar.write_bytes(broken)
    press(window, qtbot, "Revision/Defence/Su-30", Qt.Key.Key_1)
    assert sidecar.read_bytes() == broken
    assert window.notes_banner.action.text() == "Keep a copy and start over"
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # the editor does not open to lose what is typed
    assert QApplication.activeModalWidget() is None
    assert not window.annotation_editor.editing
    assert window.annotations.store.get(BRAHMOS).text == "mine"  # memory keeps it
    assert window.annotations.unsaved  # so opening another file or closing asks first
    qtbot.wait_until(lambda: not window.annotations.undo_stack.canUndo())  # nor changed

    window.notes_banner.action.click()  # keep a copy, write what is in memory
    assert load_sidecar(sidecar).get(BRAHMOS).text == "mine"


def test_opening_another_outline_asks_about_unsaved_annotations(
    window: MainWindow, qtbot: QtBot, outline_file: Path, tmp_path: Path
) -> None:
    window.open_file(outline_file)
    (tmp_path / "outline.notes.yaml").mkdir()  # the save fails
    press(window, qtbot, BRAHMOS, Qt.Key.Key_2)
    assert window.annotations.unsaved
    other = tmp_path / "other.yaml"
    other.write_text("Other:\n  - leaf\n", encoding="utf-8")
    asked = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, cancel)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, cancel)
    assert not window.open_file(other)
    assert len(asked) == 1
    assert "could not be saved" in asked[0]
    assert window.document.path == outline_file
    assert window.annotations.store.get(BRAHMOS).mark is Mark.REVISE
    assert window.annotations.save_to(tmp_path / "safe.notes.yaml")  # closing will not ask


def test_undo_after_a_reload_moved_the_annotation_changes_nothing_hidden(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "v1")
    annotate_by_keyboard(window, qtbot, BRAHMOS, "v2")
    outline_file.write_text(
        OUTLINE.replace("Kudankulam", "Kudankulam\n      - BrahMos").replace(
            "      - BrahMos\n      - Su-30", "      - Su-30"
        ),
        encoding="utf-8",
    )
    window.annotations.settle_timer.setInterval(100)
    window.document.reload()
    settle(window, qtbot)
    moved = "Revision/Energy/BrahMos"
    assert window.annotations.store.get(moved).text == "v2"
    window.annotations.undo_stack.undo()  # steps that named the old key are gone
    assert set(window.annotations.store.items) == {moved}
    assert window.annotations.store.unattached == set()


def test_a_sidecar_repaired_on_disk_takes_annotating_back_and_nothing_is_left_unsaved(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = annotate_mine(window, qtbot, outline_file)
    good = sidecar.read_bytes()
    sidecar.write_bytes(good + b"oops: [\n")
    qtbot.wait_until(lambda: window.annotations.read_only_reason is not None, timeout=3000)
    assert window.annotations.unsaved
    sidecar.write_bytes(good)  # the other program puts it right
    qtbot.wait_until(lambda: window.annotations.read_only_reason is None, timeout=3000)
    assert not window.annotations.unsaved  # memory and disk agree: closing need not ask
    assert window.annotations.store.get(BRAHMOS).text == "mine"


WHOLE = "Root:\n  - Alpha:\n      - Summary\n  - Beta:\n      - Detail\n      - Summary\n"
CUT = "Root:\n  - Alpha:\n      - Summary\n  - Beta:\n      - Detail\n"  # saved half-way
ALPHA, BETA, DETAIL = "Root/Alpha/Summary", "Root/Beta/Summary", "Root/Beta/Detail"


def on_disk(outline_path: Path) -> dict[str, str]:
    """The sidecar's annotations as saved: key → text."""
    saved = load_sidecar(outline_path.parent / "outline.notes.yaml")
    return {key: a.text for key, a in saved.items.items()}


@pytest.fixture
def summaries(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> Path:
    """The whole outline open, with the user's note on Root/Beta/Summary."""
    path = tmp_path / "outline.yaml"
    path.write_text(WHOLE, encoding="utf-8")
    window.open_file(path)
    annotate_by_keyboard(window, qtbot, BETA, "my note")
    assert on_disk(path) == {BETA: "my note"}
    return path


def test_an_outline_saved_half_way_never_moves_an_annotation_for_good(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    with summaries.open("w", encoding="utf-8") as stream:  # an editor saving in place, slowly
        stream.write(CUT)
        stream.flush()
        qtbot.wait_until(lambda: BETA not in window.scene.nodes)  # the cut file is reloaded
        assert window.scene.nodes[ALPHA].annotation.text == "my note"  # shown, as a proposal
        qtbot.wait(600)
        assert on_disk(summaries) == {BETA: "my note"}  # but never saved moved
        stream.write(WHOLE[len(CUT) :])
    qtbot.wait_until(lambda: BETA in window.scene.nodes)  # the whole file is reloaded

    def note_back_on_beta() -> None:
        assert window.scene.nodes[BETA].annotation.text == "my note"
        assert window.scene.nodes[ALPHA].annotation is None
        assert on_disk(summaries) == {BETA: "my note"}

    note_back_on_beta()
    qtbot.wait(window.annotations.settle_timer.interval() + 300)  # and nothing moves later
    note_back_on_beta()


def test_an_outline_that_stays_cut_moves_the_annotation_once_settled(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    window.annotations.settle_timer.setInterval(300)
    summaries.write_text(CUT, encoding="utf-8")
    qtbot.wait_until(lambda: BETA not in window.scene.nodes)
    assert on_disk(summaries) == {BETA: "my note"}
    qtbot.wait_until(lambda: on_disk(summaries) == {ALPHA: "my note"})
    assert window.scene.nodes[ALPHA].annotation.text == "my note"
    assert window.annotations.store.unattached == set()


def test_an_edit_while_the_outline_is_cut_saves_the_annotation_under_its_own_key(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    summaries.write_text(CUT, encoding="utf-8")
    qtbot.wait_until(lambda: BETA not in window.scene.nodes)
    press(window, qtbot, DETAIL, Qt.Key.Key_1)
    assert on_disk(summaries) == {BETA: "my note", DETAIL: ""}
    summaries.write_text(WHOLE, encoding="utf-8")
    qtbot.wait_until(lambda: BETA in window.scene.nodes)
    assert window.scene.nodes[BETA].annotation.text == "my note"
    assert window.scene.nodes[DETAIL].annotation.mark is Mark.IMPORTANT


def test_marking_the_annotation_shown_on_the_namesake_confirms_its_move(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    summaries.write_text(CUT, encoding="utf-8")
    qtbot.wait_until(lambda: BETA not in window.scene.nodes)
    press(window, qtbot, ALPHA, Qt.Key.Key_2)  # the user acts on the note where it is shown
    assert on_disk(summaries) == {ALPHA: "my note"}
    assert window.scene.nodes[ALPHA].annotation.mark is Mark.REVISE
    window.annotations.undo_stack.undo()  # one step: the mark and the move
    assert on_disk(summaries) == {BETA: "my note"}
    assert window.annotations.store.get(BETA).mark is None


def test_attaching_from_the_panel_confirms_a_proposed_move(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    summaries.write_text(CUT, encoding="utf-8")
    qtbot.wait_until(lambda: BETA not in window.scene.nodes)
    window.annotation_panel.show()
    panel = window.annotation_panel.list
    assert [panel.item(row).text() for row in range(panel.count())] == [
        "Summary (unattached: shown on its namesake until the outline settles) — my note"
    ]
    window.maps.run(window.session.select(ALPHA))
    window.annotation_panel.select_key(BETA)
    window.annotation_panel.attach.click()
    assert on_disk(summaries) == {ALPHA: "my note"}
    assert not window.annotations.settle_timer.isActive()  # nothing is left to settle
    assert [panel.item(row).text() for row in range(panel.count())] == ["Summary — my note"]


def test_an_outline_that_does_not_parse_has_not_settled(
    window: MainWindow, qtbot: QtBot, summaries: Path
) -> None:
    window.annotations.settle_timer.setInterval(1000)
    summaries.write_text(CUT, encoding="utf-8")
    qtbot.wait_until(lambda: BETA not in window.scene.nodes)
    qtbot.wait(700)
    summaries.write_text(CUT + "  - [unclosed\n", encoding="utf-8")  # saved half-way again
    qtbot.wait_until(window.banner.isVisible)
    qtbot.wait(500)  # past the settle period of the cut outline, not of the change after it
    assert on_disk(summaries) == {BETA: "my note"}
    summaries.write_text(WHOLE, encoding="utf-8")
    qtbot.wait_until(lambda: BETA in window.scene.nodes)
    assert window.scene.nodes[BETA].annotation.text == "my note"
    assert on_disk(summaries) == {BETA: "my note"}


def test_an_unknown_field_on_an_annotation_survives_editing_it(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    sidecar.write_text(
        f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  text: old\n  colour: red\n",
        encoding="utf-8",
    )
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "new")
    saved = load_sidecar(sidecar).get(BRAHMOS)
    assert saved.text == "new"
    assert saved.extra == (("colour", "red"),)


EDITOR = """
import json, sys, time
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from mindmap.core.annotations import Annotation
from mindmap.core.outline import parse_outline
from mindmap.ui.controllers import sidecarsaving
from mindmap.ui.map.items import NodeItem
from mindmap.ui.panels.exportdialog import ExportDialog
from mindmap.ui.controllers.annotationsession import AnnotationSession

app = QGuiApplication([])
outline_path, side = Path(sys.argv[1]), int(sys.argv[2])
sidecarsaving.BACKGROUND_BYTES = int(sys.argv[4])
outline = parse_outline(outline_path.read_text(encoding="utf-8"), str(outline_path)).outline
session = AnnotationSession()
session.open(outline_path, outline)
keys = [node.key for node in outline.root.walk()][side::2]
last, edit, end = {}, 0, time.monotonic() + float(sys.argv[3])
while time.monotonic() < end:
    key = keys[edit % len(keys)]
    last[key] = f"writer {side}, edit {edit}"
    session.set(key, Annotation(key, "", last[key]), outline.by_key[key].title)
    edit += 1
    pause = time.monotonic() + 0.015
    while time.monotonic() < pause:
        app.processEvents()
        time.sleep(0.002)
print(json.dumps({"last": last, "unsaved": session.unsaved}))
"""


@pytest.mark.parametrize("written_on_a_thread", [False, True])
def test_two_processes_annotating_one_outline_lose_no_edit(
    tmp_path: Path, written_on_a_thread: bool
) -> None:
    outline_path = tmp_path / "big.yaml"
    outline_path.write_text(
        "Root:\n" + "".join(f"  - Node {i}\n" for i in range(79)), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    threshold = "-1" if written_on_a_thread else "1000000"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(outline_path), str(side), "3", threshold],
            stdout=subprocess.PIPE,
            env=env,
        )
        for side in (0, 1)
    ]
    reports = [json.loads(writer.communicate(timeout=60)[0]) for writer in writers]
    on_disk = {k: a.text for k, a in load_sidecar(tmp_path / "big.notes.yaml").items.items()}
    for report in reports:
        lost = {k: t for k, t in report["last"].items() if on_disk.get(k) != t}
        assert not lost or report["unsaved"], f"{len(lost)} edits lost without a word"
        assert not lost


def test_a_sidecar_written_on_a_thread_is_on_disk_once_nothing_is_unsaved(
    window: MainWindow, qtbot: QtBot, outline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sidecarsaving, "BACKGROUND_BYTES", -1)  # as for a big sidecar
    window.open_file(outline_file)
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)
    press(window, qtbot, "Revision/Defence/Su-30", Qt.Key.Key_2)  # while the first is written
    assert not window.annotations.unsaved  # waits for the writes in flight
    on_disk = load_sidecar(outline_file.parent / "outline.notes.yaml")
    assert {key: a.mark for key, a in on_disk.items.items()} == {
        BRAHMOS: Mark.IMPORTANT,
        "Revision/Defence/Su-30": Mark.REVISE,
    }
    (outline_file.parent / "outline.notes.yaml").unlink()
    (outline_file.parent / "outline.notes.yaml").mkdir()  # the next write fails, on the thread
    press(window, qtbot, BRAHMOS, Qt.Key.Key_3)
    assert window.annotations.unsaved
    assert window.annotations.save_to(outline_file.parent / "safe.notes.yaml")  # closing: no ask


def test_details_shows_and_edits_the_annotation_in_place_and_it_is_there_after_reopening(
    qtbot: QtBot,
    make_window: Callable[[QSettings], MainWindow],
    settings: QSettings,
    outline_file: Path,
) -> None:
    window = make_window(settings)
    window.open_file(outline_file)
    press(window, qtbot, BRAHMOS, Qt.Key.Key_2)  # a mark first: the text keeps it
    editor = window.annotation_editor
    assert "Revise again" in editor.header.text()
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton)  # click to edit
    assert QApplication.activeModalWidget() is None  # nothing over the map
    write_in_details(window, qtbot, "Mnemonic: **Brahmaputra + Moskva**")
    assert editor.view.toPlainText().strip() == "Mnemonic: Brahmaputra + Moskva"  # rendered
    steps = window.annotations.undo_stack.count()

    press(window, qtbot, BRAHMOS, Qt.Key.Key_A)
    qtbot.keyClicks(editor.field, "never mind")
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)  # cancels
    assert window.annotations.store.get(BRAHMOS).text == "Mnemonic: **Brahmaputra + Moskva**"
    assert window.annotations.undo_stack.count() == steps
    assert window.session.selected == BRAHMOS  # Escape left the selection alone

    press(window, qtbot, "Revision/Defence/Su-30", Qt.Key.Key_A)
    qtbot.keyClicks(editor.field, "Sukhoi")
    window.view.setFocus()  # leaving the field saves
    assert window.annotations.store.get("Revision/Defence/Su-30").text == "Sukhoi"
    window.close()

    again = make_window(settings)
    again.open_file(outline_file)
    again.maps.run(again.session.select(BRAHMOS))
    saved = again.annotations.store.get(BRAHMOS)
    assert (saved.text, saved.mark) == ("Mnemonic: **Brahmaputra + Moskva**", Mark.REVISE)
    assert "Brahmaputra + Moskva" in again.annotation_editor.view.toPlainText()
    assert "Revise again" in again.annotation_editor.header.text()


def test_typing_in_details_is_saved_when_the_window_closes(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window.open_file(outline_file)
    press(window, qtbot, BRAHMOS, Qt.Key.Key_A)
    qtbot.keyClicks(window.annotation_editor.field, "half a thought")
    window.close()
    assert load_sidecar(outline_file.parent / "outline.notes.yaml").get(BRAHMOS).text == (
        "half a thought"
    )


def callout_of(item: NodeItem) -> str:
    """The annotation's text as the item writes it under its title (wrapped lines joined)."""
    return " ".join(item.block.lines[item.block.title_lines :])


def test_show_annotations_writes_them_under_their_nodes_with_room_made_and_is_remembered(
    qtbot: QtBot,
    make_window: Callable[[QSettings], MainWindow],
    settings: QSettings,
    outline_file: Path,
) -> None:
    window = make_window(settings)
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "Mnemonic: **Brahmaputra + Moskva**")
    plain = window.session.layout.boxes[BRAHMOS].height
    show = window.menu_actions["callouts"]
    assert show.isCheckable()
    assert not show.isChecked()
    show.trigger()
    item = window.scene.nodes[BRAHMOS]
    assert callout_of(item) == "✎ Mnemonic: Brahmaputra + Moskva"  # its markdown read
    boxes = window.session.layout.boxes
    assert boxes[BRAHMOS].height > plain  # the layout made room for the callout
    below = boxes["Revision/Defence/Su-30"]
    assert below.y >= boxes[BRAHMOS].y + boxes[BRAHMOS].height  # and nothing overlaps it
    annotate_by_keyboard(window, qtbot, "Revision/Defence/Su-30", "fighter")  # kept up to date
    su30 = window.scene.nodes["Revision/Defence/Su-30"]
    assert callout_of(su30) == "✎ fighter"
    window.close()

    again = make_window(settings)
    again.open_file(outline_file)
    assert again.menu_actions["callouts"].isChecked()
    item = again.scene.nodes[BRAHMOS]
    assert callout_of(item) == "✎ Mnemonic: Brahmaputra + Moskva"  # its markdown read
    dialog = ExportDialog(again, again.settings, outline_file)
    assert dialog.annotation_text.isChecked()  # the export follows the window
    again.menu_actions["callouts"].trigger()
    assert again.scene.nodes[BRAHMOS].block.title_lines == len(
        again.scene.nodes[BRAHMOS].block.lines
    )
    assert not ExportDialog(again, again.settings, outline_file).annotation_text.isChecked()


def test_the_tooltip_renders_the_annotations_markdown(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    window.open_file(outline_file)
    annotate_by_keyboard(window, qtbot, BRAHMOS, "Mnemonic: **Brahmaputra + Moskva**")
    shown = hover_text(window, BRAHMOS)
    assert "**" not in shown
    assert "font-weight" in shown
    assert "Brahmaputra + Moskva" in shown


def test_a_big_sidecar_is_read_after_the_first_paint_and_at_once_when_needed(
    window: MainWindow, qtbot: QtBot, outline_file: Path
) -> None:
    sidecar = outline_file.parent / "outline.notes.yaml"
    padding = "x" * (annotationsession.DEFER_BYTES + 1000)
    sidecar.write_text(
        f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  text: mine {padding}\n",
        encoding="utf-8",
    )
    window.open_file(outline_file)
    assert window.annotations.shown.get(BRAHMOS) is None  # the map shows first
    qtbot.wait_until(lambda: window.scene.nodes[BRAHMOS].annotation is not None)  # then they
    window.close()

    again = MainWindow(
        QSettings(str(outline_file.parent / "again.ini"), QSettings.Format.IniFormat)
    )
    qtbot.add_widget(again)
    again.open_file(outline_file)
    again.maps.run(again.session.select("Revision/Defence/Su-30"))
    again.annotating.toggle_mark(Mark.KNOWN)  # before the read: it is read first, then marked
    assert not again.annotations.unsaved
    on_disk = load_sidecar(sidecar)
    assert on_disk.get(BRAHMOS).text == f"mine {padding}"
    assert on_disk.get("Revision/Defence/Su-30").mark is Mark.KNOWN


def test_a_big_sidecar_is_read_on_a_thread_while_the_map_shows(
    window: MainWindow, qtbot: QtBot, outline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100,000-annotation sidecar took seconds to read: the window must not wait for it."""
    from mindmap.ui.controllers import sidecarjobs  # noqa: PLC0415

    sidecar = outline_file.parent / "outline.notes.yaml"
    padding = "x" * (annotationsession.DEFER_BYTES + 1000)
    sidecar.write_text(
        f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  text: mine {padding}\n",
        encoding="utf-8",
    )
    threads: list[str] = []
    read = sidecarjobs.load_sidecar

    def load_recording(path: Path, **options: object) -> object:
        threads.append(threading.current_thread().name)
        return read(path, **options)

    monkeypatch.setattr(sidecarjobs, "load_sidecar", load_recording)
    window.open_file(outline_file)
    assert window.session.outline is not None  # the map is there while the sidecar is read
    qtbot.wait_until(lambda: not window.annotations.loading)
    assert threads
    assert threads[0] != threading.main_thread().name
    assert window.annotations.store.get(BRAHMOS).text == f"mine {padding}"
