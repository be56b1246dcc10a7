"""The wheel carries what an installed app needs: sample outline, icon, desktop entry."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
OPEN_DEFAULT_MAP = """
from mindmap.assets import resource_path
from mindmap.cli import default_outline_path
from mindmap.ui.app import make_application
from mindmap.ui.controllers.sample import sample_outline
from mindmap.ui.window import MainWindow
app = make_application()
window = MainWindow()
assert default_outline_path() is None
window.open_file(sample_outline())
print(window.windowTitle(), len(window.scene.nodes), window.windowIcon().isNull())
print(resource_path("mindmap.svg"))
print(sample_outline())
from mindmap.assets import format_description_path
print(format_description_path())
"""


def test_installed_wheel_opens_the_sample_map_with_its_icon(tmp_path: Path) -> None:
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("mindmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "mindmap/resources/outline.yaml",
        "mindmap/resources/mindmap.svg",
        "mindmap/resources/mindmap.desktop",
        "mindmap/resources/outline-format.md",
        "mindmap/resources/icons/zoom-in.svg",
    } <= names
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "-t", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # the user's settings stay untouched
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # and so does the user's copy of the sample
    result = subprocess.run(
        [sys.executable, "-c", OPEN_DEFAULT_MAP],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    title, icon_path, sample_path, format_path = result.stdout.splitlines()
    assert Path(format_path).is_relative_to(target)
    assert title == "Sample: India–Russia Relations — Mindmap 72 False"
    assert Path(icon_path).is_relative_to(target)
    assert Path(sample_path).is_relative_to(tmp_path / "data")
