"""The map's parts on their own, built model-first: a session, the scene drawing it, a view."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation, AnnotationStore, Mark
from mindmap.core.outline import parse_outline
from mindmap.core.session import MapSession
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.textmetrics import TextMeasurer, measure_outline
from mindmap.ui.map.view import MapView
from mindmap.ui.theme import LIGHT

TEXT = """\
Root:
  - Alpha:
      - a1
      - a2
  - title: Beta
    collapsed: true
    children: [b1, b2]
  - Gamma
"""


@pytest.fixture
def session() -> MapSession:
    session = MapSession()
    session.show(parse_outline(TEXT, "o.yaml").outline)
    return session


@pytest.fixture
def scene(session: MapSession, qapp: QApplication) -> MapScene:
    scene = MapScene(session)
    assert session.outline is not None
    blocks = measure_outline(session.outline.root, TextMeasurer())
    store = AnnotationStore({"Root/Gamma": Annotation("Root/Gamma", "Gamma", "mine", Mark.KNOWN)})
    session.laid_out(scene.show_outline(blocks, LIGHT, annotations=store))
    return scene


@pytest.fixture
def view(scene: MapScene, qtbot: QtBot) -> MapView:
    view = MapView(scene)
    qtbot.add_widget(view)
    view.resize(900, 600)
    view.show()
    qtbot.wait_exposed(view)
    view.centerOn(scene.map_rect.center())
    return view
