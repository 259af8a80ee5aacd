"""Sentence alignment DP on synthetic data and hand-written UN-style zh/en sentences."""
from __future__ import annotations

import random

import numpy as np
import pytest

from unmark.align import align_sentences, format_beads
from unmark.align import dp
from unmark.align.sentence import BEADS, Params

from align_cases import EN_SENTENCES, GOLD, ZH_SENTENCES


def _synthetic(seed: int, n: int = 300):
    """Source 'sentences' of random length; target = each bead's source text length x3 (+noise),
    split into 1 or 2 target sentences or merged 2-1, with a few deletions; returns gold beads."""
    rng = random.Random(seed)
    src, tgt, gold = [], [], []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.12 and i + 1 < n:       # 2-1
            a, b = rng.randint(8, 60), rng.randint(8, 60)
            src += ["字" * a, "字" * b]
            tgt.append("x" * int(3 * (a + b) * rng.uniform(0.9, 1.1)))
            gold.append(([i, i + 1], [len(tgt) - 1]))
            i += 2
        elif r < 0.24:                    # 1-2
            a = rng.randint(20, 80)
            t = int(3 * a * rng.uniform(0.9, 1.1))
            k = rng.randint(t // 3, 2 * t // 3)
            src.append("字" * a)
            tgt += ["x" * k, "x" * (t - k)]
            gold.append(([i], [len(tgt) - 2, len(tgt) - 1]))
            i += 1
        else:                             # 1-1
            a = rng.randint(5, 90)
            src.append("字" * a)
            tgt.append("x" * int(3 * a * rng.uniform(0.9, 1.1)))
            gold.append(([i], [len(tgt) - 1]))
            i += 1
    return src, tgt, gold


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_length_model_recovers_synthetic_beads(seed):
    src, tgt, gold = _synthetic(seed)
    beads = align_sentences(src, tgt, "zh", "en")
    test = {(tuple(s), tuple(t)) for s, t, _ in beads}
    hits = sum((tuple(s), tuple(t)) in test for s, t in gold)
    assert hits / len(gold) >= 0.85


def test_beads_cover_every_sentence_once_in_order():
    src, tgt, _ = _synthetic(7, 120)
    beads = align_sentences(src, tgt)
    s_all = [x for s, _, _ in beads for x in s]
    t_all = [y for _, t, _ in beads for y in t]
    assert s_all == list(range(len(src)))
    assert t_all == list(range(len(tgt)))
    for s, t, c in beads:
        assert (len(s), len(t)) in BEADS
        assert 0.0 <= c <= 1.0


def test_handwritten_zh_en_un_sentences():
    beads = align_sentences(ZH_SENTENCES, EN_SENTENCES, "zh", "en")
    assert [(s, t) for s, t, _ in beads] == GOLD
    confs = [c for _, _, c in beads]
    assert min(confs) >= 0.4 and sum(confs) / len(confs) >= 0.7


def test_handwritten_zh_en_reversed_direction():
    beads = align_sentences(EN_SENTENCES, ZH_SENTENCES, "en", "zh")
    assert [(s, t) for s, t, _ in beads] == [(t, s) for s, t in GOLD]


def test_anchors_beat_length_when_lengths_mislead():
    # equal lengths everywhere: only the numbers tell which sentence goes where
    zh = ["第一段提到12,500名参与者。", "会议于2021年3月5日举行。", "预算为4,800,000美元。"]
    en = ["The first part mentions 12,500 participants.", "The meeting was held on 5 March 2021.",
          "An extra sentence with no counterpart at all here.", "The budget was $4,800,000."]
    beads = align_sentences(zh, en, "zh", "en")
    pairs = [(s, t) for s, t, _ in beads]
    assert ([0], [0]) in pairs and ([1], [1]) in pairs
    assert any(s == [2] and 3 in t for s, t in pairs)


def test_empty_sides():
    assert align_sentences([], ["a", "b"]) == [([], [0], 0.0), ([], [1], 0.0)]
    assert align_sentences(["a"], []) == [([0], [], 0.0)]


def test_format_beads_vecalign_style():
    assert format_beads([([0], [0, 1], 0.9), ([1], [], 0.0), ([], [2], 0.0)]) == "[0]:[0,1]\n[1]:[]\n[]:[2]\n"


def test_band_dp_matches_full_dp_on_small_problem():
    src, tgt, _ = _synthetic(11, 60)
    narrow = align_sentences(src, tgt, params=Params(band=8, band2=6))
    full = align_sentences(src, tgt, params=Params(band=10_000, band2=10_000))
    assert [(s, t) for s, t, _ in narrow] == [(s, t) for s, t, _ in full]


def test_dp_band_contains_corners():
    lo, W = dp.band(50, 70, 5)
    assert lo[0] == 0 and lo[-1] + W - 1 == 70
    assert np.all(np.diff(lo) >= 0)


def test_long_input_is_aligned_whole():
    """3,000 sentences a side go through the banded DP, every sentence in one bead, in order
    (how long it takes is measured in bench/bench_align_sentences.py, not here)."""
    src, tgt, _ = _synthetic(5, 3000)
    beads = align_sentences(src, tgt)
    assert [i for s, _, _ in beads for i in s] == list(range(len(src)))
    assert [j for _, t, _ in beads for j in t] == list(range(len(tgt)))


def test_null_correction_keeps_wide_beads_usable():
    """With 2-3/3-2 beads on, the shape correction keeps a clean 1-1 text 1-1."""
    from unmark.align.sentence import BEADS, EXTRA_BEADS, Params, align

    src = [f"第{i}条 会议于{i + 2000}年举行，共有{i * 3}个代表团。" for i in range(1, 40)]
    tgt = [f"Article {i}: the meeting was held in {i + 2000}, with {i * 3} delegations." for i in range(1, 40)]
    beads = align(src, tgt, "zh", "en", params=Params(null_correct=True), beads=BEADS + EXTRA_BEADS)
    assert [(s, t) for s, t, _ in beads] == [([i], [i]) for i in range(39)]


def _all_paths(n, m, scores, lo, W):
    """Every band path from (0, 0) to (n, m) with its score (brute force, tiny tables only)."""
    out = []

    def rec(i, j, acc, path):
        if (i, j) == (n, m):
            out.append((acc, tuple(path)))
            return
        for b in scores:
            i2, j2 = i + b[0], j + b[1]
            if i2 > n or j2 > m or not 0 <= j2 - lo[i2] < W:
                continue
            v = scores[b][i2, j2 - lo[i2]]
            if v > dp.NEG / 2:
                rec(i2, j2, acc + v, path + [(b, i, j, i2, j2)])

    rec(0, 0, 0.0, [])
    return out


@pytest.mark.parametrize("seed", range(12))
def test_posteriors_and_boundaries_match_brute_force(seed):
    """Forward-backward over the band gives every path bead its exact posterior (and each end's)."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    lo, W = dp.band(n, m, int(rng.integers(1, 4)))
    J = dp.band_columns(lo, W)
    scores = {}
    for b in ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)):
        valid = (J - b[1] >= 0) & (J <= m)
        valid[: b[0]] = False
        scores[b] = np.where(valid, rng.normal(size=(n + 1, W)) * 2, dp.NEG)
    path, _, _ = dp.run(n, m, scores, lo, W)
    paths = _all_paths(n, m, scores, lo, W)
    logz = np.logaddexp.reduce([a for a, _ in paths])
    assert [b for b, *_ in max(paths)[1]] == path
    bounds: list = []
    post = dp.posteriors(n, m, scores, lo, W, path, boundaries=bounds)
    i = j = 0
    for k, (di, dj) in enumerate(path):
        edge = (di, dj), i, j, i + di, j + dj
        through = [a for a, p in paths if edge in p]
        assert post[k] == pytest.approx(np.exp(np.logaddexp.reduce(through) - logz), abs=1e-9)

        def via(x, y):
            hits = [a for a, p in paths if (x, y) == (0, 0) or any(e[3:] == (x, y) for e in p)]
            return np.exp(np.logaddexp.reduce(hits) - logz)

        assert bounds[k] == pytest.approx(min(via(i, j), via(i + di, j + dj)), abs=1e-9)
        assert 0.0 <= post[k] <= bounds[k] + 1e-12
        i, j = i + di, j + dj


def test_stats_give_one_posterior_per_bead_and_a_clear_alignment_is_sure():
    from unmark.align.sentence import align

    st: dict = {}
    beads = align(ZH_SENTENCES, EN_SENTENCES, "zh", "en", stats=st)
    assert len(st["posterior"]) == len(st["boundary"]) == len(beads)
    assert all(0.0 <= p <= b + 1e-9 <= 1.0 + 1e-9 for p, b in zip(st["posterior"], st["boundary"]))
    assert np.median(st["posterior"]) > 0.5
    # the same call without stats returns the same beads
    assert align(ZH_SENTENCES, EN_SENTENCES, "zh", "en") == beads


def test_calibrated_presplit_beads_are_probabilities_and_a_shifted_pair_is_flagged():
    from unmark.align import calibrate as cal

    raw = align_sentences(ZH_SENTENCES, EN_SENTENCES, "zh", "en")
    beads = align_sentences(ZH_SENTENCES, EN_SENTENCES, "zh", "en", calibrated=True)
    assert [(s, t) for s, t, _ in beads] == [(s, t) for s, t, _ in raw]
    assert all(0.0 <= c <= 1.0 for *_, c in beads)
    thr = cal.threshold("sentence")
    # the target with one sentence dropped in the middle and another duplicated later: rows there are wrong
    en = EN_SENTENCES[:3] + EN_SENTENCES[4:] + EN_SENTENCES[4:5]
    wrong = align_sentences(ZH_SENTENCES, en, "zh", "en", calibrated=True)
    assert min(c for *_, c in wrong) < thr
