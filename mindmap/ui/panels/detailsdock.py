"""The Details panel's dock: it takes room beside the map only while there is something to show."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QWidget

from mindmap.core.model import Outline
from mindmap.ui.panels.details import DetailsPanel


class DetailsDock(QDockWidget):
    """Shows the Details panel while a node is selected, and hides it when none is; once the
    user closes it, it stays closed until they open it again (View ▸ Details)."""

    def __init__(
        self, panel: DetailsPanel, parent: QWidget, content: QWidget | None = None
    ) -> None:
        """`content` is what the dock holds, the panel among it (the panel alone by default)."""
        super().__init__("Details", parent)
        self.setObjectName("details")
        self.setWidget(content or panel)
        self.panel = panel
        self._closed = False  # closed by the user
        self.toggleViewAction().triggered.connect(self._chosen)

    def show_node(self, outline: Outline | None, key: str | None) -> None:
        self.panel.show_node(outline, key)
        self.setVisible(key is not None and not self._closed)

    def _chosen(self, shown: bool) -> None:
        self._closed = not shown

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._closed = True
        super().closeEvent(event)
