"""The window's menus, keys and toolbar as a table, and the Help texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from mindmap.core.annotations import Mark
from mindmap.core.layout import LayoutMode
from mindmap.core.navigation import Direction
from mindmap.core.session import MapSession
from mindmap.ui.actions import Act, Menu, standard_keys_and
from mindmap.ui.controllers.annotating import Annotating, mark_label
from mindmap.ui.controllers.document import DocumentController
from mindmap.ui.controllers.exporting import Exporting
from mindmap.ui.controllers.mapcontrol import MapController
from mindmap.ui.controllers.studying import Studying
from mindmap.ui.controllers.studyprogress import StudyProgress
from mindmap.ui.controllers.studysettings import StudySettings
from mindmap.ui.map.view import MapView
from mindmap.ui.panels.helpwindows import show_about, show_keys, show_outline_format
from mindmap.ui.panels.preferences import edit_preferences
from mindmap.ui.theme import MARK_LOOKS, ThemeChoice

APP_NAME = "Mindmap"
TOOLBAR = ("open", "reload", None, "zoom_in", "zoom_out", "fit", None, "find", None, "export")


@dataclass(frozen=True, slots=True)
class MenuParts:
    """What the menus act on."""

    session: MapSession
    maps: MapController
    view: MapView
    document: DocumentController
    annotating: Annotating
    exporting: Exporting
    studying: Studying
    undo: QAction
    redo: QAction
    toggles: dict[str, QAction]  # the docks' show/hide actions, by dock name
    find: Callable[[], None]
    close: Callable[[], object]
    set_theme: Callable[[ThemeChoice], None]
    set_layout_mode: Callable[[LayoutMode], None]
    toggle_callouts: Callable[[], None]  # View ▸ Show Annotations on the Map
    callouts: bool
    progress: StudyProgress  # Study ▸ Show Progress
    dialogs: QWidget
    menu_bar: QMenuBar
    study: StudySettings  # what Edit ▸ Preferences… sets


KEY = QKeySequence.StandardKey


def menu_table(p: MenuParts) -> list[Menu]:
    """Every menu, in the menu bar's order."""
    p.undo.setShortcuts(KEY.Undo)
    p.redo.setShortcuts(standard_keys_and(KEY.Redo, "Ctrl+Shift+Z"))
    p.toggles["outline"].setShortcut("Ctrl+Shift+E")
    p.toggles["annotations"].setShortcut("Ctrl+Shift+A")
    p.toggles["review"].setShortcut("Ctrl+Shift+R")
    p.toggles["review"].setText("&Review Panel")
    for name, text in (("details", "&Details Panel"), ("outline", "Outline &Panel")):
        p.toggles[name].setText(text)
    p.toggles["annotations"].setText("Annotations &Panel")
    return [
        _file_menu(p),
        Menu(
            "&Edit",
            [
                p.undo,
                p.redo,
                None,
                Act("find", "&Find…", p.find, [KEY.Find], icon="edit-find"),
                None,
                Act(
                    "preferences",
                    "Pr&eferences…",
                    lambda: edit_preferences(p.dialogs, p.study),
                    standard_keys_and(KEY.Preferences, "Ctrl+,"),
                ),
            ],
        ),
        _view_menu(p),
        _annotate_menu(p),
        _go_menu(p),
        _study_menu(p),
        Menu(
            "&Help",
            [
                Act("keys", "&Keys", lambda: show_keys(p.dialogs, p.menu_bar), [KEY.HelpContents]),
                Act("outline_format", "&Outline Format", lambda: show_outline_format(p.dialogs)),
                None,
                Act("about", f"&About {APP_NAME}", lambda: show_about(p.dialogs, APP_NAME)),
            ],
        ),
    ]


def _file_menu(p: MenuParts) -> Menu:
    return Menu(
        "&File",
        [
            Act("open", "&Open…", p.document.choose_file, [KEY.Open], icon="document-open"),
            Menu("Open Recen&t", [], name="recent"),
            Act("reload", "&Reload", p.document.reload, ["F5", "Ctrl+R"], icon="view-refresh"),
            Act("save", "&Save Outline", p.document.save_outline, [KEY.Save]),
            Act("external", "Open in E&xternal Editor", p.document.open_in_external_editor),
            None,
            Act("export", "&Export…", p.exporting.export_map, ["Ctrl+E"], icon="document-export"),
            None,
            # The platform's Quit keys can be none (Windows, offscreen): Ctrl+Q everywhere.
            Act("quit", "&Quit", p.close, standard_keys_and(KEY.Quit, "Ctrl+Q")),
        ],
    )


def _view_menu(p: MenuParts) -> Menu:
    session, run = p.session, p.maps.run
    levels = [
        Act(
            f"level{n}",
            f"Levels 1–&{n}" if n > 1 else "Level &1",
            lambda n=n: run(session.show_levels(n)),
            [f"Alt+{n}"],
        )
        for n in range(1, 10)
    ]
    fold = Act(
        "fold", "Fold / &Unfold Selected", lambda: run(session.toggle_selected_fold()), ["Space"]
    )
    return Menu(
        "&View",
        [
            # Ctrl++ first, as menus show it; Ctrl+= is the same key without Shift on most layouts.
            Act("zoom_in", "Zoom &In", p.view.zoom_in, ["Ctrl++", "Ctrl+="], icon="zoom-in"),
            Act("zoom_out", "Zoom &Out", p.view.zoom_out, ["Ctrl+-"], icon="zoom-out"),
            Act("actual_size", "Actual Si&ze (100 %)", p.view.actual_size, ["Ctrl+0"]),
            Act("fit", "&Fit Map", p.view.fit_map, ["F"], icon="zoom-fit-best"),
            None,
            fold,
            Act("expand_all", "E&xpand All", lambda: run(session.expand_all()), ["Alt+End"]),
            Act("fold_all", "Fold A&ll", lambda: run(session.show_levels(1)), ["Alt+Home"]),
            Menu("Show Le&vels", levels),
            None,
            *_look_menus(p),
            None,
            Act("callouts", "Show Annotations on the &Map", p.toggle_callouts, checked=p.callouts),
            p.toggles["details"],
            p.toggles["outline"],
        ],
    )


def _look_menus(p: MenuParts) -> list[Menu]:
    """Layout and Theme: one checked choice each."""
    layouts = [
        Act(
            f"layout_{mode.value}",
            text,
            lambda mode=mode: p.set_layout_mode(mode),
            checked=mode is p.session.mode,
            group="layout",
        )
        for mode, text in ((LayoutMode.MINDMAP, "&Mind Map"), (LayoutMode.RIGHT, "&Right Tree"))
    ]
    themes = [
        Act(
            f"theme_{choice.value}",
            f"&{choice.value.capitalize()}",
            lambda choice=choice: p.set_theme(choice),
            checked=choice is p.maps.theme_choice,
            group="theme",
        )
        for choice in ThemeChoice
    ]
    return [Menu("L&ayout", layouts), Menu("&Theme", themes)]


def _annotate_menu(p: MenuParts) -> Menu:
    marks = [
        Act(
            f"mark_{n}",
            f"{mark_label(mark)} {look.icon}",
            lambda mark=mark: p.annotating.toggle_mark(mark),
            [str(n)],
            checked=False,
        )
        for n, (mark, look) in enumerate(MARK_LOOKS.items(), start=1)
    ]
    only = [
        Act(
            f"only_{n}",
            f"{look.icon} &{look.name}",
            lambda mark=mark: p.annotating.show_only(mark),
            checked=False,
        )
        for n, (mark, look) in enumerate(MARK_LOOKS.items(), start=1)
    ]
    all_marks = Act("only_all", "&All (Folded as Before)", lambda: p.annotating.show_only(None))
    save_as = Act("save_annotations_as", "&Save Annotations As…", p.annotating.save_annotations_as)
    return Menu(
        "&Annotate",
        [
            Act("annotate", "&Annotate in Details", p.annotating.annotate, ["A"]),
            *marks,
            Act("mark_0", "&Clear Mark", lambda: p.annotating.set_mark(None), ["0"]),
            Menu("Show &Only", [*only, None, all_marks]),
            None,
            p.toggles["annotations"],
            save_as,
        ],
    )


def show_marks(actions: Mapping[str, QAction], annotating: Annotating) -> None:
    """The mark items are checked as the selected node is marked, the Show Only items as the
    map is filtered."""

    def check(prefix: str, mark: Mark | None) -> None:
        for n, shown in enumerate(Mark, start=1):
            actions[f"{prefix}_{n}"].setChecked(shown is mark)

    annotating.mark_shown.connect(lambda mark: check("mark", mark))
    annotating.only_shown.connect(lambda mark: check("only", mark))


def _go_menu(p: MenuParts) -> Menu:
    session, run = p.session, p.maps.run
    arrows = [
        Act(
            f"go_{d.value}",
            text,
            lambda d=d: run(session.move_selection(d)),
            [d.value.capitalize()],
        )
        for d, text in (
            (Direction.LEFT, "&Left"),
            (Direction.RIGHT, "R&ight"),
            (Direction.UP, "&Up"),
            (Direction.DOWN, "&Down"),
        )
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
                "clear_selection", "Clear &Selection", lambda: run(session.select(None)), ["Escape"]
            ),
            None,
            Act(
                "focus",
                "&Focus on Branch",
                lambda: p.maps.focus_on(session.selected),
                ["Ctrl+Return", "Ctrl+Enter"],
            ),
            Act("unfocus", "Focus Up a Le&vel", p.maps.unfocus, ["Ctrl+Backspace"]),
        ],
    )


def _study_menu(p: MenuParts) -> Menu:
    """Recall on the map; while a run is on, its keys are the study bar's (see `Studying`)."""
    studying = p.studying
    return Menu(
        "&Study",
        [
            Act("study_branch", "Study Selected &Branch", studying.study_branch, ["S"]),
            Act("study_map", "Study the Whole &Map", studying.study_map, ["Shift+S"]),
            Act("blank_map", "Bla&nk Map Exercise", studying.blank_map, ["B"]),
            None,
            Act("progress", "Show &Progress", p.progress.toggle, ["P"], checked=p.progress.on),
            p.toggles["review"],
            None,
            Act("leave_study", "&Leave Study", studying.leave),
        ],
    )


def show_recent(menu: QMenu, recent: list[str], open_file: Callable[[Path], object]) -> None:
    """File ▸ Open Recent: at most 8 files, a digit each to choose by."""
    menu.clear()
    for number, name in enumerate(recent, start=1):
        action = menu.addAction(f"&{number} {name.replace('&', '&&')}")
        action.triggered.connect(lambda _=False, name=name: open_file(Path(name)))
    menu.setEnabled(bool(recent))
