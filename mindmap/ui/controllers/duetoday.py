"""The status bar's "Due today: N": the open outline's cards due before the day ends, counted
again whenever the schedule changes (a merge from another window included), when the outline
shown changes (`refresh`, called by who shows it), and every few minutes, for the day turns
while the window stays open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from mindmap.core.model import Outline
from mindmap.core.session import MapSession
from mindmap.core.study import Planner, study_nodes
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.studysettings import Clock, StudySettings, local_now

RECOUNT_MS = 5 * 60 * 1000


class DueToday(QObject):
    """Keeps `label` saying what is due; hidden while the outline has no card to study."""

    def __init__(
        self,
        session: MapSession,
        annotations: AnnotationSession,
        clock: Clock = local_now,
        settings: StudySettings | None = None,
    ) -> None:
        super().__init__(annotations)
        self.label = QLabel()
        self.label.hide()
        self._session, self._annotations, self._clock = session, annotations, clock
        # Asked each time: the user may change the preferences (and then it counts again).
        self._planner: Callable[[], Planner] = settings.planner if settings else Planner
        if settings is not None:
            settings.changed.connect(self.refresh)
        self._cards: tuple[Outline | None, list[str]] = (None, [])  # an outline's card keys
        annotations.changed.connect(self.refresh)  # an edit, a merge, a sidecar read
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(RECOUNT_MS)

    def refresh(self, _keys: object = None) -> None:
        outline = self._session.outline
        if outline is None:
            self.label.hide()
            return
        if self._cards[0] is not outline:
            self._cards = (outline, [node.key for node in study_nodes(outline)])
        cards = self._cards[1]
        schedule = self._annotations.shown.schedule  # recounted once a big sidecar is read
        due, new = self._planner().due_today(schedule, outline, cards, self._clock())
        self.label.setText(f"Due today: {due}" + (f" · {new} new" if new else ""))
        self.label.setToolTip(
            f"{due} of {len(cards)} cards due for study before the day ends; {new} new may start"
        )
        self.label.setVisible(bool(cards))
