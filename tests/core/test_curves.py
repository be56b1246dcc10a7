"""A fan's edges worked out in bands: the pieces lie on their curves, and nothing is lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mindmap.core.curves import Fan, s_curve


def point_at(cubic, t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = cubic
    u = 1 - t
    a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
    return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3


def on_curve(piece, curves) -> bool:
    """Whether the points of `piece` (sampled) are points of one of `curves`: at each point's
    height, found by bisection (a curve's height rises steadily), the curve is where it is."""

    def x_at(cubic, y: float) -> float:
        low, high = 0.0, 1.0
        rising = cubic[3][1] >= cubic[0][1]
        for _ in range(60):
            middle = (low + high) / 2
            if (point_at(cubic, middle)[1] < y) == rising:
                low = middle
            else:
                high = middle
        return point_at(cubic, low)[0]

    points = [point_at(piece, i / 8) for i in range(9)]
    return any(
        all(abs(x_at(s_curve(curve), y) - x) < 0.01 for x, y in points)
        for curve in curves
        if curve[1][1] != curve[0][1]
    )


@settings(deadline=None)
@given(
    ends=st.lists(
        st.floats(-3000, 3000).filter(lambda y: abs(y) >= 1), min_size=1, max_size=40, unique=True
    ),
    top=st.floats(-3500, 3500),
    height=st.floats(1, 2000),
)
def test_every_stroked_piece_lies_on_a_curve_of_the_fan(ends, top, height) -> None:
    curves = [((0.0, 0.0), (60.0, end)) for end in ends]
    band = Fan(curves).band(top, top + height, 1.3, 300)
    crossing = [c for c in curves if min(0, c[1][1]) < top - 1.3 and max(0, c[1][1]) > top + 1.3]
    assert all(on_curve(piece, curves) for piece in band.strokes[:12])
    assert len(band.strokes) + len(band.fills) >= (1 if crossing else 0)


def test_a_dense_fan_is_filled_once_per_slice_and_a_sparse_one_stroked_curve_by_curve() -> None:
    dense = Fan([((0.0, 0.0), (60.0, 20.0 * n)) for n in range(1, 10_001)])
    band = dense.band(50_000, 50_300, 1.3, 300)
    assert len(band.fills) == 1  # a few hundred curves pass here: one area
    assert len(band.strokes) <= 40
    sparse = Fan([((0.0, 0.0), (600.0, 300.0 * n)) for n in range(1, 11)])
    assert len(sparse.band(100, 200, 1.3, 300).strokes) == 10
    assert sparse.band(100, 200, 1.3, 300).fills == []


@pytest.mark.parametrize("height", [0.5, 299.0, 3000.0])
def test_slices_are_never_higher_than_asked(height: float) -> None:
    fan = Fan([((0.0, 0.0), (60.0, 5000.0))])
    pieces = fan.band(1000, 1000 + height, 1.3, 100).strokes
    assert all(abs(p[3][1] - p[0][1]) <= 100 + 2 * 1.3 + 1e-6 for p in pieces)
    assert len(pieces) == max(1, -(-int(height * 1000) // 100_000))
