"""DocumentController: the open outline file — open, reload, watch, save, the Outline panel,
the external editor, and where the user was in each file."""

from __future__ import annotations

import bisect
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mindmap.core.editorcommand import editor_command
from mindmap.core.formats import OUTLINE_FILTER
from mindmap.core.memory import gc_paused
from mindmap.core.outline import OutlineError, ParsedOutline
from mindmap.core.outlinediff import diff_outlines
from mindmap.core.readers import parse_any
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular
from mindmap.core.session import MapSession
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.controllers.places import load_place, save_place
from mindmap.ui.controllers.watcher import FileWatcher
from mindmap.ui.panels.banner import Banner
from mindmap.ui.panels.outlinepanel import OutlinePanel

MAX_RECENT = 8


class DocumentController(QObject):
    """Emits `message` (text, milliseconds) for the status bar, `title_changed` when the file
    or its unsaved state changes, `opened` before another file shows, `reloaded` after a new
    parse shows, `nothing_open` when a file cannot be read and no map shows, and
    `recent_changed` with the recent files."""

    message = Signal(str, int)
    nothing_open = Signal()
    title_changed = Signal()
    opened = Signal()
    reloaded = Signal()
    recent_changed = Signal(list)

    def __init__(
        self,
        session: MapSession,
        *,
        maps: MapController,
        annotations: AnnotationSession,
        panel: OutlinePanel,
        banner: Banner,
        settings: QSettings,
        dialogs: QWidget,
    ) -> None:
        super().__init__(dialogs)
        self.session, self.maps, self.annotations = session, maps, annotations
        self.panel, self.banner, self.settings, self._dialogs = panel, banner, settings, dialogs
        self.path: Path | None = None
        self.watcher = FileWatcher(self)
        self._asking_about_disk = False  # the "changed on disk" question is open
        self._lines: list[tuple[int, str]] = []  # (line, key) of every node, for the editor
        self._follow_editor = True  # a selection made in the editor does not move its cursor
        self._leave_checks: list[Callable[[], bool]] = []
        self.watcher.changed.connect(self._file_changed)
        self.watcher.vanished.connect(self._file_vanished)
        panel.previewed.connect(self._show)
        panel.preview_failed.connect(self._show_problem)
        panel.line_selected.connect(self._line_selected)
        panel.editor.document().modificationChanged.connect(lambda _: self.title_changed.emit())
        maps.selection_changed.connect(self._follow_in_editor)
        panel.visibilityChanged.connect(lambda _: self._follow_in_editor(session.selected))

    # --- opening and reloading -------------------------------------------------------------

    def open_file(self, path: Path) -> bool:
        """Open `path`. A file that does not load still opens in the Outline panel, with its
        message in the banner, so that it can be fixed; the map shows once it loads."""
        if not self.confirm_leaving():
            return False
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except OSError as error:
            self.banner.show_message(f"{path}: cannot read the file: {error.strerror}")
            if self.session.outline is None:
                self.nothing_open.emit()
            return False
        self.remember_place()
        self.path = path
        self.watcher.watch(path)
        self.maps.forget()
        self.opened.emit()
        self._remember_recent(path)
        self.title_changed.emit()
        self.annotations.open(path, None)
        return self._load(data)

    def reload(self) -> None:
        """Read the file again from disk (F5), keeping folds, selection and the place on screen.

        Unsaved edits in the Outline panel are not thrown away without asking.
        """
        if self.path is None:
            return
        if self.panel.is_dirty() and not self._confirm_drop_edits():
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
        self.panel.load(self.path, text, editable=readable)
        try:
            parsed = parse_any(data, self.path)
        except OutlineError as error:
            self._show_problem(error)
            self.annotations.hold()  # a broken outline has not settled
            return False
        before = self.session.outline
        self._show(parsed)
        if before is not None:  # a reload: say what changed, with any warnings after
            said = diff_outlines(before, parsed.outline).describe()
            if parsed.warnings:
                said += f"; {self._warnings(parsed)}"
            self.message.emit(said, 10_000)
        return True

    def _show(self, parsed: ParsedOutline) -> None:
        """Show a parsed outline: the first time as remembered (or fitted), then in place."""
        assert self.path is not None
        self.banner.clear()
        outline = parsed.outline
        self._lines = []  # made when the editor first asks
        with gc_paused():
            self.annotations.attach(outline)
            if self.session.outline is None:
                self.maps.show(outline, load_place(self.settings, self.path))
            else:
                self.maps.apply(outline)
        self.reloaded.emit()
        if parsed.warnings:
            self.message.emit(self._warnings(parsed), 10_000)

    @staticmethod
    def _warnings(parsed: ParsedOutline) -> str:
        count = len(parsed.warnings)
        noun = "warning" if count == 1 else "warnings"
        return f"{count} {noun}: {parsed.warnings[0]}"

    def _show_problem(self, error: OutlineError) -> None:
        """The outline does not load: say where, with a way to the line; the map stays."""
        first = error.problems[0]
        more = len(error.problems) - 1
        text = str(first) + (f"  (and {more} more)" if more else "")
        line = first.line
        self.panel.mark_error(line or None)
        if line:
            self.banner.show_message(text, f"Show line {line}", lambda: self.show_line(line))
        else:
            self.banner.show_message(text)

    def show_line(self, line: int) -> None:
        """Open the Outline panel at `line`."""
        self.panel.focus_editor()
        self.panel.editor.go_to_line(line)

    def _file_changed(self) -> None:
        """The file changed on disk: reload, or ask first when the panel holds unsaved edits."""
        if self._asking_about_disk:  # asked already: the answer will look at the file as it is
            return
        if self.panel.is_dirty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "The outline changed on disk",
                f"{self.path} was changed by another program, and the Outline panel has "
                "edits that are not saved. Which version do you want?",
                parent=self._dialogs,
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
                self.message.emit(
                    "Kept your edits; saving them will replace the file on disk.", 10_000
                )
                return
            self.panel.editor.document().setModified(False)
        self.reload()

    def _file_vanished(self) -> None:
        self.banner.show_message(
            f"{self.path}: the file was deleted or moved away; the map shows its last version"
        )

    # --- saving and leaving ------------------------------------------------------------------

    def save_outline(self) -> None:
        """Ctrl+S: write the panel's text to the file, atomically."""
        if self.path is None or not self.panel.is_dirty():
            return
        try:
            self.panel.save()
        except OSError as error:
            QMessageBox.warning(
                self._dialogs,
                "Not saved",
                f"{self.path}: cannot write the file: {error.strerror}. "
                "Your edits are still in the Outline panel.",
            )
            return
        self.watcher.acknowledge()
        self.message.emit(f"Saved {self.path}", 5000)

    def add_leave_check(self, check: Callable[[], bool]) -> None:
        """`check` is asked before the file is left (another opens, the window closes); it
        returns whether leaving may go on (the user saved elsewhere, or chose to discard)."""
        self._leave_checks.append(check)

    def confirm_leaving(self) -> bool:
        """Before another file opens: unsaved outline edits and annotations are not lost unasked."""
        if self.panel.is_dirty() and not self._confirm_drop_edits():
            return False
        return all(check() for check in self._leave_checks)

    def confirm_close(self) -> bool:
        """Before the window closes: offer to save the Outline panel's edits."""
        if self.panel.is_dirty():
            choice = QMessageBox.question(
                self._dialogs,
                "Unsaved edits",
                f"Save your edits to {self.path.name if self.path else 'the outline'}?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if choice == QMessageBox.StandardButton.Cancel:
                return False
            if choice == QMessageBox.StandardButton.Save:
                self.save_outline()
                if self.panel.is_dirty():  # the save failed and said why
                    return False
        if not all(check() for check in self._leave_checks):
            return False
        self.remember_place()
        return True

    def _confirm_drop_edits(self) -> bool:
        choice = QMessageBox.question(
            self._dialogs,
            "Unsaved edits",
            "The Outline panel has edits that are not saved. Throw them away?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return choice == QMessageBox.StandardButton.Discard

    # --- the editor and the map follow each other --------------------------------------------

    def _line_selected(self, line: int) -> None:
        """The editor's cursor moved: select the node written on or above that line."""
        outline = self.session.outline
        if outline is None:
            return
        if not self._lines:
            self._lines = sorted((node.line, node.key) for node in outline.by_key.values())
        index = bisect.bisect_right(self._lines, (line, "\uffff")) - 1
        key = self._lines[max(0, index)][1]
        if self.session.layout is not None and key in self.session.layout.boxes:
            self._follow_editor = False
            try:
                self.maps.run(self.session.select(key))
            finally:
                self._follow_editor = True
            self.maps.ensure_visible(key)

    def _follow_in_editor(self, key: str | None) -> None:
        """The map's selection moved: the Outline panel, when open, shows its line."""
        outline = self.session.outline
        visible = self.panel.isVisible() and self._follow_editor
        if key is not None and outline is not None and visible:
            self.panel.show_line(outline.by_key[key].line)

    def open_in_external_editor(self) -> None:
        """$VISUAL or $EDITOR when set (at the error's line, else the selected node's), else
        the system's application for the file."""
        if self.path is None:
            return
        line = self.panel.error_line()
        outline, selected = self.session.outline, self.session.selected
        if line is None and outline is not None and selected in outline.by_key:
            line = outline.by_key[selected].line
        terminal = os.environ.get("TERMINAL") or shutil.which("x-terminal-emulator")
        command = editor_command(os.environ, self.path, line, terminal)
        if command:
            started, _pid = QProcess.startDetached(command[0], command[1:])
            if started:
                return
            self.message.emit(f"Cannot start {command[0]}", 10_000)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    # --- places and recent files -------------------------------------------------------------

    def remember_place(self) -> None:
        place = self.maps.place()
        if self.path is not None and place is not None:
            save_place(self.settings, self.path, place)

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.cwd())
        name, _ = QFileDialog.getOpenFileName(self._dialogs, "Open outline", start, OUTLINE_FILTER)
        if name:
            self.open_file(Path(name))

    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _remember_recent(self, path: Path) -> None:
        recent = [str(path.resolve())]
        recent += [p for p in self.recent() if p != recent[0]]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.recent_changed.emit(self.recent())
