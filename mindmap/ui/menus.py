"""The window's menus, keys and toolbar as a table, and the Help texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from mindmap import __version__
from mindmap.core.annotations import Mark
from mindmap.core.layout import LayoutMode
from mindmap.core.navigation import Direction
from mindmap.core.session import MapSession
from mindmap.ui.actions import Act, Menu, standard_keys_and
from mindmap.ui.controllers.annotating import Annotating
from mindmap.ui.controllers.document import DocumentController
from mindmap.ui.controllers.exporting import Exporting
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.map.view import MapView
from mindmap.ui.theme import ThemeChoice

APP_NAME = "Mindmap"
TOOLBAR = ("open", "reload", None, "zoom_out", "zoom_in", "fit", None, "find", None, "export")


@dataclass(frozen=True, slots=True)
class MenuParts:
    """What the menus act on."""

    session: MapSession
    maps: MapController
    view: MapView
    document: DocumentController
    annotating: Annotating
    exporting: Exporting
    undo: QAction
    redo: QAction
    toggles: dict[str, QAction]  # the docks' show/hide actions, by dock name
    find: Callable[[], None]
    close: Callable[[], object]
    set_theme: Callable[[ThemeChoice], None]
    set_layout_mode: Callable[[LayoutMode], None]
    dialogs: QWidget


KEY = QKeySequence.StandardKey


def menu_table(p: MenuParts) -> list[Menu]:
    """Every menu, in the menu bar's order."""
    p.undo.setShortcuts(KEY.Undo)
    p.redo.setShortcuts(standard_keys_and(KEY.Redo, "Ctrl+Shift+Z"))
    p.toggles["outline"].setShortcut("Ctrl+Shift+E")
    p.toggles["annotations"].setShortcut("Ctrl+Shift+A")
    return [
        _file_menu(p),
        Menu("&Edit", [p.undo, p.redo]),
        _view_menu(p),
        _annotate_menu(p),
        _go_menu(p),
        Menu(
            "&Help",
            [
                Act("keys", "&Keys", lambda: show_keys(p.dialogs), [KEY.HelpContents]),
                Act("about", f"&About {APP_NAME}", lambda: show_about(p.dialogs)),
            ],
        ),
    ]


def _file_menu(p: MenuParts) -> Menu:
    return Menu(
        "&File",
        [
            Act("open", "&Open…", p.document.choose_file, [KEY.Open]),
            Menu("Open &Recent", [], name="recent"),
            Act("reload", "&Reload", p.document.reload, ["F5", "Ctrl+R"]),
            Act("save", "&Save Outline", p.document.save_outline, [KEY.Save]),
            Act("external", "Open in E&xternal Editor", p.document.open_in_external_editor),
            None,
            Act("export", "&Export…", p.exporting.export_map, ["Ctrl+E"]),
            None,
            Act("quit", "&Quit", p.close, [KEY.Quit]),
        ],
    )


def _view_menu(p: MenuParts) -> Menu:
    session, run = p.session, p.maps.run
    levels = [
        Act(
            f"level{n}",
            f"Levels 1–{n}" if n > 1 else "Level 1",
            lambda n=n: run(session.show_levels(n)),
            [f"Alt+{n}"],
        )
        for n in range(1, 10)
    ]
    layouts = [
        Act(
            f"layout_{mode.value}",
            text,
            lambda mode=mode: p.set_layout_mode(mode),
            checked=mode is session.mode,
            group="layout",
        )
        for mode, text in ((LayoutMode.MINDMAP, "&Mind Map"), (LayoutMode.RIGHT, "&Right Tree"))
    ]
    themes = [
        Act(
            f"theme_{choice.value}",
            choice.value.capitalize(),
            lambda choice=choice: p.set_theme(choice),
            checked=choice is p.maps.theme_choice,
            group="theme",
        )
        for choice in ThemeChoice
    ]
    fold = Act(
        "fold", "Fold / Unfold Selected", lambda: run(session.toggle_selected_fold()), ["Space"]
    )
    return Menu(
        "&View",
        [
            Act("zoom_in", "Zoom &In", p.view.zoom_in, ["Ctrl+=", "Ctrl++"]),
            Act("zoom_out", "Zoom &Out", p.view.zoom_out, ["Ctrl+-"]),
            Act("actual_size", "&Actual Size (100 %)", p.view.actual_size, ["Ctrl+0"]),
            Act("fit", "&Fit Map", p.view.fit_map, ["F"]),
            None,
            fold,
            Act("expand_all", "E&xpand All", lambda: run(session.expand_all()), ["Alt+End"]),
            Act("fold_all", "Fold A&ll", lambda: run(session.show_levels(1)), ["Alt+Home"]),
            Menu("Show &Levels", levels),
            None,
            Menu("L&ayout", layouts),
            Menu("&Theme", themes),
            None,
            p.toggles["details"],
            p.toggles["outline"],
            Act("find", "&Find…", p.find, [KEY.Find]),
        ],
    )


def _annotate_menu(p: MenuParts) -> Menu:
    marks = [
        Act(
            f"mark_{n}",
            f"Mark as {mark.value.capitalize()}",
            lambda mark=mark: p.annotating.toggle_mark(mark),
            [str(n)],
        )
        for n, mark in enumerate(Mark, start=1)
    ]
    save_as = Act("save_annotations_as", "Save Annotations &As…", p.annotating.save_annotations_as)
    return Menu(
        "&Annotate",
        [
            Act("annotate", "&Annotate…", p.annotating.annotate, ["A"]),
            *marks,
            None,
            p.toggles["annotations"],
            save_as,
        ],
    )


def _go_menu(p: MenuParts) -> Menu:
    session, run = p.session, p.maps.run
    arrows = [
        Act(
            f"go_{d.value}",
            d.value.capitalize(),
            lambda d=d: run(session.move_selection(d)),
            [d.value.capitalize()],
        )
        for d in (Direction.LEFT, Direction.RIGHT, Direction.UP, Direction.DOWN)
    ]
    return Menu(
        "&Go",
        [
            *arrows,
            Act("root", "&Root", lambda: run(session.select_root()), ["Home"]),
            Act(
                "centre",
                "&Centre Selected",
                lambda: p.maps.centre_on(session.selected or ""),
                ["Return", "Enter"],
            ),
            Act(
                "clear_selection", "Clear Selection", lambda: run(session.select(None)), ["Escape"]
            ),
            None,
            Act(
                "focus",
                "&Focus on Branch",
                lambda: p.maps.focus_on(session.selected),
                ["Ctrl+Return", "Ctrl+Enter"],
            ),
            Act("unfocus", "Focus &Up a Level", p.maps.unfocus, ["Ctrl+Backspace"]),
        ],
    )


def show_keys(parent: QWidget) -> None:
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
        ("Ctrl+Enter / Ctrl+Backspace", "focus on the selected branch / focus up a level"),
        ("Ctrl+F", "find; Enter / Shift+Enter for next / previous"),
        ("F5 / Ctrl+R", "reload the file"),
        ("Ctrl+Shift+E / Ctrl+S", "edit the outline in the app / save it"),
        ("Ctrl+E", "export the map as PNG, SVG or PDF"),
    ]
    table = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in rows)
    QMessageBox.information(parent, "Keys", f"<table>{table}</table>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<b>{APP_NAME} {__version__}</b><p>Revision notes kept as a YAML outline, "
        "shown as a mind map.</p>",
    )
