"""Seeded generator of realistic outlines for the benchmarks: `python bench/generate.py N [OUT]`.

Depth up to 6, 2–8 children a branch, titles of 2–10 words with some long ones, in our format:
compact branches, plain leaves and some full nodes with notes and tags.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "trade defence energy corridor nuclear treaty summit policy region vaccine satellite "
    "rocket missile partnership sanctions pipeline reactor exports imports tariff currency "
    "shipping port logistics diplomacy security cooperation investment technology culture "
    "education tourism pharmaceuticals agriculture fertiliser oil gas coal shipping arctic "
    "strategy history alliance forum council charter agreement framework vision mission"
).split()
MAX_DEPTH = 6


def title(rng: random.Random) -> str:
    count = rng.randint(2, 10) if rng.random() > 0.05 else rng.randint(14, 24)
    words = [rng.choice(WORDS) for _ in range(count)]
    return " ".join(words).capitalize()


def generate_outline(node_count: int, seed: int = 1) -> str:
    """YAML text of an outline with exactly `node_count` nodes (at least 2)."""
    rng = random.Random(seed)
    lines = ["title: Generated revision map", "children:"]
    remaining = node_count - 1
    # (depth, indent) of branches still to fill, depth-first so the file reads like a real outline
    while remaining > 0:
        stack = [(1, "  ")]
        while stack and remaining > 0:
            depth, indent = stack.pop()
            remaining -= 1
            text = title(rng)
            if depth < MAX_DEPTH and remaining > 1 and rng.random() < 0.45:
                children = min(rng.randint(2, 8), remaining)
                if rng.random() < 0.15:
                    lines += [
                        f"{indent}- title: {text}",
                        f"{indent}  note: {title(rng)}. {title(rng)}.",
                        f"{indent}  tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
                        f"{indent}  children:",
                    ]
                    child_indent = indent + "    "
                else:
                    lines.append(f"{indent}- {text}:")
                    child_indent = indent + "    "
                stack.extend([(depth + 1, child_indent)] * children)
            elif rng.random() < 0.1:
                lines += [f"{indent}- title: {text}", f"{indent}  note: {title(rng)}."]
            else:
                lines.append(f"{indent}- {text}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    count = int(sys.argv[1])
    text = generate_outline(count)
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
