"""The Details dock takes room only when there is something to show in it."""

from __future__ import annotations

from mindmap.ui.window import MainWindow


def test_the_details_dock_shows_while_a_node_is_selected(sample_window: MainWindow) -> None:
    window = sample_window
    assert not window.details_dock.isVisible()  # nothing selected: the map has the room
    key = window.session.outline.root.children[0].key
    window.maps.run(window.session.select(key))
    assert window.details_dock.isVisible()
    assert window.details_dock.width() < window.width() / 4
    assert window.details.toPlainText().startswith(window.session.outline.by_key[key].title)
    window.maps.run(window.session.select(None))
    assert not window.details_dock.isVisible()


def test_a_details_dock_the_user_closed_stays_closed_until_opened_again(
    sample_window: MainWindow,
) -> None:
    window = sample_window
    first, second = (node.key for node in window.session.outline.root.children[:2])
    window.maps.run(window.session.select(first))
    window.details_dock.close()  # its close button
    window.maps.run(window.session.select(second))
    assert not window.details_dock.isVisible()
    window.details_dock.toggleViewAction().trigger()  # View ▸ Details
    assert window.details_dock.isVisible()
    window.maps.run(window.session.select(first))
    assert window.details_dock.isVisible()
