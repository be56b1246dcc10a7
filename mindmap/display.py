"""Is there a screen to show a window on? Asked before Qt starts, because Qt's answer, when there
is none, is an abort (exit 134) with a message about libxcb-cursor0 that sends users astray."""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import Mapping

_HEADLESS = "`mindmap check` and `mindmap export` work without one"
_X_DISPLAY = re.compile(r"^(?P<host>[^:/]*)(?:/unix)?:(?P<number>\d+)(?:\.\d+)?$")
_X_PORT = 6000  # display N listens on TCP port 6000 + N


def display_problem(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """One line saying why no window can open, or None when there is a display or Qt decides.

    Only on Linux and the BSDs (macOS and Windows always have their own platform), only when
    no platform is named (QT_QPA_PLATFORM: offscreen, vnc… need no display) and no Wayland
    session is announced; an X display is tried with a plain connect, as Xlib would."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        no_session = "the map needs a graphical session (no DISPLAY or WAYLAND_DISPLAY)"
        return f"mindmap: {no_session}; {_HEADLESS}"
    match = _X_DISPLAY.match(display)
    if match is None or _x_server_answers(match["host"], int(match["number"])):
        return None
    return f"mindmap: cannot reach the X display DISPLAY={display}; {_HEADLESS}"


def _x_server_answers(host: str, number: int) -> bool:
    """Whether something listens where Xlib would connect for display `host:number`."""
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        return any(_connects(socket.AF_UNIX, address) for address in (path, f"\0{path}"))
    try:
        with socket.create_connection((host, _X_PORT + number), timeout=2):
            return True
    except OSError:
        return False


def _connects(family: int, address: str) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        try:
            probe.connect(address)
        except OSError:
            return False
    return True
