"""Band-limited monotone alignment by dynamic programming, vectorised per row.

Cell ``(i, j)`` means "the first ``i`` source units and the first ``j`` target units
are aligned". A bead ``(di, dj)`` moves from ``(i - di, j - dj)`` to ``(i, j)``.
Row ``i`` only holds the columns ``lo[i] <= j < hi[i]`` (the band). Each row is
computed with numpy over the band: every bead with ``di > 0`` reads finished rows;
the 0-1 bead (target unit left unaligned) reads the same row and is folded in with a
max-plus prefix scan, so no Python loop runs over columns.

The caller gives a ``score(i, js, di, dj)`` function returning the (higher is
better) score of bead ``(di, dj)`` ending at ``(i, js)`` for a vector ``js``.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..errors import AlignmentError

ScoreFn = Callable[[int, np.ndarray, int, int], np.ndarray]

NEG = -1e30


def diagonal_band(n: int, m: int, width: int, centre: Sequence[float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Band rows ``[lo, hi)`` of half-width ``width`` around ``centre`` (default: the
    straight diagonal), monotone and always containing ``(0, 0)`` and ``(n, m)``."""
    if centre is None:
        centre = np.arange(n + 1) * (m / n if n else 0.0)
    c = np.asarray(centre, dtype=float)
    lo = np.clip(np.floor(c - width), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(c + width) + 1, 1, m + 1).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone non-decreasing from the end
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[-1] = m + 1
    lo = np.maximum.accumulate(lo)
    hi = np.maximum(hi, lo + 1)
    return lo, hi


def run(n: int, m: int, beads: Sequence[tuple[int, int]], score: ScoreFn,
        lo: np.ndarray, hi: np.ndarray) -> tuple[list[tuple[int, int]], float, bool]:
    """Best path as a list of beads from (0, 0) to (n, m); its total score; and
    whether the path touched the band edge (a wider band might do better)."""
    if (0, 0) in beads:
        raise AlignmentError("bead (0, 0) is not allowed", code="E302")
    fwd = [b for b in beads if b[0] > 0]
    has_ins = (0, 1) in beads
    D: list[np.ndarray] = []
    B: list[np.ndarray] = []
    for i in range(n + 1):
        a, b = int(lo[i]), int(hi[i])
        js = np.arange(a, b)
        best = np.full(b - a, NEG)
        bp = np.full(b - a, -1, dtype=np.int8)
        if i == 0:
            best[js == 0] = 0.0
        for k, (di, dj) in enumerate(fwd):
            r = i - di
            if r < 0:
                continue
            pa, pb = int(lo[r]), int(hi[r])
            prev = js - dj
            ok = (prev >= pa) & (prev < pb)
            if not ok.any():
                continue
            idx = np.nonzero(ok)[0]
            vals = D[r][prev[idx] - pa] + score(i, js[idx], di, dj)
            cur = best[idx]
            better = vals > cur
            if better.any():
                sel = idx[better]
                best[sel] = vals[better]
                bp[sel] = k
        if has_ins and b - a > 1:
            ins = np.zeros(b - a)
            ins[1:] = score(i, js[1:], 0, 1)
            C = np.cumsum(ins)
            tmp = best - C
            runmax = np.maximum.accumulate(tmp)
            newv = C + runmax
            took = runmax > tmp + 1e-12
            best = np.where(took, newv, best)
            bp[took] = len(fwd)
        D.append(best)
        B.append(bp)
    if n < 0 or D[n].size == 0 or not (lo[n] <= m < hi[n]) or D[n][m - lo[n]] <= NEG / 2:
        raise AlignmentError("no alignment path inside the band", code="E303")
    total = float(D[n][m - lo[n]])
    path: list[tuple[int, int]] = []
    i, j = n, m
    edge = False
    all_beads = list(fwd) + [(0, 1)]
    while i > 0 or j > 0:
        k = int(B[i][j - lo[i]])
        if k < 0:
            raise AlignmentError(f"broken back-pointer at ({i}, {j})", code="E303")
        di, dj = all_beads[k]
        if (j - lo[i] < 2 and lo[i] > 0) or (hi[i] - 1 - j < 2 and hi[i] <= m):
            edge = True
        path.append((di, dj))
        i, j = i - di, j - dj
    path.reverse()
    return path, total, edge


def path_to_beads(path: Sequence[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Beads as lists of 0-based source and target indices."""
    out = []
    i = j = 0
    for di, dj in path:
        out.append((list(range(i, i + di)), list(range(j, j + dj))))
        i += di
        j += dj
    return out
