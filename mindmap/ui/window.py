"""MainWindow: opens an outline, shows it as a map, turns menus, keys and clicks into changes."""

from __future__ import annotations

import bisect
import html
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QProcess, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mindmap.assets import resource_path
from mindmap.core.editorcommand import editor_command
from mindmap.core.layout import Layout, LayoutMode
from mindmap.core.memory import gc_paused
from mindmap.core.model import Outline
from mindmap.core.navigation import Direction, neighbour
from mindmap.core.outline import OutlineError, ParsedOutline, parse_outline
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular
from mindmap.core.search import find_matches
from mindmap.core.viewstate import folds_to_level, initial_folds, unfold_to
from mindmap.ui.annotating import Annotating
from mindmap.ui.annotationpanel import AnnotationPanel
from mindmap.ui.annotationsession import AnnotationSession
from mindmap.ui.banner import Banner
from mindmap.ui.export import (
    ExportCancelledError,
    ExportError,
    ExportResult,
    export_scene,
    scene_for_export,
)
from mindmap.ui.exportdialog import ExportDialog, ExportRequest
from mindmap.ui.findbar import FindBar
from mindmap.ui.menus import APP_NAME, build_menus
from mindmap.ui.outlinepanel import OutlinePanel
from mindmap.ui.places import Place, load_place, save_place
from mindmap.ui.scene import MapScene
from mindmap.ui.textmetrics import TextBlock, TextMeasurer, measure_outline
from mindmap.ui.theme import LIGHT, ThemeChoice, apply_colour_scheme, resolve_theme
from mindmap.ui.view import MapView
from mindmap.ui.watcher import FileWatcher

MAX_RECENT = 8
OUTLINE_FILTER = "Outlines (*.yaml *.yml);;All files (*)"


class MainWindow(QMainWindow):
    """One window, one outline at a time."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.path: Path | None = None
        self.outline: Outline | None = None
        self.layout_: Layout | None = None
        self.blocks: dict[str, TextBlock] = {}
        self.folds: set[str] = set()
        self._asking_about_disk = False  # the "changed on disk" question is open
        self.measurer = TextMeasurer()
        self.theme_choice = ThemeChoice(self.settings.value("view/theme", "system"))
        self.mode = LayoutMode(self.settings.value("view/layout", LayoutMode.MINDMAP.value))
        self.matches: list[str] = []
        self.match_index = -1
        self._lines: list[tuple[int, str]] = []  # (line, key) of every node, for the editor
        self.watcher = FileWatcher(self)
        self.annotations = AnnotationSession(self)

        self.scene = MapScene()
        self.view = MapView(self.scene)
        self.banner = Banner()
        self.notes_banner = Banner()
        self.find_bar = FindBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.notes_banner)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self._make_details_dock()
        self.outline_panel = OutlinePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_panel)
        self.outline_panel.hide()
        self.annotation_panel = AnnotationPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotation_panel)
        self.annotation_panel.hide()
        self._make_status_bar()
        self.annotating = Annotating(self)
        build_menus(self)
        self._connect()

        self.setWindowIcon(QIcon(str(resource_path("mindmap.svg"))))
        apply_colour_scheme(self.theme_choice)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.setAcceptDrops(True)
        self._show_title()
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # --- building the window -------------------------------------------------------------

    def _make_details_dock(self) -> None:
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        self.details.setPlaceholderText("Click a node to read its note.")
        self.details_dock = QDockWidget("Details", self)
        self.details_dock.setObjectName("details")
        self.details_dock.setWidget(self.details)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.details_dock.resize(300, self.details_dock.height())  # shown: notes are the point

    def _make_status_bar(self) -> None:
        self.file_label = QLabel()
        self.count_label = QLabel()
        self.zoom_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.file_label, 1)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.zoom_label)

    def _connect(self) -> None:
        self.watcher.changed.connect(self._file_changed)
        self.watcher.vanished.connect(self._file_vanished)
        self.outline_panel.previewed.connect(self._preview)
        self.outline_panel.preview_failed.connect(self._preview_failed)
        self.outline_panel.line_selected.connect(self._line_selected)
        self.outline_panel.editor.document().modificationChanged.connect(
            lambda _modified: self._show_title()
        )
        self.scene.fold_requested.connect(self.toggle_fold)
        self.scene.node_clicked.connect(self.select)
        self.scene.background_clicked.connect(lambda: self.select(None))
        self.view.zoom_changed.connect(self._show_zoom)
        self.find_bar.query_changed.connect(self.find)
        self.find_bar.step.connect(self.step_match)
        self.find_bar.closed.connect(self._end_find)

    # --- opening files ---------------------------------------------------------------------

    def open_file(self, path: Path) -> bool:
        """Open `path`. A file that does not load still opens in the Outline panel, with its
        message in the banner, so that it can be fixed; the map shows once it loads."""
        if self.outline_panel.is_dirty() and not self._confirm_drop_edits():
            return False
        if self.annotations.unsaved and not self.annotating.confirm_unsaved():
            return False
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except OSError as error:
            self.banner.show_message(f"{path}: cannot read the file: {error.strerror}")
            return False
        if self.path is not None and self.outline is not None:
            self._remember_place()
        self.path = path
        self.watcher.watch(path)
        self.scene.forget_items()
        self.outline = None
        self.layout_ = None
        self.folds = set()
        if self.find_bar.isVisible():
            self.find_bar.close_bar()  # its matches were the other file's
        self.count_label.clear()
        self._remember_recent(path)
        self._show_title()
        self._show_details(None)
        self.notes_banner.clear()
        self.annotations.open(path, None)
        return self._load(data)

    def reload(self) -> None:
        """Read the file again from disk (F5), keeping folds, selection and the place on screen.

        Unsaved edits in the Outline panel are not thrown away without asking.
        """
        if self.path is None:
            return
        if self.outline_panel.is_dirty() and not self._confirm_drop_edits():
            return
        self.watcher.acknowledge()  # before reading: a write that lands after it is noticed
        try:
            data = read_regular(self.path, MAX_FILE_BYTES)
        except OSError as error:
            self.banner.show_message(f"{self.path}: cannot read the file: {error.strerror}")
            return
        self._load(data)

    def _load(self, data: bytes) -> bool:
        """Show the file's bytes in the Outline panel and, when they parse, on the map."""
        assert self.path is not None
        try:
            text, readable = data.decode("utf-8-sig"), True
        except UnicodeDecodeError:
            text, readable = data.decode("utf-8-sig", errors="replace"), False
        self.outline_panel.load(self.path, text, editable=readable)
        try:
            parsed = parse_outline(data, str(self.path))
        except OutlineError as error:
            self._show_problem(error)
            return False
        self._show(parsed)
        return True

    def _show(self, parsed: ParsedOutline) -> None:
        """Show a parsed outline: the first time as remembered (or fitted), then in place."""
        self.banner.clear()
        if self.outline is not None:
            self._apply(parsed)
            return
        assert self.path is not None
        place = load_place(self.settings, self.path)
        self.folds = initial_folds(parsed.outline)
        if place is not None:
            self.folds = set(place.folds & parsed.outline.by_key.keys())
        self._apply(parsed)
        if place is None:
            self.view.fit_map()
        else:
            self.view.set_zoom(place.zoom)
            self.view.centerOn(QPointF(*place.centre))

    def _apply(self, parsed: ParsedOutline) -> None:
        """Show a newly parsed outline in place of the old one: folds, selection, the node at
        the centre of the view and the zoom stay; new nodes flash briefly."""
        # The node at the centre and its ancestors, where they are on screen: the first of them
        # that the new outline still has stays exactly there.
        anchors: list[tuple[str, QPoint]] = []
        if self.layout_ is not None and self.outline is not None:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            key = self._node_nearest(centre)
            while key is not None:
                if key in self.scene.nodes:
                    view_point = self.view.mapFromScene(self.scene.nodes[key].scenePos())
                    anchors.append((key, view_point))
                parent = self.outline.parent_of.get(key)
                key = parent.key if parent is not None else None
        old_keys = set(self.outline.by_key) if self.outline is not None else set()
        # The same main branches keep their sides across an edit; new or removed ones rebalance.
        keep_sides = self.outline is not None and [c.key for c in self.outline.root.children] == [
            c.key for c in parsed.outline.root.children
        ]
        outline = parsed.outline
        self.outline = outline
        self.folds &= outline.by_key.keys()
        if old_keys:
            self.folds |= initial_folds(outline) - old_keys
        with gc_paused():
            self.blocks = measure_outline(outline.root, self.measurer)
            self._lines = []  # made when the editor first asks
            self.annotations.attach(outline)
            self.relayout(keep_sides=keep_sides)
        for key, view_point in anchors:
            if key in self.scene.nodes:
                self.view.keep_point(self.scene.nodes[key].scenePos(), view_point)
                break
        if old_keys:
            self.scene.flash(outline.by_key.keys() - old_keys)
        if self.find_bar.isVisible():
            self.find(self.find_bar.field.text())
        self._show_details(self.scene.selected)
        if parsed.warnings:
            count = len(parsed.warnings)
            noun = "warning" if count == 1 else "warnings"
            self.statusBar().showMessage(f"{count} {noun}: {parsed.warnings[0]}", 10_000)

    def _show_problem(self, error: OutlineError) -> None:
        """The outline does not load: say where, with a way to the line; the map stays."""
        first = error.problems[0]
        more = len(error.problems) - 1
        text = str(first) + (f"  (and {more} more)" if more else "")
        line = first.line
        self.outline_panel.mark_error(line or None)
        if line:
            self.banner.show_message(text, f"Show line {line}", lambda: self.show_line(line))
        else:
            self.banner.show_message(text)

    def show_line(self, line: int) -> None:
        """Open the Outline panel at `line`."""
        self.outline_panel.focus_editor()
        self.outline_panel.editor.go_to_line(line)

    def _file_changed(self) -> None:
        """The file changed on disk: reload, or ask first when the panel holds unsaved edits."""
        if self._asking_about_disk:  # asked already: the answer will look at the file as it is
            return
        if self.outline_panel.is_dirty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "The outline changed on disk",
                f"{self.path} was changed by another program, and the Outline panel has "
                "edits that are not saved. Which version do you want?",
                parent=self,
            )
            keep = box.addButton("Keep My Edits", QMessageBox.ButtonRole.RejectRole)
            box.addButton("Load the File from Disk", QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(keep)
            self._asking_about_disk = True
            try:
                box.exec()
            finally:
                self._asking_about_disk = False
            if box.clickedButton() is keep:
                self.statusBar().showMessage(
                    "Kept your edits; saving them will replace the file on disk.", 10_000
                )
                return
            self.outline_panel.editor.document().setModified(False)
        self.reload()

    def _file_vanished(self) -> None:
        self.banner.show_message(
            f"{self.path}: the file was deleted or moved away; the map shows its last version"
        )

    def save_outline(self) -> None:
        """Ctrl+S: write the panel's text to the file, atomically."""
        if self.path is None or not self.outline_panel.is_dirty():
            return
        try:
            self.outline_panel.save()
        except OSError as error:
            QMessageBox.warning(
                self,
                "Not saved",
                f"{self.path}: cannot write the file: {error.strerror}. "
                "Your edits are still in the Outline panel.",
            )
            return
        self.watcher.acknowledge()
        self.statusBar().showMessage(f"Saved {self.path}", 5000)

    def _preview_failed(self, error: OutlineError) -> None:
        self._show_problem(error)

    def _preview(self, parsed: ParsedOutline) -> None:
        self._show(parsed)

    def _confirm_drop_edits(self) -> bool:
        choice = QMessageBox.question(
            self,
            "Unsaved edits",
            "The Outline panel has edits that are not saved. Throw them away?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return choice == QMessageBox.StandardButton.Discard

    def _line_selected(self, line: int) -> None:
        """The editor's cursor moved: select the node written on or above that line."""
        if self.outline is None:
            return
        if not self._lines:
            self._lines = sorted((node.line, node.key) for node in self.outline.by_key.values())
        index = bisect.bisect_right(self._lines, (line, "\uffff")) - 1
        key = self._lines[max(0, index)][1]
        if key in self.scene.nodes:
            self._select(key, follow_editor=False)
            self.view.ensureVisible(self.scene.nodes[key], 40, 40)

    def open_in_external_editor(self) -> None:
        """$VISUAL or $EDITOR when set (at the error's line, else the selected node's), else
        the system's application for the file."""
        if self.path is None:
            return
        line = self.outline_panel.error_line()
        if line is None and self.outline is not None and self.scene.selected in self.outline.by_key:
            line = self.outline.by_key[self.scene.selected].line
        terminal = os.environ.get("TERMINAL") or shutil.which("x-terminal-emulator")
        command = editor_command(os.environ, self.path, line, terminal)
        if command:
            started, _pid = QProcess.startDetached(command[0], command[1:])
            if started:
                return
            self.statusBar().showMessage(f"Cannot start {command[0]}", 10_000)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _remember_place(self) -> None:
        if self.path is None or self.outline is None:
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        place = Place(frozenset(self.folds), self.view.zoom(), (centre.x(), centre.y()))
        save_place(self.settings, self.path, place)

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.cwd())
        name, _ = QFileDialog.getOpenFileName(self, "Open outline", start, OUTLINE_FILTER)
        if name:
            self.open_file(Path(name))

    def _remember_recent(self, path: Path) -> None:
        recent = [str(path.resolve())]
        recent += [p for p in self._recent() if p != recent[0]]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self._recent():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, name=name: self.open_file(Path(name)))
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- layout and state --------------------------------------------------------------------

    def relayout(self, *, keep_sides: bool = True) -> None:
        """Lay the map out again and bring the scene in line (main branches on their sides,
        unless `keep_sides` is False)."""
        if self.outline is None:
            return
        theme = resolve_theme(self.theme_choice)
        split = self.scene.sides if keep_sides else None
        with gc_paused():
            self.layout_ = self.scene.show_outline(
                self.outline,
                self.blocks,
                self.folds,
                self.mode,
                theme,
                annotations=self.annotations.store,
                split=split,
            )
        self.count_label.setText(f"{self.outline.node_count:,} nodes")
        self._show_zoom(self.view.zoom())

    def _relayout_keeping(self, key: str, *, keep_sides: bool = True) -> None:
        """Show the current folds, with the node `key` kept still on screen."""
        item = self.scene.nodes.get(key)
        before = self.view.mapFromScene(item.scenePos()) if item is not None else None
        with gc_paused():
            self.layout_ = self.scene.refold(self.folds, keep_sides=keep_sides)
        item = self.scene.nodes.get(key)
        if item is not None and before is not None:
            self.view.keep_point(item.scenePos(), before)

    def toggle_fold(self, key: str) -> None:
        if self.outline is None or not self.outline.by_key[key].children:
            return
        self.folds ^= {key}
        self._relayout_keeping(key)

    def toggle_selected_fold(self) -> None:
        if self.scene.selected is not None:
            self.toggle_fold(self.scene.selected)

    def expand_all(self) -> None:
        self.folds = set()
        self._relayout_keeping(self.scene.selected or self._root_key(), keep_sides=False)

    def fold_all(self) -> None:
        self.show_levels(1)

    def show_levels(self, level: int) -> None:
        if self.outline is None:
            return
        self.folds = folds_to_level(self.outline, level)
        with gc_paused():
            self.layout_ = self.scene.refold(self.folds)
        self.view.fit_map()

    def set_layout_mode(self, mode: LayoutMode) -> None:
        self.mode = mode
        self.settings.setValue("view/layout", mode.value)
        self.relayout(keep_sides=False)
        self.view.fit_map()

    def set_theme(self, choice: ThemeChoice) -> None:
        self.theme_choice = choice
        self.settings.setValue("view/theme", choice.value)
        apply_colour_scheme(choice)
        self.relayout()

    def _system_scheme_changed(self) -> None:
        """The desktop went light or dark: the map follows, and so does the window's chrome."""
        apply_colour_scheme(self.theme_choice)
        self.relayout()

    def _root_key(self) -> str:
        return self.outline.root.key if self.outline else ""

    # --- selection ---------------------------------------------------------------------------

    def select(self, key: str | None) -> None:
        self._select(key, follow_editor=True)

    def _select(self, key: str | None, *, follow_editor: bool) -> None:
        self.scene.set_selected(key)
        self._show_details(key)
        panel = self.outline_panel
        if follow_editor and key is not None and self.outline is not None and panel.isVisible():
            panel.show_line(self.outline.by_key[key].line)

    def select_root(self) -> None:
        if self.outline is not None:
            self.select(self._root_key())
            self.centre_on(self._root_key())

    def move_selection(self, direction: Direction) -> None:
        if self.layout_ is None:
            return
        current = self.scene.selected
        if current is None:
            self.select(self._root_key())
            return
        target = neighbour(self.layout_, current, direction)
        if target is not None:
            self.select(target)
            self.view.ensureVisible(self.scene.nodes[target], 40, 40)

    def centre_on(self, key: str) -> None:
        item = self.scene.nodes.get(key)
        if item is not None:
            self.view.centerOn(item.sceneBoundingRect().center())

    def centre_selected(self) -> None:
        if self.scene.selected is not None:
            self.centre_on(self.scene.selected)

    def _node_nearest(self, point: QPointF) -> str | None:
        if self.layout_ is None or not self.layout_.boxes:
            return None
        x, y = point.x(), point.y()
        nearest = min(
            self.layout_.boxes.values(),
            key=lambda b: (b.x + b.width / 2 - x) ** 2 + (b.y + b.height / 2 - y) ** 2,
        )
        return nearest.key

    def _show_details(self, key: str | None) -> None:
        if key is None or self.outline is None:
            self.details.clear()
            return
        node = self.outline.by_key[key]
        parts = [f"<h3>{html.escape(node.title)}</h3>"]
        if node.note:
            parts.append(f"<p>{html.escape(node.note)}</p>")
        if node.tags:
            chips = " ".join(
                "<span style='background:#e8eaf0;color:#333;border-radius:6px;'>"
                f"&nbsp;{html.escape(tag)}&nbsp;</span>"
                for tag in node.tags
            )
            parts.append(f"<p>{chips}</p>")
        if node.link:
            link = html.escape(node.link, quote=True)
            parts.append(f"<p><a href='{link}'>{link}</a></p>")
        ancestors = " › ".join(html.escape(a.title) for a in self.outline.ancestors(key))
        if ancestors:
            parts.append(f"<p style='color:gray'>{ancestors}</p>")
        self.details.setHtml("".join(parts))

    def reveal(self, key: str) -> None:
        """Unfold what hides `key`, select it and centre it."""
        if self.outline is None or key not in self.outline.by_key:
            return
        if unfold_to(self.outline, key, self.folds):
            self._relayout_keeping(self.scene.selected or self._root_key())
        self.select(key)
        self.centre_on(key)

    # --- find ----------------------------------------------------------------------------------

    def find(self, query: str) -> None:
        if self.outline is None:
            return
        notes = {key: a.text for key, a in self.annotations.store.items.items()}
        self.matches = find_matches(self.outline, query, notes)
        self.match_index = -1
        self.scene.set_matches(set(self.matches))
        self.find_bar.show_count(None, len(self.matches))

    def step_match(self, step: int) -> None:
        if not self.matches or self.outline is None:
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        key = self.matches[self.match_index]
        if unfold_to(self.outline, key, self.folds):
            self._relayout_keeping(key)
            self.scene.set_matches(set(self.matches))
        self.select(key)
        self.centre_on(key)
        self.find_bar.show_count(self.match_index + 1, len(self.matches))

    def _end_find(self) -> None:
        self.matches = []
        self.match_index = -1
        self.scene.set_matches(set())
        self.view.setFocus()

    # --- export --------------------------------------------------------------------------------

    def export_map(self) -> None:
        """Ask where and how, then export with a progress dialog that can cancel."""
        if self.outline is None or self.path is None:
            return
        dialog = ExportDialog(self, self.settings, self.path)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.run_export(dialog.request())

    def run_export(self, request: ExportRequest) -> ExportResult | None:
        """Export as asked; says how it went in the status bar, or why not in a message box."""
        assert self.outline is not None
        theme = resolve_theme(self.theme_choice)
        if request.options.background is not None and request.options.background.value() > 160:
            theme = LIGHT  # a dark theme's pale text would vanish on a white page
        # A scene of its own: a reload during a long export cannot change what is drawn, and
        # the selection and find highlights stay on screen, out of the picture.
        scene = scene_for_export(
            self.outline,
            set() if request.expand_all else set(self.folds),
            self.mode,
            theme,
            self.annotations.store,
            with_text=request.with_annotation_text,
        )
        progress = QProgressDialog("Exporting the map…", "Cancel", 0, 1000, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def advance(done: float) -> bool:
            progress.setValue(round(done * 1000))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = export_scene(scene, request.path, theme, request.options, advance)
        except ExportCancelledError:
            self.statusBar().showMessage("Export cancelled; nothing was written.", 8000)
            return None
        except ExportError as error:
            QMessageBox.warning(self, "Export failed", str(error))
            return None
        finally:
            progress.close()
        message = f"Exported {result.path} ({result.width} × {result.height} px)"
        if result.warning:
            QMessageBox.information(self, "Export", f"{message}.\n\nNote: {result.warning}.")
        self.statusBar().showMessage(message, 10_000)
        return result

    # --- window chrome -----------------------------------------------------------------------

    def _show_title(self) -> None:
        name = self.path.name if self.path else "No outline"
        dirty = "*" if self.outline_panel.is_dirty() else ""
        self.setWindowTitle(f"{dirty}{name} — {APP_NAME}")
        self.file_label.setText(str(self.path) if self.path else "")

    def _show_zoom(self, zoom: float) -> None:
        """The zoom in percent; two figures below 10 % (a big map fits at 0.43 %, not "0 %")."""
        percent = zoom * 100
        self.zoom_label.setText(f"{percent:.0f} %" if percent >= 9.5 else f"{percent:.2g} %")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.outline_panel.is_dirty():
            choice = QMessageBox.question(
                self,
                "Unsaved edits",
                f"Save your edits to {self.path.name if self.path else 'the outline'}?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if choice == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if choice == QMessageBox.StandardButton.Save:
                self.save_outline()
                if self.outline_panel.is_dirty():  # the save failed and said why
                    event.ignore()
                    return
        if self.annotations.unsaved and not self.annotating.confirm_unsaved():
            event.ignore()
            return
        self._remember_place()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
