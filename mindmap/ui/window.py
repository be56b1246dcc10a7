"""MainWindow: puts the map, the panels, the status bar and the menus together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from mindmap.assets import resource_path, sample_outline_path
from mindmap.core.layout import LayoutMode
from mindmap.core.session import MapSession
from mindmap.ui import actions
from mindmap.ui.controllers.annotating import Annotating
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.document import DocumentController
from mindmap.ui.controllers.duetoday import DueToday
from mindmap.ui.controllers.exporting import Exporting
from mindmap.ui.controllers.filedrops import FileDrops
from mindmap.ui.controllers.finding import Finding
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.controllers.review import Review
from mindmap.ui.controllers.sample import is_sample
from mindmap.ui.controllers.studying import Studying
from mindmap.ui.controllers.studyprogress import StudyProgress
from mindmap.ui.controllers.studysettings import Clock, StudySettings, local_now
from mindmap.ui.controllers.viewsettings import ViewSettings
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.view import MapView
from mindmap.ui.menus import APP_NAME, TOOLBAR, MenuParts, menu_table, show_marks, show_recent
from mindmap.ui.panels.annotationeditor import AnnotationEditor
from mindmap.ui.panels.annotationpanel import AnnotationPanel
from mindmap.ui.panels.banner import Banner
from mindmap.ui.panels.breadcrumb import Breadcrumb
from mindmap.ui.panels.details import DetailsPanel, details_column
from mindmap.ui.panels.detailsdock import DetailsDock
from mindmap.ui.panels.emptystate import EmptyState
from mindmap.ui.panels.findbar import FindBar
from mindmap.ui.panels.marklegend import MarkLegend
from mindmap.ui.panels.outlinepanel import OutlinePanel
from mindmap.ui.panels.statusline import StatusLine
from mindmap.ui.panels.studybar import StudyBar
from mindmap.ui.theme import ThemeChoice, resolve_theme

__all__ = ["APP_NAME", "MainWindow"]


class MainWindow(QMainWindow):
    """One window, one outline at a time."""

    def __init__(self, settings: QSettings | None = None, clock: Clock = local_now) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.clock, self.study_settings = clock, StudySettings(self.settings)
        theme_choice = ThemeChoice(self.settings.value("view/theme", "system"))
        mode = LayoutMode(self.settings.value("view/layout", LayoutMode.MINDMAP.value))
        self.session = MapSession(mode)
        self.annotations = AnnotationSession(self)
        self.due_today = DueToday(self.session, self.annotations, clock, self.study_settings)
        self.scene = MapScene(self.session)
        self.view = MapView(self.scene)
        self.study_progress = StudyProgress(self.settings, self.annotations, self.scene, clock)
        self.banner, self.notes_banner, self.breadcrumb = Banner(), Banner(), Breadcrumb()
        self.find_bar = FindBar()
        self._make_central()
        self._make_docks()
        self._make_status_bar()

        shown = lambda: self.annotations.shown  # noqa: E731 - what is read so far, to draw
        self.maps = MapController(self.session, self.scene, self.view, shown, theme_choice)
        self.view_settings = ViewSettings(self.settings, self.session, self.maps)
        self.document = DocumentController(
            self.session,
            maps=self.maps,
            annotations=self.annotations,
            panel=self.outline_panel,
            banner=self.banner,
            settings=self.settings,
            dialogs=self,
        )
        self.annotating = Annotating(
            self.annotations,
            session=self.session,
            maps=self.maps,
            panel=self.annotation_panel,
            editor=self.annotation_editor,
            legend=self.mark_legend,
            banner=self.notes_banner,
            dialogs=self,
        )
        self.document.add_leave_check(self.annotating.confirm_unsaved)
        theme = lambda: resolve_theme(self.maps.theme_choice)  # noqa: E731
        self.exporting = Exporting(self.session, self.annotations, theme, self.settings, self)
        self.finding = Finding(self.session, self.maps, self.find_bar, self.annotations)
        self.studying = Studying(
            self.maps, self.annotations, self.study_bar, self.study_settings, self.clock
        )
        self.document.add_leave_check(self.studying.leave_for_another)
        self.menu_actions = actions.build(self, menu_table(self._menu_parts()), TOOLBAR)
        self._connect()
        self.setWindowIcon(QIcon(str(resource_path("mindmap.svg"))))
        FileDrops(self, self.open_file)
        self._show_title()
        show_recent(self.menu_actions.menus["recent"], self.document.recent(), self.open_file)
        self._restore_geometry()

    def _restore_geometry(self) -> None:
        """The window's size, place and docks as last left (else a size to read a map in)."""
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.details_dock.hide()  # until a node is selected

    # --- building the window -------------------------------------------------------------

    def _make_central(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.study_bar = StudyBar()
        above = (self.banner, self.notes_banner, self.breadcrumb)
        for widget in (*above, self.view, self.study_bar, self.find_bar):
            column.addWidget(widget, 1 if widget is self.view else 0)
        self.empty_state = EmptyState(self.view.viewport())  # over the map's paper, while none
        self.setCentralWidget(central)

    def _make_docks(self) -> None:
        self.review = Review(self.session, self.annotations, self.clock, self.study_settings)
        self.details, self.annotation_editor = DetailsPanel(), AnnotationEditor()
        column = details_column(self.details, self.annotation_editor)
        self.details_dock = DetailsDock(self.details, self, column)
        self.outline_panel, self.annotation_panel = OutlinePanel(self), AnnotationPanel(self)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        for dock in (self.details_dock, self.annotation_panel, self.review.panel):
            self.addDockWidget(right, dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_panel)
        for dock in (self.outline_panel, self.annotation_panel, self.review.panel):
            dock.hide()

    def _make_status_bar(self) -> None:
        self.mark_legend = MarkLegend()
        middle = [self.due_today.label, self.study_progress.legend, self.mark_legend]
        self.status_line = StatusLine(self.statusBar(), middle)

    def _menu_parts(self) -> MenuParts:
        undo_stack = self.annotations.undo_stack
        return MenuParts(
            session=self.session,
            maps=self.maps,
            view=self.view,
            document=self.document,
            annotating=self.annotating,
            exporting=self.exporting,
            studying=self.studying,
            undo=undo_stack.createUndoAction(self, "&Undo"),
            redo=undo_stack.createRedoAction(self, "&Redo"),
            toggles={
                "details": self.details_dock.toggleViewAction(),
                "outline": self.outline_panel.toggleViewAction(),
                "annotations": self.annotation_panel.toggleViewAction(),
                "review": self.review.panel.toggleViewAction(),
            },
            find=self.find_bar.open_bar,
            close=self.close,
            set_theme=self.view_settings.set_theme,
            set_layout_mode=self.view_settings.set_layout_mode,
            toggle_callouts=self.view_settings.toggle_callouts,
            callouts=self.maps.annotation_text,
            progress=self.study_progress,
            dialogs=self,
            menu_bar=self.menuBar(),
            study=self.study_settings,
        )

    def _connect(self) -> None:
        show_marks(self.menu_actions, self.annotating)
        status = self.statusBar()
        controllers = (self.document, self.maps, self.annotating, self.exporting, self.studying)
        for controller in controllers:
            controller.message.connect(status.showMessage)
        self.document.title_changed.connect(self._show_title)
        self.document.recent_changed.connect(
            lambda recent: show_recent(self.menu_actions.menus["recent"], recent, self.open_file)
        )
        self.document.opened.connect(self._opened)
        reloaded = (self._reloaded, self.studying.reloaded, self.due_today.refresh)
        for follower in (*reloaded, self.review.refresh):  # the outline shown has changed
            self.document.reloaded.connect(follower)
        self.review.panel.study_requested.connect(self.studying.study)
        self.annotating.changed.connect(lambda _keys: self.finding.refresh())
        self.maps.selection_changed.connect(self._show_details)
        self.maps.laid_out.connect(self._show_counts)
        self.maps.laid_out.connect(self.study_progress.follow_outline)  # opened, reloaded
        self.maps.laid_out.connect(self._show_title)  # the sample is named by its root's title
        self.maps.laid_out.connect(lambda: self.breadcrumb.show_path(self.session.breadcrumb()))
        self.breadcrumb.chosen.connect(lambda _key: self.studying.leave())  # then the focus
        self.breadcrumb.chosen.connect(self.maps.focus_on)
        self.view.zoom_changed.connect(self.status_line.show_zoom)
        self.empty_state.open_requested.connect(self.document.choose_file)
        self.empty_state.sample_requested.connect(lambda: self.open_file(sample_outline_path()))
        self.maps.laid_out.connect(self.empty_state.hide)
        self.document.nothing_open.connect(self.empty_state.show)

    # --- what the window shows ---------------------------------------------------------------

    def open_file(self, path: Path) -> bool:
        return self.document.open_file(path)

    def _opened(self) -> None:
        self.finding.close()  # its matches were the other file's
        self.status_line.count_label.clear()
        self.notes_banner.clear()
        self.exporting.path = self.document.path

    def _reloaded(self) -> None:
        self.finding.refresh()
        self._show_details(self.session.selected)

    def _show_details(self, key: str | None) -> None:
        shown = None if key in self.session.blanks else key  # a blank's title is to be recalled
        self.details_dock.show_node(self.session.outline, shown)

    def _show_counts(self) -> None:
        if self.session.outline is not None:
            self.status_line.count_label.setText(self.session.count_text())
        self.status_line.show_zoom(self.view.zoom())

    def _show_title(self) -> None:
        path, outline = self.document.path, self.session.outline
        dirty = "*" if self.outline_panel.is_dirty() else ""
        name = path.name if path else "No outline"
        if path and outline and is_sample(path):
            name = f"Sample: {outline.root.title}"
        self.setWindowTitle(f"{dirty}{name} — {APP_NAME}")
        self.status_line.file_label.setText(str(path) if path else "")

    # --- the window's own events -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.document.confirm_close():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
