"""Links clicked in the app's text panes go through one door: the core's policy, then the
desktop or, for anything but a web or mail address, the user's yes first."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from mindmap.core.links import is_safe_to_open


def guard_links(browser: QTextBrowser) -> None:
    """Clicked links in `browser` go to `open_link`; the browser itself never follows one
    (it would show a file: link's local file in the pane)."""
    browser.setOpenExternalLinks(False)
    browser.setOpenLinks(False)
    browser.anchorClicked.connect(lambda url: open_link(browser, url))


def open_link(parent: QWidget, url: QUrl) -> bool:
    """Open `url` with the desktop if it is safe or the user, shown all of it, says yes."""
    text = url.toEncoded().data().decode("ascii")  # encoded: no look-alike or hidden characters
    if not is_safe_to_open(text):
        answer = QMessageBox.question(
            parent,
            "Open this link?",
            "<p>This link is not a web or mail address; opening it may start another program "
            f"or open a file:</p><p><code>{html.escape(text)}</code></p><p>Open it?</p>",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Open:
            return False
    return QDesktopServices.openUrl(url)
