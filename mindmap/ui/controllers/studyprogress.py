"""Study ▸ Show Progress: the map's cards ringed by where they stand, the main branches' tallies
and the status bar's legend, remembered, and kept up with whatever changes them: a grade or a
merge from another window (the annotations change), another outline or a reload of this one
(`follow_outline`, called by who lays it out), and the day turning while the window stays
open (a timer)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer

from mindmap.core.progress import Progress
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.studysettings import Clock, local_now
from mindmap.ui.map.scene import MapScene
from mindmap.ui.panels.progresslegend import ProgressLegend

REFRESH_MS = 5 * 60 * 1000  # as Due today: a day turns within five minutes of midnight


class StudyProgress(QObject):
    """Shows the study progress on the map while `on`, and the `legend` with it."""

    def __init__(
        self,
        settings: QSettings,
        annotations: AnnotationSession,
        scene: MapScene,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(annotations)
        self._settings, self._annotations, self._clock = settings, annotations, clock
        self._scene, self._session, self.legend = scene, scene.session, ProgressLegend()
        self.on = bool(settings.value("view/progress", False, type=bool))
        annotations.changed.connect(self.refresh)  # a grade, a merge, a sidecar read
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)

    def toggle(self) -> None:
        """Study ▸ Show Progress, remembered."""
        self.on = not self.on
        self._settings.setValue("view/progress", self.on)
        self.refresh()

    def refresh(self, _keys: object = None) -> None:
        """Show the progress of the outline shown, by the schedule read so far, now."""
        outline, scene = self._session.outline, self._scene
        if not self.on or outline is None:
            self.legend.hide()
            if scene.progress is not None:
                scene.progress = None
                scene.restyle()
            return
        schedule = self._annotations.shown.schedule  # drawn again once a big sidecar is read
        scene.progress = progress = Progress(outline, schedule, self._clock())
        scene.restyle()
        self.legend.show_counts(progress.counts())
        self.legend.show()

    def follow_outline(self) -> None:
        """A layout of another outline (opened, reloaded): its progress, not the last one's."""
        progress = self._scene.progress
        if self.on and (progress is None or progress.outline is not self._session.outline):
            self.refresh()
