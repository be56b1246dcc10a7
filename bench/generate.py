"""Seeded generator of realistic outlines for the benchmarks: `python bench/generate.py N [OUT]`.

Depth up to 6 (7 beyond 299,593 nodes, so that a million fit), 2–8 children a branch, titles
of 2–10 words with some long ones, in our format: compact branches, plain leaves and some full
nodes with notes and tags.
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
MAX_CHILDREN = 8


def title(rng: random.Random) -> str:
    count = rng.randint(2, 10) if rng.random() > 0.05 else rng.randint(14, 24)
    words = [rng.choice(WORDS) for _ in range(count)]
    return " ".join(words).capitalize()


def _capacity(depth: int, max_depth: int = MAX_DEPTH) -> int:
    """The most nodes a subtree rooted at `depth` can hold within the depth and branching caps."""
    return sum(MAX_CHILDREN**i for i in range(max_depth - depth + 1))


def _split(rng: random.Random, budget: int, depth: int, max_depth: int) -> list[int]:
    """Share `budget` nodes between 2–8 children at `depth`, none over its capacity."""
    capacity = _capacity(depth, max_depth)
    least = max(2, -(-budget // capacity))
    count = min(budget, rng.randint(least, max(least, MAX_CHILDREN)))
    weights = [rng.random() + 0.2 for _ in range(count)]
    total = sum(weights)
    shares = [max(1, min(capacity, int(budget * w / total))) for w in weights]
    leftover = budget - sum(shares)
    index = 0
    while leftover:  # hand out (or take back) what rounding left, one node at a time
        step = 1 if leftover > 0 else -1
        if 1 <= shares[index] + step <= capacity:
            shares[index] += step
            leftover -= step
        index = (index + 1) % count
    return shares


def generate_outline(node_count: int, seed: int = 1) -> str:
    """YAML text of an outline with exactly `node_count` nodes (2 or more)."""
    rng = random.Random(seed)
    max_depth = MAX_DEPTH  # one level deeper only when needed: smaller outlines stay as they were
    while _capacity(0, max_depth) < node_count:
        max_depth += 1
    lines = ["title: Generated revision map", "children:"]
    # (subtree size, depth, indent), depth-first so that the file reads like a real outline
    stack = [(size, 1, "  ") for size in reversed(_split(rng, node_count - 1, 1, max_depth))]
    while stack:
        size, depth, indent = stack.pop()
        text = title(rng)
        if size == 1:
            if rng.random() < 0.1:
                lines += [f"{indent}- title: {text}", f"{indent}  note: {title(rng)}."]
            else:
                lines.append(f"{indent}- {text}")
            continue
        if rng.random() < 0.15:
            lines += [
                f"{indent}- title: {text}",
                f"{indent}  note: {title(rng)}. {title(rng)}.",
                f"{indent}  tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
                f"{indent}  children:",
            ]
        else:
            lines.append(f"{indent}- {text}:")
        child_indent = indent + "    "
        shares = _split(rng, size - 1, depth + 1, max_depth)
        stack.extend((share, depth + 1, child_indent) for share in reversed(shares))
    return "\n".join(lines) + "\n"


def generate_fan(children: int, seed: int = 1) -> str:
    """YAML text of an outline in which one main branch has `children` leaves: the widest fan
    of edges a map can have (a node's edges are one item, painted by every band it crosses)."""
    rng = random.Random(seed)
    lines = ["title: Generated fan", "children:", f"  - {title(rng)}:"]
    lines += [f"      - {title(rng)}" for _ in range(children)]
    lines += [f"  - {title(rng)}" for _ in range(3)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    count = int(sys.argv[1])
    text = generate_outline(count)
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
