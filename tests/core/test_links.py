"""Which links open without asking: web and mail addresses only; anything else is confirmed."""

from __future__ import annotations

import pytest

from mindmap.core.links import is_safe_to_open


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://example.org/", True),
        ("https://example.org/page?q=1#top", True),
        ("HTTPS://EXAMPLE.ORG/", True),  # schemes are case-insensitive
        ("mailto:someone@example.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("smb://server/share", False),
        ("vscode://file/etc/passwd", False),  # a custom handler
        ("data:text/html,<script>alert(1)</script>", False),
        ("ftp://example.org/", False),
        ("httpx://example.org/", False),  # a prefix of a safe scheme is not that scheme
        ("http+unix://socket/", False),
        (" https://example.org/", False),  # not a scheme at the start: not what it looks like
        ("java\tscript:alert(1)", False),
        ("//example.org/path", False),  # scheme-relative: the scheme is whatever it resolves to
        ("notes/page.html", False),  # relative: may resolve to a local file
        ("https", False),
        ("", False),
    ],
)
def test_is_safe_to_open(url: str, safe: bool) -> None:
    assert is_safe_to_open(url) is safe
