"""Load time of outlines (bytes → model with keys), median per size: `python -m bench.bench_load`.

Targets: 10,000 nodes under 80 ms, 100,000 nodes (about 9 MB) under 0.8 s, on a machine where
the reference below takes about 50 ms.
"""

from __future__ import annotations

from bench.generate import generate_outline
from bench.timing import median_ms, reference_ms
from mindmap.core.outline import parse_outline

SIZES = {1_000: 15, 10_000: 9, 100_000: 5}  # nodes: repeats
TARGET_MS = {10_000: 80, 100_000: 800}


def main() -> None:
    reference = reference_ms()
    scale = 50 / reference
    print(f"reference: libyaml composes 10,000 nodes in {reference:.1f} ms (targets: ~50 ms)")
    print(f"{'nodes':>8} {'MB':>6} {'median ms':>10} {'at 50 ms ref':>13} {'target ms':>10}")
    for count, repeats in SIZES.items():
        data = generate_outline(count).encode()
        ms = median_ms(lambda data=data: parse_outline(data, "bench.yaml"), repeats)
        target = TARGET_MS.get(count)
        megabytes = len(data) / 1e6
        print(f"{count:>8,} {megabytes:>6.1f} {ms:>10.1f} {ms * scale:>13.1f} {target or '':>10}")


if __name__ == "__main__":
    main()
