"""An exported map is for reading on paper: the screen's controls (fold circles, note dots) are
left out, while a folded branch still says how many nodes it hides."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from test_export import export_command

from mindmap.core.layout import LayoutMode
from mindmap.core.readers import load_any
from mindmap.core.viewstate import folds_to_level
from mindmap.ui.export import scene_for_export
from mindmap.ui.map.items import BADGE_GAP, TOGGLE_RADIUS, NodeItem, badge_width
from mindmap.ui.theme import LIGHT

OUTLINE = """\
Root:
  - Branch:
      - Topic:
          - title: Detail
            note: a note, read on screen
            children: [hidden]
"""
DETAIL = "Root/Branch/Topic/Detail"
SCALE = 2


def on_note_marker(item: NodeItem) -> QPointF:
    """A point the note marker draws: its first line, across the page."""
    page = item.note_marker_rect()
    return QPointF(page.center().x(), page.top() + page.height() * 0.35)


def pixel_at(image: QImage, origin: QPointF, scene_point: QPointF) -> int:
    where = (scene_point - origin) * SCALE
    return image.pixel(round(where.x()), round(where.y()))


def test_exported_png_has_no_fold_circle_and_no_note_dot(tmp_path: Path, qapp) -> None:
    source, out = tmp_path / "outline.yaml", tmp_path / "map.png"
    source.write_text(OUTLINE, encoding="utf-8")
    args = [str(source), "-o", str(out), "--scale", str(SCALE), "--level", "3"]
    assert export_command(args) == 0
    outline = load_any(source).outline
    scene = scene_for_export(outline, folds_to_level(outline, 3), LayoutMode.MINDMAP, LIGHT)
    detail = scene.nodes[DETAIL]
    assert detail.hidden == 1  # folded: on screen, a filled circle and a badge
    origin = scene.content_rect().adjusted(-32, -32, 32, 32).topLeft()
    image = QImage(str(out))
    background = LIGHT.background.rgb()
    toggle = detail.mapToScene(detail.toggle_centre())
    note = detail.mapToScene(on_note_marker(detail))
    assert pixel_at(image, origin, toggle) == background
    assert pixel_at(image, origin, note) == background
    side = 1 if detail.box.side >= 0 else -1  # the badge beside the circle stays
    badge = toggle + QPointF(side * (TOGGLE_RADIUS + BADGE_GAP + badge_width(1) / 2), 0)
    assert pixel_at(image, origin, badge) != background


def test_the_window_shows_the_controls(tmp_path: Path, window, qtbot) -> None:
    source = tmp_path / "outline.yaml"
    source.write_text(OUTLINE, encoding="utf-8")
    assert window.open_file(source)
    window.maps.run(window.session.show_levels(3))
    item = window.scene.nodes[DETAIL]
    for local in (item.toggle_centre(), on_note_marker(item)):
        window.view.centerOn(item)
        image = window.view.grab().toImage()
        where = window.view.mapFromScene(item.mapToScene(local))
        ratio = window.view.devicePixelRatioF()
        colour = image.pixel(round(where.x() * ratio), round(where.y() * ratio))
        assert colour != window.scene.backgroundBrush().color().rgb()
