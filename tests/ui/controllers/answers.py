"""What a controller says and asks, in tests: its status messages, and answers to its questions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


def messages(controller: QObject) -> list[str]:
    """The texts of the controller's `message` signal from now on."""
    said: list[str] = []
    controller.message.connect(lambda text, _ms: said.append(text))  # type: ignore[attr-defined]
    return said


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Every question the controller asks is answered with `button`; returns their titles."""
    asked: list[str] = []

    def question(_parent: QWidget, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
