"""The controllers on their own: the models first (session, scene, view, annotation session),
then the controller on them, with a plain widget as the parent of its dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from mindmap.core.readers import load_any
from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.view import MapView
from mindmap.ui.theme import ThemeChoice

OUTLINE = """\
Revision:
  - Energy:
      - Kudankulam
      - Sakhalin I
  - Defence:
      - BrahMos
      - Su-30
  - Space
"""


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The parent of the controllers' dialogs and menus."""
    widget = QWidget()
    qtbot.add_widget(widget)
    widget.show()  # the panels parented to it show their text only when they are visible
    return widget


@pytest.fixture
def session() -> MapSession:
    return MapSession()


@pytest.fixture
def annotations(host: QWidget) -> AnnotationSession:
    return AnnotationSession(host)


@pytest.fixture
def maps(
    session: MapSession, annotations: AnnotationSession, host: QWidget, qtbot: QtBot
) -> MapController:
    scene = MapScene(session)
    view = MapView(scene)
    qtbot.add_widget(view)
    view.resize(800, 600)
    return MapController(session, scene, view, lambda: annotations.store, ThemeChoice.LIGHT)


@pytest.fixture
def shown(outline_file: Path, maps: MapController, annotations: AnnotationSession) -> Path:
    """The outline shown on the map, with its (empty) annotations open; returns its path."""
    outline = load_any(outline_file).outline
    annotations.open(outline_file, outline)
    maps.show(outline, None)
    return outline_file
