"""The menus as desktop users expect them: a mnemonic on every item, Help generated from the
actions (so it is complete), the format description, an About that says what runs."""

from __future__ import annotations

import re

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QTextBrowser, QToolBar
from pytestqt.qtbot import QtBot

from mindmap import __version__
from mindmap.ui.window import MainWindow

NATIVE = QKeySequence.SequenceFormat.NativeText


def menus(window: MainWindow) -> dict[str, QMenu]:
    return {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}


def items(menu: QMenu) -> list[QAction]:
    """Every entry of `menu` and of its submenus (the submenus' own entries included)."""
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        found.append(action)
        if action.menu() is not None:
            found += items(action.menu())
    return found


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match[1].lower() if match else None


def test_every_menu_item_has_a_mnemonic_unique_in_its_menu(sample_window: MainWindow) -> None:
    bar = [a.text() for a in sample_window.menuBar().actions()]
    assert all(map(mnemonic, bar)), bar
    assert len({mnemonic(t) for t in bar}) == len(bar)
    checked = 0
    for menu in [m for top in menus(sample_window).values() for m in (top, *submenus(top))]:
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert [t for t in texts if mnemonic(t) is None] == [], menu.title()
        keys = [mnemonic(t) for t in texts]
        assert sorted(k for k in set(keys) if keys.count(k) > 1) == [], (menu.title(), texts)
        checked += len(texts)
    assert checked > 50


def submenus(menu: QMenu) -> list[QMenu]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += [action.menu(), *submenus(action.menu())]
    return found


def test_find_is_in_the_edit_menu(window: MainWindow) -> None:
    edit = menus(window)["&Edit"]
    assert "&Find…" in [a.text() for a in edit.actions()]


def test_zoom_in_shows_ctrl_plus_and_still_answers_to_ctrl_equals(window: MainWindow) -> None:
    zoom_in = window.menu_actions["zoom_in"]
    keys = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in zoom_in.shortcuts()]
    assert keys[0] == "Ctrl++"
    assert "Ctrl+=" in keys


def test_toolbar_has_icons_in_a_natural_order(window: MainWindow) -> None:
    bar = window.findChild(QToolBar)
    actions = [a for a in bar.actions() if not a.isSeparator()]
    assert all(not a.icon().isNull() for a in actions), [a.text() for a in actions]
    names = [a.text() for a in actions]
    assert names.index("Zoom &In") < names.index("Zoom &Out")


def key_names(line: str) -> list[str]:
    """The keys of a line of Help ▸ Keys: "Ctrl+O, the Open key" holds Ctrl+O and Open."""
    return [part.removeprefix("the ").removesuffix(" key") for part in line.split(", ")]


def open_help(window: MainWindow, qtbot: QtBot, name: str) -> QTextBrowser:
    window.menu_actions[name].trigger()
    browser = window.findChild(QTextBrowser, name)
    assert browser is not None
    qtbot.wait_until(browser.isVisible)
    return browser


def test_help_keys_lists_every_shortcut_of_every_action_by_menu(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    lines = open_help(sample_window, qtbot, "keys").toPlainText().splitlines()
    text = "\n".join(lines)
    listed = 0
    for title, menu in menus(sample_window).items():
        assert title.replace("&", "") in lines
        for action in items(menu):
            for key in action.shortcuts():
                shown = key.toString(NATIVE)
                # A row shows an action's keys, then (the next cell, the next line) its text.
                rows = [i for i, line in enumerate(lines) if shown in key_names(line)]
                doing = [lines[i + 1] for i in rows]
                assert action.text().replace("&", "").rstrip("…") in doing, (shown, doing)
                listed += 1
    assert listed > 40
    for must in ("Ctrl+Shift+A", "Ctrl+O", "Ctrl+Q", "Wheel", "Double-click"):
        assert must in text


def test_help_outline_format_opens_the_format_description(window: MainWindow, qtbot: QtBot) -> None:
    text = open_help(window, qtbot, "outline_format").toPlainText()
    for must in ("Compact branch", "collapsed", "1,500,000", "256 MB", "U+2028", "FILE:LINE:COL"):
        assert must in text, must


def test_about_names_version_licence_qt_and_pyside(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions["about"].trigger()
    box = window.findChild(QMessageBox, "about")
    assert box is not None
    qtbot.wait_until(box.isVisible)
    text = box.text()
    for must in (__version__, "MIT", qVersion(), PySide6.__version__):
        assert must in text, must
    box.close()
