"""Exporting on its own: what the controller refuses, reports and writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.exporting import Exporting
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.export import ExportOptions
from mindmap.ui.panels.exportdialog import ExportRequest
from mindmap.ui.theme import LIGHT


@pytest.fixture
def exporting(
    shown: Path, session: MapSession, maps: MapController, host: QWidget, tmp_path: Path
) -> Exporting:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    exporting = Exporting(session, AnnotationSession(host), lambda: LIGHT, settings, host)
    exporting.path = shown
    return exporting


def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    return said


def test_an_export_is_written_and_said(exporting: Exporting, tmp_path: Path) -> None:
    said: list[str] = []
    exporting.message.connect(lambda text, _ms: said.append(text))
    target = tmp_path / "map.png"
    result = exporting.run_export(ExportRequest(target, False, False, ExportOptions(scale=0.5)))
    assert result is not None
    assert target.read_bytes().startswith(b"\x89PNG")
    assert said == [f"Exported {target} ({result.width} × {result.height} px)"]


def test_the_outline_and_its_annotations_are_never_export_targets(
    exporting: Exporting, shown: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = warnings(monkeypatch)
    before = shown.read_bytes()
    sidecar = shown.with_name("outline.notes.yaml")
    sidecar.write_text("version: 1\nannotations: []\n", encoding="utf-8")
    for target in (shown, sidecar):
        request = ExportRequest(target, False, False, ExportOptions())
        assert exporting.run_export(request) is None
    assert shown.read_bytes() == before
    assert sidecar.read_text(encoding="utf-8") == "version: 1\nannotations: []\n"
    assert [text.split(": ", 1)[1] for text in said] == [
        "that is the outline itself; choose another name",
        "that is the outline's annotations file; choose another name",
    ]


def test_a_failed_export_says_why(
    exporting: Exporting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = warnings(monkeypatch)
    target = tmp_path / "no such folder" / "map.png"
    assert exporting.run_export(ExportRequest(target, False, False, ExportOptions())) is None
    assert len(said) == 1
    assert str(target) in said[0]
