"""The scene on its own, built model-first: a session, then the scene drawing it, in the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from mindmap.core.session import MapSession
from mindmap.ui.map.items import NodeItem
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.view import MapView


def made(scene: MapScene) -> dict[str, NodeItem]:
    scene.make_items()
    return dict(scene.made)


def test_every_shown_node_has_an_item_at_its_box(scene: MapScene, session: MapSession) -> None:
    items = made(scene)
    assert session.layout is not None
    assert set(items) == set(session.layout.boxes)
    assert "Root/Beta/b1" not in items  # folded away by the file
    for key, item in items.items():
        box = session.layout.boxes[key]
        assert (item.pos().x(), item.pos().y()) == (box.x, box.y)
    assert items["Root/Beta"].hidden == 2
    assert items["Root/Gamma"].annotation is not None


def test_marks_follow_the_session(scene: MapScene, session: MapSession) -> None:
    items = made(scene)
    change = session.select("Root/Alpha")
    scene.repaint_marks(change.repaint)
    assert items["Root/Alpha"].selected
    session.find("a2")
    scene.repaint_marks({"Root/Alpha/a2"})
    assert items["Root/Alpha/a2"].matched
    change = session.select(None)
    scene.repaint_marks(change.repaint)
    assert not items["Root/Alpha"].selected


def test_a_refold_shows_the_sessions_folds(scene: MapScene, session: MapSession) -> None:
    session.toggle_fold("Root/Beta")
    session.toggle_fold("Root/Alpha")
    session.laid_out(scene.refold(session.split))
    items = made(scene)
    assert {"Root/Beta/b1", "Root/Beta/b2"} <= set(items)
    assert "Root/Alpha/a1" not in items
    assert items["Root/Alpha"].hidden == 2


# A view on its own has no parent to take the clicks it passes on; QTest says so.
@pytest.mark.qt_log_ignore("Mouse event .* not accepted by receiving widget")
def test_clicks_become_signals(scene: MapScene, view: MapView, qtbot: QtBot) -> None:
    items = made(scene)
    alpha = items["Root/Alpha"]
    centre = view.mapFromScene(alpha.sceneBoundingRect().center())
    with qtbot.waitSignal(scene.node_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert clicked.args == ["Root/Alpha"]
    toggle = view.mapFromScene(alpha.mapToScene(alpha.toggle_centre()))
    with qtbot.waitSignal(scene.fold_requested, timeout=1000) as fold:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=toggle)
    assert fold.args == ["Root/Alpha"]
    with qtbot.waitSignal(scene.background_clicked, timeout=1000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    with qtbot.waitSignal(scene.node_double_clicked, timeout=1000) as double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert double.args == ["Root/Alpha"]


def test_forgetting_drops_every_item(scene: MapScene) -> None:
    made(scene)
    scene.forget_items()
    assert not scene.made
    assert not scene.items()
