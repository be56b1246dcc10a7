"""Temporary files that an interrupted write leaves next to its target, and how to avoid them.

`open_atomic` removes its temporary on any exception, but a SIGTERM or SIGHUP kills the process
without one: a big export left up to 35 MB behind each time. `termination_signals` holds
those signals back for the length of a write, which stops at its next safe point, so that the
usual clean-up runs; then the process ends as the signal asked. A temporary left by a harder
kill (SIGKILL, a power cut) is swept by the next write of the same target, once nobody can
still be writing it.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

STALE_AFTER_S = 15 * 60  # a live write touches its temporary far more often than this
_MKSTEMP_NAME = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts after the prefix
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class InterruptedBySignalError(BaseException):
    """A termination signal arrived during a write; BaseException, as KeyboardInterrupt, so
    that no `except Exception` on the way swallows it."""


class SignalWatch:
    """Notes a termination signal; `check` stops the write at a point where that is safe."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def note(self, signum: int, _frame: object) -> None:
        self.signum = signum

    def check(self) -> None:
        """Raise InterruptedBySignalError if a signal came: the write's clean-up runs."""
        if self.signum is not None:
            raise InterruptedBySignalError(f"interrupted by signal {self.signum}")


@contextlib.contextmanager
def termination_signals() -> Iterator[SignalWatch]:
    """Within the block, SIGTERM and SIGHUP (where it exists) are only noted; the block calls
    `check` where it may stop. After it (its temporary removed, or its file whole), a noted
    signal is raised again with its default action: the process ends as it would have.

    Noted, not raised from the handler: a handler runs at any line of Python, and in a Qt
    virtual such as a paint() the exception would be printed and lost.
    """
    watch = SignalWatch()
    try:
        before = {
            number: signal.signal(number, watch.note)
            for number in _SIGNALS
            if signal.getsignal(number) is signal.SIG_DFL  # ignored, or handled: left alone
        }
    except ValueError:  # not the main thread: signals are not ours to handle
        yield watch
        return
    try:
        yield watch
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if watch.signum is not None:
            signal.raise_signal(watch.signum)


def sweep_stale_temporaries(target: Path) -> None:
    """Remove temporaries of `target` (through symlinks, where they are written) untouched for
    STALE_AFTER_S. Recent ones may belong to a live write and stay; were one swept all the
    same (a process stopped for long), its write fails and the target is left whole."""
    real = Path(os.path.realpath(target))
    pattern = re.compile(re.escape(f".{real.name}.") + _MKSTEMP_NAME)
    limit = time.time() - STALE_AFTER_S
    with contextlib.suppress(OSError):  # a folder we cannot list: the write will say why
        for entry in os.scandir(real.parent):
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):  # gone already, or open on Windows
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
