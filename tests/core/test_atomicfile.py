"""Atomic writes: the whole new file or the untouched old one, with sensible permissions."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from mindmap.core.atomicfile import write_atomic


def test_new_file_gets_plain_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    write_atomic(target, b"hello")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_bytes() == b"hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_replacing_keeps_the_old_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o600)


def test_failure_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_bytes(b"precious")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_unwritable_folder_raises_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(PermissionError):
            write_atomic(folder / "x.txt", b"data")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_relative_symlink_is_kept_and_its_target_written(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    (synced / "real.yaml").write_bytes(b"old")
    link = tmp_path / "outline.yaml"
    link.symlink_to(Path("synced") / "real.yaml")
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("synced") / "real.yaml")
    assert (synced / "real.yaml").read_bytes() == b"new"
    assert sorted(p.name for p in synced.iterdir()) == ["real.yaml"]  # no temporary left


def test_a_chain_of_links_is_followed_to_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    middle = tmp_path / "middle.yaml"
    middle.symlink_to(real)
    first = tmp_path / "first.yaml"
    first.symlink_to("middle.yaml")
    write_atomic(first, b"new")
    assert (first.is_symlink(), middle.is_symlink(), real.read_bytes()) == (True, True, b"new")


def test_a_dangling_link_writes_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "notes.yaml"
    link.symlink_to("elsewhere.yaml")
    write_atomic(link, b"first")
    assert link.is_symlink()
    assert (tmp_path / "elsewhere.yaml").read_bytes() == b"first"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_link_to_a_special_file_is_refused_and_both_stay(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "notes.yaml"
    link.symlink_to(pipe)
    with pytest.raises(OSError, match=re.escape("not a regular file (a named pipe)")):
        write_atomic(link, b"data")
    assert link.is_symlink()
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.yaml", "pipe"]
