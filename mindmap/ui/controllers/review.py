"""Keeps the Review panel saying what to study today: counted again when the schedule changes (a
merge from another window included), when the preferences change, when the outline shown
changes (`refresh`, called by who shows it) and every few minutes, for the day turns while the
window stays open. A hidden panel is counted when it shows, not on every change."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from mindmap.core.agenda import agenda
from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.duetoday import RECOUNT_MS
from mindmap.ui.controllers.studysettings import Clock, StudySettings
from mindmap.ui.panels.reviewpanel import ReviewPanel


class Review(QObject):
    """Owns `panel`, whose `study_requested(key)` says what the user wants to study."""

    def __init__(
        self,
        session: MapSession,
        annotations: AnnotationSession,
        clock: Clock,
        study: StudySettings,
    ) -> None:
        super().__init__(annotations)
        self.panel = ReviewPanel()
        self._session, self._annotations = session, annotations
        self._clock, self._study = clock, study
        annotations.changed.connect(self.refresh)  # an edit, a merge, a sidecar read
        study.changed.connect(self.refresh)
        self.panel.visibilityChanged.connect(lambda visible: visible and self.refresh())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(RECOUNT_MS)

    def refresh(self, _keys: object = None) -> None:
        if not self.panel.isVisible():
            return  # counted when it shows
        outline = self._session.outline
        if outline is None:
            self.panel.show_agenda(None)
            return
        schedule = self._annotations.shown.schedule
        self.panel.show_agenda(agenda(outline, schedule, self._study.planner(), self._clock()))
