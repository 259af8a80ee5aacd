"""Band-limited monotone alignment by dynamic programming.

Cell ``(i, j)`` means "the first ``i`` source units and the first ``j`` target units
are aligned". A bead ``(di, dj)`` moves from ``(i - di, j - dj)`` to ``(i, j)``.
Row ``i`` holds the columns ``j = lo[i] + k`` for ``0 <= k < W`` (the band), so the
whole table is one ``(n + 1) x W`` array. The caller precomputes, for every bead
shape, the score (higher is better) of that bead ending at every band cell
(:func:`band_columns` gives the column index array). Rows are then filled with
numpy slices: beads with ``di > 0`` read finished rows; the 0-1 bead (a target unit
left unaligned) reads the same row and is folded in with a max-plus prefix scan.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from ..errors import AlignmentError

NEG = -1e30


def band(n: int, m: int, width: int, centre: Sequence[float] | None = None) -> tuple[np.ndarray, int]:
    """Row offsets ``lo`` (monotone) and band width ``W`` around ``centre`` (default:
    the straight diagonal); the band always contains ``(0, 0)`` and ``(n, m)``."""
    if centre is None:
        centre = np.arange(n + 1) * (m / n if n else 0.0)
    c = np.asarray(centre, dtype=float)
    W = int(min(m + 1, 2 * width + 1))
    lo = np.clip(np.round(c - width), 0, m + 1 - W).astype(np.int64)
    lo = np.maximum.accumulate(lo)
    lo[0] = 0
    lo[-1] = m + 1 - W
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    return lo, W


def band_columns(lo: np.ndarray, W: int) -> np.ndarray:
    """``J[i, k] = lo[i] + k``: the target position of every band cell."""
    return lo[:, None] + np.arange(W)[None, :]


def run(n: int, m: int, scores: Mapping[tuple[int, int], np.ndarray], lo: np.ndarray,
        W: int) -> tuple[list[tuple[int, int]], float, bool]:
    """Best path (list of beads from (0, 0) to (n, m)), its score, and whether it ran
    along the band edge (a wider band might do better).

    ``scores[(di, dj)]`` is an ``(n + 1) x W`` array: the score of that bead ending
    at cell ``(i, lo[i] + k)``; invalid cells must hold ``NEG``.
    """
    if (0, 0) in scores:
        raise AlignmentError("bead (0, 0) is not allowed", code="E302")
    fwd = [b for b in scores if b[0] > 0]
    ins = scores.get((0, 1))
    nf = len(fwd)
    D = np.full((n + 1, W), NEG)
    B = np.full((n + 1, W), -1, dtype=np.int8)
    cand = np.empty((nf, W))
    step = np.zeros(W)
    for i in range(n + 1):
        if i == 0:
            best = D[0]
            if lo[0] == 0:
                best[0] = 0.0
            bp = B[0]
        else:
            cand.fill(NEG)
            for k, (di, dj) in enumerate(fwd):
                r = i - di
                if r < 0:
                    continue
                off = int(lo[i] - dj - lo[r])  # column k of row i is column k + off of row r
                a, b = max(0, -off), min(W, W - off)
                if a < b:
                    np.add(D[r, a + off: b + off], scores[(di, dj)][i, a:b], out=cand[k, a:b])
            arg = cand.argmax(axis=0)
            best = cand[arg, np.arange(W)]
            bp = np.where(best > NEG / 2, arg, -1).astype(np.int8)
        if ins is not None and W > 1:
            step[1:] = ins[i, 1:]
            C = np.cumsum(step)
            tmp = best - C
            runmax = np.maximum.accumulate(tmp)
            took = runmax > tmp + 1e-9
            best = np.where(took, C + runmax, best)
            bp = np.where(took, nf, bp)
        D[i] = best
        B[i] = bp
    k_end = m - int(lo[n])
    if not (0 <= k_end < W) or D[n, k_end] <= NEG / 2:
        raise AlignmentError("no alignment path inside the band", code="E303")
    total = float(D[n, k_end])
    all_beads = list(fwd) + [(0, 1)]
    path: list[tuple[int, int]] = []
    i, j = n, m
    edge = False
    while i > 0 or j > 0:
        k = j - int(lo[i])
        code = int(B[i, k])
        if code < 0:
            raise AlignmentError(f"broken back-pointer at ({i}, {j})", code="E303")
        if (k < 1 and lo[i] > 0) or (k >= W - 2 and lo[i] + W <= m):
            edge = True
        di, dj = all_beads[code]
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


def _logsumexp(a: np.ndarray) -> np.ndarray:
    """log(sum(exp(a), axis=0)) that keeps -inf for all -inf columns."""
    top = a.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.exp(a - safe).sum(axis=0))


def _scan_insertions(row: np.ndarray, gain: np.ndarray, reverse: bool) -> np.ndarray:
    """Fold the 0-1 bead into one row in log space: forward ``row[k] = logaddexp(row[k], row[k-1] +
    gain[k])`` (backward: ``row[k] = logaddexp(row[k], row[k+1] + gain[k+1])``), for the cells where
    ``gain`` is finite (a contiguous run from column 1), in closed form with a log-cumsum-exp."""
    kmax = int(np.isfinite(gain).sum())  # gain[1:kmax + 1] finite (gain[0] is never used)
    if kmax < 1:
        return row
    seg = row[: kmax + 1].copy()
    C = np.concatenate([[0.0], np.cumsum(gain[1: kmax + 1])])
    with np.errstate(invalid="ignore"):
        if not reverse:
            acc = np.logaddexp.accumulate(seg - C)
            seg = C + acc
        else:
            acc = np.logaddexp.accumulate((seg + C)[::-1])[::-1]
            seg = acc - C
    out = row.copy()
    out[: kmax + 1] = np.where(np.isnan(seg), -np.inf, seg)
    return out


def posteriors(n: int, m: int, scores: Mapping[tuple[int, int], np.ndarray], lo: np.ndarray, W: int,
               path: Sequence[tuple[int, int]], temperature: float = 1.0,
               boundaries: list | None = None) -> list[float]:
    """Posterior probability of every bead of ``path`` when every monotone band path from (0, 0) to
    (n, m) is weighted by ``exp(score / temperature)`` (forward-backward over the same tables as
    :func:`run`). Near 1: the scores leave no close alternative around that bead; low: other paths
    through that stretch (a merge instead of a skip, a shifted pairing) score about as well.
    ``boundaries``: a list that receives, per bead, the lower of the posteriors of its two ends
    (the probability that the paths pass through the cell where the bead starts, and where it ends)."""
    T = float(temperature)
    S = {b: np.where(v <= NEG / 2, -np.inf, v / T) for b, v in scores.items()}
    fwd = [b for b in S if b[0] > 0]
    ins = S.get((0, 1))
    J = band_columns(lo, W)
    # the 0-1 bead's gain per cell, -inf where it cannot end (column 0, beyond m)
    gains = None
    if ins is not None and W > 1:
        gains = np.where((J >= 1) & (J <= m), ins, -np.inf)
        gains[:, 0] = -np.inf
    F = np.full((n + 1, W), -np.inf)
    cand = np.empty((len(fwd), W))
    for i in range(n + 1):
        if i == 0:
            row = np.full(W, -np.inf)
            if lo[0] == 0:
                row[0] = 0.0
        else:
            cand.fill(-np.inf)
            for k, (di, dj) in enumerate(fwd):
                r = i - di
                if r < 0:
                    continue
                off = int(lo[i] - dj - lo[r])
                a, b = max(0, -off), min(W, W - off)
                if a < b:
                    cand[k, a:b] = F[r, a + off: b + off] + S[(di, dj)][i, a:b]
            row = _logsumexp(cand)
        if gains is not None:
            row = _scan_insertions(row, gains[i], False)
        F[i] = row
    k_end = m - int(lo[n])
    Z = F[n, k_end] if 0 <= k_end < W else -np.inf
    if not np.isfinite(Z):
        if boundaries is not None:
            boundaries.extend([0.0] * len(path))
        return [0.0] * len(path)
    Bk = np.full((n + 1, W), -np.inf)
    rows = np.empty((len(fwd) + 1, W))
    for i in range(n, -1, -1):
        rows.fill(-np.inf)
        if i == n:
            rows[0, k_end] = 0.0
        for k, (di, dj) in enumerate(fwd):
            r = i + di
            if r > n:
                continue
            off = int(lo[i] + dj - lo[r])  # column k of row i continues at column k + off of row r
            a, b = max(0, -off), min(W, W - off)
            if a < b:
                rows[k + 1, a:b] = S[(di, dj)][r, a + off: b + off] + Bk[r, a + off: b + off]
        row = _logsumexp(rows)
        if gains is not None:
            row = _scan_insertions(row, gains[i], True)
        Bk[i] = row
    out = []
    i = j = 0
    for di, dj in path:
        i2, j2 = i + di, j + dj
        k1, k2 = j - int(lo[i]), j2 - int(lo[i2])
        v = F[i, k1] + S[(di, dj)][i2, k2] + Bk[i2, k2] - Z
        out.append(float(min(1.0, np.exp(v))) if np.isfinite(v) else 0.0)
        if boundaries is not None:
            ends = min(F[i, k1] + Bk[i, k1], F[i2, k2] + Bk[i2, k2]) - Z
            boundaries.append(float(min(1.0, np.exp(ends))) if np.isfinite(ends) else 0.0)
        i, j = i2, j2
    return out
