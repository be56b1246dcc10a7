"""The file watcher on its own: one `changed` per settled save, none for our own writes,
`vanished` when the file goes, `changed` again when it comes back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mindmap.core.atomicfile import write_atomic
from mindmap.ui.controllers.watcher import FileWatcher, file_signature

SETTLE_MS = 3000  # the longest any test waits for a signal


@pytest.fixture
def watched(tmp_path: Path, qtbot: QtBot) -> tuple[FileWatcher, Path]:
    path = tmp_path / "outline.yaml"
    path.write_text("Root:\n  - a\n", encoding="utf-8")
    watcher = FileWatcher()
    watcher.watch(path)
    return watcher, path


def test_a_save_in_place_is_one_change(watched: tuple[FileWatcher, Path], qtbot: QtBot) -> None:
    watcher, path = watched
    changes: list[None] = []
    watcher.changed.connect(lambda: changes.append(None))
    # An editor that writes in place, in two steps
    with (
        qtbot.waitSignal(watcher.changed, timeout=SETTLE_MS),
        path.open("w", encoding="utf-8") as stream,
    ):
        stream.write("Root:\n")
        stream.flush()
        stream.write("  - a\n  - b\n")
    qtbot.wait(400)  # past the debounce: the two writes were one save
    assert len(changes) == 1


def test_an_atomic_replace_is_seen(watched: tuple[FileWatcher, Path], qtbot: QtBot) -> None:
    watcher, path = watched
    with qtbot.waitSignal(watcher.changed, timeout=SETTLE_MS):
        write_atomic(path, b"Root:\n  - replaced\n")


def test_our_own_write_is_acknowledged(watched: tuple[FileWatcher, Path], qtbot: QtBot) -> None:
    watcher, path = watched
    changes: list[None] = []
    watcher.changed.connect(lambda: changes.append(None))
    write_atomic(path, b"Root:\n  - ours\n")
    watcher.acknowledge()
    qtbot.wait(500)
    assert changes == []
    version = file_signature(path)
    write_atomic(path, b"Root:\n  - ours again\n")
    with qtbot.assertNotEmitted(watcher.changed, wait=500):
        watcher.acknowledge_version(file_signature(path))  # the version we wrote, as we know it
    assert version != file_signature(path)


def test_a_file_that_goes_and_comes_back(watched: tuple[FileWatcher, Path], qtbot: QtBot) -> None:
    watcher, path = watched
    with qtbot.waitSignal(watcher.vanished, timeout=SETTLE_MS):
        os.replace(path, path.with_name("moved.yaml"))
    with qtbot.waitSignal(watcher.changed, timeout=SETTLE_MS):
        os.replace(path.with_name("moved.yaml"), path)  # moved back: the same signature
