"""The one way this app reads a file: only a regular file, never more than a cap, never blocking.

A sidecar or outline can be a named pipe (which would wait for a writer forever) or a link to a
device such as `/dev/zero` (which never ends); refusing them, and any file over the cap, here
keeps every reader from hanging the window or running out of memory.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# The most bytes any file is read to: a 1,000,000-node outline (`python -m bench.generate
# 1000000`) is 92 MB, and notes may be longer than the generator's.
MAX_FILE_BYTES = 256_000_000

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular(path: str | Path, cap: int) -> bytes:
    """The bytes of the regular file at `path` (links followed); OSError for anything else,
    or for more than `cap` bytes, with `strerror` saying why in words for the user."""
    # O_NONBLOCK: opening a named pipe does not wait for a writer (not on Windows, which has
    # no such pipes in its file system).
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        require_regular(info.st_mode, path)
        # The size first, so that a huge file is not read at all; then the read itself is
        # capped, since a size can lie (a file that grows, a virtual file).
        data = b"" if info.st_size > cap else stream.read(cap + 1)
    if info.st_size > cap or len(data) > cap:
        message = f"the file is larger than {_size(cap)}, the most this app reads"
        raise OSError(errno.EFBIG, message, str(path))
    return data


def require_regular(mode: int, path: str | Path) -> None:
    """OSError, saying what the file is instead, unless `mode` is a regular file's."""
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"not a regular file ({kind})", str(path))


def _size(count: int) -> str:
    return f"{count // 1_000_000:,} MB" if count >= 1_000_000 else f"{count:,} bytes"
