"""Finding: the find bar's query and steps as operations of the map session."""

from __future__ import annotations

from PySide6.QtCore import QObject

from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.panels.findbar import FindBar


class Finding(QObject):
    """Finds in titles, notes, tags and the user's annotations, and steps through the matches."""

    def __init__(
        self,
        session: MapSession,
        maps: MapController,
        bar: FindBar,
        annotations: AnnotationSession,
    ) -> None:
        super().__init__(bar)
        self.session, self.maps, self.bar = session, maps, bar
        self._annotations = annotations
        bar.query_changed.connect(self.find)
        bar.step.connect(self.step)
        bar.closed.connect(self._closed)

    def find(self, query: str) -> None:
        notes = {key: a.text for key, a in self._annotations.store.by_node().items()}
        self.maps.run(self.session.find(query, notes))
        self.bar.show_count(None, len(self.session.matches))

    def refresh(self) -> None:
        """The outline or the annotations changed: find again what the bar asks for."""
        if self.bar.isVisible():
            self.find(self.bar.field.text())

    def step(self, step: int) -> None:
        self.maps.run(self.session.step_match(step))
        if self.session.matches:
            self.bar.show_count(self.session.match_index + 1, len(self.session.matches))

    def close(self) -> None:
        """Another file opens: its matches were the other file's."""
        if self.bar.isVisible():
            self.bar.close_bar()

    def _closed(self) -> None:
        self.maps.run(self.session.end_find())
        self.maps.view.setFocus()
