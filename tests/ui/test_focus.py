"""Focus on a branch: one branch shown as the whole map, with a breadcrumb back up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from mindmap.ui.export import ExportOptions
from mindmap.ui.map.textmetrics import TextMeasurer
from mindmap.ui.panels.exportdialog import ExportRequest
from mindmap.ui.theme import level_style
from mindmap.ui.window import MainWindow
from tests.ui.conftest import SAMPLE
from tests.ui.test_map import key_of


def test_focus_lays_out_the_branch_alone_with_a_breadcrumb_back_up(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window
    branch = key_of(window, "Back to basics")
    subtree = {node.key for node in window.session.outline.by_key[branch].walk()}
    window.maps.run(window.session.select(branch))
    window.menu_actions["focus"].trigger()
    assert set(window.session.layout.boxes) == subtree  # the branch alone
    root_box = window.session.layout.boxes[branch]
    assert (root_box.depth, root_box.centre_x, root_box.centre_y) == (0, 0.0, 0.0)
    root_size = level_style(0).font.pointSizeF()
    assert window.scene.item(branch).style.font.pointSizeF() == root_size  # drawn as the root
    assert window.maps.blocks[branch] == TextMeasurer().block("Back to basics", 0)
    assert abs(window.view.zoom() - window.view.fit_zoom()) < 1e-9  # fitted
    assert window.breadcrumb.isVisible()
    texts = [step.text() for step in window.breadcrumb.steps]
    assert texts == ["India–Russia Relations (whole map)", "Back to basics"]
    assert not window.breadcrumb.steps[-1].isEnabled()  # where we are

    deeper = key_of(window, "Energy security")
    window.maps.focus_on(deeper)
    assert window.session.layout.boxes.keys() == {
        node.key for node in window.session.outline.by_key[deeper].walk()
    }
    window.view.set_zoom(0.9)
    window.maps.unfocus()  # Ctrl+Backspace: up a level, where it was left
    assert window.session.focus == branch
    assert abs(window.view.zoom() - window.view.fit_zoom()) < 1e-9
    qtbot.mouseClick(window.breadcrumb.steps[0], Qt.MouseButton.LeftButton)
    assert window.session.focus is None
    assert not window.breadcrumb.isVisible()
    assert len(window.session.layout.boxes) == window.session.outline.node_count
    window.maps.focus_on(deeper)
    assert abs(window.view.zoom() - 0.9) < 1e-9  # the place it was left at


def test_a_focused_map_reopens_focused_where_it_was(
    make_window: Callable[[QSettings], MainWindow], settings: QSettings
) -> None:
    first = make_window(settings)
    assert first.open_file(SAMPLE)
    branch = key_of(first, "Challenges")
    first.maps.focus_on(branch)
    first.view.set_zoom(0.8)
    first.close()
    again = make_window(settings)
    assert again.open_file(SAMPLE)
    assert again.session.focus == branch
    assert again.breadcrumb.isVisible()
    assert abs(again.view.zoom() - 0.8) < 1e-9


def test_an_export_while_focused_on_a_branch_is_the_branch_as_shown(
    sample_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window = sample_window
    challenges = next(n for n in window.session.outline.root.children if n.title == "Challenges")
    request = ExportRequest(tmp_path / "whole.png", True, False, ExportOptions(scale=0.5))
    whole = window.exporting.run_export(request)
    window.maps.focus_on(challenges.key)
    assert window.breadcrumb.isVisible()
    request = ExportRequest(tmp_path / "branch.png", True, False, ExportOptions(scale=0.5))
    branch = window.exporting.run_export(request)
    assert whole is not None
    assert branch is not None
    assert branch.width * branch.height < whole.width * whole.height / 4
    image = QImage(str(tmp_path / "branch.png"))
    assert (image.width(), image.height()) == (branch.width, branch.height)
