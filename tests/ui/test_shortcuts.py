"""Every key of the main window does one thing: Qt ignores a key bound twice as ambiguous."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction, QKeySequence, QShortcut

from mindmap.ui.window import MainWindow


def text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def test_no_key_sequence_is_bound_twice(window: MainWindow) -> None:
    """Counts every shortcut of every action and QShortcut in the window, as Qt registers them."""
    actions = set(window.findChildren(QAction)) | set(window.actions())
    keys = Counter(text(sequence) for action in actions for sequence in action.shortcuts())
    keys.update(text(shortcut.key()) for shortcut in window.findChildren(QShortcut))
    assert "Ctrl+Shift+Z" in keys
    assert [key for key, count in keys.items() if count > 1] == []


def test_redo_answers_to_the_platform_keys_and_to_ctrl_shift_z(window: MainWindow) -> None:
    """Ctrl+Shift+Z is in the Help on every platform; the platform's own Redo keys work too."""
    platform = [text(key) for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    redo = next(a for a in window.findChildren(QAction) if a.text() == "&Redo")
    bound = [text(key) for key in redo.shortcuts()]
    assert sorted(bound) == sorted(set(platform) | {"Ctrl+Shift+Z"})
