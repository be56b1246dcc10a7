"""Export as a user sees it: the image's size, background, branches, folds; SVG text; PDF pages."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPicture

from mindmap.cli import main as cli_main
from mindmap.core.layout import LayoutMode
from mindmap.core.outline import parse_outline
from mindmap.core.readers import load_any
from mindmap.core.viewstate import folds_to_level
from mindmap.ui import export as export_module
from mindmap.ui.export import _spaces_as_spaces, scene_for_export
from mindmap.ui.theme import LIGHT

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "outline.yaml"


@pytest.fixture
def sample_scene(qapp):
    outline = load_any(SAMPLE).outline
    return outline, scene_for_export(outline, set(), LayoutMode.MINDMAP, LIGHT)


def export(tmp_path: Path, name: str, *options: str) -> Path:
    out = tmp_path / name
    assert export_command([str(SAMPLE), "-o", str(out), *options]) == 0
    return out


def test_png_size_background_and_branches(tmp_path: Path, sample_scene) -> None:
    outline, scene = sample_scene
    image = QImage(str(export(tmp_path, "map.png", "--scale", "2")))
    rect = scene.content_rect().adjusted(-32, -32, 32, 32)
    assert (image.width(), image.height()) == (round(rect.width() * 2), round(rect.height() * 2))
    background = LIGHT.background.rgb()
    w, h = image.width() - 1, image.height() - 1
    assert {image.pixel(x, y) for x, y in ((0, 0), (w, 0), (0, h), (w, h))} == {background}
    for branch in outline.root.children:
        area = scene.nodes[branch.key].sceneBoundingRect().translated(-rect.topLeft())
        pixels = {
            image.pixel(round(x * 2), round(area.center().y() * 2))
            for x in range(int(area.left()) + 6, int(area.right()) - 6, 2)
        }
        assert pixels - {background}, branch.title


def test_png_transparent_corners(tmp_path: Path) -> None:
    image = QImage(str(export(tmp_path, "clear.png", "--scale", "1", "--transparent")))
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(image.width() - 1, image.height() - 1).alpha() == 0


def test_folded_branches_children_are_absent(tmp_path: Path, sample_scene) -> None:
    outline, full_scene = sample_scene
    folded = scene_for_export(outline, folds_to_level(outline, 1), LayoutMode.MINDMAP, LIGHT)
    assert set(folded.nodes) == {outline.root.key} | {c.key for c in outline.root.children}
    image = QImage(str(export(tmp_path, "level1.png", "--scale", "1", "--level", "1")))
    rect = folded.content_rect().adjusted(-32, -32, 32, 32)
    assert (image.width(), image.height()) == (round(rect.width()), round(rect.height()))
    assert image.height() < full_scene.content_rect().height() / 2


def test_svg_has_every_visible_title_as_text(tmp_path: Path, sample_scene) -> None:
    _, scene = sample_scene
    tree = ET.parse(export(tmp_path, "map.svg"))
    texts = {"".join(e.itertext()).strip() for e in tree.iter() if e.tag.endswith("text")}
    lines = {line for item in scene.nodes.values() for line in item.block.lines}
    assert len(lines) > 72
    assert lines <= texts


def test_pdf_has_one_page_of_the_maps_aspect(tmp_path: Path, sample_scene) -> None:
    _, scene = sample_scene
    data = export(tmp_path, "map.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    (box,) = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    aspect = float(box[0]) / float(box[1])
    rect = scene.content_rect().adjusted(-32, -32, 32, 32)
    assert aspect == pytest.approx(rect.width() / rect.height(), rel=0.01)
    # Text is text, and its spaces are spaces (Qt maps DejaVu's space glyph to a tab).
    tables = re.findall(rb"beginbfrange(.*?)endbfrange", data, re.DOTALL)
    assert tables
    assert all(b"<0009>" not in table for table in tables)


@pytest.mark.parametrize(
    ("outline_text", "out_name", "expected"),
    [
        (
            "Root:\n  - [a]\n",
            "x.png",
            "{src}:2:5: a node must be a string or a mapping, got a list",
        ),
        ("Root:\n  - a\n", "x.gif", "{out}: unknown format '.gif'; use .png, .svg or .pdf"),
        (
            "Root:\n  - a\n",
            "missing/x.png",
            "{out}: cannot write the file: No such file or directory",
        ),
    ],
    ids=["broken outline", "unknown format", "unwritable path"],
)
def test_export_errors_are_one_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    outline_text: str,
    out_name: str,
    expected: str,
) -> None:
    src = tmp_path / "o.yaml"
    src.write_text(outline_text, encoding="utf-8")
    out = tmp_path / out_name
    assert export_command([str(src), "-o", str(out)]) == 1
    assert capsys.readouterr().err == expected.format(src=src, out=out) + "\n"
    assert not out.exists()


def test_failed_export_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    src = tmp_path / "o.yaml"
    src.write_text("Root:\n  - 'unclosed\n", encoding="utf-8")
    out = tmp_path / "keep.png"
    out.write_bytes(b"my old picture")
    assert export_command([str(src), "-o", str(out)]) == 1
    assert out.read_bytes() == b"my old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.png", "o.yaml"]


def test_export_runs_headless_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "cli.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "mindmap", "export", str(SAMPLE), "-o", str(out), "--scale", "1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{out}: ")
    assert QImage(str(out)).width() > 1000


def test_with_annotations_writes_their_text_and_markers_show_always(tmp_path: Path) -> None:
    src = tmp_path / "o.yaml"
    src.write_text("Root:\n  - Defence:\n      - BrahMos\n", encoding="utf-8")
    (tmp_path / "o.notes.yaml").write_text(
        "annotations:\n  - key: Root/Defence/BrahMos\n    title: BrahMos\n"
        "    text: Brahmaputra plus Moskva\n    mark: important\n",
        encoding="utf-8",
    )
    plain, noted = tmp_path / "plain.svg", tmp_path / "noted.svg"
    assert export_command([str(src), "-o", str(plain)]) == 0
    assert export_command([str(src), "-o", str(noted), "--with-annotations"]) == 0
    assert "Brahmaputra" not in plain.read_text(encoding="utf-8")
    assert "✎ Brahmaputra plus Moskva" in noted.read_text(encoding="utf-8")
    marker = "#d93025"  # the 'important' mark, drawn in both
    assert marker in plain.read_text(encoding="utf-8")


def test_output_that_is_the_outline_itself_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "notes.svg"  # an outline with an image's name
    src.write_text("Root:\n  - a\n", encoding="utf-8")
    assert export_command([str(src), "-o", str(src)]) == 1
    assert capsys.readouterr().err == f"{src}: that is the outline itself; choose another name\n"
    assert src.read_text(encoding="utf-8") == "Root:\n  - a\n"


def test_output_that_is_the_outlines_annotations_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, notes = tmp_path / "notes.svg", tmp_path / "notes.notes.svg"
    src.write_text("Root:\n  - a\n", encoding="utf-8")
    notes.write_text("annotations: []\n", encoding="utf-8")
    assert export_command([str(src), "-o", str(notes)]) == 1
    told = f"{notes}: that is the outline's annotations file; choose another name\n"
    assert capsys.readouterr().err == told
    assert notes.read_text(encoding="utf-8") == "annotations: []\n"


def test_map_too_large_for_the_pixel_cap_is_scaled_down_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "MAX_PIXELS", 3_000_000)  # the sample needs ~13 M at 2
    out = export(tmp_path, "capped.png")
    printed = capsys.readouterr()
    used = float(re.search(r"at scale ([0-9.]+)", printed.out).group(1))
    assert 0.5 < used < 2
    assert printed.err == (
        "mindmap export: warning: the map is too large for one image at scale 2; "
        f"exported at scale {used:.3g} instead\n"
    )
    image = QImage(str(out))
    assert image.width() * image.height() <= 3_000_000
    assert image.width() * image.height() > 2_900_000  # the largest that fits, not smaller


def test_map_too_large_to_be_readable_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "MAX_PIXELS", 200_000)  # only scale ~0.25 would fit
    out = tmp_path / "huge.png"
    out.write_bytes(b"an older picture")
    assert export_command([str(SAMPLE), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{out}: the map is too large for one readable image")
    assert out.read_bytes() == b"an older picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.png"]


def test_pdf_page_too_large_for_readers_is_scaled_to_fit_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "MAX_PDF_POINTS", 1_000)  # the sample is ~4,000 pt wide
    data = export(tmp_path, "map.pdf").read_bytes()
    (box,) = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert max(float(box[0]), float(box[1])) == pytest.approx(1_000, abs=1)
    assert "too large for one PDF page at scale 2; written at scale" in capsys.readouterr().err


def test_pdf_text_tables_change_only_unicode_values_never_glyph_codes() -> None:
    tables = (
        b"beginbfrange\n<0009> <0018> [<0061> <0009> <0062>]\n<0020> <0020> <0009>\nendbfrange\n"
        b"beginbfchar\n<0009> <0009>\nendbfchar"
    )
    assert _spaces_as_spaces(b"%PDF " + tables) == b"%PDF " + (
        b"beginbfrange\n<0009> <0018> [<0061> <0020> <0062>]\n<0020> <0020> <0020>\nendbfrange\n"
        b"beginbfchar\n<0009> <0020>\nendbfchar"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM handler to run")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_export_killed_midway_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    source, out = tmp_path / "big.yaml", tmp_path / "big.png"
    branches = [f"  - Branch {b} of a big map:\n" for b in range(100)]
    leaves = [f"      - Leaf {n} with a title of several words\n" for n in range(100)]
    source.write_text("Root:\n" + "".join(b + "".join(leaves) for b in branches), encoding="utf-8")
    command = [sys.executable, "-m", "mindmap", "export", str(source), "-o", str(out)]
    export = subprocess.Popen([*command, "--expand-all"], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".big.png.*")):  # the PNG is being written
        assert export.poll() is None
        assert time.monotonic() < deadline
        time.sleep(0.02)
    export.send_signal(getattr(signal, name))
    assert export.wait(timeout=60) == -getattr(signal, name)
    export.stderr.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_stale_temporaries_of_the_target_are_swept_by_the_next_export(tmp_path: Path) -> None:
    stale, live = tmp_path / ".map.png.k3x_9q0a", tmp_path / ".map.png.w81mzz2b"
    other = tmp_path / ".other.png.k3x_9q0a"  # another target's: not ours to judge
    for path in (stale, live, other):
        path.write_bytes(b"half a picture")
    hour_ago = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (hour_ago, hour_ago))
    export(tmp_path, "map.png", "--scale", "1")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, other.name, "map.png"]


def recorded_bytes_of_bands(children: int) -> int:
    """How much painting a fan of `children` leaves recorded, drawn in bands as a PNG is."""
    text = "Root:\n  - A big fan:\n" + "".join(f"      - Child {n}\n" for n in range(children))
    outline = parse_outline(text, "fan.yaml").outline
    scene = scene_for_export(outline, set(), LayoutMode.MINDMAP, LIGHT)
    source, band = scene.content_rect(), 2000.0
    recorded, top = 0, source.top()
    while top < source.bottom():
        picture = QPicture()
        painter = QPainter(picture)
        band_source = QRectF(source.left(), top, source.width(), band)
        scene.render(painter, QRectF(0, 0, source.width(), band), band_source)
        painter.end()
        recorded += picture.size()
        top += band
    return recorded


def test_png_bands_draw_a_big_fan_in_near_linear_work(qapp) -> None:
    small, large = recorded_bytes_of_bands(1_000), recorded_bytes_of_bands(4_000)
    assert large < 5 * small  # 16 times as much when each band drew every curve of the fan


def test_a_big_fan_drawn_in_bands_looks_as_drawn_whole(qapp) -> None:
    text = "Root:\n  - A big fan:\n" + "".join(f"      - Child {n}\n" for n in range(200))
    scene = scene_for_export(
        parse_outline(text, "fan.yaml").outline, set(), LayoutMode.MINDMAP, LIGHT
    )
    size = scene.content_rect().toAlignedRect().size()
    source = QRectF(scene.content_rect().topLeft(), size.toSizeF())
    whole, banded = (QImage(size, QImage.Format.Format_RGB32) for _ in range(2))
    for image in (whole, banded):
        image.fill(LIGHT.background)
    painter = QPainter(whole)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(whole.rect()), source)
    painter.end()
    for top in range(0, size.height(), 700):
        band = QImage(size.width(), 700, QImage.Format.Format_RGB32)
        band.fill(LIGHT.background)
        painter = QPainter(band)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        part = QRectF(source.left(), source.top() + top, source.width(), 700)
        scene.render(painter, QRectF(band.rect()), part)
        painter.end()
        painter = QPainter(banded)
        painter.drawImage(0, top, band)
        painter.end()
    old, new = (bytes(image.constBits()) for image in (whole, banded))
    differing = sum(abs(p - q) > 64 for p, q in zip(old, new, strict=True) if p != q)
    assert differing < 0.001 * len(old)  # antialiasing, here and there


def export_command(args: list[str]) -> int:
    """`mindmap export ARGS`, in this process."""
    return cli_main(["export", *args])
