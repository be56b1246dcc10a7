"""Real maps that nobody here wrote: nodes without text, notes with line breaks, Japanese and
Chinese titles, tags."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from mindmap.ui.window import MainWindow
from tests.ui.map.test_textmetrics import CHINESE, JAPANESE, NO_LINE_START
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


CJK_MAP = f"""\
Freeplane の使い方:
  - 基本操作:
      - {JAPANESE}
      - ノードを折りたたむには、ノードの左右にある小さな丸をクリックします。
  - 思维导图:
      - {CHINESE}
"""


def test_japanese_and_chinese_titles_wrap_by_the_line_rules_on_the_map(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "cjk.yaml"
    path.write_text(CJK_MAP, encoding="utf-8")
    assert window.open_file(path)
    window.view.set_zoom(1.0)
    window.maps.centre_on(window.session.root_key)
    leaves = [n for n in window.session.outline.by_key.values() if not n.children]
    for node in leaves:
        lines = window.scene.item(node.key).block.lines
        assert len(lines) > 1
        assert "".join(lines) == node.title
        assert not any(line[0] in NO_LINE_START for line in lines), lines
    first = next(window.scene.item(n.key).block.lines for n in leaves if n.title[0] == "F")
    assert any("Freeplane" in line for line in first)
    qtbot.wait(50)
    save_shot(window, "cjk-wrap")


TAGGED = """\
title: Revision
children:
  - title: Cells
    tags: [exam, core]
    children:
      - title: Mitochondria
        tags: [exam, "paper 2", diagram]
      - Ribosomes
  - Genetics
"""


def test_tags_show_on_the_map_as_chips_with_room_made_for_them(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "tagged.yaml"
    path.write_text(TAGGED, encoding="utf-8")
    assert window.open_file(path)
    window.maps.run(window.session.expand_all())
    boxes = window.session.layout.boxes
    tagged, plain = window.scene.item("Revision/Cells/Mitochondria"), "Revision/Cells/Ribosomes"
    assert [chip[0] for chip in tagged.block.chips] == ["exam", "paper 2", "diagram"]
    # The box holds the title's line and a row of chips; its neighbour does not overlap it.
    title_only = window.scene.item(plain).block
    assert tagged.block.height > title_only.height + 8
    below, above = sorted((boxes["Revision/Cells/Mitochondria"], boxes[plain]), key=lambda b: b.y)
    assert above.y >= below.y + below.height
    # Every chip lies inside the box.
    for _tag, x, y, width in tagged.block.chips:
        assert x >= 0
        assert x + width <= boxes[tagged.key].width
        assert y + tagged.block.chip_height <= boxes[tagged.key].height
    window.view.set_zoom(1.5)
    window.maps.centre_on(tagged.key)
    qtbot.wait(50)
    save_shot(window, "tag-chips")
    window.view.fit_map()
    qtbot.wait(50)
    save_shot(window, "tag-chips-fit")
