"""Which links the app hands to the desktop without asking.

An outline or annotation can link to any scheme, and the desktop runs whatever program claims
it (javascript:, smb:, a custom handler); only web and mail addresses are safe to open unasked.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")  # RFC 3986, at the very start


def is_safe_to_open(url: str) -> bool:
    """True for an http, https or mailto URL. Anything else, including a relative or
    scheme-relative URL (it may resolve to a local file), is for the user to confirm."""
    match = _SCHEME.match(url)
    return match is not None and match.group(1).lower() in SAFE_SCHEMES
