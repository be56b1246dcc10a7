"""Export speed and size: `python -m bench.bench_export`.

Targets (reference ~50 ms): the sample map to PNG at scale 2 in under 2 s; a 10,000-node outline,
fully expanded, to a complete PNG (every row drawn) in under 10 s with peak memory under 1.5 GB,
at the largest scale that fits the pixel cap; SVG and PDF of it, complete, in under 10 s.
One node with 10,000 children to PNG at the default scale in under 10 s (it was quadratic in
the children: 1,000 took 3.8 s, 4,000 over 100 s); its SVG too.
Each export runs as `mindmap export` in its own process, Python start included.
`python -m bench.bench_export fan` runs the fan's cases only.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from bench.generate import generate_fan, generate_outline
from bench.timing import reference_ms

ROOT = Path(__file__).parents[1]


def run_export(source: Path, out: Path, *options: str) -> tuple[float, float, str]:
    """Seconds, peak megabytes and the command's message for one `mindmap export`."""
    command = [sys.executable, "-m", "mindmap", "export", str(source), "-o", str(out), *options]
    timed = ["/usr/bin/time", "-f", "%M", *command]
    start = time.perf_counter()
    done = subprocess.run(timed, capture_output=True, text=True, check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    return seconds, peak_mb, done.stdout.strip()


def median_export(source: Path, out: Path, repeats: int) -> tuple[float, float, str]:
    """`run_export`'s figures, the median seconds of `repeats` runs and the largest peak."""
    runs = [run_export(source, out) for _ in range(repeats)]
    seconds = statistics.median(run[0] for run in runs)
    return seconds, max(run[1] for run in runs), runs[-1][2]


def drawn_rows(png: Path) -> tuple[int, int]:
    """(height, last row that is not all background), read straight from the PNG's data."""
    data = png.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    channels = {2: 3, 6: 4}[data[25]]
    stride = width * channels + 1
    inflate = zlib.decompressobj()
    position, pending, row, last = 8, b"", 0, -1
    background = None
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            pending += inflate.decompress(data[position + 8 : position + 8 + length])
            while len(pending) >= stride:
                line, pending = pending[1:stride], pending[stride:]
                background = background or line[:channels] * width
                if line != background:
                    last = row
                row += 1
        position += length + 12
    return height, last


def main() -> None:
    """Every case; with the argument `fan`, only the fan's."""
    print(f"reference: libyaml composes 10,000 nodes in {reference_ms():.1f} ms (targets: ~50 ms)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        if sys.argv[1:] == ["fan"]:
            fan_cases(out)
            return
        seconds, peak, message = run_export(
            ROOT / "outline.yaml", out / "sample.png", "--scale", "2"
        )
        print(f"sample → PNG at scale 2: {seconds:.2f} s, peak {peak:.0f} MB ({message})")
        big = out / "big.yaml"
        big.write_text(generate_outline(10_000), encoding="utf-8")
        seconds, peak, message = run_export(big, out / "big.png", "--expand-all")
        height, last = drawn_rows(out / "big.png")
        print(f"10,000 nodes → PNG: {seconds:.2f} s, peak {peak:.0f} MB ({message})")
        print(f"  rows: {height:,}; last row with something drawn: {last:,}")
        for suffix in ("svg", "pdf"):
            seconds, peak, message = run_export(big, out / f"big.{suffix}", "--expand-all")
            size_mb = (out / f"big.{suffix}").stat().st_size / 1e6
            name = suffix.upper()
            print(f"10,000 nodes → {name}: {seconds:.2f} s, peak {peak:.0f} MB, {size_mb:.1f} MB")
        fan_cases(out)


def fan_cases(out: Path, repeats: int = 3) -> None:
    """One node with many children, to PNG at the default scale, and the biggest to SVG."""
    for children in (1_000, 2_000, 10_000):
        fan = out / f"fan{children}.yaml"
        fan.write_text(generate_fan(children), encoding="utf-8")
        seconds, peak, message = median_export(fan, out / "fan.png", repeats)
        print(f"one node, {children:,} children → PNG: median {seconds:.2f} s, peak {peak:.0f} MB")
        print(f"  ({message})")
    seconds, peak, _ = median_export(fan, out / "fan.svg", repeats)
    size_mb = (out / "fan.svg").stat().st_size / 1e6
    print(f"one node, 10,000 children → SVG: median {seconds:.2f} s, peak {peak:.0f} MB", end="")
    print(f", {size_mb:.1f} MB")


if __name__ == "__main__":
    main()
