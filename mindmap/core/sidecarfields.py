"""Reading the sidecar's raw YAML fields, each error at its FILE:LINE:COL (for `sidecar.py` and
`schedulefile.py`, which read the annotations and the study schedule of one file)."""

from __future__ import annotations

from mindmap.core.problems import FileProblemError, Problem
from mindmap.core.yamlraw import COLUMN, KIND, LINE, MAP, SCALAR, SEQ, VALUE, Raw, describe


class SidecarError(FileProblemError):
    """The sidecar cannot be read; it must not be overwritten."""


def error(raw: Raw, path: str, message: str) -> SidecarError:
    return SidecarError([Problem(path, raw[LINE], raw[COLUMN], message)])


def mapping(raw: Raw, path: str, what: str) -> dict[str, Raw]:
    """A mapping's fields; a field given twice is an error, as it is unclear which one counts."""
    if raw[KIND] != MAP:
        raise error(raw, path, f"{what} must be a mapping, got {describe(raw)}")
    fields: dict[str, Raw] = {}
    first: dict[str, Raw] = {}
    for key, value in raw[VALUE]:
        name = scalar(key, path, "a key")
        if name in fields:
            message = (
                f"'{name}' appears twice in this mapping (first at line {first[name][LINE]}); "
            )
            raise error(key, path, message + "keep one")
        fields[name], first[name] = value, key
    return fields


def entries(raw: Raw | None, path: str, what: str) -> list[Raw]:
    """The items of a top-level list such as `annotations:` (absent: none)."""
    if raw is None:
        return []
    if raw[KIND] != SEQ:
        raise error(raw, path, f"{what} must be a list, got {describe(raw)}")
    items: list[Raw] = raw[VALUE]
    return items


def plain(raw: Raw, path: str) -> object:
    """What the app does not model, as plain texts, lists and mappings, to be written back."""
    if raw[KIND] == SCALAR:
        return raw[VALUE]
    if raw[KIND] == SEQ:
        return [plain(item, path) for item in raw[VALUE]]
    return {name: plain(value, path) for name, value in mapping(raw, path, "").items()}


def scalar(raw: Raw, path: str, what: str) -> str:
    if raw[KIND] != SCALAR:
        raise error(raw, path, f"{what} must be text, got {describe(raw)}")
    text: str = raw[VALUE]
    return text
