"""In the dark theme, an unchecked check box of a menu and the docks' buttons stand out from
their background as in the light theme (they were dark grey on dark grey)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu
from pytestqt.qtbot import QtBot

from mindmap.ui.theme import ThemeChoice
from mindmap.ui.window import MainWindow


def visible_pixels(image: QImage, background: QColor) -> int:
    """Pixels whose lightness differs clearly from the background's (in the light theme, the
    glyphs differ by 150 or more)."""
    base = background.lightness()
    return sum(
        abs(image.pixelColor(x, y).lightness() - base) > 90
        for x in range(image.width())
        for y in range(image.height())
    )


def test_unchecked_menu_check_box_is_visible_in_dark(window: MainWindow, qtbot: QtBot) -> None:
    window.view_settings.set_theme(ThemeChoice.DARK)
    QApplication.processEvents()  # the new palette reaches the widgets by events
    menu = QMenu(window)
    action = QAction("&Unchecked", menu)
    action.setCheckable(True)
    menu.addAction(action)
    menu.adjustSize()
    image = menu.grab().toImage()  # rendered as shown (a popup would grab the keyboard)
    row = menu.actionGeometry(action)
    box = image.copy(row.left(), row.top(), row.height(), row.height())  # the indicator's room
    background = image.pixelColor(row.right() - 2, row.center().y())
    assert visible_pixels(box, background) > 10


def test_dock_buttons_are_visible_in_dark(window: MainWindow, qtbot: QtBot) -> None:
    window.view_settings.set_theme(ThemeChoice.DARK)
    QApplication.processEvents()  # the new palette reaches the widgets by events
    buttons = window.details_dock.findChildren(QAbstractButton)
    assert buttons
    for button in buttons:
        image = button.grab().toImage()
        background = image.pixelColor(0, 0)
        assert visible_pixels(image, background) > 10, button.objectName()
