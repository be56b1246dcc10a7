"""The one way this app writes a file: all of it or none of it, never a truncated file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mindmap.core.readfile import require_regular


def _mode_for(target: Path) -> int:
    """The old file's permissions, or what a plain new file gets (mkstemp's are owner-only).

    A pipe or a device (a link to `/dev/zero`) is never replaced: OSError.
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    require_regular(mode, target)
    return mode & 0o7777


@contextlib.contextmanager
def open_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream that replaces `path` only when the block ends without an error.

    It writes a temporary file in the same folder, flushes and fsyncs it, and renames it over
    the target; on any error (or a cancel raised inside the block) the old file is untouched
    and the temporary is removed. A symlink (a synced folder, often) stays a symlink: the file
    it leads to, through any chain of links, even one not there yet, is the one replaced.
    """
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` as the whole new content of `path`, atomically (see `open_atomic`)."""
    with open_atomic(path) as stream:
        stream.write(data)
