"""Blocks measured when first needed: a folded map measures what it shows, not what it hides."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bench.generate import generate_outline
from mindmap.core.outline import parse_outline
from mindmap.ui.map.textmetrics import LazyBlocks, TextMeasurer, measure_outline


def test_lazy_blocks_measure_each_node_as_the_full_measure_does_and_only_when_asked(
    qtbot: QtBot,
) -> None:
    outline = parse_outline(generate_outline(500), "o.yaml").outline
    measurer = TextMeasurer()
    full = measure_outline(outline.root, measurer)
    lazy = LazyBlocks(outline, measurer)
    assert lazy.measured == 0
    deep = max(outline.by_key.values(), key=lambda node: len(outline.ancestors(node.key)))
    assert lazy[deep.key] == full[deep.key]  # its depth found from its ancestors
    assert lazy.measured == 1
    assert len(lazy) == len(full)
    assert deep.key in lazy
    assert "no such key" not in lazy
    assert all(lazy[key] == block for key, block in full.items())
    assert lazy.measured == len(full)
