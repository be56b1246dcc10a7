"""Export from the window: Ctrl+E, the dialog, the file, choices kept; cancel saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mindmap.ui.export import ExportCancelledError, ExportOptions, export_scene
from mindmap.ui.exportdialog import ExportDialog
from mindmap.ui.theme import LIGHT
from mindmap.ui.window import MainWindow


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
    dialog = ExportDialog(sample_window, settings, sample_window.path)
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
