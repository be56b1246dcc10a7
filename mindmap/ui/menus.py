"""The window's menus, keys and toolbar, and the Help texts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from mindmap import __version__
from mindmap.core.annotations import Mark
from mindmap.core.layout import LayoutMode
from mindmap.core.navigation import Direction
from mindmap.ui.theme import ThemeChoice

if TYPE_CHECKING:
    from mindmap.ui.window import MainWindow

APP_NAME = "Mindmap"


def add_action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | str | list | None = None,
    menu: QMenu | None = None,
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())  # drop `checked`: slots take none
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


def standard_keys_and(
    standard: QKeySequence.StandardKey, extra: QKeySequence
) -> list[QKeySequence]:
    """The platform's keys for `standard`, then `extra` unless they hold it already: Qt ignores
    a key bound twice as ambiguous, and X11's Redo keys hold Ctrl+Shift+Z but Windows' may not."""
    keys = QKeySequence.keyBindings(standard)
    return keys if extra in keys else [*keys, extra]


def build_menus(window: MainWindow) -> None:
    """The menus, their keys and the toolbar; actions the window refers to become its attributes."""
    key = QKeySequence.StandardKey
    menus = window.menuBar()
    file = menus.addMenu("&File")
    window.open_action = add_action(window, "&Open…", window.choose_file, key.Open, file)
    window.recent_menu = file.addMenu("Open &Recent")
    window.reload_action = add_action(
        window, "&Reload", window.reload, [QKeySequence("F5"), QKeySequence("Ctrl+R")], file
    )
    add_action(window, "&Save Outline", window.save_outline, key.Save, file)
    add_action(window, "Open in E&xternal Editor", window.open_in_external_editor, None, file)
    file.addSeparator()
    window.export_action = add_action(window, "&Export…", window.export_map, "Ctrl+E", file)
    file.addSeparator()
    add_action(window, "&Quit", window.close, key.Quit, file)

    edit = menus.addMenu("&Edit")
    undo = window.annotations.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(key.Undo)
    redo = window.annotations.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(standard_keys_and(key.Redo, QKeySequence("Ctrl+Shift+Z")))
    edit.addActions([undo, redo])
    window.addActions([undo, redo])

    view = menus.addMenu("&View")
    window.zoom_in_action = add_action(
        window,
        "Zoom &In",
        window.view.zoom_in,
        [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")],
        view,
    )
    window.zoom_out_action = add_action(window, "Zoom &Out", window.view.zoom_out, "Ctrl+-", view)
    add_action(window, "&Actual Size (100 %)", window.view.actual_size, "Ctrl+0", view)
    window.fit_action = add_action(window, "&Fit Map", window.view.fit_map, "F", view)
    view.addSeparator()
    add_action(window, "Fold / Unfold Selected", window.toggle_selected_fold, "Space", view)
    add_action(window, "E&xpand All", window.expand_all, "Alt+End", view)
    add_action(window, "Fold A&ll", window.fold_all, "Alt+Home", view)
    levels = view.addMenu("Show &Levels")
    for level in range(1, 10):
        add_action(
            window,
            f"Levels 1–{level}" if level > 1 else "Level 1",
            lambda level=level: window.show_levels(level),
            f"Alt+{level}",
            levels,
        )
    view.addSeparator()
    layouts = view.addMenu("L&ayout")
    layout_group = QActionGroup(window)
    for mode, text in ((LayoutMode.MINDMAP, "&Mind Map"), (LayoutMode.RIGHT, "&Right Tree")):
        action = add_action(
            window, text, lambda mode=mode: window.set_layout_mode(mode), None, layouts
        )
        action.setCheckable(True)
        action.setChecked(mode is window.mode)
        layout_group.addAction(action)
    themes = view.addMenu("&Theme")
    theme_group = QActionGroup(window)
    for choice in ThemeChoice:
        action = add_action(
            window, choice.value.capitalize(), lambda c=choice: window.set_theme(c), None, themes
        )
        action.setCheckable(True)
        action.setChecked(choice is window.theme_choice)
        theme_group.addAction(action)
    view.addSeparator()
    view.addAction(window.details_dock.toggleViewAction())
    outline_toggle = window.outline_panel.toggleViewAction()
    outline_toggle.setShortcut("Ctrl+Shift+E")
    view.addAction(outline_toggle)
    window.find_action = add_action(window, "&Find…", window.find_bar.open_bar, key.Find, view)

    annotate = menus.addMenu("&Annotate")
    add_action(window, "&Annotate…", window.annotating.annotate, "A", annotate)
    for number, mark in enumerate(Mark, start=1):
        add_action(
            window,
            f"Mark as {mark.value.capitalize()}",
            lambda mark=mark: window.annotating.toggle_mark(mark),
            str(number),
            annotate,
        )
    annotate.addSeparator()
    panel_toggle = window.annotation_panel.toggleViewAction()
    panel_toggle.setShortcut("Ctrl+Shift+A")
    annotate.addAction(panel_toggle)
    add_action(
        window, "Save Annotations &As…", window.annotating.save_annotations_as, None, annotate
    )

    go = menus.addMenu("&Go")
    for text, direction, shortcut in (
        ("Left", Direction.LEFT, "Left"),
        ("Right", Direction.RIGHT, "Right"),
        ("Up", Direction.UP, "Up"),
        ("Down", Direction.DOWN, "Down"),
    ):
        add_action(window, text, lambda d=direction: window.move_selection(d), shortcut, go)
    add_action(window, "&Root", window.select_root, "Home", go)
    add_action(window, "&Centre Selected", window.centre_selected, ["Return", "Enter"], go)
    add_action(window, "Clear Selection", lambda: window.select(None), "Escape", go)

    help_menu = menus.addMenu("&Help")
    add_action(window, "&Keys", lambda: show_keys(window), key.HelpContents, help_menu)
    add_action(window, f"&About {APP_NAME}", lambda: show_about(window), None, help_menu)

    toolbar = QToolBar("Main")
    toolbar.setObjectName("toolbar")
    toolbar.setMovable(False)
    for action in (
        window.open_action,
        window.reload_action,
        None,
        window.zoom_out_action,
        window.zoom_in_action,
        window.fit_action,
        None,
        window.find_action,
        None,
        window.export_action,
    ):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
    window.addToolBar(toolbar)
    window.fill_recent_menu()


def show_keys(window: MainWindow) -> None:
    rows = [
        ("Wheel / pinch", "zoom about the cursor"),
        ("Drag the background", "pan"),
        ("Click / arrows", "select; move to parent, child or neighbour"),
        ("Space / click ○", "fold or unfold the selected branch"),
        ("Enter", "centre the node"),
        ("A / double-click", "annotate the node; 1, 2, 3: mark it"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo an annotation change"),
        ("Home", "go to the root"),
        ("Escape", "clear the selection"),
        ("Ctrl+= / Ctrl+- / Ctrl+0 / F", "zoom in / out / 100 % / fit the map"),
        ("Alt+1 … Alt+9", "show levels 1 to n"),
        ("Alt+End / Alt+Home", "expand all / fold all"),
        ("Ctrl+F", "find; Enter / Shift+Enter for next / previous"),
        ("F5 / Ctrl+R", "reload the file"),
        ("Ctrl+Shift+E / Ctrl+S", "edit the outline in the app / save it"),
        ("Ctrl+E", "export the map as PNG, SVG or PDF"),
    ]
    table = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in rows)
    QMessageBox.information(window, "Keys", f"<table>{table}</table>")


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        f"About {APP_NAME}",
        f"<b>{APP_NAME} {__version__}</b><p>Revision notes kept as a YAML outline, "
        "shown as a mind map.</p>",
    )
