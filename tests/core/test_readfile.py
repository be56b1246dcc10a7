"""Reading a file: only a regular one, never more than the cap, never blocking on a pipe."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mindmap.core.readfile import MAX_FILE_BYTES, read_regular

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_bytes(b"Root:\n  - a\n")
    assert read_regular(path, 100) == b"Root:\n  - a\n"


def test_a_file_over_the_cap_is_refused_with_the_cap_named(tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_bytes(b"x" * 2_000_001)
    with pytest.raises(
        OSError, match=re.escape("the file is larger than 2 MB, the most this app reads")
    ):
        read_regular(path, 2_000_000)


@needs_fifo
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "o.yaml"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match=re.escape("not a regular file (a named pipe)")):
        read_regular(pipe, MAX_FILE_BYTES)


@needs_dev_zero
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "o.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(OSError, match=re.escape("not a regular file (a device)")):
        read_regular(link, MAX_FILE_BYTES)
