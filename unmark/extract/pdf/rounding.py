"""``round(x, 1)`` and ``round(x, 2)`` without formatting: the same float, at a fraction of the cost.

CPython's ``round(x, n)`` formats ``x`` as a decimal string and parses it back (correct, and
slow: the layout step rounds every coordinate of every line). Here ``q = x * 10**n`` is rounded to
the nearest integer ``r`` and ``r / 10**n`` returned: the division is correctly rounded, so the
result is the float nearest to the decimal ``r / 10**n``, which is what ``round`` returns
whenever ``r`` is its decimal rounding too. That holds unless ``x * 10**n`` lies within the
multiplication's error of a half (where ``round`` rounds half to even on the exact value), so
values within 1e-6 of a half, huge values and non-finite ones go to ``round`` itself; a zero
keeps the sign of ``x`` (``round(-0.001, 2) == -0.0``). tests/pdf/test_pdf_rounding.py compares
both on a million values, float32 coordinates and ties among them.
"""
from __future__ import annotations

from math import copysign as _copysign
from math import floor as _floor


def _rounder(digits: int):
    scale = 10.0 ** digits   # exact: 10.0 and 100.0

    def rounded(x: float) -> float:
        q = x * scale
        if -1e9 < q < 1e9:
            r = _floor(q + 0.5)
            f = q - r
            if -0.499999 < f < 0.499999:
                return r / scale if r else _copysign(0.0, x)
        return round(x, digits)

    rounded.__name__ = rounded.__qualname__ = f"round{digits}"
    rounded.__doc__ = f"``round(x, {digits})``."
    return rounded


round1 = _rounder(1)
round2 = _rounder(2)
