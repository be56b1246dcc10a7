"""Temporary files that an interrupted write leaves next to its target, and how to avoid them.

`open_atomic` removes its temporary on any exception, but a SIGTERM or SIGHUP kills the process
without one: a big export left up to 35 MB behind each time. `signals_as_exceptions` turns
those signals into an exception for the length of a write, so that the usual clean-up runs and
then the process ends as the signal asked. A temporary left by a harder kill (SIGKILL, a power
cut) is swept by the next write of the same target, once nobody can still be writing it.
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

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP (where it exists) raise InterruptedBySignalError;
    after the block has unwound (temporaries removed), the signal is raised again with the
    handlers of before, so the process ends (or not) as it would have."""

    def interrupt(signum: int, _frame: object) -> None:
        raise InterruptedBySignalError(signum)

    try:
        before = {
            number: signal.signal(number, interrupt)
            for number in _SIGNALS
            if signal.getsignal(number) is signal.SIG_DFL  # ignored, or handled: left alone
        }
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    except InterruptedBySignalError as error:
        _restore(before)
        signal.raise_signal(error.signum)  # the default action: the process ends
        raise  # should it not have ended, the write was stopped all the same
    finally:
        _restore(before)


def _restore(handlers: dict[int, object]) -> None:
    for number, handler in handlers.items():
        signal.signal(number, handler)  # type: ignore[arg-type]


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
