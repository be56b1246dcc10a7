"""Export from the window: Ctrl+E, the dialog, the file, choices kept; cancel saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_export import export_command

from mindmap.core.layout import LayoutMode
from mindmap.ui.export import (
    ExportCancelledError,
    ExportOptions,
    export_scene,
    scene_for_export,
)
from mindmap.ui.panels.exportdialog import ExportDialog, ExportRequest
from mindmap.ui.theme import LIGHT, ThemeChoice
from mindmap.ui.window import MainWindow

SAMPLE = Path(__file__).parents[3] / "outline.yaml"


def answer_dialog(path: Path, scale: float, background_index: int) -> None:
    """Fill in the export dialog as soon as it shows, and press Save."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.path.setText(str(path))
        dialog.scale.setValue(scale)
        dialog.background.setCurrentIndex(background_index)
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_ctrl_e_exports_and_remembers_choices(
    sample_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "revision.png"
    answer_dialog(out, 1.0, 1)  # white background
    qtbot.keyClick(sample_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    image = QImage(str(out))
    assert not image.isNull()
    assert image.pixelColor(0, 0).name() == "#ffffff"
    assert sample_window.statusBar().currentMessage().startswith(f"Exported {out} (")
    settings = sample_window.settings
    assert (settings.value("export/folder"), float(settings.value("export/scale"))) == (
        str(tmp_path),
        1.0,
    )
    assert settings.value("export/background") == "white"
    dialog = ExportDialog(sample_window, settings, sample_window.document.path)
    assert dialog.path.text() == str(tmp_path / "outline.png")
    assert (dialog.scale.value(), dialog.background.currentIndex()) == (1.0, 1)


def test_cancelled_export_leaves_existing_file_alone(
    sample_window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "keep.png"
    out.write_bytes(b"an older export")
    with pytest.raises(ExportCancelledError):
        export_scene(sample_window.scene, out, LIGHT, ExportOptions(scale=2), lambda _: False)
    assert out.read_bytes() == b"an older export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.png", "settings.ini"]


def test_window_export_is_the_map_without_selection_or_find_highlights(
    sample_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sample_window.view_settings.set_theme(ThemeChoice.LIGHT)
    sample_window.maps.run(
        sample_window.session.select(sample_window.session.outline.root.children[0].key)
    )
    sample_window.find_bar.open_bar()
    qtbot.keyClicks(sample_window.find_bar.field, "Russia")
    assert sample_window.session.matched
    window_png, command_png = tmp_path / "window.png", tmp_path / "command.png"
    request = ExportRequest(window_png, False, False, ExportOptions(scale=1.0))
    assert sample_window.exporting.run_export(request) is not None
    assert export_command([str(SAMPLE), "-o", str(command_png), "--scale", "1"]) == 0
    assert QImage(str(window_png)) == QImage(str(command_png))


def test_dark_theme_on_a_white_page_is_drawn_in_the_light_theme(
    sample_window: MainWindow, tmp_path: Path
) -> None:
    sample_window.view_settings.set_theme(ThemeChoice.DARK)
    white, light = tmp_path / "white.png", tmp_path / "light.png"
    options = ExportOptions(scale=1.0, background=QColor("#ffffff"))
    assert (
        sample_window.exporting.run_export(ExportRequest(white, False, False, options)) is not None
    )
    scene = scene_for_export(sample_window.session.outline, set(), LayoutMode.MINDMAP, LIGHT)
    export_scene(scene, light, LIGHT, options)
    assert QImage(str(white)) == QImage(str(light))


@pytest.mark.parametrize(
    ("target", "told"),
    [
        ("map.svg", "that is the outline itself; choose another name"),
        ("map.notes.svg", "that is the outline's annotations file; choose another name"),
    ],
    ids=["the outline", "its sidecar"],
)
def test_window_export_never_overwrites_the_outline_or_its_annotations(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, target: str, told: str
) -> None:
    outline, notes = tmp_path / "map.svg", tmp_path / "map.notes.svg"  # images' names
    outline.write_text("Root:\n  - a\n", encoding="utf-8")
    notes.write_text(
        "annotations:\n  - key: Root/a\n    title: a\n    text: keep me\n", encoding="utf-8"
    )
    before = {path: path.read_bytes() for path in (outline, notes)}
    assert window.open_file(outline)
    qtbot.wait_until(lambda: bool(window.scene.nodes))
    seen: list[tuple[bool, str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.path.setText(str(tmp_path / target))
        dialog.accept()
        seen.append((dialog.isVisible(), dialog.problem.text()))
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert {path: path.read_bytes() for path in (outline, notes)} == before
    assert seen == [(True, f"{tmp_path / target}: {told}")]
    assert {p.name for p in tmp_path.iterdir()} == {"map.notes.svg", "map.svg", "settings.ini"}
