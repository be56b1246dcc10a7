"""The edit loop as a user meets it: the Outline panel, reloads, find, fit, the empty state."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from bench.generate import generate_outline
from mindmap.assets import sample_outline_path
from mindmap.ui.panels.outlinepanel import PREVIEW_DELAY_MS
from mindmap.ui.theme import POINT_PX, resolve_theme
from mindmap.ui.window import MainWindow
from tests.ui.shots import save_shot
from tests.ui.test_reload import OUTLINE, rename_over, titles, type_into_panel

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Questions:
    """Stands in for the user at every message box: answers one built with buttons with the
    first of `buttons` it has, a yes-or-no question with Discard; keeps what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *buttons: str) -> None:
        self.asked: list[str] = []
        self.buttons = buttons
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))  # noqa: PLW0108 - a method of the box
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _exec(self, box: QMessageBox) -> int:
        self.asked.append(box.text())
        named = {b.text().replace("&", ""): b for b in box.buttons()}
        next(named[name] for name in self.buttons if name in named).click()
        return 0

    def _question(self, _parent: object, _title: str, text: str, *_args: object) -> object:
        self.asked.append(text)
        return QMessageBox.StandardButton.Discard


def opened(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    assert window.open_file(path)
    return path


def test_typing_the_text_back_to_the_files_is_no_edit(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = Questions(monkeypatch, "Keep My Edits")
    path = opened(window, tmp_path)
    type_into_panel(window, qtbot, "Gaganyaan", "Chandrayaan")
    assert window.windowTitle().startswith("*")
    type_into_panel(window, qtbot, "Chandrayaan", "Gaganyaan")
    qtbot.wait_until(lambda: not window.windowTitle().startswith("*"), timeout=3000)
    assert not window.outline_panel.is_dirty()
    rename_over(path, OUTLINE.replace("Sakhalin I", "Sakhalin II"))
    qtbot.wait_until(lambda: "Sakhalin II" in titles(window), timeout=3000)
    assert questions.asked == []  # there were no edits to ask about


def test_loading_the_file_from_disk_leaves_no_star_and_quitting_asks_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading = Questions(monkeypatch, "Load the File from Disk")
    path = opened(window, tmp_path)
    type_into_panel(window, qtbot, "Gaganyaan", "Chandrayaan")
    rename_over(path, OUTLINE.replace("Sakhalin I", "Sakhalin II"))
    qtbot.wait_until(lambda: "Sakhalin II" in titles(window), timeout=3000)
    assert len(loading.asked) == 1
    qtbot.wait(400)  # past the preview's delay
    assert window.windowTitle() == "outline.yaml — Mindmap"
    assert not window.outline_panel.is_dirty()
    save_shot(window, "loaded-from-disk")
    window.close()
    assert len(loading.asked) == 1  # closing asked nothing: there is nothing to lose
    assert not window.isVisible()


def test_the_outline_panel_opens_readable_wrapped_at_the_selected_node(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window
    outline = window.session.outline
    deepest = max(outline.by_key.values(), key=lambda node: node.line)
    window.maps.run(window.session.reveal(deepest.key))
    qtbot.keyClick(window.view, Qt.Key.Key_E, CTRL_SHIFT)  # View › Outline
    qtbot.wait_until(window.outline_panel.isVisible)
    qtbot.wait(50)
    editor = window.outline_panel.editor
    columns = editor.viewport().width() / editor.fontMetrics().horizontalAdvance("x")
    assert columns >= 55  # wide enough to read a line of the outline
    assert editor.lineWrapMode() == editor.LineWrapMode.WidgetWidth
    assert editor.horizontalScrollBar().maximum() == 0  # nothing cut off at the right
    assert editor.current_line() == deepest.line
    assert editor.viewport().rect().contains(editor.cursorRect())
    assert window.view.width() >= 0.4 * window.width()  # the map keeps the most room
    save_shot(window, "outline-panel")


def test_a_reload_says_in_the_status_bar_what_changed(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = opened(window, tmp_path)
    changed = OUTLINE.replace("Sakhalin I", "Sakhalin II").replace(
        "      - Gaganyaan\n", "      - Gaganyaan\n      - Chandrayaan\n"
    )
    rename_over(path, changed)
    qtbot.wait_until(lambda: "Chandrayaan" in titles(window), timeout=3000)
    assert window.statusBar().currentMessage() == ("Reloaded: 2 nodes changed (1 added, 1 renamed)")
    save_shot(window, "reload-message")
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.wait_until(lambda: "nothing changed" in window.statusBar().currentMessage())


def test_find_zooms_to_a_readable_size_on_the_current_match_in_its_own_colour(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window
    window.view.set_zoom(0.35)  # about where the sample fits: leaves cannot be read
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "trade")
    matches = window.session.matches
    assert len(matches) > 3
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    current = window.session.current_match
    assert current == matches[1]
    style = window.scene.item(current).style
    on_screen_px = style.font.pointSizeF() * POINT_PX * window.view.zoom()
    assert on_screen_px >= 9  # the match can be read
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert (
        window.scene.item(current).sceneBoundingRect().adjusted(-40, -40, 40, 40).contains(centre)
    )
    item, other = window.scene.item(current), window.scene.item(matches[0])
    assert (item.matched, item.current, other.matched, other.current) == (True, True, True, False)
    assert other._match_fill().alphaF() < item._match_fill().alphaF()  # the others, dimmed
    qtbot.wait(50)
    save_shot(window, "find-current-match")


def test_fit_shows_the_fold_count_badges_whole(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(generate_outline(3000), encoding="utf-8")
    assert window.open_file(path)
    window.details_dock.hide()
    for level, width in itertools.product((1, 2), (700, 1400)):
        window.resize(width, 900)
        qtbot.wait_until(lambda width=width: window.width() == width)
        window.maps.run(window.session.show_levels(level))
        qtbot.keyClick(window.view, Qt.Key.Key_F)
        shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
        for key, box in window.session.layout.boxes.items():
            if box.depth == level:  # the outermost: folded, with a badge
                item = window.scene.item(key)
                assert shown.contains(item.sceneBoundingRect()), (level, width, key)
    save_shot(window, "fit-badges")


def test_an_unclosed_bracket_is_shown_where_it_opens(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    lines = OUTLINE.splitlines()
    lines[3] = "      - title: Su-30\n        tags: [fighter, twin-engine"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not window.open_file(path)
    text = window.banner.label.text()
    assert text.startswith(f"{path}:5:15: a '[' opens a list here and is never closed")
    assert "(the file reads on to line 6" in text
    assert window.outline_panel.error_line() == 5
    window.banner.action.click()  # "Show line 5"
    qtbot.wait_until(window.outline_panel.isVisible)
    assert window.outline_panel.editor.current_line() == 5
    assert window.outline_panel.editor.error_line == 5
    qtbot.wait(50)
    save_shot(window, "unclosed-bracket")


def test_a_file_that_does_not_exist_leaves_an_empty_state_with_next_steps(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "notes.yaml"
    assert not window.open_file(missing)
    assert "cannot read the file" in window.banner.label.text()
    paper = resolve_theme(window.maps.theme_choice).background
    assert window.scene.backgroundBrush().color() == paper  # the theme's paper, not white
    empty = window.empty_state
    assert empty.isVisible()
    qtbot.wait(50)
    save_shot(window, "empty-state")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(missing), ""))
    missing.write_text(OUTLINE, encoding="utf-8")
    qtbot.mouseClick(empty.open_button, Qt.MouseButton.LeftButton)  # Open…
    assert window.document.path == missing
    assert not empty.isVisible()
    assert "Gaganyaan" in titles(window)


def test_the_empty_state_opens_the_sample(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    assert not window.open_file(tmp_path / "gone.yaml")
    qtbot.mouseClick(window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    assert window.document.path == sample_outline_path()
    assert window.session.outline is not None
    assert not window.empty_state.isVisible()
    assert not window.banner.isVisible()


def test_opening_a_file_with_the_outline_panel_hidden_previews_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The hidden panel holds no text until shown: a preview of it would say the file is empty."""
    assert window.open_file(sample_outline_path())
    qtbot.wait(PREVIEW_DELAY_MS + 300)
    assert not window.banner.isVisible()
    assert window.session.outline is not None
