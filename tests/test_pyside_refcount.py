"""PySide6 6.12.0 drops a reference to None on every void call and then aborts Python 3.11.

We pin below it; this test catches any installed release that still drifts before the app does.
"""

import sys

from PySide6.QtGui import QPainterPath


def test_void_calls_leave_none_refcount_alone() -> None:
    path = QPainterPath()
    path.moveTo(0, 0)  # the first call may cache something; count from the second
    before = sys.getrefcount(None)
    for _ in range(20_000):
        path.moveTo(0, 0)
    after = sys.getrefcount(None)
    assert after == before
