"""The bundled sample opens from a copy in the user's data folder: annotating it writes there,
never inside the installed package, and a reinstall keeps the user's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mindmap.assets import sample_outline_path
from mindmap.ui.controllers.sample import sample_outline
from mindmap.ui.window import MainWindow


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_annotating_the_sample_writes_beside_a_copy_in_the_users_data_folder(
    data_home: Path, window: MainWindow, qtbot: QtBot
) -> None:
    shipped_notes = sample_outline_path().with_name("outline.notes.yaml")
    assert not shipped_notes.exists()
    path = sample_outline()
    assert path.is_relative_to(data_home)
    assert path.read_bytes() == sample_outline_path().read_bytes()
    assert window.open_file(path)
    root = window.session.outline.root.key
    window.maps.run(window.session.select(root))
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # mark the root: the sidecar is written at once
    assert path.with_name("outline.notes.yaml").is_file()
    assert not shipped_notes.exists()
    assert window.windowTitle() == "Sample: India–Russia Relations — Mindmap"


def test_the_copy_is_made_once_and_never_overwritten(data_home: Path) -> None:
    path = sample_outline()
    path.write_text("Mine:\n  - kept\n", encoding="utf-8")
    assert sample_outline() == path
    assert path.read_text(encoding="utf-8") == "Mine:\n  - kept\n"


def test_another_outline_keeps_its_file_name_in_the_title(
    data_home: Path, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "outline.yaml"
    other.write_text("Mine:\n  - kept\n", encoding="utf-8")
    assert window.open_file(other)
    assert window.windowTitle() == "outline.yaml — Mindmap"
