"""The Details panel shows an author's note as written: its lines, lists and light markdown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mindmap.core.outline import parse_outline
from mindmap.ui.panels.details import DetailsPanel
from tests.ui.shots import save_shot

NOTE_OUTLINE = """\
title: Photosynthesis
note: |
  Two stages, **in order**:
  1. light reactions
  2. the Calvin cycle

  Inputs:   CO2, water
  Outputs:  glucose, O2
  - see *chapter 4*
  - <b>not html</b>
"""


def blocks(panel: DetailsPanel) -> list[tuple[str, bool]]:
    """Each block of the panel's text and whether it is a list item."""
    found, block = [], panel.document().begin()
    while block.isValid():
        found.append((block.text(), block.textList() is not None))
        block = block.next()
    return found


def test_a_note_keeps_its_lines_and_renders_light_markdown(qtbot: QtBot) -> None:
    outline = parse_outline(NOTE_OUTLINE, "o.yaml").outline
    panel = DetailsPanel()
    qtbot.add_widget(panel)
    panel.resize(360, 360)
    panel.show()
    panel.show_node(outline, outline.root.key)
    shown = blocks(panel)
    assert ("Two stages, in order:", False) in shown
    assert ("light reactions", True) in shown
    assert ("the Calvin cycle", True) in shown
    assert ("Inputs:   CO2, water", False) in shown  # aligned text keeps its spaces
    assert ("Outputs:  glucose, O2", False) in shown
    assert ("see chapter 4", True) in shown
    assert ("<b>not html</b>", True) in shown  # markdown, never HTML
    save_shot(panel, "details-note")
