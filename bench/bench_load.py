"""Load time of outlines (bytes → model with keys), median per size: `python -m bench.bench_load`.

Targets: 10,000 nodes under 80 ms, 100,000 nodes (about 9 MB) under 0.8 s, on a machine where
the reference below takes about 50 ms. Then the same 10,000-node outline written as Markdown,
OPML and a FreeMind map by the converter's writers and read back by their readers (target:
within 1.5x of the YAML; Markdown also with a quote added, which only markdown-it reads).
Then `mindmap check` refusing a 6 MB flow list of 3,000,000 one-letter items (over the node
cap): it took 17 s and 1.46 GB before there was a cap.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate_outline
from bench.timing import median_ms, reference_ms
from mindmap.core.outline import parse_outline
from mindmap.core.readers import parse_any
from mindmap.core.writers import render
from mindmap.core.yamlraw import MAX_NODES

SIZES = {1_000: 15, 10_000: 9, 100_000: 5}  # nodes: repeats
TARGET_MS = {10_000: 80, 100_000: 800}
FORMATS = (".md", ".opml", ".mm")
FORMAT_NODES, FORMAT_REPEATS, FORMAT_TARGET = 10_000, 9, 1.5
FLOW_ITEMS = 3_000_000
REFUSAL_REPEATS = 3
# `mindmap check` in a process of its own, which prints its peak memory (POSIX: ru_maxrss, KiB).
_CHECK = (
    "import resource, sys\n"
    "from mindmap.cli import main\n"
    "status = main(['check', sys.argv[1]])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


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
    formats(scale)
    refusal(scale)


def formats(scale: float) -> None:
    """The same outline in every format the app reads: median load time beside the YAML's."""
    data = generate_outline(FORMAT_NODES).encode()
    outline = parse_outline(data, "bench.yaml").outline
    yaml_ms = median_ms(lambda: parse_outline(data, "bench.yaml"), FORMAT_REPEATS)
    print(f"{FORMAT_NODES:,} nodes in each format (target: within {FORMAT_TARGET}x of YAML):")
    print(f"{'format':>8} {'MB':>6} {'median ms':>10} {'at 50 ms ref':>13} {'x YAML':>7}")
    print(
        f"{'.yaml':>8} {len(data) / 1e6:>6.1f} {yaml_ms:>10.1f} {yaml_ms * scale:>13.1f} {1:>7.2f}"
    )
    texts = {suffix: render(outline, "bench" + suffix).text.encode() for suffix in FORMATS}
    # the Markdown again with one quote at its end: not outline-shaped, so markdown-it reads it
    texts[".md*"] = texts[".md"] + b"\n> a quote\n"
    for label, text in texts.items():
        name = "bench" + label.rstrip("*")
        ms = median_ms(lambda text=text, name=name: parse_any(text, name), FORMAT_REPEATS)
        ratio = ms / yaml_ms
        print(f"{label:>8} {len(text) / 1e6:>6.1f} {ms:>10.1f} {ms * scale:>13.1f} {ratio:>7.2f}")
    print("  (.md*: the same Markdown with a quote at its end, read by markdown-it's parser)")


def refusal(scale: float) -> None:
    """`mindmap check` on a flow list over the node cap: wall time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flow.yaml"
        path.write_text("Root: [" + ",".join(["a"] * FLOW_ITEMS) + "]\n", encoding="utf-8")
        times, peaks = [], []
        for _ in range(REFUSAL_REPEATS):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _CHECK, str(path)],
                check=False,
                capture_output=True,
                text=True,
            )
            times.append((time.perf_counter() - start) * 1000)
            *said, peak = done.stdout.splitlines()
            peaks.append(int(peak) / 1024)
        megabytes = path.stat().st_size / 1e6
    ms, peak_mb = statistics.median(times), statistics.median(peaks)
    print(f"check refusing {megabytes:.0f} MB, a flow list of {FLOW_ITEMS:,} (cap {MAX_NODES:,}):")
    print(f"  median {ms:.0f} ms ({ms * scale:.0f} at the 50 ms reference), peak {peak_mb:.0f} MB")
    print(f"  it said: {said[0]}")


if __name__ == "__main__":
    main()
