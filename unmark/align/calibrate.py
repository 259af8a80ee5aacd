"""Calibrated row confidence: the probability that an aligned row is right.

The aligner's own figure (:meth:`unmark.align.sentence._Scorer.confidences`) says how well
length and lexical evidence agree inside one bead; on its own it flags many right rows
(short headings with no shared figures: 第八十届会议 ↔ Eightieth session scored 0.35).
Here each bead of a pairwise alignment gets a logistic model's probability from a few
features of the bead and of its neighbours (a row between two sure rows is rarely
wrong; misalignments come in runs). The coefficients and the flag threshold are data
(``resources/align/calibration.json``), fitted by ``bench/bench_align_flags.py --fit``
on the development sets and checked there per set (precision and recall of the flags).
"""
from __future__ import annotations

import functools
import json
import math
import re
from typing import Sequence

import numpy as np
import regex

from ..errors import ResourceError
from ..labels import rule as label_rule
from .repair import cognate_vectors, sparse_row
from .repair import cosine as _cos
from .repair import end_class as _end_class

FEATURES = (
    "bias", "raw", "raw_prev", "raw_next", "raw_min_nb", "skip", "one_one", "many", "short", "len_dev",
    "num_agree", "num_missing", "num_conflict", "num_one_side", "digit_gap", "nb_skip", "nb_many", "paragraph", "raw_paragraph",
    "post", "lpost", "post_min_nb", "lpost_paragraph", "skip_text", "absorb",
    "lab_mismatch", "lab_glued", "end_mismatch", "nb_glue", "skip_lab_nb", "boundary", "lboundary",
    "lab_nb", "xmatch", "xmatch_dict", "xmatch_cognate", "sent_absorb",
)
# a paragraph/heading/item label at the start of a unit (12. / (a) / IV. / 三、 / 1．), and a
# paragraph number inside a unit after a short prefix (a heading glued to its paragraph): the
# label grammar's (resources/core/labels.toml)
_LEAD = label_rule("align.lead")
_MID = label_rule("align.inner_number")
_NUM = re.compile(r"\d+(?:[.,]\d+)*")
# where a sentence ends inside a unit: a stop before a capital, or a Chinese/Japanese full stop before
# more text (a stop before a digit is an abbreviation: "No. 199", "para. 12")
_SENT_END = regex.compile(r"[.!?…]\s+(?=[\p{Lu}\p{Lt}«“\"(])|[。！？](?=\s*\S)")

Bead = tuple[list[int], list[int], float]


@functools.lru_cache(maxsize=1)
def model() -> dict:
    """The shipped calibration (validated at load: ResourceError E602 when it does not fit)."""
    from ..resources import resources_dir

    path = resources_dir() / "align" / "calibration.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read {path}: {exc}", code="E601", path=str(path)) from exc
    def good(w) -> bool:
        return isinstance(w, dict) and set(w) == set(FEATURES) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in w.values())

    levels = data.get("level_weights", {})
    thresholds = data.get("thresholds", {})
    if (not good(data.get("weights")) or not isinstance(levels, dict) or not all(good(w) for w in levels.values())
            or not isinstance(thresholds, dict)
            or not all(isinstance(t, (int, float)) and 0 < t < 1 for t in [data.get("threshold"), *thresholds.values()])):
        raise ResourceError(f"{path}: calibration needs weights for {', '.join(FEATURES)} (and per level, if any) "
                            "and thresholds in (0, 1)", code="E602", path=str(path))
    return data


def weights(level: str | None = None) -> dict[str, float]:
    """The shipped model's coefficients for an alignment level (its own when the calibration has
    them, else the default ones)."""
    m = model()
    return m.get("level_weights", {}).get(level) or m["weights"]


def threshold(level: str | None = None) -> float:
    """Rows whose calibrated confidence is below this are flagged (per alignment level when the
    calibration has one for it)."""
    m = model()
    return float(m.get("thresholds", {}).get(level, m["threshold"]))


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", m) for m in _NUM.findall(text)}


def _digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def _length(text: str) -> int:
    return len("".join(text.split()))


def _lead(text: str) -> str | None:
    from .anchors import label_value

    m = _LEAD.match(text)
    return label_value(m.group(0)) if m else None


def _mid_numbers(text: str) -> set[str]:
    return {str(int(m.group(1))) for m in _MID.finditer(text[:120])}


def _glue(s: Sequence[int], t: Sequence[int], src: Sequence[str], tgt: Sequence[str],
          lead_a: Sequence[str | None], lead_b: Sequence[str | None]) -> tuple[float, float, float]:
    """Signs that a heading or a neighbour's piece is glued into one side of a two-sided bead:
    the two sides' leading labels differ; a label that leads one side sits inside the other side's
    text; one side ends with punctuation and the other with a word."""
    la = {lead_a[i] for i in s} - {None}
    lb = {lead_b[j] for j in t} - {None}
    mismatch = float(bool(la) and bool(lb) and la != lb)
    first_a, first_b = lead_a[s[0]], lead_b[t[0]]
    glued = 0.0
    if first_a and first_a.isdigit() and first_b != first_a and first_a in _mid_numbers(tgt[t[0]]):
        glued = 1.0
    if first_b and first_b.isdigit() and first_a != first_b and first_b in _mid_numbers(src[s[0]]):
        glued = 1.0
    ea, eb = _end_class(src[s[-1]]), _end_class(tgt[t[-1]])
    end = float({ea, eb} == {"L", "P"})
    return mismatch, glued, end


def _lpost(p: float) -> float:
    return max(math.log10(max(p, 1e-12)), -6.0) / 6.0


def _absorb(beads: Sequence[Bead], la: Sequence[int], lb: Sequence[int], ratio: float) -> list[float]:
    """Per bead: how much better the lengths of a two-sided bead fit when a neighbouring skip joins
    it (for a skip: when it joins its best neighbour). A heading kept apart in one version and glued
    to its paragraph in the other shows as a skip beside a row whose other side is too long."""
    n = len(beads)
    out = [0.0] * n

    def dev(a: float, b: float) -> float:
        return abs(math.log((b + 1.0) / (a + 1.0)) - math.log(ratio))

    for k, (s, t, _) in enumerate(beads):
        if s and t:
            continue
        ua = sum(la[i] for i in s)
        ub = sum(lb[j] for j in t)
        for q in (k - 1, k + 1):
            if not 0 <= q < n or not beads[q][0] or not beads[q][1]:
                continue
            a = sum(la[i] for i in beads[q][0])
            b = sum(lb[j] for j in beads[q][1])
            gain = max(0.0, dev(a, b) - dev(a + ua, b + ub))
            out[q] = max(out[q], gain)
            out[k] = max(out[k], gain)
    return [min(g, 3.0) for g in out]


def _unit_labels(texts: Sequence[str], leads: Sequence[str | None]) -> list[set[str]]:
    """Per unit: the label it starts with and the paragraph numbers glued inside its start."""
    return [({lead} - {None}) | _mid_numbers(t) for t, lead in zip(texts, leads)]


def _label_nb(beads: Sequence[Bead], lab_a: Sequence[set[str]], lab_b: Sequence[set[str]]) -> list[float]:
    """Per bead: a label carried by one of its units is missing from its other side but leads the
    neighbouring row's other side (a split label ``三.`` | ``提议`` ↔ ``III. Proposals``, a paragraph
    number kept in the row before): both rows are marked."""
    n = len(beads)
    out = [0.0] * n
    side_a = [set().union(*(lab_a[i] for i in s)) for s, _, _ in beads]
    side_b = [set().union(*(lab_b[j] for j in t)) for _, t, _ in beads]
    for k in range(n):
        own_a, own_b = side_a[k] - side_b[k], side_b[k] - side_a[k]
        for q in (k - 1, k + 1):
            if not 0 <= q < n:
                continue
            if (own_a and own_a & (side_b[q] - side_a[q])) or (own_b and own_b & (side_a[q] - side_b[q])):
                out[k] = out[q] = 1.0
    return out


def _rows_of(X) -> list[dict[int, float]]:
    """The rows of a :class:`unmark.align.sentence.Sparse` matrix as {slot: weight}."""
    return [sparse_row(X, r) for r in range(len(X))]


def _add(rows: Sequence[dict[int, float]], ids: Sequence[int]) -> dict[int, float]:
    out: dict[int, float] = {}
    for i in ids:
        for k, w in rows[i].items():
            out[k] = out.get(k, 0.0) + w
    return out


def _cross_match(beads: Sequence[Bead], va: Sequence[dict[int, float]], vb: Sequence[dict[int, float]]) -> list[float]:
    """Per bead: how much better one of its units matches the neighbouring row's other side than its
    own row's other side (shared figures, names, symbols; dictionary words for zh-en): a unit the
    aligner put one row off. Both rows are marked (the neighbour lacks what this row holds)."""
    n = len(beads)
    out = [0.0] * n
    if not any(va) or not any(vb):  # (a channel with no evidence in this pair)
        return out
    sa = [_add(va, s) for s, _, _ in beads]
    sb = [_add(vb, t) for _, t, _ in beads]
    for k, (s, t, _) in enumerate(beads):
        for q in (k - 1, k + 1):
            if not 0 <= q < n:
                continue
            gain = 0.0
            if len(s) + len(t) > 1 or not (s and t):
                for i in s:
                    if beads[q][1]:
                        gain = max(gain, _cos(va[i], sb[q]) - (_cos(va[i], sb[k]) if t else 0.0))
                for j in t:
                    if beads[q][0]:
                        gain = max(gain, _cos(vb[j], sa[q]) - (_cos(vb[j], sa[k]) if s else 0.0))
            else:
                # a 1-1: does each side match the neighbour's other side better than its own partner
                own = _cos(va[s[0]], vb[t[0]])
                if beads[q][1]:
                    gain = max(gain, _cos(va[s[0]], sb[q]) - own)
                if beads[q][0]:
                    gain = max(gain, _cos(vb[t[0]], sa[q]) - own)
            if gain > 0.0:
                out[k] = max(out[k], gain)
                out[q] = max(out[q], gain)
    return out


Keys = tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]


def _unit_vectors(src: Sequence[str], tgt: Sequence[str], keys: Keys | None = None,
                  langs: tuple[str | None, str | None] = (None, None)) -> list[tuple[list, list]]:
    """Per evidence channel (anchors; dictionary words for zh-en when CC-CEDICT is installed, as the
    aligner scores them; cognates when both versions write in Latin letters), each unit's hashed,
    rarity-weighted vector. ``keys``: each unit's
    ``anchors.extract(text, punctuation=True)`` when the caller has them; ``langs``: the sides'
    language codes (None: identified from the text)."""
    from . import sentence

    A, B = sentence.anchor_vectors(src, tgt, keys=keys)
    out = [(_rows_of(A), _rows_of(B))]
    lex = sentence.dictionary_vectors(src, tgt, *langs) if src and tgt else None
    out.append((_rows_of(lex[0]), _rows_of(lex[1])) if lex is not None else ([{}] * len(src), [{}] * len(tgt)))
    cog = cognate_vectors(src, tgt)
    out.append((_rows_of(cog[0]), _rows_of(cog[1])) if cog is not None else ([{}] * len(src), [{}] * len(tgt)))
    return out


def _sentences(text: str) -> int:
    return 1 + len(_SENT_END.findall(text.strip()))


def _sentence_absorb(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str]) -> list[float]:
    """Per bead: a skip next to a two-sided row whose side in the skip's version has fewer sentences than
    the other side by just the skip's sentences (a paragraph split in one version, its second piece
    left apart): both rows are marked."""
    n = len(beads)
    out = [0.0] * n
    ns = ([_sentences(t) for t in src], [_sentences(t) for t in tgt])
    for k, (s, t, _) in enumerate(beads):
        if bool(s) == bool(t):
            continue
        x, mine = (0, s) if s else (1, t)
        c = sum(ns[x][i] for i in mine)
        for q in (k - 1, k + 1):
            if not 0 <= q < n or not beads[q][0] or not beads[q][1]:
                continue
            have = sum(ns[x][i] for i in beads[q][x])
            other = sum(ns[1 - x][j] for j in beads[q][1 - x])
            if other - have == c:
                out[k] = out[q] = 1.0
    return out


def features(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str], level: str = "paragraph",
             posterior: Sequence[float] | None = None, boundary: Sequence[float] | None = None, *,
             keys: Keys | None = None, langs: tuple[str | None, str | None] = (None, None)) -> np.ndarray:
    """One row of :data:`FEATURES` per bead (``src``/``tgt``: the unit texts the beads index;
    ``posterior`` and ``boundary``: the aligner's posterior probability of each bead and of its
    ends, from ``stats`` of :func:`unmark.align.sentence.align`; 1.0 for every bead when not given).
    ``keys``/``langs``: what the aligner already knows, to save finding it again (each unit's
    ``anchors.extract(text, punctuation=True)``; the sides' language codes, None: identified)."""
    n = len(beads)
    X = np.zeros((n, len(FEATURES)))
    post = [float(x) for x in posterior] if posterior is not None else [1.0] * n
    bound = [float(x) for x in boundary] if boundary is not None else [1.0] * n
    if len(post) != n or len(bound) != n:
        raise ValueError(f"{len(post)} posteriors and {len(bound)} boundaries for {n} beads")
    la = [_length(t) for t in src]
    lb = [_length(t) for t in tgt]
    ratio = (sum(lb) + 1.0) / (sum(la) + 1.0)
    raw = [float(c) for _, _, c in beads]
    is_skip = [not s or not t for s, t, _ in beads]
    is_many = [len(s) + len(t) > 2 for s, t, _ in beads]
    absorb = _absorb(beads, la, lb, ratio)
    par = float(level == "paragraph")
    lead_a = [_lead(x) for x in src]
    lead_b = [_lead(x) for x in tgt]
    glue = [_glue(s, t, src, tgt, lead_a, lead_b) if s and t else (0.0, 0.0, 0.0) for s, t, _ in beads]
    lab_nb = _label_nb(beads, _unit_labels(src, lead_a), _unit_labels(tgt, lead_b))
    xm = [_cross_match(beads, va, vb) for va, vb in _unit_vectors(src, tgt, keys, langs)]
    sent_absorb = _sentence_absorb(beads, src, tgt)
    for k, (s, t, c) in enumerate(beads):
        a = sum(la[i] for i in s)
        b = sum(lb[j] for j in t)
        prev = raw[k - 1] if k > 0 else 1.0
        nxt = raw[k + 1] if k + 1 < n else 1.0
        skip = not s or not t
        if skip:
            dev = 0.0
            agree, missing, conflict, one_side, digit_gap = 0.0, 0.0, 0.0, 0.0, 0.0
        else:
            dev = abs(math.log((b + 1.0) / (a + 1.0)) - math.log(ratio))
            na = set().union(*(_numbers(src[i]) for i in s))
            nb = set().union(*(_numbers(tgt[j]) for j in t))
            agree = len(na & nb) / len(na | nb) if na | nb else 0.0
            missing = 0.0 if na | nb else 1.0
            conflict = float(bool(na) and bool(nb) and not (na & nb))
            one_side = float(bool(na) != bool(nb))
            # share of digits on each side: a job number or a table of figures against running text
            da = sum(_digits(src[i]) for i in s) / max(1, a)
            db = sum(_digits(tgt[j]) for j in t) / max(1, b)
            digit_gap = abs(da - db)
        skip_text = 0.0
        if skip:
            # a skipped unit of running text (not a job number or a page label): rarely right
            units = [src[i] for i in s] + [tgt[j] for j in t]
            body = "".join(units)
            letters = sum(ch.isalpha() for ch in body)
            skip_text = float(letters >= 3 and _digits(body) < 0.2 * max(1, letters))
        nb = [q for q in (k - 1, k + 1) if 0 <= q < n]
        nb_glue = max((max(glue[q]) for q in nb), default=0.0)
        skip_lab_nb = 0.0
        if skip:
            mine = {lead_a[i] for i in s} | {lead_b[j] for j in t}
            mine.discard(None)
            for q in nb:
                qs, qt, _ = beads[q]
                other = ([lead_b[j] for j in qt] + [x for j in qt for x in _mid_numbers(tgt[j])]) if s else \
                    ([lead_a[i] for i in qs] + [x for i in qs for x in _mid_numbers(src[i])])
                if mine & set(other):
                    skip_lab_nb = 1.0
        p_prev = post[k - 1] if k > 0 else 1.0
        p_next = post[k + 1] if k + 1 < n else 1.0
        X[k] = (1.0, c, prev, nxt, min(prev, nxt), float(skip), float(len(s) == 1 and len(t) == 1),
                float(len(s) + len(t) > 2), 1.0 / (1.0 + min(a, b) / 20.0) if not skip else 0.0, min(dev, 3.0),
                agree, missing, conflict, one_side, digit_gap,
                float((k > 0 and is_skip[k - 1]) or (k + 1 < n and is_skip[k + 1])),
                float((k > 0 and is_many[k - 1]) or (k + 1 < n and is_many[k + 1])), par, c * par,
                post[k], _lpost(post[k]), min(p_prev, p_next), _lpost(post[k]) * par, skip_text, absorb[k],
                *glue[k], nb_glue, skip_lab_nb, bound[k], _lpost(bound[k]), lab_nb[k], min(xm[0][k], 1.0),
                min(xm[1][k], 1.0), min(xm[2][k], 1.0), sent_absorb[k])
    return X


def probabilities(X: np.ndarray, coefficients: dict[str, float] | None = None, level: str | None = None,
                  names: Sequence[str] | None = None) -> np.ndarray:
    """The model's probability per row of ``X`` (columns: ``names``, default :data:`FEATURES`)."""
    w = coefficients if coefficients is not None else weights(level)
    z = X @ np.array([w[f] for f in (names or FEATURES)])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def calibrate(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str], level: str = "paragraph",
              weights: dict[str, float] | None = None, posterior: Sequence[float] | None = None,
              boundary: Sequence[float] | None = None, *, keys: Keys | None = None,
              langs: tuple[str | None, str | None] = (None, None)) -> list[Bead]:
    """The beads with their confidence replaced by the calibrated probability (3 decimals).
    ``posterior``/``boundary``: the aligner's figures per bead (``stats`` of
    :func:`unmark.align.sentence.align`); ``keys``/``langs``: see :func:`features`."""
    if not beads:
        return []
    p = probabilities(features(beads, src, tgt, level, posterior, boundary, keys=keys, langs=langs), weights, level)
    return [(list(s), list(t), round(float(q), 3)) for (s, t, _), q in zip(beads, p)]


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50,
        sample_weight: np.ndarray | None = None, names: Sequence[str] | None = None) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (y = 1: the row is right; columns of
    ``X``: ``names``, default :data:`FEATURES`, the first one the bias)."""
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (sw * (p - y)) + reg * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {f: round(float(v), 5) for f, v in zip(names or FEATURES, w)}
