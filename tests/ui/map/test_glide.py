"""The view's glide on its own: it ends showing the rect asked for, at a zoom it may take."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from mindmap.ui.map.glide import Glide
from mindmap.ui.map.view import MapView


def centre(view: MapView) -> QPointF:
    return view.mapToScene(view.viewport().rect().center())


def test_a_glide_moves_step_by_step_and_ends_showing_the_rect(view: MapView, qtbot: QtBot) -> None:
    glide = Glide(view)
    view.set_zoom(0.5)
    rect = QRectF(100, 50, 200, 100)
    seen: list[float] = []
    view.zoom_changed.connect(seen.append)
    glide.to_rect(rect, least=0.2, most=1.0, anchor=QPointF())
    assert glide.running
    qtbot.wait_until(lambda: not glide.running)
    assert len(seen) > 2  # in steps, not a jump
    assert view.zoom() == pytest.approx(1.0)  # the rect would fit larger: at most 100 %
    assert (centre(view) - rect.center()).manhattanLength() <= 4 / view.zoom()  # two pixels


def test_a_rect_too_big_to_read_whole_is_shown_at_the_least_zoom_on_its_anchor(
    view: MapView, qtbot: QtBot
) -> None:
    glide = Glide(view)
    glide.to_rect(QRectF(0, 0, 20_000, 300), least=0.5, most=1.0, anchor=QPointF(400, 150))
    qtbot.wait_until(lambda: not glide.running)
    assert view.zoom() == pytest.approx(0.5)
    assert (centre(view) - QPointF(400, 150)).manhattanLength() <= 4 / view.zoom()
