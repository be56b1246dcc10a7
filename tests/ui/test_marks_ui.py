"""Revision marks as a user meets them: seen at fit and far out, explained, in the menus."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from test_annotations_ui import press
from test_map import big_outline, key_of

from mindmap.core.annotations import Annotation, Mark
from mindmap.ui.export import ExportOptions, export_scene, scene_for_export
from mindmap.ui.theme import LIGHT, MARK_LOOKS
from mindmap.ui.window import MainWindow

SAMPLE = Path(__file__).parents[2] / "outline.yaml"


def pixels_of(image: QImage, colour: QColor, area: QRectF | None = None) -> int:
    """How many pixels of `image` (in `area`) are `colour`, give or take antialiasing."""
    rect = (area or QRectF(image.rect())).toAlignedRect().intersected(image.rect())
    want = colour.red(), colour.green(), colour.blue()
    found = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            pixel = image.pixelColor(x, y)
            got = pixel.red(), pixel.green(), pixel.blue()
            found += all(abs(a - b) <= 10 for a, b in zip(got, want, strict=True))
    return found


def around(window: MainWindow, key: str) -> QRectF:
    """Node `key`'s box on screen, with room around it for what is painted at its edges."""
    box = window.session.layout.boxes[key]
    rect = window.view.mapFromScene(QRectF(box.x, box.y, box.width, box.height)).boundingRect()
    return QRectF(rect).adjusted(-30, -30, 30, 30)


def sample_copy(window: MainWindow, tmp_path: Path) -> MainWindow:
    """The sample opened from a copy: its annotations go beside the copy."""
    copy = tmp_path / "outline.yaml"
    shutil.copyfile(SAMPLE, copy)
    assert window.open_file(copy)
    return window


def test_a_mark_reads_at_the_fit_zoom_as_a_filled_badge(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sample_copy(window, tmp_path)
    window.view.fit_map()
    key = key_of(window, "Back to basics")
    press(window, qtbot, key, Qt.Key.Key_3)  # known
    window.maps.run(window.session.select(None))
    image = window.view.viewport().grab().toImage()
    # a disc of at least 5 screen pixels' radius in the mark's colour, not a hairline
    assert pixels_of(image, MARK_LOOKS[Mark.KNOWN].colour, around(window, key)) >= 60


def test_marks_and_annotations_show_in_the_overview_picture(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    big_outline(tmp_path / "big.yaml")
    assert window.open_file(tmp_path / "big.yaml")
    window.maps.run(window.session.expand_all())  # the whole map, fitted: far out
    window.view.fit_map()
    key = key_of(window, "Point 3.2.1")
    window.annotations.set(key, Annotation(key, "", "", Mark.IMPORTANT), "Point 3.2.1")
    zoom = window.view.zoom()
    picture = window.scene.overview(zoom)
    assert picture is not None  # far out: the picture stands in for the items
    box = window.session.layout.boxes[key]
    rect = window.scene.map_rect
    at = QRectF(
        (box.x - rect.left()) * zoom - 8,
        (box.y - rect.top()) * zoom - 8,
        box.width * zoom + 16,
        box.height * zoom + 16,
    )
    scale = picture.width() / (rect.width() * zoom)  # drawn at a power of two of the zoom
    scaled = QRectF(at.x() * scale, at.y() * scale, at.width() * scale, at.height() * scale)
    assert pixels_of(picture, MARK_LOOKS[Mark.IMPORTANT].colour, scaled) >= 8


def test_the_menu_shows_the_selected_nodes_mark_and_0_clears_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "o.yaml"
    path.write_text("Root:\n  - A\n  - B\n", encoding="utf-8")
    window.open_file(path)
    marks = [window.menu_actions[f"mark_{n}"] for n in (1, 2, 3)]
    assert all(action.isCheckable() for action in marks)
    press(window, qtbot, "Root/A", Qt.Key.Key_2)
    assert [action.isChecked() for action in marks] == [False, True, False]
    window.maps.run(window.session.select("Root/B"))
    assert [action.isChecked() for action in marks] == [False, False, False]
    window.maps.run(window.session.select("Root/A"))
    assert [action.isChecked() for action in marks] == [False, True, False]
    press(window, qtbot, "Root/A", Qt.Key.Key_0)
    assert window.annotations.store.get("Root/A") is None
    assert [action.isChecked() for action in marks] == [False, False, False]


def test_the_status_bar_explains_the_marks(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_text("Root:\n  - A\n", encoding="utf-8")
    window.open_file(path)
    legend = window.mark_legend.text()
    for look in MARK_LOOKS.values():
        assert look.icon in legend
        assert look.name in legend
        assert look.colour.name() in legend


def test_show_only_a_mark_folds_to_its_paths_dims_the_rest_and_show_all_restores(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sample_copy(window, tmp_path)
    outline = window.session.outline
    revise = [key_of(window, "Kudankulam nuclear reactors"), key_of(window, "Geo-politics")]
    for key in revise:
        press(window, qtbot, key, Qt.Key.Key_2)
    press(window, qtbot, key_of(window, "Way forward"), Qt.Key.Key_1)
    window.maps.run(window.session.toggle_fold(key_of(window, "Outcome of meet")))
    before = set(window.session.folds)

    window.menu_actions["only_2"].trigger()
    shown = set(window.scene.nodes)
    for key in revise:  # the marked nodes and the paths to them show, lit
        assert key in shown
        assert not window.scene.nodes[key].dimmed
        for ancestor in outline.ancestors(key):
            assert not window.scene.nodes[ancestor.key].dimmed
    assert key_of(window, "Three features") not in shown  # folded away, off the paths
    assert window.scene.nodes[key_of(window, "Way forward")].dimmed  # beside a path: dimmed
    assert window.menu_actions["only_2"].isChecked()
    assert "Showing only ↻ Revise again: 2" in window.mark_legend.text()

    window.menu_actions["only_all"].trigger()
    assert window.session.folds == before
    assert not any(window.scene.nodes[key].dimmed for key in window.scene.made)
    assert not window.menu_actions["only_2"].isChecked()
    assert "Showing only" not in window.mark_legend.text()


ROLLED = """\
Root:
  - Alpha:
      - a1:
          - x
          - y
      - a2
  - Beta:
      - b1
"""


def test_folded_nodes_and_main_branches_roll_up_the_marks_under_them(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(ROLLED, encoding="utf-8")
    window.open_file(path)
    for key, mark_key in (
        ("Root/Alpha/a1/x", Qt.Key.Key_2),
        ("Root/Alpha/a1/y", Qt.Key.Key_2),
        ("Root/Alpha/a2", Qt.Key.Key_3),
    ):
        press(window, qtbot, key, mark_key)
    assert window.scene.nodes["Root/Alpha"].rollup == ((Mark.REVISE, 2), (Mark.KNOWN, 1))
    assert window.scene.nodes["Root/Beta"].rollup == ()
    window.maps.run(window.session.toggle_fold("Root/Alpha/a1"))
    assert window.scene.nodes["Root/Alpha/a1"].rollup == ((Mark.REVISE, 2),)
    press(window, qtbot, "Root/Alpha/a1", Qt.Key.Key_1)  # its own mark is not among them
    assert window.scene.nodes["Root/Alpha/a1"].rollup == ((Mark.REVISE, 2),)
    assert window.scene.nodes["Root/Alpha"].rollup == (
        (Mark.IMPORTANT, 1),
        (Mark.REVISE, 2),
        (Mark.KNOWN, 1),
    )

    path.write_text(ROLLED.replace("      - a2\n", "").replace("b1\n", "b1\n      - a2\n"))
    window.annotations.settle_timer.setInterval(100)
    window.document.reload()
    qtbot.wait_until(lambda: not window.annotations.settle_timer.isActive())
    assert window.scene.nodes["Root/Beta"].rollup == ((Mark.KNOWN, 1),)  # a2 moved there
    assert window.scene.nodes["Root/Alpha"].rollup == ((Mark.IMPORTANT, 1), (Mark.REVISE, 2))


def test_an_export_that_shows_marks_carries_their_legend(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sample_copy(window, tmp_path)
    press(window, qtbot, key_of(window, "Geo-politics"), Qt.Key.Key_2)
    scene = scene_for_export(
        window.session.outline, set(), window.session.mode, LIGHT, window.annotations.store
    )
    assert scene.legend is not None
    out = tmp_path / "map.png"
    export_scene(scene, out, LIGHT, ExportOptions(scale=1, margin_px=10))
    image = QImage(str(out))
    top = QRectF(0, 0, image.width(), 60)  # the legend heads the picture
    for look in MARK_LOOKS.values():
        assert pixels_of(image, look.colour, top) >= 30, look.name
    unmarked = scene_for_export(window.session.outline, set(), window.session.mode, LIGHT)
    assert unmarked.legend is None  # nothing to explain


def test_a_window_closed_while_filtered_remembers_the_users_folds(
    make_window: Callable[[QSettings], MainWindow],
    settings: QSettings,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = make_window(settings)
    path = tmp_path / "o.yaml"
    path.write_text(ROLLED, encoding="utf-8")
    window.open_file(path)
    press(window, qtbot, "Root/Beta/b1", Qt.Key.Key_2)
    window.menu_actions["only_2"].trigger()
    assert "Root/Alpha" in window.session.folds  # folded by the filter
    window.close()
    again = make_window(settings)
    again.open_file(path)
    assert again.session.folds == set()  # as the user had it


def test_expand_all_ends_a_filter_and_the_legend_and_menu_say_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(ROLLED, encoding="utf-8")
    window.open_file(path)
    press(window, qtbot, "Root/Beta/b1", Qt.Key.Key_2)
    window.menu_actions["only_2"].trigger()
    assert window.scene.nodes["Root/Alpha"].dimmed
    window.menu_actions["expand_all"].trigger()
    assert not window.scene.nodes["Root/Alpha"].dimmed
    assert "Root/Alpha/a1/x" in window.scene.nodes
    assert not window.menu_actions["only_2"].isChecked()
    assert "Showing only" not in window.mark_legend.text()
