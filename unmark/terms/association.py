"""Association between source and target candidates over aligned segments, and competitive linking.

Counts are *segment* frequencies: f(s) = aligned pairs whose source side contains s, c(s,t) = pairs
containing both. Measures: Dice 2c/(f(s)+f(t)) and log-likelihood G2 (Dunning 1993). Competitive
linking (Melamed 2000) takes pairs best first and lets each source and each target candidate be
used once.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PairStats:
    src: np.ndarray      # source candidate id
    tgt: np.ndarray      # target candidate id
    cooc: np.ndarray     # c(s, t)
    f_src: np.ndarray    # f(s)
    f_tgt: np.ndarray    # f(t)
    n: float             # number of aligned pairs (their total weight when weighted)
    eff: np.ndarray | None = None  # c(s, t) with near-identical segment pairs counted once (weighted)


def cooccurrences(src_ids: Sequence[np.ndarray], tgt_ids: Sequence[np.ndarray], n_tgt: int,
                  f_src: np.ndarray, f_tgt: np.ndarray, min_cooc: int = 2,
                  weights: np.ndarray | None = None, weighted: bool = False) -> PairStats:
    """Count c(s,t) over segment pairs (each an array of distinct candidate ids per side).

    ``weights``: one weight per segment pair (:func:`unmark.terms.repeats.segment_weights`: a set
    of near-identical pairs weighs one pair); ``eff`` is then c(s,t) as a sum of weights, the
    evidence the pair really has. ``weighted``: c, f(s), f(t) and n themselves are sums of weights
    (``f_src``/``f_tgt`` are recounted). ``min_cooc`` applies to the plain count."""
    codes = []
    wts = []
    for i, (s, t) in enumerate(zip(src_ids, tgt_ids)):
        if len(s) and len(t):
            codes.append((s[:, None].astype(np.int64) * n_tgt + t[None, :]).ravel())
            if weights is not None:
                wts.append(np.full(len(s) * len(t), weights[i]))
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return PairStats(empty, empty, empty, empty, empty, len(src_ids))
    allc = np.concatenate(codes)
    uniq, inverse, counts = np.unique(allc, return_inverse=True, return_counts=True)
    keep = counts >= min_cooc
    s, t = uniq[keep] // n_tgt, uniq[keep] % n_tgt
    if weights is None:
        return PairStats(s, t, counts[keep], f_src[s], f_tgt[t], len(src_ids))
    wsum = np.bincount(inverse.ravel(), weights=np.concatenate(wts), minlength=len(uniq))[keep]
    if not weighted:
        return PairStats(s, t, counts[keep], f_src[s], f_tgt[t], len(src_ids), wsum)
    fw_s = _weighted_freq(src_ids, weights, len(f_src))
    fw_t = _weighted_freq(tgt_ids, weights, n_tgt)
    return PairStats(s, t, wsum, fw_s[s], fw_t[t], float(np.sum(weights)), wsum)


def _weighted_freq(ids: Sequence[np.ndarray], weights: np.ndarray, size: int) -> np.ndarray:
    """Per candidate: the summed weight of the segments containing it."""
    out = np.zeros(max(size, 1))
    for i, a in enumerate(ids):
        if len(a):
            out[a] += weights[i]
    return out


def evidence(st: PairStats) -> np.ndarray:
    """c(s, t) with near-identical segment pairs counted once (the plain count when unweighted)."""
    return st.eff if st.eff is not None else st.cooc


def dice(st: PairStats) -> np.ndarray:
    return 2.0 * st.cooc / (st.f_src + st.f_tgt)


def _xlogx(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)
    return r


def log_likelihood(st: PairStats) -> np.ndarray:
    n = float(st.n)
    a = st.cooc.astype(float)
    b = st.f_src - a
    c = st.f_tgt - a
    d = n - a - b - c
    r1, r2 = a + b, c + d
    c1, c2 = a + c, b + d
    g = _xlogx(a, r1 * c1 / n) + _xlogx(b, r1 * c2 / n) + _xlogx(c, r2 * c1 / n) + _xlogx(d, r2 * c2 / n)
    g = 2.0 * g
    return np.where(a * n > r1 * c1, g, -g)  # negative association gets a negative score


MEASURES: dict[str, Callable[[PairStats], np.ndarray]] = {
    "dice": dice,
    "llr": log_likelihood,
}


def competitive_linking(order: np.ndarray, src: np.ndarray, tgt: np.ndarray,
                        taken_src: set[int] | None = None, taken_tgt: set[int] | None = None,
                        allowed: Callable[[int, int], bool] | None = None) -> list[int]:
    """Indices (into the pair arrays) accepted, best first, one link per source and per target."""
    used_s = set(taken_src or ())
    used_t = set(taken_tgt or ())
    out: list[int] = []
    for k in order:
        s, t = int(src[k]), int(tgt[k])
        if s in used_s or t in used_t:
            continue
        if allowed is not None and not allowed(s, t):
            continue
        used_s.add(s)
        used_t.add(t)
        out.append(int(k))
    return out
