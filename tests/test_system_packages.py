"""README's package line is the full list a bare Debian or Ubuntu needs to open the window: every
library that Qt's xcb platform plugin loads comes from a package README names, from one those
depend on, or from the base system (what `debootstrap --variant=minbase` installs)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6 import QtCore

ROOT = Path(__file__).parents[1]
QT = Path(QtCore.__file__).parent / "Qt"
# The plugin that opens windows on X11, and the GL integrations it loads for them.
XCB_PLUGINS = [QT / "plugins/platforms/libqxcb.so", *QT.glob("plugins/xcbglintegrations/*.so")]


def readme_packages() -> list[str]:
    """The packages of README's `apt-get install` command (continued over `\\` line ends)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"apt-get install((?:[^\n`]*\\\n)*[^\n`]*)", text)
    assert match, "README has no apt-get install line"
    return [word for word in match[1].replace("\\", " ").split() if not word.startswith("-")]


def libraries_needed() -> tuple[set[Path], set[str]]:
    """The system's libraries that the xcb plugins load (Qt's own left out), and the missing."""
    found: set[Path] = set()
    missing: set[str] = set()
    for plugin in XCB_PLUGINS:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
        for line in out.stdout.splitlines():
            name, _, target = line.strip().partition(" => ")
            if target.startswith("not found"):
                missing.add(name)
            elif target.startswith("/") and QT not in Path(target.split(" (")[0]).parents:
                found.add(Path(target.split(" (")[0]))
    return found, missing


def owner(library: Path) -> str:
    """The package a library's file belongs to (merged /usr: tried under both spellings)."""
    real = library.resolve()
    spellings = {library, real, *(Path(str(p).removeprefix("/usr")) for p in (library, real))}
    spellings |= {Path("/usr" + str(p)) for p in spellings if not str(p).startswith("/usr/")}
    for path in spellings:
        out = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True, check=False)
        if out.returncode == 0:
            return out.stdout.split(":")[0].split(",")[0].strip()
    pytest.fail(f"{library} belongs to no installed package")


def installed() -> dict[str, tuple[bool, list[str]]]:
    """Each installed package: whether the base system has it, and what it depends on (of
    alternatives, the first one installed)."""
    fmt = "${Package}\t${Priority}\t${Essential}\t${Pre-Depends}, ${Depends}\t${Status}\n"
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", fmt], capture_output=True, text=True, check=True
    )
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    names = {row[0] for row in rows if row[4].endswith(" installed")}
    packages: dict[str, tuple[bool, list[str]]] = {}
    for name, priority, essential, depends, _status in rows:
        if name not in names:
            continue
        wanted = []
        for clause in filter(None, (c.strip() for c in depends.split(","))):
            choices = [re.split(r"[\s(:]", c.strip())[0] for c in clause.split("|")]
            wanted += [next((c for c in choices if c in names), choices[0])]
        base = priority == "required" or essential == "yes" or name == "apt"
        packages[name] = (base, wanted)
    return packages


def closure(start: set[str], packages: dict[str, tuple[bool, list[str]]]) -> set[str]:
    """`start` and everything it depends on, transitively."""
    seen, todo = set(), list(start)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += packages.get(name, (False, []))[1]
    return seen


@pytest.mark.skipif(
    shutil.which("ldd") is None or shutil.which("dpkg") is None,
    reason="needs ldd and dpkg: README's package line is for Debian and Ubuntu",
)
def test_readme_lists_every_package_qts_xcb_plugin_needs() -> None:
    found, missing = libraries_needed()
    assert not missing, f"not installed: {sorted(missing)} (README's packages missing here?)"
    packages = installed()
    base = {name for name, (is_base, _) in packages.items() if is_base}
    covered = closure(base | set(readme_packages()), packages)
    needed = {owner(library) for library in found}
    assert sorted(needed - covered) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="CI's script is a bash script")
def test_ci_installs_the_packages_readme_names() -> None:
    """CI reads the list from README: the lines of `.ci/run` that do it give README's list."""
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    reading = re.search(r"^readme_packages=.*?^packages=.*?$", script, re.M | re.S)
    assert reading, ".ci/run no longer reads README's packages"
    out = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", reading[0] + '\necho "$packages"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [*readme_packages(), "desktop-file-utils"]
