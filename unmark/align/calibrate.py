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

from ..errors import ResourceError

FEATURES = (
    "bias", "raw", "raw_prev", "raw_next", "raw_min_nb", "skip", "one_one", "many", "short", "len_dev",
    "num_agree", "num_missing", "num_conflict", "num_one_side", "digit_gap", "nb_skip", "nb_many", "paragraph", "raw_paragraph",
)
_NUM = re.compile(r"\d+(?:[.,]\d+)*")

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
    w = data.get("weights")
    if (not isinstance(w, dict) or set(w) != set(FEATURES) or not all(isinstance(v, (int, float)) for v in w.values())
            or not isinstance(data.get("threshold"), (int, float)) or not 0 < data["threshold"] < 1):
        raise ResourceError(f"{path}: calibration needs weights for {', '.join(FEATURES)} and a threshold in (0, 1)",
                            code="E602", path=str(path))
    return data


def threshold(level: str | None = None) -> float:
    """Rows whose calibrated confidence is below this are flagged (per alignment level when the
    calibration has one for it)."""
    m = model()
    return float(m.get("thresholds", {}).get(level, m["threshold"]))


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", m) for m in _NUM.findall(text)}


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _length(text: str) -> int:
    return len("".join(text.split()))


def features(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str], level: str = "paragraph") -> np.ndarray:
    """One row of :data:`FEATURES` per bead (``src``/``tgt``: the unit texts the beads index)."""
    n = len(beads)
    X = np.zeros((n, len(FEATURES)))
    la = [_length(t) for t in src]
    lb = [_length(t) for t in tgt]
    ratio = (sum(lb) + 1.0) / (sum(la) + 1.0)
    raw = [float(c) for _, _, c in beads]
    is_skip = [not s or not t for s, t, _ in beads]
    is_many = [len(s) + len(t) > 2 for s, t, _ in beads]
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
        X[k] = (1.0, c, prev, nxt, min(prev, nxt), float(skip), float(len(s) == 1 and len(t) == 1),
                float(len(s) + len(t) > 2), 1.0 / (1.0 + min(a, b) / 20.0) if not skip else 0.0, min(dev, 3.0),
                agree, missing, conflict, one_side, digit_gap,
                float((k > 0 and is_skip[k - 1]) or (k + 1 < n and is_skip[k + 1])),
                float((k > 0 and is_many[k - 1]) or (k + 1 < n and is_many[k + 1])), float(level == "paragraph"), c * float(level == "paragraph"))
    return X


def probabilities(X: np.ndarray, weights: dict[str, float] | None = None) -> np.ndarray:
    w = weights if weights is not None else model()["weights"]
    z = X @ np.array([w[f] for f in FEATURES])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def calibrate(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str], level: str = "paragraph",
              weights: dict[str, float] | None = None) -> list[Bead]:
    """The beads with their confidence replaced by the calibrated probability (3 decimals)."""
    if not beads:
        return []
    p = probabilities(features(beads, src, tgt, level), weights)
    return [(list(s), list(t), round(float(q), 3)) for (s, t, _), q in zip(beads, p)]


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50,
        sample_weight: np.ndarray | None = None) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (y = 1: the row is right)."""
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
    return {f: round(float(v), 5) for f, v in zip(FEATURES, w)}
