"""The window's actions, menus and toolbar, declared as one table; built into an `Actions` value."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from mindmap.ui.theme import text_coloured_icon

Key = QKeySequence | QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class Act:
    """One action: its name (to find it again), menu text, slot and keys; `checked` makes it
    checkable, and a `group` makes the checkable actions of one name exclusive."""

    name: str
    text: str
    slot: Callable[[], object]
    keys: Sequence[Key] = ()
    checked: bool | None = None
    group: str = ""
    icon: str = ""  # a freedesktop icon name: the desktop theme's icon, else ours of that name


@dataclass(frozen=True, slots=True)
class Menu:
    """A menu of actions, ready-made actions (a dock's toggle, undo), submenus and separators
    (None). A menu with a `name` is kept, to be filled later (recent files)."""

    text: str
    entries: Sequence[Act | QAction | Menu | None]
    name: str = ""


class Actions(Mapping[str, QAction]):
    """The built actions by name, and the named menus."""

    def __init__(self) -> None:
        self._actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def add(self, name: str, action: QAction) -> None:
        self._actions[name] = action

    def all(self) -> list[QAction]:
        """Every action of the menus, ready-made ones included."""
        return [
            action
            for menu in self.menus.values()
            for action in menu.actions()
            if not action.isSeparator() and action.menu() is None
        ]


def standard_keys_and(standard: QKeySequence.StandardKey, extra: str) -> list[QKeySequence]:
    """The platform's keys for `standard`, then `extra` unless they hold it already: Qt ignores
    a key bound twice as ambiguous, and X11's Redo keys hold Ctrl+Shift+Z but Windows' may not."""
    keys = QKeySequence.keyBindings(standard)
    wanted = QKeySequence(extra)
    return keys if wanted in keys else [*keys, wanted]


def build(window: QMainWindow, menus: Sequence[Menu], toolbar: Sequence[str | None]) -> Actions:
    """Make the menu bar and the toolbar of `window` from the table."""
    actions = Actions()
    groups: dict[str, QActionGroup] = {}
    for menu in menus:
        _fill(window, window.menuBar().addMenu(menu.text), menu, actions, groups)
    bar = QToolBar("Main")
    bar.setObjectName("toolbar")
    bar.setMovable(False)
    for name in toolbar:
        if name is None:
            bar.addSeparator()
        else:
            bar.addAction(actions[name])
    window.addToolBar(bar)
    return actions


def _fill(
    window: QMainWindow,
    menu: QMenu,
    table: Menu,
    actions: Actions,
    groups: dict[str, QActionGroup],
) -> None:
    actions.menus[table.name or table.text] = menu
    for entry in table.entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, Menu):
            _fill(window, menu.addMenu(entry.text), entry, actions, groups)
        elif isinstance(entry, QAction):
            menu.addAction(entry)
            window.addAction(entry)
        else:
            action = _make(window, entry)
            if entry.group:
                groups.setdefault(entry.group, QActionGroup(window)).addAction(action)
            actions.add(entry.name, action)
            menu.addAction(action)


def _make(window: QMainWindow, act: Act) -> QAction:
    action = QAction(act.text, window)
    if act.icon:
        action.setIcon(QIcon.fromTheme(act.icon, text_coloured_icon(act.icon)))
    keys: list[QKeySequence] = []
    for key in act.keys:
        if isinstance(key, QKeySequence.StandardKey):
            keys += QKeySequence.keyBindings(key)
        else:
            keys.append(QKeySequence(key))
    action.setShortcuts(keys)
    if act.checked is not None:
        action.setCheckable(True)
        action.setChecked(act.checked)
    slot = act.slot
    action.triggered.connect(lambda _checked=False: slot())  # drop `checked`: slots take none
    window.addAction(action)
    return action
