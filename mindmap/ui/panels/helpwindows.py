"""Help's windows: the keys (generated from the menus, so that no key is left out), the outline
format (the document that ships with the app) and About."""

from __future__ import annotations

import html

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mindmap import __version__
from mindmap.assets import format_description_path

# What the mouse and the find bar do: no action of the menus stands for these.
GESTURES = (
    ("Wheel / pinch", "zoom about the cursor"),
    ("Drag the background", "pan"),
    ("Click a node", "select it"),
    ("Click ○ beside a node", "fold or unfold its branch"),
    ("Double-click a node", "annotate it"),
    ("Right-click a node", "its menu: annotate, mark, fold, centre"),
    ("Enter / Shift+Enter in Find", "next / previous match"),
    ("Drop a file on the window", "open it"),
)

# While a study run is on, these keys on the map are the study bar's (see Study in the menus).
STUDY_KEYS = (
    ("Space", "reveal the next blank (on the summary: back to the map)"),
    ("Enter", "reveal every blank of the card"),
    ("N", "reveal the card's note and your annotation"),
    ("1 / 2 / 3 / 4", "grade the card: Again, Hard, Good, Easy"),
    ("Click a blank", "reveal it"),
    ("Escape", "leave study: the map as it was"),
)


def key_rows(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each menu's title and its actions that have keys: (the keys, what the action does)."""
    groups = []
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [(keys_text(action), plain(action.text())) for action in _entries(menu)]
        groups.append((plain(top.text()), [(keys, text) for keys, text in rows if keys]))
    return groups


def _entries(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        found += _entries(sub) if isinstance(sub, QMenu) else [action]
    return found


def keys_text(action: QAction) -> str:
    """The action's keys as the menus show them; a keyboard's dedicated keys (Open, Undo…) by
    name, so that "Ctrl+O, the Open key" does not read as a key called "Open"."""
    native = QKeySequence.SequenceFormat.NativeText
    shown = []
    for key in action.shortcuts():
        text = key.toString(native)
        code = key[0].key()
        dedicated = key.count() == 1 and (
            code == Qt.Key.Key_Help or code.value >= Qt.Key.Key_Back.value
        )
        shown.append(f"the {text} key" if dedicated and not key[0].keyboardModifiers() else text)
    return ", ".join(shown)


def plain(text: str) -> str:
    """A menu text as read in prose: no mnemonic marker, no ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def keys_html(bar: QMenuBar) -> str:
    """One table, a heading row per menu, so that the columns line up down the page."""
    groups = [*((title, rows) for title, rows in key_rows(bar) if rows)]
    groups += [("While Studying", list(STUDY_KEYS)), ("Mouse", list(GESTURES))]
    cells = []
    for title, rows in groups:
        cells.append(f"<tr><td colspan='2'><h3>{html.escape(title)}</h3></td></tr>")
        cells += [
            f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(doing)}</td></tr>"
            for keys, doing in rows
        ]
    return f"<table cellspacing='0' cellpadding='3'>{''.join(cells)}</table>"


def show_reading(
    parent: QWidget, name: str, title: str, *, html_text: str = "", markdown: str = ""
) -> None:
    """Show a window of reading matter; one per `name`, raised again when asked again."""
    browser = parent.findChild(QTextBrowser, name)
    if browser is None:
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        dialog.resize(620, 640)
        browser = QTextBrowser(dialog)
        browser.setObjectName(name)
        browser.setOpenExternalLinks(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        close.rejected.connect(dialog.close)
        column = QVBoxLayout(dialog)
        column.addWidget(browser)
        column.addWidget(close)
    if markdown:
        browser.setMarkdown(markdown)
    else:
        browser.setHtml(html_text)
    window = browser.window()
    window.show()
    window.raise_()
    window.activateWindow()


def show_keys(parent: QWidget, bar: QMenuBar) -> None:
    show_reading(parent, "keys", "Keys", html_text=keys_html(bar))


def show_outline_format(parent: QWidget) -> None:
    text = format_description_path().read_text(encoding="utf-8")
    show_reading(parent, "outline_format", "The Outline Format", markdown=text)


def show_about(parent: QWidget, app_name: str) -> None:
    """Version, licence and what it runs on. No homepage: the project names none yet."""
    box = parent.findChild(QMessageBox, "about")
    if box is None:
        box = QMessageBox(parent)
        box.setObjectName("about")
        box.setWindowTitle(f"About {app_name}")
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setText(
        f"<h3>{app_name} {__version__}</h3>"
        "<p>Revision notes kept as a YAML outline, shown as a mind map.</p>"
        "<p>Released under the MIT licence.</p>"
        f"<p>Qt {qVersion()}, PySide {PySide6.__version__}</p>"
    )
    box.open()
