"""Real maps that nobody here wrote: nodes without text, notes with line breaks, Japanese and
Chinese titles, tags."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from mindmap.ui.window import MainWindow
from tests.ui.shots import save_shot

EMPTY_TITLES = """\
Photo album:
  - ''
  - Holiday:
      - ' '
      - Beach:
          - ''
  - ''
"""


def test_a_map_with_empty_titles_opens_and_draws_them_as_small_pills(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "album.yaml"
    path.write_text(EMPTY_TITLES, encoding="utf-8")
    assert window.open_file(path)
    assert not window.banner.isVisible()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"4 warnings: {path}:2:5: warning: the node has no title")
    )
    window.maps.run(window.session.expand_all())
    window.view.set_zoom(1.0)
    window.maps.centre_on("Photo album")
    boxes = window.session.layout.boxes
    empties = [
        "Photo album/",
        "Photo album/[2]",
        "Photo album/Holiday/ ",
        "Photo album/Holiday/Beach/",
    ]
    for key in empties:
        item = window.scene.item(key)
        assert item.block.empty
        assert 14 <= boxes[key].width <= 2 * boxes[key].height  # a small pill, not a sliver
    assert not window.scene.item("Photo album/Holiday/Beach").block.empty
    window.maps.run(window.session.select("Photo album/Holiday/ "))
    assert window.details.toPlainText().startswith("(no title)")
    qtbot.wait(50)
    save_shot(window, "empty-titles")
