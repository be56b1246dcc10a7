"""The user's study preferences, kept in the app's settings: how much to remember (FSRS's
desired retention), how many new cards a day, and whether grading Again marks the node
"revise again". `changed` says when one of them changes, to count again at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, Signal

from mindmap.core.study import NEW_PER_DAY_RANGE, RETENTION_RANGE, Planner

Clock = Callable[[], datetime]  # the moment it is now: injectable, so tests move through days


def local_now() -> datetime:
    """Now, in the user's own time zone: a day ends at their midnight."""
    return datetime.now().astimezone()


class StudySettings(QObject):
    """Reads and writes the study preferences; `planner()` schedules with them."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

    @property
    def retention(self) -> float:
        value = self._settings.value("study/retention", Planner.desired_retention, type=float)
        return min(max(float(value), RETENTION_RANGE[0]), RETENTION_RANGE[1])

    @retention.setter
    def retention(self, value: float) -> None:
        self._set("retention", value)

    @property
    def new_per_day(self) -> int:
        value = self._settings.value("study/new_per_day", Planner.new_per_day, type=int)
        return min(max(int(value), NEW_PER_DAY_RANGE[0]), NEW_PER_DAY_RANGE[1])

    @new_per_day.setter
    def new_per_day(self, value: int) -> None:
        self._set("new_per_day", value)

    @property
    def again_marks(self) -> bool:
        """Grading Again marks the node "revise again" (when the user has not marked it)."""
        return bool(self._settings.value("study/again_marks", True, type=bool))

    @again_marks.setter
    def again_marks(self, value: bool) -> None:
        self._set("again_marks", value)

    def _set(self, name: str, value: object) -> None:
        if getattr(self, name) != value:
            self._settings.setValue(f"study/{name}", value)
            self.changed.emit()

    def planner(self) -> Planner:
        return Planner(desired_retention=self.retention, new_per_day=self.new_per_day)
