"""The map as a user meets it: fold with the toggle, zoom with the wheel, walk with the arrows."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from layout_oracle import layout_outline
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Mark
from mindmap.core.layout import LayoutMode
from mindmap.ui.export import scene_for_export
from mindmap.ui.map import scene as scene_module
from mindmap.ui.map.items import outer_reach
from mindmap.ui.map.scene import ITEM_REACH
from mindmap.ui.theme import LIGHT, ThemeChoice
from mindmap.ui.window import MainWindow


def on_screen(window: MainWindow, key: str, local: QPointF | None = None) -> QPoint:
    """Where a node (or a point of it) is in the view's viewport."""
    item = window.scene.nodes[key]
    point = local if local is not None else item.boundingRect().center()
    return window.view.mapFromScene(item.mapToScene(point))


def key_of(window: MainWindow, title: str) -> str:
    assert window.session.outline is not None
    return next(n.key for n in window.session.outline.root.walk() if n.title == title)


def test_fold_toggle_hides_branch_shows_count_and_keeps_node_still(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window
    window.view.actual_size()
    key = key_of(window, "Back to basics")
    window.maps.centre_on(key)
    item = window.scene.nodes[key]
    before = on_screen(window, key, QPointF(0, 0))
    descendants = [n.key for n in window.session.outline.by_key[key].walk()][1:]
    assert all(k in window.scene.nodes for k in descendants)

    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=on_screen(window, key, item.toggle_centre()),
    )

    assert not any(k in window.scene.nodes for k in descendants)
    assert window.scene.nodes[key].hidden == len(descendants) == 29  # all levels, not 6 children
    assert on_screen(window, key, QPointF(0, 0)) == before

    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=on_screen(window, key, item.toggle_centre()),
    )
    assert all(k in window.scene.nodes for k in descendants)
    assert window.scene.nodes[key].hidden == 0
    assert on_screen(window, key, QPointF(0, 0)) == before


def test_wheel_over_a_node_zooms_in_and_keeps_it_under_the_cursor(
    sample_window: MainWindow,
) -> None:
    window = sample_window
    key = key_of(window, "Afghan peace")
    cursor = on_screen(window, key)
    scene_before = window.view.mapToScene(cursor)
    zoom_before = window.view.zoom()
    event = QWheelEvent(
        QPointF(cursor),
        QPointF(window.view.viewport().mapToGlobal(cursor)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(window.view.viewport(), event)
    assert window.view.zoom() > zoom_before * 1.3
    after = window.view.mapToScene(cursor)
    assert abs(after.x() - scene_before.x()) < 2
    assert abs(after.y() - scene_before.y()) < 2
    assert window.scene.node_at(after).key == key
    assert window.status_line.zoom_label.text() == f"{window.view.zoom() * 100:.0f} %"


def test_arrow_keys_walk_the_map_on_both_sides(sample_window: MainWindow, qtbot: QtBot) -> None:
    window = sample_window
    view = window.view
    view.setFocus()
    root = window.session.outline.root.key

    def press(key: Qt.Key) -> str | None:
        qtbot.keyClick(view, key)
        return window.session.selected

    assert press(Qt.Key.Key_Home) == root
    right = press(Qt.Key.Key_Right)
    assert window.session.outline.by_key[right].title in ("Outcome of meet", "Back to basics")
    child = press(Qt.Key.Key_Right)
    assert window.session.outline.parent_of[child].key == right
    assert press(Qt.Key.Key_Left) == right
    assert press(Qt.Key.Key_Left) == root
    left = press(Qt.Key.Key_Left)
    assert window.session.outline.by_key[left].title in ("Challenges", "Way forward")
    child = press(Qt.Key.Key_Left)  # outwards on the left side
    assert window.session.outline.parent_of[child].key == left
    below = press(Qt.Key.Key_Down)
    boxes = window.session.layout.boxes
    assert boxes[below].centre_y > boxes[child].centre_y
    assert boxes[below].side == -1
    assert press(Qt.Key.Key_Up) == child
    assert press(Qt.Key.Key_Right) == left  # back towards the root
    assert press(Qt.Key.Key_Escape) is None


def test_sample_map_at_fit_shows_every_main_branch_readably(sample_window: MainWindow) -> None:
    window = sample_window
    window.view.fit_map()
    viewport = window.view.viewport().rect()
    image = window.view.grab().toImage()
    background = window.scene.backgroundBrush().color().rgb()
    for branch in window.session.outline.root.children:
        item = window.scene.nodes[branch.key]
        rect = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert viewport.contains(rect), branch.title
        font_px = item.style.font.pointSizeF() * 96 / 72 * window.view.zoom()
        assert font_px >= 7, branch.title  # readable, not drawn as bars
        inside = rect.adjusted(4, 4, -4, -4)
        colours = {
            image.pixel(x, y)
            for x in range(inside.left(), inside.right(), 3)
            for y in range(inside.top(), inside.bottom(), 2)
        }
        assert len(colours - {background}) > 3, branch.title  # painted, with text on it


def test_title_names_the_file_and_the_app(sample_window: MainWindow) -> None:
    assert sample_window.windowTitle() == "outline.yaml — Mindmap"
    assert sample_window.status_line.count_label.text() == "72 nodes"


def assert_edges_run_from_parents_to_children(window: MainWindow) -> None:
    scene = window.scene
    scene.make_items()  # the view makes only what it paints
    curves = []  # (start, end) in scene coordinates
    for edge in scene.edges.items.values():
        path = edge._path
        start = None
        for index in range(path.elementCount()):
            element = path.elementAt(index)
            point = edge.mapToScene(QPointF(element.x, element.y))
            if element.isMoveTo():
                start = point
            elif index + 1 == path.elementCount() or path.elementAt(index + 1).isMoveTo():
                curves.append((start, point))
    boxes = window.session.layout.boxes
    ends = 0
    for key, box in boxes.items():
        if box.parent is None:
            continue
        parent = scene.nodes[box.parent].sceneBoundingRect()
        child = scene.nodes[key]
        end = child.mapToScene(QPointF(0 if box.side > 0 else box.width, child.anchor_y()))
        starts = [s for s, e in curves if (e - end).manhattanLength() < 0.5]
        assert starts, key
        assert all(parent.contains(s) for s in starts), key
        ends += 1
    assert len(curves) == ends  # no edge left over to a hidden node


def test_every_edge_runs_from_the_parent_to_the_child(sample_window: MainWindow) -> None:
    assert_edges_run_from_parents_to_children(sample_window)


def test_items_match_a_fresh_layout_after_many_folds(sample_window: MainWindow) -> None:
    window = sample_window
    branches = [n.key for n in window.session.outline.root.walk() if n.children][1:]
    for key in [*branches[::3], *branches[1::4], branches[0], *branches[::3]]:
        window.maps.run(window.session.toggle_fold(key))
    fresh = layout_outline(
        window.session.outline.root,
        lambda node: (window.maps.blocks[node.key].width, window.maps.blocks[node.key].height),
        window.session.folds,
    )
    assert set(window.scene.nodes) == set(fresh.boxes)
    for key, box in fresh.boxes.items():
        item = window.scene.nodes[key]
        assert (item.x(), item.y()) == (box.x, box.y), key
        assert item.isVisible()
        folded = key in window.session.folds and bool(window.session.outline.by_key[key].children)
        assert (item.hidden > 0) == folded, key
    assert_edges_run_from_parents_to_children(window)


def test_find_bar_enter_steps_to_hidden_matches_and_escape_closes(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window
    window.maps.run(window.session.show_levels(1))  # every match below the main branches is hidden
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.find_bar.field
    assert field.hasFocus()
    qtbot.keyClicks(field, "sukhoi")
    assert window.find_bar.count.text() == "2 matches"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    first = window.session.selected
    # its note
    assert window.session.outline.by_key[first].title == "Major collaboration programmes"
    assert window.find_bar.count.text() == "1 of 2"
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert window.scene.nodes[first].sceneBoundingRect().contains(centre)  # unfolded, centred
    qtbot.keyClick(field, Qt.Key.Key_Enter)
    assert window.session.outline.by_key[window.session.selected].title == "Sukhoi Su-30"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected == first
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert not window.session.matched
    assert window.session.selected == first  # the place found is kept


def test_dark_theme_darkens_the_window_too_and_light_brings_it_back(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    window = sample_window

    def lightness(widget: QWidget, role: QPalette.ColorRole) -> int:
        return widget.palette().color(role).lightness()

    window.view_settings.set_theme(ThemeChoice.DARK)
    assert window.scene.backgroundBrush().color().lightness() < 128
    qtbot.wait_until(lambda: lightness(window, QPalette.ColorRole.Window) < 128)  # the chrome
    assert lightness(window.details, QPalette.ColorRole.Base) < 128
    window.view_settings.set_theme(ThemeChoice.LIGHT)
    assert window.scene.backgroundBrush().color().lightness() > 128
    qtbot.wait_until(lambda: lightness(window, QPalette.ColorRole.Window) > 128)


def test_folding_a_branch_sends_no_other_branch_across_and_levels_rebalance(
    window: MainWindow, tmp_path
) -> None:
    outline = tmp_path / "outline.yaml"
    outline.write_text(
        "R:\n  - Causes:\n      - a\n      - b\n      - c\n      - d\n"
        "  - Events\n  - People\n  - Results\n",
        encoding="utf-8",
    )
    assert window.open_file(outline)

    def sides() -> dict[str, int]:
        return {key[2:]: window.session.layout.boxes[key].side for key in ("R/Causes", "R/Events")}

    assert sides() == {"Causes": 1, "Events": -1}
    window.maps.run(window.session.toggle_fold("R/Causes"))  # balanced anew, Events would go right
    assert sides() == {"Causes": 1, "Events": -1}
    window.maps.run(window.session.toggle_fold("R/Causes"))
    assert sides() == {"Causes": 1, "Events": -1}
    # a whole new view of the map: balanced for what shows
    window.maps.run(window.session.show_levels(1))
    assert sides() == {"Causes": 1, "Events": 1}


def open_whole(window: MainWindow, path: Path) -> None:
    """Open `path` with every node shown, fitted (it opens folded to be readable)."""
    assert window.open_file(path)
    window.maps.run(window.session.expand_all())
    window.view.fit_map()


def big_outline(path: Path) -> None:
    """An outline of 1,387 nodes: 6 main branches, 5 children each, 5 grandchildren, 8 leaves."""
    lines = ["Big map:"]
    for a in range(6):
        lines.append(f"  - Branch {a}:")
        for b in range(5):
            lines.append(f"      - Topic {a}.{b}:")
            for c in range(5):
                lines.append(f"          - Point {a}.{b}.{c}:")
                lines += [f"              - Detail {a}.{b}.{c}.{d} of the point" for d in range(8)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_zoomed_in_the_view_paints_what_every_item_would(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Items are made only for what is looked at: what shows must be all of it, after folds."""
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    window.view.actual_size()
    topics = [key_of(window, f"Topic 1.{n}") for n in range(4)]
    for key in [*topics, key_of(window, "Topic 0.4")]:
        window.maps.run(window.session.toggle_fold(key))
    window.maps.centre_on(key_of(window, "Topic 0.0"))
    window.view.viewport().grab()  # what shows is made, and what the scene knows of extents
    for key in topics:
        # Branch 1 grows, and its last topic goes down
        window.maps.run(window.session.toggle_fold(key))
    window.maps.centre_on(key_of(window, "Detail 1.4.4.7 of the point"))
    lazy = window.view.viewport().grab().toImage()
    made = len(window.scene.made)
    assert 0 < made < len(window.scene.nodes) / 5  # only what shows, and a margin around it

    window.scene.make_items()
    assert len(window.scene.made) == len(window.scene.nodes) == 1387 - 45  # Topic 0.4 folded
    assert window.view.viewport().grab().toImage() == lazy

    # the sides are balanced anew: branches may cross
    window.maps.run(window.session.show_levels(2))
    window.view.actual_size()
    window.maps.centre_on(key_of(window, "Topic 5.2"))
    window.view.viewport().grab()  # made and known again, for the next change to keep right
    window.maps.run(window.session.expand_all())
    window.maps.centre_on(key_of(window, "Detail 3.3.3.3 of the point"))
    lazy = window.view.viewport().grab().toImage()
    window.scene.make_items()
    assert window.view.viewport().grab().toImage() == lazy


def test_a_click_at_fit_selects_the_node_under_it(window: MainWindow, tmp_path: Path) -> None:
    """At fit the overview picture stands in for items: a click still finds its node."""
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    assert window.scene.overview(window.view.zoom()) is not None  # the picture shows
    key = key_of(window, "Branch 4")
    box = window.session.layout.boxes[key]
    at = window.view.mapFromScene(QPointF(box.x + box.width / 2, box.y + box.height / 2))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.session.selected == key
    assert window.details.toPlainText().startswith("Branch 4")


def test_right_layout_edges_leave_the_root_from_its_right_side(sample_window: MainWindow) -> None:
    window = sample_window
    window.view_settings.set_layout_mode(LayoutMode.RIGHT)
    assert_edges_run_from_parents_to_children(window)
    root = window.session.layout.boxes[window.session.outline.root.key]
    starts = [
        edge.mapToScene(QPointF(edge._path.elementAt(0).x, edge._path.elementAt(0).y))
        for group, edge in window.scene.edges.items.items()
        if group in window.scene.edges.groups_of[root.key]
    ]
    assert len(starts) == len(window.session.outline.root.children)
    assert all(abs(start.x() - (root.x + root.width)) < 0.01 for start in starts)

    # Both ways: from the middle, under the root
    window.view_settings.set_layout_mode(LayoutMode.MINDMAP)
    window.scene.make_items()
    starts = [
        edge.mapToScene(QPointF(edge._path.elementAt(0).x, edge._path.elementAt(0).y))
        for group, edge in window.scene.edges.items.items()
        if group in window.scene.edges.groups_of[root.key]
    ]
    assert all(abs(start.x() - (root.x + root.width / 2)) < 0.01 for start in starts)


def test_an_item_paints_within_the_reach_the_scene_allows_it(qtbot: QtBot) -> None:
    """The scene skips subtrees by their boxes and this reach: a badge must not stick out."""
    assert outer_reach(9_999_999) < ITEM_REACH
    assert outer_reach(9_999, tuple((mark, 999) for mark in Mark)) < ITEM_REACH  # roll-up
    assert outer_reach(0) < outer_reach(7) < outer_reach(123_456)


def test_items_let_go_far_from_the_view_come_back_whole(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long walk lets far items go; coming back, every node and edge shows again."""
    monkeypatch.setattr(scene_module, "KEEP_ITEMS", 100)
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    window.view.set_zoom(0.3)
    window.maps.centre_on(window.session.outline.root.key)
    window.view.viewport().grab()
    for title in ("Detail 0.0.0.0 of the point", "Detail 5.4.4.7 of the point"):
        window.maps.centre_on(key_of(window, title))
        window.view.viewport().grab()
    assert len(window.scene.made) < 400
    window.view.actual_size()
    window.maps.centre_on(window.session.outline.root.key)
    lazy = window.view.viewport().grab().toImage()
    window.scene.make_items()
    assert window.view.viewport().grab().toImage() == lazy
    assert_edges_run_from_parents_to_children(window)  # the root's too, to every branch


def test_a_broken_file_opened_over_a_far_out_map_paints_without_error(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    window.view.viewport().grab()  # the overview picture shows
    (tmp_path / "broken.yaml").write_text("Topic:\n  - [unclosed\n", encoding="utf-8")
    assert not window.open_file(tmp_path / "broken.yaml")
    image = window.view.viewport().grab().toImage()  # an error in paintEvent fails the test
    assert (
        image.pixelColor(image.width() // 2, image.height() // 2)
        == window.scene.backgroundBrush().color()
    )
    assert "broken.yaml:" in window.banner.label.text()


def test_the_overview_picture_leaves_out_the_selection_it_draws_over(
    sample_window: MainWindow,
) -> None:
    """The picture outlives a selection; the selection is drawn over it as it changes."""
    window, scene = sample_window, sample_window.scene
    window.view.set_zoom(0.2)
    branch = window.session.outline.root.children[0].key
    window.maps.run(window.session.select(branch))
    scene.refold(window.session.split)  # drawn anew with the branch selected
    selected = scene.overview(0.2).copy()
    window.maps.run(window.session.select(None))
    scene.refold(window.session.split)
    assert scene.overview(0.2) == selected


def test_a_scene_is_freed_as_soon_as_it_is_dropped(sample_window: MainWindow) -> None:
    """Freezing the GC after an open keeps cyclic garbage for good: a scene must hold none."""
    window = sample_window
    scene = scene_for_export(window.session.outline, set(), window.session.mode, LIGHT)
    scene.content_rect()  # every item made
    gone = weakref.ref(scene)
    gc.disable()
    try:
        del scene
        assert gone() is None
    finally:
        gc.enable()


def test_the_zoom_of_a_big_map_shows_in_figures_not_as_zero(
    window: MainWindow, tmp_path: Path
) -> None:
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    assert window.view.zoom() < 0.05
    window.view.set_zoom(0.0432)
    assert window.status_line.zoom_label.text() == "4.3 %"
    window.view.set_zoom(0.0996)
    assert window.status_line.zoom_label.text() == "10 %"
    window.view.set_zoom(0.0949)
    assert window.status_line.zoom_label.text() == "9.5 %"
    window.view.actual_size()
    assert window.status_line.zoom_label.text() == "100 %"


def test_a_branch_unfolded_where_items_were_made_shows_whole(
    window: MainWindow, tmp_path: Path
) -> None:
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    window.view.actual_size()
    topic = key_of(window, "Topic 2.2")
    window.maps.centre_on(topic)
    window.maps.run(window.session.toggle_fold(topic))
    window.view.viewport().grab()  # the items around are made, the topic folded
    # its points come back where items were already made
    window.maps.run(window.session.toggle_fold(topic))
    lazy = window.view.viewport().grab().toImage()
    window.scene.make_items()
    assert window.view.viewport().grab().toImage() == lazy


def test_a_mark_on_a_main_branch_shows_in_the_overview_at_once(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    big_outline(tmp_path / "big.yaml")
    open_whole(window, tmp_path / "big.yaml")
    window.view.set_zoom(0.2)  # far out: the picture shows, main branches painted in it
    window.maps.run(window.session.select(key_of(window, "Branch 1")))
    before = window.scene.overview(window.view.zoom()).copy()
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # marks it important
    assert window.annotations.store.get(key_of(window, "Branch 1")) is not None
    assert window.scene.overview(window.view.zoom()) != before


def test_the_editor_finds_the_node_on_a_line_after_a_reload_moved_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("Map:\n  - First\n  - Second\n", encoding="utf-8")
    assert window.open_file(path)
    panel = window.outline_panel
    panel.focus_editor()
    qtbot.wait_until(panel.editor.hasFocus)
    panel.editor.go_to_line(3)
    assert window.session.outline.by_key[window.session.selected].title == "Second"
    path.write_text("Map:\n  - Zeroth\n  - First\n  - Second\n", encoding="utf-8")
    window.document.reload()
    panel.editor.setFocus()
    panel.editor.go_to_line(1)
    panel.editor.go_to_line(3)
    assert window.session.outline.by_key[window.session.selected].title == "First"


def test_a_node_flashed_again_stays_marked_for_its_whole_new_moment(
    sample_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two reloads close together: the first one's timer must not cut the second one short."""
    monkeypatch.setattr(scene_module, "FLASH_MS", 300)
    scene = sample_window.scene
    key = sample_window.session.outline.root.children[0].key
    scene.flash({key})
    qtbot.wait(200)
    scene.flash({key})
    qtbot.wait(200)  # the first moment is over, the second is not
    assert scene.nodes[key].fresh
    qtbot.wait_until(lambda: not scene.nodes[key].fresh, timeout=1000)
