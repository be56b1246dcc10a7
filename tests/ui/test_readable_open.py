"""The first open of a file is readable: folded to the deepest level that reads at fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from bench.generate import generate_outline
from mindmap.core.readable import LEAST_TEXT_PX
from mindmap.ui.theme import POINT_PX, level_style
from mindmap.ui.window import MainWindow
from tests.ui.conftest import SAMPLE


def smallest_text_px(window: MainWindow) -> float:
    """The height on screen of the smallest title shown."""
    assert window.session.layout is not None
    depths = {box.depth for box in window.session.layout.boxes.values()}
    return min(level_style(d).font.pointSizeF() * POINT_PX for d in depths) * window.view.zoom()


def generated(tmp_path: Path, count: int) -> Path:
    path = tmp_path / f"generated-{count}.yaml"
    path.write_text(generate_outline(count), encoding="utf-8")
    return path


def test_a_big_map_opens_folded_readable_fitted_and_says_what_is_folded(
    window: MainWindow, tmp_path: Path
) -> None:
    assert window.open_file(generated(tmp_path, 10_000))
    assert window.session.folds  # the whole map fits at 0.3 %: it opens folded
    assert smallest_text_px(window) >= LEAST_TEXT_PX
    assert window.view.zoom() == pytest.approx(window.view.fit_zoom())  # fitted
    shown = len(window.session.layout.boxes)
    assert "folded below level" in window.statusBar().currentMessage()
    assert window.status_line.count_label.text() == f"{shown:,} of 10,000 nodes show"
    # Nothing hidden was measured: only the shown nodes and one level below, tried and folded.
    assert window.maps.blocks.measured < 10_000 / 10


def test_the_sample_opens_readable_in_a_small_window(
    make_window: Callable[[QSettings], MainWindow], settings: QSettings, qtbot: QtBot
) -> None:
    window = make_window(settings)
    window.resize(800, 560)
    qtbot.wait_until(lambda: window.view.viewport().height() < 560)
    assert window.open_file(SAMPLE)
    assert smallest_text_px(window) >= LEAST_TEXT_PX
    assert window.session.layout is not None
    assert len(window.session.layout.boxes) > 1  # at least the main branches


def test_fit_still_fits_all_that_shows(window: MainWindow, tmp_path: Path) -> None:
    assert window.open_file(generated(tmp_path, 10_000))
    window.maps.run(window.session.expand_all())
    window.view.fit_map()
    assert window.view.zoom() == pytest.approx(window.view.fit_zoom())
    assert window.view.zoom() < 0.05  # not held at a readable zoom


def test_a_remembered_place_wins_on_reopen(
    make_window: Callable[[QSettings], MainWindow], settings: QSettings, tmp_path: Path
) -> None:
    path = generated(tmp_path, 10_000)
    first = make_window(settings)
    assert first.open_file(path)
    first.maps.run(first.session.expand_all())
    first.view.set_zoom(0.02)
    first.close()
    again = make_window(settings)
    assert again.open_file(path)
    assert again.session.folds == set()
    assert abs(again.view.zoom() - 0.02) < 1e-9
    assert "folded below" not in again.statusBar().currentMessage()


def test_a_reopened_map_unfolds_a_level_at_a_time_as_it_did(
    make_window: Callable[[QSettings], MainWindow], settings: QSettings, tmp_path: Path
) -> None:
    path = generated(tmp_path, 10_000)
    first = make_window(settings)
    assert first.open_file(path)
    level, folds = first.session.level, set(first.session.folds)
    assert level is not None
    first.close()
    again = make_window(settings)
    assert again.open_file(path)
    assert (again.session.level, again.session.folds) == (level, folds)
    branch = next(key for key in folds if len(again.session.outline.ancestors(key)) == level)
    again.maps.run(again.session.toggle_fold(branch))
    children = again.session.outline.by_key[branch].children
    assert all(child.key in again.session.layout.boxes for child in children)
    assert all(child.key in again.session.folds for child in children if child.children)


def flat_list(tmp_path: Path, count: int, under_branch: bool) -> Path:
    """An outline whose `count` leaves sit under the root, or under one of its main branches."""
    items = [f"- Term {i}" for i in range(1, count + 1)]  # a vocabulary list
    if under_branch:
        lines = ["title: Long list", "children:", "  - title: All the points", "    children:"]
        lines += [f"      {item}" for item in items] + ["  - A short branch", "  - Another one"]
    else:
        lines = ["title: Long list", "children:"] + [f"  {item}" for item in items]
    path = tmp_path / "flat.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("under_branch", "least_px"),
    [(False, LEAST_TEXT_PX), (True, 7.5)],
    ids=["under-root", "under-branch"],
)
def test_a_flat_list_of_500_reads_at_fit(
    window: MainWindow, tmp_path: Path, under_branch: bool, least_px: float
) -> None:
    """Wrapped into columns (one long column fitted showed its titles 0.5 to 1 px high).

    Under a main branch the titles are a level smaller, and the root and the branches beside
    it take a third of the width: 500 boxes would need the rest of the 1280×820 window with no
    gaps at all to show their titles 9 px high. The grid shows them 7.6 px high."""
    window.resize(1280, 820)
    assert window.open_file(flat_list(tmp_path, 500, under_branch))
    window.maps.run(window.session.expand_all())
    window.view.fit_map()
    assert window.view.zoom() == pytest.approx(window.view.fit_zoom())
    assert smallest_text_px(window) >= least_px


def test_a_long_list_that_reads_wrapped_opens_unfolded(window: MainWindow, tmp_path: Path) -> None:
    """One row per leaf would make 100 leaves too tall to read at fit; wrapped they read."""
    items = [f"      - item {i}" for i in range(100)]
    path = tmp_path / "list.yaml"
    path.write_text("\n".join(["Root:", "  - A:", *items, "  - B:", "      - b"]) + "\n", "utf-8")
    window.resize(1280, 820)
    assert window.open_file(path)
    assert window.session.folds == set()
    assert smallest_text_px(window) >= LEAST_TEXT_PX
