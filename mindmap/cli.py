"""The command line: open a map (the default), `check` outlines, `export` a map to an image,
`convert` an outline, say what to `study` today."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from mindmap import __version__
from mindmap.core.layout import LayoutMode
from mindmap.core.outline import OutlineError
from mindmap.core.readers import load_any
from mindmap.core.sidecar import SidecarError, load_sidecar, own_file, sidecar_path
from mindmap.core.study import Planner, today
from mindmap.core.viewstate import folds_to_level, initial_folds
from mindmap.core.writers import ConvertError, convert
from mindmap.display import display_problem

EXIT_OK, EXIT_ERRORS = 0, 1  # and 2, from argparse, for bad usage
MIN_SCALE, MAX_SCALE = 0.1, 8.0  # of an export; 1 is the map at 100 %
_EPILOG = """commands:
  mindmap [FILE]                 open FILE as a mind map (default: ./outline.yaml, else the sample)
  mindmap check FILE...          validate outlines; print FILE:LINE:COL for each problem
  mindmap export FILE -o OUT     write the map as PNG, SVG or PDF, or an Anki deck (.apkg)
  mindmap install-desktop        add mindmap to the desktop's applications (--uninstall: remove)
  mindmap convert FILE -o OUT    write the outline as YAML, Markdown, OPML or a FreeMind map
  mindmap study FILE             print what is due for study today, per main branch
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. No traceback reaches the user."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "check":
            status = _check(_check_parser().parse_args(args[1:]))
            sys.stdout.flush()  # here, where a reader that has gone away is dealt with
            return status
        if args and args[0] == "install-desktop":
            return _install_desktop(_install_desktop_parser().parse_args(args[1:]))
        if args and args[0] == "export":
            return _export(_export_parser().parse_args(args[1:]))
        if args and args[0] == "convert":
            return _convert(_convert_parser().parse_args(args[1:]))
        if args and args[0] == "study":
            return _study(_study_parser().parse_args(args[1:]))
        return _open(_open_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mindmap check … | head`: the reader has gone, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap",
        description="Show a YAML outline of revision notes as a mind map.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path, help="the outline to open")
    parser.add_argument("--version", action="version", version=f"mindmap {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap check",
        description="Validate outline files. Exit status: 0 valid, 1 errors, 2 bad usage.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="outlines to check")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap export",
        description="Write the map of an outline as PNG, SVG or PDF (by OUT's extension), "
        "or an Anki deck of its branches (.apkg: the other options do not apply), "
        "without opening a window. Exit status: 0 written, 1 failed, 2 bad usage.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the outline")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    parser.add_argument(
        "--scale",
        type=float,
        default=2.0,
        help=f"{MIN_SCALE:g} to {MAX_SCALE:g}; 1 is the map at 100 %% (default 2)",
    )
    folding = parser.add_mutually_exclusive_group()
    folding.add_argument("--expand-all", action="store_true", help="unfold every branch")
    folding.add_argument("--level", type=int, metavar="N", help="show levels 1 to N only")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--layout", choices=[m.value for m in LayoutMode], default="mindmap")
    parser.add_argument("--transparent", action="store_true", help="PNG: no background")
    parser.add_argument(
        "--with-annotations",
        action="store_true",
        help="write your annotations' text under their nodes (their markers show always)",
    )
    return parser


def _convert_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap convert",
        description="Write an outline in another format, by OUT's extension: .yaml, .md, "
        ".opml or .mm. What OUT cannot hold is listed as warnings. "
        "Exit status: 0 written, 1 failed, 2 bad usage.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the outline, in any format")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    return parser


def _study_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap study",
        description="Print what is due for study today in an outline, per main branch, and how "
        "many new cards may start (from its sidecar's schedule), without opening a window. "
        "Exit status: 0 printed, 1 failed, 2 bad usage.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the outline, in any format")
    parser.add_argument("--new-per-day", type=int, default=Planner.new_per_day, metavar="N")
    return parser


def _install_desktop_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap install-desktop",
        description="Add mindmap's launcher and icon to the desktop's applications "
        "($XDG_DATA_HOME, else ~/.local/share), starting this installation.",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove them again")
    return parser


def _install_desktop(options: argparse.Namespace) -> int:
    from mindmap import desktop

    home = desktop.data_home()
    try:
        done = desktop.uninstall(home) if options.uninstall else desktop.install(home)
    except OSError as error:
        print(f"mindmap: {error}", file=sys.stderr)
        return EXIT_ERRORS
    verb = "removed" if options.uninstall else "wrote"
    for path in done:
        print(f"{verb} {path}")
    if not done:
        print(f"nothing to remove under {home}")
    return EXIT_OK


def default_outline_path() -> Path | None:
    """`./outline.yaml` when there is one, else None: the sample map shipped with the app, opened
    from the user's copy once Qt can say where the user's data folder is."""
    local = Path("outline.yaml")
    return local if local.is_file() else None


def _open(options: argparse.Namespace) -> int:
    problem = display_problem(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_ERRORS
    from mindmap.ui.app import run_app

    return run_app(options.file or default_outline_path())


def _check(options: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in options.files:
        try:
            parsed = load_any(path)
        except OutlineError as error:
            for problem in error.problems:
                print(problem)
            noun = "error" if len(error.problems) == 1 else "errors"
            print(f"{path}: invalid, {len(error.problems)} {noun}")
            status = EXIT_ERRORS
            continue
        for warning in parsed.warnings:
            print(warning)
        outline = parsed.outline
        count = len(parsed.warnings)
        warned = f", {count} warning{'s' if count > 1 else ''}" if count else ""
        print(f"{path}: valid, {outline.node_count} nodes, depth {outline.depth}{warned}")
    return status


def _convert(options: argparse.Namespace) -> int:
    """`mindmap convert`: the reader's warnings and what the target cannot hold on stderr."""
    try:
        parsed = load_any(options.file)
        converted = convert(parsed.outline, options.output, replace=options.force)
    except OutlineError as error:
        print(error, file=sys.stderr)
        return EXIT_ERRORS
    except ConvertError as error:
        print(f"mindmap convert: {error}", file=sys.stderr)
        return EXIT_ERRORS
    for warning in [*parsed.warnings, *converted.warnings]:
        print(warning, file=sys.stderr)
    nodes = parsed.outline.node_count
    print(f"{options.output}: {nodes} nodes written as {converted.format}")
    return EXIT_OK


def _export_deck(options: argparse.Namespace) -> int:
    """`mindmap export FILE -o deck.apkg`: an Anki deck, with the annotations, no Qt at all."""
    from mindmap.core.ankideck import write_deck

    problem = own_file(options.output, options.file)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_ERRORS
    try:
        outline = load_any(options.file).outline
        count = write_deck(outline, load_sidecar(sidecar_path(options.file)), options.output)
    except (OutlineError, SidecarError) as error:
        print(error, file=sys.stderr)
        return EXIT_ERRORS
    except OSError as error:
        print(f"mindmap export: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"{options.output}: an Anki deck of {count} notes (one per node with children)")
    return EXIT_OK


def _study(options: argparse.Namespace) -> int:
    """`mindmap study`: the day's cards per main branch, from the sidecar's schedule (read only)."""
    if options.new_per_day < 0:
        print("mindmap study: --new-per-day must be 0 or more", file=sys.stderr)
        return 2
    try:
        outline = load_any(options.file).outline
        schedule = load_sidecar(sidecar_path(options.file)).schedule
    except (OutlineError, SidecarError) as error:
        print(error, file=sys.stderr)
        return EXIT_ERRORS
    plan = today(outline, schedule, Planner(new_per_day=options.new_per_day), datetime.now(UTC))
    if not plan.cards:
        print(f"{options.file}: nothing to study: no node has children")
        return EXIT_OK
    due_all, new_all = (sum(branch[n] for branch in plan.branches) for n in (1, 2))
    print(f"{options.file}: {due_all} due today, {new_all} new to start, of {plan.cards} cards")
    for key, due, new in plan.branches:
        counts = [f"{due} due"] * bool(due) + [f"{new} new"] * bool(new)
        print(f"  {outline.by_key[key].title}: {', '.join(counts)}")
    return EXIT_OK


def _export(options: argparse.Namespace) -> int:
    """`mindmap export`: headless, one line on error, exit 0 / 1 / 2."""
    if options.output.suffix.lower() == ".apkg":
        return _export_deck(options)
    if not MIN_SCALE <= options.scale <= MAX_SCALE:
        print(
            f"mindmap export: --scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}",
            file=sys.stderr,
        )
        return 2
    if options.level is not None and options.level < 1:
        print("mindmap export: --level must be 1 or more", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, whatever the session's display
    from mindmap.ui.app import make_application
    from mindmap.ui.export import (
        ExportError,
        ExportOptions,
        export_format,
        export_headless,
        refuse_own_files,
    )

    try:
        export_format(options.output)
        refuse_own_files(options.output, options.file)
        outline = load_any(options.file).outline
        if options.expand_all:
            folds: set[str] = set()
        elif options.level is not None:
            folds = folds_to_level(outline, options.level)
        else:
            folds = initial_folds(outline)
        make_application()
        result, warnings = export_headless(
            outline,
            options.file,
            options.output,
            folds=folds,
            mode=LayoutMode(options.layout),
            dark=options.theme == "dark",
            options=ExportOptions(options.scale, options.transparent),
            with_annotations=options.with_annotations,
        )
    except (OutlineError, ExportError) as error:
        print(error, file=sys.stderr)
        return EXIT_ERRORS
    for warning in warnings:
        print(f"mindmap export: warning: {warning}", file=sys.stderr)
    print(f"{result.path}: {result.width} × {result.height} px at scale {result.scale:.3g}")
    return EXIT_OK
