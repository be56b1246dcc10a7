"""The view's settings the user chooses (theme, layout, annotations on the map), applied to the
map and remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QGuiApplication

from mindmap.core.layout import LayoutMode
from mindmap.core.session import MapSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.theme import ThemeChoice, apply_colour_scheme


class ViewSettings(QObject):
    """Applies and remembers the view's settings; follows the desktop's light or dark."""

    def __init__(self, settings: QSettings, session: MapSession, maps: MapController) -> None:
        super().__init__(maps)
        self.settings, self.session, self.maps = settings, session, maps
        maps.annotation_text = settings.value("view/annotations", False, type=bool)
        apply_colour_scheme(maps.theme_choice)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def set_layout_mode(self, mode: LayoutMode) -> None:
        self.settings.setValue("view/layout", mode.value)
        self.maps.run(self.session.set_mode(mode))

    def toggle_callouts(self) -> None:
        """View ▸ Show Annotations on the Map, remembered."""
        self.settings.setValue("view/annotations", not self.maps.annotation_text)
        self.maps.show_annotation_text(not self.maps.annotation_text)

    def set_theme(self, choice: ThemeChoice) -> None:
        self.settings.setValue("view/theme", choice.value)
        self.maps.theme_choice = choice
        apply_colour_scheme(choice)
        self.maps.redraw()

    def _system_scheme_changed(self) -> None:
        """The desktop went light or dark: the map follows, and so does the window's chrome."""
        apply_colour_scheme(self.maps.theme_choice)
        self.maps.redraw()
