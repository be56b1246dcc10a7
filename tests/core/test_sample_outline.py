"""The sample outline.yaml loads cleanly and holds the whole of its source notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindmap.core.model import Node
from mindmap.core.outline import parse_outline

SAMPLE = Path(__file__).parents[2] / "outline.yaml"
SOURCE = Path(__file__).parents[3] / "shared" / "source-notes" / "india-russia-relations.txt"
MAX_TITLE = 48

KEY_FACTS = (
    "Jaishankar",
    "Lavrov",
    "Putin",
    "Lake Baikal",
    "Atmanirbhar Bharat",
    "INSTC",
    "September 2000",
    "St. Petersburg",
    "Chennai–Vladivostok",
    "5,600 nautical miles",
    "Gaganyaan",
    "Sputnik V",
    "700-750 million",
    "Covaxin",
    "BrahMos",
    "Sukhoi Su-30",
    "Tactical Transport Aircraft",
    "Kudankulam",
    "Sakhalin I",
    "Aryabhata",
    "Bhaskar",
    "Cryogenic",
    "UNSC",
    "Nuclear Supplier",
    "BRICS",
    "SCO",
    "G20",
    "Namaste Russia",
    "Jawaharlal Nehru Cultural Centre",
    "Mi-35",
    "30 billion dollars by 2025",
    "General Framework Agreement",
    "Indologists",
    "South Asia",
)


def load_root() -> Node:
    parsed = parse_outline(SAMPLE.read_bytes(), str(SAMPLE))
    assert [str(w) for w in parsed.warnings] == []
    return parsed.outline.root


def titles(node: Node) -> list[str]:
    return [child.title for child in node.children]


def assert_in_order(actual: list[str], expected: list[str]) -> None:
    assert len(actual) == len(expected), actual
    for title, part in zip(actual, expected, strict=True):
        assert part.lower() in title.lower(), (title, part)


def test_main_branches_in_order() -> None:
    root = load_root()
    assert root.title == "India–Russia Relations"
    assert root.note is not None
    assert "Jaishankar" in root.note
    assert_in_order(titles(root), ["Outcome", "Back to basics", "Challenges", "Way forward"])
    outcome, basics = root.children[:2]
    assert_in_order(titles(outcome), ["sectors", "Afghan", "Medical"])
    pillars = ["Defence", "Economic", "Energy", "Space", "International", "Cultural"]
    assert_in_order(titles(basics), pillars)


def test_titles_are_short_headlines() -> None:
    for node in load_root().walk():
        assert node.title.strip(), f"empty title at line {node.line}"
        assert len(node.title) <= MAX_TITLE, node.title


def test_map_opens_fully_expanded() -> None:
    assert not any(node.collapsed for node in load_root().walk())


@pytest.mark.parametrize("fact", KEY_FACTS)
def test_key_fact_is_kept(fact: str) -> None:
    texts = [f"{node.title}\n{node.note or ''}" for node in load_root().walk()]
    assert any(fact in text for text in texts), fact


@pytest.mark.skipif(not SOURCE.exists(), reason="source notes not available")
def test_every_source_bullet_has_a_node() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    bullets = [line for line in lines if line.startswith(("\uf0b7", "o "))]
    assert len(bullets) >= 30
    assert parse_outline(SAMPLE.read_bytes(), str(SAMPLE)).outline.node_count >= len(bullets)
