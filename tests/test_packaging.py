"""The wheel carries what an installed app needs: sample outline, icon, desktop entry."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_carries_resources_and_sample(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("mindmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "mindmap/resources/outline.yaml",
        "mindmap/resources/mindmap.svg",
        "mindmap/resources/mindmap.desktop",
        "mindmap/core/outline.py",
    } <= names
    sample = zipfile.ZipFile(wheel).read("mindmap/resources/outline.yaml")
    assert sample == (ROOT / "outline.yaml").read_bytes()
