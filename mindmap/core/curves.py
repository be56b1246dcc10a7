"""The S-curves that join a parent to its children, and the parts of them inside a band.

A parent with thousands of children fans out thousands of curves, most of them far longer than
one band of an exported image is high; drawn whole for every band they cross, they made a PNG
export quadratic in the children. Cut to the band, and near the parent, where they run almost
on top of each other, merged when they would cover the same pixels, a band draws as much as it
shows. Plain numbers throughout: a big map has tens of thousands of curves.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

Point = tuple[float, float]
Curve = tuple[Point, Point]  # start, end: leaves and reaches them horizontally
Cubic = tuple[Point, Point, Point, Point]  # a Bézier's four control points


def s_curve(curve: Curve) -> Cubic:
    """The control points of the S-curve from `start` to `end`."""
    (sx, sy), (ex, ey) = curve
    middle = (sx + ex) / 2
    return (sx, sy), (middle, sy), (middle, ey), (ex, ey)


def _t_at(curve: Curve, y: float) -> float:
    """The parameter where the curve is at height `y`, clamped to its ends: an S-curve's height
    is start + rise * (3t² - 2t³), which rises steadily, so it has one answer."""
    (_, sy), (_, ey) = curve
    share = min(1.0, max(0.0, (y - sy) / (ey - sy)))
    return 0.5 - math.sin(math.asin(1.0 - 2.0 * share) / 3.0)


def _part(cubic: Cubic, a: float, b: float) -> Cubic:
    """The piece of `cubic` between parameters a < b (de Casteljau, split twice)."""
    p0, p1, p2, p3 = cubic
    if b < 1.0:  # keep [0, b]
        p0, p1, p2, p3 = _left(p0, p1, p2, p3, b)
        a /= b
    if a > 0.0:  # keep [a, 1] of that: the right half is the left half of the reversed curve
        p3, p2, p1, p0 = _left(p3, p2, p1, p0, 1.0 - a)
    return p0, p1, p2, p3


def _left(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Cubic:
    def mix(p: Point, q: Point) -> Point:
        return p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t

    q0, q1, q2 = mix(p0, p1), mix(p1, p2), mix(p2, p3)
    r0, r1 = mix(q0, q1), mix(q1, q2)
    return p0, q0, r0, mix(r0, r1)


def _x_at(curve: Curve, y: float) -> float:
    """Where the curve is across at height `y`: x = start + run * (t³ + 1.5t(1 - t))."""
    (sx, _), (ex, _) = curve
    t = _t_at(curve, y)
    return sx + (ex - sx) * (t * t * t + 1.5 * t * (1.0 - t))


def _piece(curve: Curve, top: float, bottom: float) -> Cubic:
    """The part of `curve` between heights `top` and `bottom`."""
    cubic = s_curve(curve)
    if curve[0][1] == curve[1][1]:
        return cubic
    a, b = sorted((_t_at(curve, top), _t_at(curve, bottom)))
    if b == 0.0:  # it only touches the band at its start (and nothing is drawn of it)
        return cubic[0], cubic[0], cubic[0], cubic[0]
    return _part(cubic, a, b) if a > 0.0 or b < 1.0 else cubic


@dataclass(slots=True)
class Band:
    """What of a fan to draw in a band: pieces to stroke, and areas between two pieces to fill
    (the strokes of the curves that run between them cover all of it)."""

    strokes: list[Cubic] = field(default_factory=list)
    fills: list[tuple[Cubic, Cubic]] = field(default_factory=list)


class Fan:
    """The curves from one start to many ends, ordered by the ends' heights."""

    def __init__(self, curves: list[Curve]) -> None:
        self.curves = sorted(curves, key=lambda curve: curve[1][1])
        self._ends = [curve[1][1] for curve in self.curves]

    def band(self, top: float, bottom: float, width: float, slice_height: float) -> Band:
        """What to draw between heights `top` and `bottom` with a pen `width` wide, worked
        out in slices at most `slice_height` high: a stroked piece is never longer.

        Curves that cross a whole slice and run within half a pen's width of their neighbours
        (at its top, middle and bottom) cover one area together, filled once and edged by the
        outermost two: near a big fan's parent, thousands of curves are one area. Slices
        overlap by a pen's width, so that their areas leave no seam where they meet.
        """
        band = Band()
        if not self.curves:
            return band
        low = top
        while low < bottom:
            high = min(bottom, low + slice_height)
            self._slice(band, low - width, high + width, width / 2)
            low = high
        return band

    def _slice(self, band: Band, top: float, bottom: float, gap: float) -> None:
        start_y = self.curves[0][0][1]
        first, last = bisect.bisect_left(self._ends, top), bisect.bisect_right(self._ends, bottom)
        if top <= start_y <= bottom:  # every curve leaves from here: no curve crosses
            ending, crossing = range(len(self.curves)), range(0)
        elif top > start_y:  # below the start: curves ending lower cross the slice
            ending, crossing = range(first, last), range(last, len(self.curves))
        else:  # above it: curves ending higher cross it
            ending, crossing = range(first, last), range(first)
        band.strokes.extend(_piece(self.curves[i], top, bottom) for i in ending)
        samples: dict[int, tuple[float, float, float]] = {}

        def at(index: int) -> tuple[float, float, float]:
            if index not in samples:
                curve = self.curves[index]
                middle = (top + bottom) / 2
                samples[index] = (_x_at(curve, top), _x_at(curve, middle), _x_at(curve, bottom))
            return samples[index]

        def touch(a: int, b: int) -> bool:
            return all(abs(p - q) <= gap for p, q in zip(at(a), at(b), strict=True))

        def runs(first: int, last: int) -> list[list[int]]:
            """Runs of touching neighbours among curves first..last: split until each part's
            outermost two touch (all between do, as the curves are ordered), then joined."""
            if first == last or touch(first, last):
                return [[first, last]]
            middle = (first + last) // 2
            left, right = runs(first, middle), runs(middle + 1, last)
            if touch(left[-1][1], right[0][0]):
                left[-1][1] = right.pop(0)[1]
            return left + right

        if not crossing:
            return
        for first_index, last_index in runs(crossing[0], crossing[-1]):
            outer = _piece(self.curves[first_index], top, bottom)
            band.strokes.append(outer)
            if last_index != first_index:
                inner = _piece(self.curves[last_index], top, bottom)
                band.strokes.append(inner)
                band.fills.append((outer, inner))
