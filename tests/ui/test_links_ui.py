"""Links clicked in the app: web and mail open directly, anything else only after asking, and
the pane that shows them never navigates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot

from mindmap.core.annotations import Annotation
from mindmap.ui.window import MainWindow

SCHEMES = ("http", "https", "mailto", "javascript", "file", "smb")
SECRET = "a local file the pane must not show"


class Desktop(QObject):
    """Takes the desktop's place for the schemes under test (QDesktopServices.setUrlHandler),
    and answers QMessageBox.question as the user would; keeps what was opened and asked."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Cancel

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())

    def question(self, _parent: object, _title: str, text: str, *_args: object) -> object:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    stand_in = Desktop()
    monkeypatch.setattr(QMessageBox, "question", stand_in.question)
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, stand_in, "open")
    yield stand_in
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def outline_with_link(tmp_path: Path, link: str) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(f"title: Root\nchildren:\n  - title: Linked\n    link: '{link}'\n")
    return path


def click_link(qtbot: QtBot, browser: QTextBrowser, text: str) -> None:
    """Click the middle of `text` in `browser`, with the mouse, where the user sees it."""
    found = browser.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), f"{text!r} is not shown"
    cursor = QTextCursor(found)
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    where = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(where))


def click_details_link(window: MainWindow, qtbot: QtBot, tmp_path: Path, link: str) -> str:
    """Open an outline whose node links to `link`, select it, click the link in Details;
    returns what Details showed before the click."""
    assert window.open_file(outline_with_link(tmp_path, link))
    window.maps.run(window.session.select("Root/Linked"))
    shown = window.details.toHtml()
    assert link in window.details.toPlainText()
    click_link(qtbot, window.details, link)
    return shown


def test_a_web_link_opens_without_asking(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, desktop: Desktop
) -> None:
    link = "https://example.org/page?q=1"
    shown = click_details_link(window, qtbot, tmp_path, link)
    assert desktop.opened == [link]
    assert desktop.asked == []
    assert window.details.toHtml() == shown
    assert window.details.source().isEmpty()


@pytest.mark.parametrize(
    "answer", [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Open]
)
def test_a_script_link_opens_only_if_the_user_says_so(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    desktop: Desktop,
    answer: QMessageBox.StandardButton,
) -> None:
    link = "javascript:alert(document.cookie)"
    desktop.answer = answer
    shown = click_details_link(window, qtbot, tmp_path, link)
    assert len(desktop.asked) == 1
    assert link in desktop.asked[0]  # the full URL, for the user to judge
    assert desktop.opened == ([link] if answer == QMessageBox.StandardButton.Open else [])
    assert window.details.toHtml() == shown


def test_a_file_link_neither_opens_unasked_nor_shows_the_file_in_the_pane(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    desktop: Desktop,
    secret: Path,
) -> None:
    link = QUrl.fromLocalFile(str(secret)).toString()
    shown = click_details_link(window, qtbot, tmp_path, link)
    assert len(desktop.asked) == 1
    assert link in desktop.asked[0]
    assert desktop.opened == []
    assert window.details.toHtml() == shown
    assert window.details.source().isEmpty()
    assert SECRET not in window.details.toPlainText()


def test_a_link_in_an_annotation_asks_too(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, desktop: Desktop
) -> None:
    """The user's own notes are Markdown: their links go the same way as the outline's."""
    assert window.open_file(outline_with_link(tmp_path, "https://example.org/"))
    text = "see [the script](javascript:alert(1)) or [the site](https://example.org/notes)"
    window.annotations.set("Root/Linked", Annotation("Root/Linked", "Linked", text), "Linked")
    window.annotation_panel.show()
    window.annotation_panel.list.setCurrentRow(0)
    view = window.annotation_panel.view
    shown = view.toHtml()
    click_link(qtbot, view, "the script")
    assert len(desktop.asked) == 1
    assert "javascript:alert(1)" in desktop.asked[0]
    click_link(qtbot, view, "the site")
    assert desktop.opened == ["https://example.org/notes"]
    assert len(desktop.asked) == 1
    assert view.toHtml() == shown
    assert view.source().isEmpty()


def test_a_markdown_link_in_a_note_asks_too(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, desktop: Desktop, secret: Path
) -> None:
    """A note's markdown links are shown as links, and go through the same door."""
    link = QUrl.fromLocalFile(str(secret)).toString()
    path = tmp_path / "outline.yaml"
    note = f"see [the answers]({link})\\nor [the site](https://example.org/notes)"
    path.write_text(f'title: Root\nnote: "{note}"\n', encoding="utf-8")
    assert window.open_file(path)
    window.maps.run(window.session.select("Root"))
    shown = window.details.toHtml()
    click_link(qtbot, window.details, "the answers")
    assert len(desktop.asked) == 1
    assert link in desktop.asked[0]
    click_link(qtbot, window.details, "the site")
    assert desktop.opened == ["https://example.org/notes"]
    assert window.details.toHtml() == shown
    assert window.details.source().isEmpty()
    assert SECRET not in window.details.toPlainText()
