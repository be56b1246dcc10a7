"""Bad input in the user's layer: shown or reported clearly, and nothing in the sidecar lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_annotations_ui import BRAHMOS, OUTLINE, annotate_by_keyboard, hover_text, press

from mindmap.core.annotations import Mark
from mindmap.core.sidecar import load_sidecar
from mindmap.ui.map.items import NodeItem
from mindmap.ui.theme import UNKNOWN_MARK
from mindmap.ui.window import MainWindow


def open_with_sidecar(window: MainWindow, tmp_path: Path, sidecar: str) -> Path:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "outline.notes.yaml").write_text(sidecar, encoding="utf-8")
    assert window.open_file(outline)
    return tmp_path / "outline.notes.yaml"


def test_a_megabyte_of_annotation_is_shown_cut_short_and_edited_whole(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    text = "word " * 200_000  # 1 MB
    open_with_sidecar(
        window, tmp_path, f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  text: '{text}'\n"
    )
    window.maps.run(window.session.select(BRAHMOS))
    editor = window.annotation_editor
    qtbot.wait_until(lambda: "characters in all" in editor.view.toPlainText())  # read after
    shown = editor.view.toPlainText()  # the map's first paint
    assert len(shown) < 25_000
    assert "1,000,000 characters in all: edit to read them" in shown
    assert len(hover_text(window, BRAHMOS)) < 2_000  # the tooltip is cut short too
    window.menu_actions["callouts"].trigger()
    callout = window.scene.nodes[BRAHMOS].block.lines[1:]
    assert sum(map(len, callout)) < 400  # and the callout on the map
    press(window, qtbot, BRAHMOS, Qt.Key.Key_A)
    assert editor.field.toPlainText() == text  # all of it, to edit
    qtbot.keyClick(editor.field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.field, " end")
    qtbot.keyClick(editor.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not window.annotations.unsaved  # written (a sidecar this big, on a thread)
    assert load_sidecar(tmp_path / "outline.notes.yaml").get(BRAHMOS).text.endswith("word  end")


def test_a_mark_the_app_does_not_know_shows_as_unknown_and_is_kept(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sidecar = open_with_sidecar(
        window, tmp_path, f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  mark: urgent\n"
    )
    assert not window.notes_banner.isVisible()  # read, not refused
    window.maps.run(window.session.select(BRAHMOS))
    assert "Unknown mark “urgent”" in window.annotation_editor.header.text()
    item: NodeItem = window.scene.nodes[BRAHMOS]
    assert item.annotation.unknown_mark == "urgent"
    window.annotation_panel.show()
    assert "unknown mark “urgent”" in window.annotation_panel.list.item(0).text()
    annotate_by_keyboard(window, qtbot, "Revision/Defence/Su-30", "another")  # a save
    assert "mark: urgent" in sidecar.read_text(encoding="utf-8")  # written back as read
    annotate_by_keyboard(window, qtbot, BRAHMOS, "text of mine")  # its own text: mark kept
    assert load_sidecar(sidecar).get(BRAHMOS).unknown_mark == "urgent"
    press(window, qtbot, BRAHMOS, Qt.Key.Key_1)  # the user's own choice replaces it
    saved = load_sidecar(sidecar).get(BRAHMOS)
    assert (saved.mark, saved.unknown_mark, saved.text) == (Mark.IMPORTANT, None, "text of mine")
    assert UNKNOWN_MARK.name == "Unknown mark"


def test_annotations_folded_away_are_counted_on_the_fold(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    open_with_sidecar(
        window, tmp_path, f"annotations:\n- key: {BRAHMOS}\n  title: BrahMos\n  text: hidden\n"
    )
    window.maps.run(window.session.toggle_fold("Revision/Defence"))
    assert BRAHMOS not in window.scene.nodes
    assert window.scene.nodes["Revision/Defence"].rollup == ((None, 1),)  # one annotation in it


def test_annotations_of_nodes_gone_are_reported_and_listed_unattached(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    open_with_sidecar(
        window,
        tmp_path,
        "annotations:\n- key: Revision/Gone\n  title: Gone\n  text: kept\n"
        "- key: Revision/Lost\n  title: Lost\n  text: kept too\n",
    )
    assert any("2 annotations match no node" in message for message in said)
    window.annotation_panel.show()
    texts = [window.annotation_panel.list.item(i).text() for i in range(2)]
    assert texts == ["Gone (unattached) — kept", "Lost (unattached) — kept too"]
