"""The study schedule's part of the sidecar: `schedule:` (one entry per card) and `reviews:`
(the log of every grade). Read strictly: a card the scheduler could not trust (a wrong type, an
unknown state, a review in the future) is an error at its line, and the file is left alone."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from mindmap.core.sidecarfields import entries, error, mapping, plain, scalar
from mindmap.core.study import STATES, Card, Grade, Review, Schedule, stamp
from mindmap.core.yamlraw import Raw

# Two machines syncing one sidecar may disagree on the time a little; a review dated later
# than this is a mistake (or a clock set wrong), not a moment worth scheduling from.
CLOCK_SKEW = timedelta(days=1)
_CARD_FIELDS = (
    "key",
    "title",
    "fingerprint",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
)
_REVIEW_FIELDS = ("key", "grade", "reviewed")


def parse_schedule(
    cards: Raw | None, reviews: Raw | None, path: str, now: datetime | None = None
) -> Schedule:
    """The schedule from the `schedule:` and `reviews:` sections (either may be absent)."""
    latest = (now or datetime.now(UTC)) + CLOCK_SKEW
    schedule = Schedule()
    for raw in entries(cards, path, "schedule"):
        card = _card(raw, path, latest)
        if card.key in schedule.cards:
            raise error(raw, path, f"the key '{card.key}' has two cards in the schedule")
        schedule.cards[card.key] = card
    for raw in entries(reviews, path, "reviews"):
        review = _review(raw, path, latest)
        if review.log_key in schedule.reviews:
            raise error(raw, path, "this review is logged twice")
        schedule.reviews[review.log_key] = review
    return schedule


def _card(raw: Raw, path: str, latest: datetime) -> Card:
    fields = mapping(raw, path, "a card")
    for needed in ("key", "state", "due"):
        if needed not in fields:
            raise error(raw, path, f"a card needs a '{needed}'")
    state = scalar(fields["state"], path, "state")
    if state not in STATES:
        known = ", ".join(STATES)
        raise error(fields["state"], path, f"the state '{state}' is not known; expected {known}")
    text = {name: scalar(fields[name], path, name) for name in _CARD_FIELDS[:3] if name in fields}
    return Card(
        key=text["key"],
        title=text.get("title", ""),
        fingerprint=text.get("fingerprint", ""),
        state=state,
        step=_step(fields["step"], path) if "step" in fields else None,
        stability=_number(fields, "stability", path),
        difficulty=_number(fields, "difficulty", path),
        due=_moment(fields["due"], path, "due"),
        last_review=_past(fields, "last_review", path, latest),
        extra=tuple((n, plain(v, path)) for n, v in fields.items() if n not in _CARD_FIELDS),
    )


def _review(raw: Raw, path: str, latest: datetime) -> Review:
    fields = mapping(raw, path, "a review")
    for needed in _REVIEW_FIELDS:
        if needed not in fields:
            raise error(raw, path, f"a review needs a '{needed}'")
    grade = scalar(fields["grade"], path, "grade")
    known = next((g for g in Grade if g.value == grade), None)
    if known is None:
        names = ", ".join(g.value for g in Grade)
        raise error(fields["grade"], path, f"the grade '{grade}' is not known; expected {names}")
    reviewed = _past(fields, "reviewed", path, latest)
    assert reviewed is not None  # a needed field
    return Review(
        key=scalar(fields["key"], path, "key"),
        grade=known,
        reviewed=reviewed,
        extra=tuple((n, plain(v, path)) for n, v in fields.items() if n not in _REVIEW_FIELDS),
    )


def _step(raw: Raw, path: str) -> int:
    text = scalar(raw, path, "step")
    if not text.isdigit():
        raise error(raw, path, f"step must be a whole number, got '{text}'")
    return int(text)


def _number(fields: dict[str, Raw], name: str, path: str) -> float | None:
    if name not in fields:
        return None
    text = scalar(fields[name], path, name)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise error(fields[name], path, f"{name} must be a positive number, got '{text}'")
    return value


def _moment(raw: Raw, path: str, name: str) -> datetime:
    text = scalar(raw, path, name)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        message = f"{name} must be a date and time with its zone, such as {stamp(_EXAMPLE)}"
        raise error(raw, path, f"{message}; got '{text}'")
    return moment


def _past(fields: dict[str, Raw], name: str, path: str, latest: datetime) -> datetime | None:
    """A moment that has happened: one in the future could only hold back the schedule."""
    if name not in fields:
        return None
    moment = _moment(fields[name], path, name)
    if moment > latest:
        raise error(fields[name], path, f"{name} is in the future: {stamp(moment)}")
    return moment


_EXAMPLE = datetime(2026, 1, 31, 9, 30, tzinfo=UTC)


def card_entry(card: Card) -> dict[str, object]:
    """A card as the sidecar writes it (what is unknown to FSRS yet is left out)."""
    entry: dict[str, object] = {
        "key": card.key,
        "title": card.title,
        "fingerprint": card.fingerprint,
        "state": card.state,
    }
    optional = {"step": card.step, "stability": card.stability, "difficulty": card.difficulty}
    entry.update((name, value) for name, value in optional.items() if value is not None)
    entry["due"] = stamp(card.due)
    if card.last_review is not None:
        entry["last_review"] = stamp(card.last_review)
    entry.update(card.extra)
    return entry


def review_entry(review: Review) -> dict[str, object]:
    entry: dict[str, object] = {
        "key": review.key,
        "grade": review.grade.value,
        "reviewed": stamp(review.reviewed),
    }
    entry.update(review.extra)
    return entry
