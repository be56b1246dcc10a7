"""The window opens Markdown, OPML and FreeMind/Freeplane files as it opens YAML: the map, the
Outline panel's live preview, reload on an outside save, and a sidecar of each file's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation
from mindmap.core.formats import OUTLINE_FILTER
from mindmap.core.sidecar import sidecar_path
from mindmap.ui.window import MainWindow

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"


def titles(window: MainWindow) -> set[str]:
    return {item.node.title for item in window.scene.nodes.values()}


@pytest.mark.parametrize(
    "case",
    [
        ("markmap-example.md", "markmap", "Related Projects"),
        ("states.opml", "United States", "Great Plains"),
        ("freeplaneFunctions.mm", "Basic Freeplane\nFunctions", "Other"),
    ],
)
def test_each_format_opens_on_the_map_and_reloads_on_an_outside_save(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, case: tuple[str, str, str]
) -> None:
    name, root, shown = case  # the file, its root's title, a title shown on the map
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    assert window.open_file(path)
    assert window.session.outline is not None
    assert window.session.outline.root.title == root
    assert shown in titles(window)
    assert not window.banner.isVisible()

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(shown, "Renamed outside"), encoding="utf-8")
    qtbot.wait_until(lambda: "Renamed outside" in titles(window), timeout=3000)


def test_the_outline_panel_previews_markdown_as_markdown(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n- first\n", encoding="utf-8")
    assert window.open_file(path)
    window.outline_panel.editor.setPlainText("# Notes\n- first\n- second *typed*\n")
    window.outline_panel.preview()
    qtbot.wait_until(lambda: "second typed" in titles(window), timeout=3000)
    assert not window.banner.isVisible()


def test_markdown_and_yaml_side_by_side_keep_their_own_annotations(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    markdown, yaml = tmp_path / "notes.md", tmp_path / "notes.yaml"
    markdown.write_text("# Notes\n- first\n", encoding="utf-8")
    yaml.write_text("Notes:\n  - first\n", encoding="utf-8")
    assert sidecar_path(markdown) != sidecar_path(yaml)
    for path, text in ((markdown, "from markdown"), (yaml, "from yaml")):
        assert window.open_file(path)
        window.annotations.set("Notes/first", Annotation("Notes/first", "first", text), "first")
        window.annotations.flush()
    assert "from markdown" in sidecar_path(markdown).read_text(encoding="utf-8")
    assert "from yaml" in sidecar_path(yaml).read_text(encoding="utf-8")
    assert window.open_file(markdown)
    assert window.annotations.store.get("Notes/first").text == "from markdown"


def test_the_open_dialog_lists_every_format() -> None:
    for pattern in ("*.yaml", "*.yml", "*.md", "*.markdown", "*.opml", "*.mm"):
        assert pattern in OUTLINE_FILTER.split(";;")[0]


def test_a_branch_renamed_outside_reloads_without_an_error(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """The edges of a parent that is gone were looked up in the new outline (a KeyError in
    the event loop, for YAML as for every format)."""
    path = tmp_path / "o.yaml"
    path.write_text("R:\n  - A:\n      - a1\n  - B\n", encoding="utf-8")
    assert window.open_file(path)
    path.write_text("R:\n  - Renamed:\n      - a1\n  - B\n", encoding="utf-8")
    qtbot.wait_until(lambda: "R/Renamed/a1" in window.scene.nodes, timeout=3000)
    assert "R/A" not in window.scene.nodes


def test_yaml_colours_only_for_yaml(window: MainWindow, tmp_path: Path) -> None:
    """A Markdown heading is no YAML comment: the YAML highlighter leaves other formats alone."""
    markdown, yaml = tmp_path / "notes.md", tmp_path / "notes.yaml"
    markdown.write_text("# Notes\n- first\n", encoding="utf-8")
    yaml.write_text("Notes:\n  - first\n", encoding="utf-8")
    editor = window.outline_panel.editor
    assert window.open_file(markdown)
    assert editor.highlighter.document() is None
    assert window.open_file(yaml)
    assert editor.highlighter.document() is editor.document()


def test_an_annotation_follows_a_map_node_renamed_outside(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """A .mm node's key is its ID: renaming it in Freeplane keeps the user's annotation on it."""
    path = tmp_path / "Wohnungssuche.mm"
    shutil.copy(FIXTURES / "Wohnungssuche.mm", path)
    assert window.open_file(path)
    key = "#ID_1201547317"
    assert window.session.outline is not None
    assert window.session.outline.by_key[key].title == "Uninteressant"
    window.annotations.set(key, Annotation(key, "Uninteressant", "too far"), "Uninteressant")
    window.annotations.flush()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('TEXT="Uninteressant"', 'TEXT="Zu weit"'), encoding="utf-8")
    qtbot.wait_until(
        lambda: (
            window.session.outline is not None
            and window.session.outline.by_key[key].title == "Zu weit"
        ),
        timeout=3000,
    )
    assert window.annotations.store.get(key).text == "too far"
    assert key not in window.annotations.store.unattached
