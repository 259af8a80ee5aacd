"""unmark.extract.pdf.rounding gives exactly the float ``round`` gives."""
from __future__ import annotations

import math
import random
import struct

import pytest

from unmark.extract.pdf.rounding import round1, round2


def _values():
    rnd = random.Random(7)
    vals = [rnd.uniform(-1000, 1000) for _ in range(300_000)]
    vals += [rnd.uniform(-2, 2) for _ in range(200_000)]
    vals += [i / 1000 for i in range(-50_000, 50_000)]          # decimal grid: ties everywhere
    vals += [i / 200 for i in range(-50_000, 50_000)]
    vals += [k + 0.05 * j for k in range(-300, 300) for j in range(20)]
    vals += [0.125, 0.375, 2.675, -2.675, 1.005, 0.05, 0.15, 0.25, -0.0, 0.0, -0.004, -0.04,
             1e-300, -5e-324, 123456.785, 1e12 + 0.005, 841.89, 595.2756, 1e300]
    vals += [struct.unpack("f", struct.pack("f", v))[0] for v in vals[:300_000]]   # PDFium's floats
    return vals


VALUES = _values()


@pytest.mark.parametrize("fast, digits", [(round1, 1), (round2, 2)])
def test_same_float_as_round(fast, digits):
    bad = [v for v in VALUES if repr(fast(v)) != repr(round(v, digits))]
    assert not bad, bad[:5]


@pytest.mark.parametrize("fast, digits", [(round1, 1), (round2, 2)])
def test_non_finite_values_as_round(fast, digits):
    assert math.isnan(fast(float("nan")))
    assert fast(float("inf")) == round(float("inf"), digits)
    assert fast(float("-inf")) == round(float("-inf"), digits)
