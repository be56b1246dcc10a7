"""The sidecar's slow jobs, run on threads of their own: reading a big one, and writing under
the lock beside it only over the version memory includes."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile

from mindmap.core.annotations import AnnotationStore, Contents
from mindmap.core.atomicfile import open_atomic
from mindmap.core.memory import gc_paused
from mindmap.core.readfile import require_regular
from mindmap.core.sidecar import SidecarError, SidecarText, load_sidecar
from mindmap.ui.controllers.watcher import Signature, file_signature

LOCK_WAIT_MS = 10_000  # how long a save waits for another window's save to finish


@dataclass(eq=False)
class SidecarRead:
    """One read of a big sidecar on a thread of its own, and what it found."""

    path: Path
    signature: Signature | None = None
    store: AnnotationStore | None = None
    error: SidecarError | None = None
    thread: threading.Thread | None = None
    text: SidecarText = field(default_factory=SidecarText)  # its entries as read, to save


@dataclass(eq=False)
class SidecarSave:
    """One write of the sidecar: what to write, and (once done) how it went."""

    path: Path
    contents: Contents
    extra: dict[str, object]
    name: str
    signature: Signature | None = None  # of the version written
    stale: bool = False  # the file on disk was not the version we know: merge first
    error: str | None = None


def read_apart(job: SidecarRead) -> None:
    """Read the sidecar of `job` (on a thread: nothing of Qt's), noting its version first."""
    job.signature = file_signature(job.path)
    try:
        with gc_paused():  # 100,000 annotations make GC passes walk them for ever after
            job.store = load_sidecar(job.path, rendered=job.text)
    except SidecarError as error:
        job.error = error


def read_on_a_thread(job: SidecarRead, done: Callable[[SidecarRead], None]) -> None:
    """`read_apart` on a thread of its own; `done(job)` is called from that thread."""

    def read() -> None:
        read_apart(job)
        done(job)

    job.thread = threading.Thread(target=read, daemon=True)
    job.thread.start()


def keep_copy(path: Path) -> Path:
    """Copy an unreadable sidecar beside it (`NAME.broken-STAMP`); OSError says why not."""
    copy = path.with_name(f"{path.name}.broken-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    require_regular(path.stat().st_mode, path)  # copying /dev/zero never ends
    shutil.copy2(path, copy)
    return copy


def write_locked(job: SidecarSave, pieces: Iterable[str], known: Signature | None) -> int:
    """Replace the sidecar with `pieces`, holding its lock, if it is still the version `known`
    (else `job.stale`); returns the size written. `job.signature` is set once written, and
    `job.error` says why nothing was."""
    lock = QLockFile(str(job.path.with_name(f".{job.path.name}.lock")))
    size = 0
    try:
        if not lock.tryLock(LOCK_WAIT_MS):
            job.error = "another window has been saving it for too long"
        elif file_signature(job.path) != known:
            job.stale = True
        else:
            with open_atomic(job.path) as stream:
                for piece in pieces:  # each encoded alone: the GUI thread gets its turns
                    size += stream.write(piece.encode("utf-8"))
            job.signature = file_signature(job.path)
    except OSError as error:
        job.error = error.strerror or str(error)
    finally:
        lock.unlock()
    return size
