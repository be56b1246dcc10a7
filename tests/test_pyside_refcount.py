"""PySide6 6.12.0 drops a reference to None on every void call and then aborts Python 3.11.

We pin below it; this test catches any installed release that still drifts before the app does.
It runs in a child process: on a bad release Python aborts, and the abort should fail this test,
not kill the whole test run.
"""

import subprocess
import sys

DRIFT = """
import sys
from PySide6.QtGui import QPainterPath
path = QPainterPath()
path.moveTo(0, 0)  # the first call may cache something; count from the second
before = sys.getrefcount(None)
for _ in range(20_000):
    path.moveTo(0, 0)
print(sys.getrefcount(None) - before)
"""


def test_void_calls_leave_none_refcount_alone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DRIFT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0"]
