"""The core stays pure: nothing in mindmap/core imports Qt, directly or through another module."""

import pkgutil
import subprocess
import sys

import mindmap.core


def test_core_never_imports_qt() -> None:
    modules = [f"mindmap.core.{info.name}" for info in pkgutil.iter_modules(mindmap.core.__path__)]
    assert "mindmap.core.outline" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
