"""Repeated sentence pairs count once.

UN documents repeat formulae: the cover letter ("请将本函及其附件作为大会……的文件分发为荷" / "I should be
grateful if you would circulate the present letter ... as a document of the General Assembly"), the
incident report of a series of letters, the operative phrase of a resolution series. Inside a set
of near-identical sentence pairs every word co-occurs with every other word as often as the set is
large, so co-occurrence counts there say nothing about which words translate which ("将本函" /
"circulate", "外交许可" / "contacting"): the set is one observation, not n.

:func:`segment_weights` gives every aligned pair the weight 1 / (number of near-duplicates of it,
itself included): a pair with no near-duplicate weighs 1, each of eight near-identical incident
reports weighs 1/8. Near-duplicates are pairs whose word sets (both sides, numbers left out) have a
Jaccard similarity of at least ``threshold``. Candidates are found through words that occur in at
most ``max_df`` pairs (the rarer words a formula shares; a near-duplicate shares at least
``threshold``/2 of them), so the cost stays about linear.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import regex

_SKIP = regex.compile(r"^[\p{N}\p{P}\p{S}\s]*$")


def _word_set(src_words: set[str], tgt_words: set[str]) -> frozenset[str]:
    out = {"s:" + w for w in src_words if not _SKIP.match(w)}
    out |= {"t:" + w.lower() for w in tgt_words if not _SKIP.match(w)}
    return frozenset(out)


def segment_weights(src_words: Sequence[set[str]], tgt_words: Sequence[set[str]], threshold: float = 0.5,
                    max_df: int = 100) -> np.ndarray:
    """Per aligned pair: 1 / (its near-duplicates, itself included). ``threshold`` <= 0: all 1."""
    dups = near_duplicates(src_words, tgt_words, threshold, max_df)
    return np.array([1.0 / (1 + len(d)) for d in dups]) if dups else np.ones(len(src_words))


def distinct(segments: Sequence[int], dups: Sequence[Sequence[int]] | None) -> list[int]:
    """``segments`` without those that are near-duplicates of one kept before them (one sentence
    of each repeated formula)."""
    if not dups:
        return list(segments)
    out: list[int] = []
    seen: set[int] = set()
    for i in segments:
        if i in seen:
            continue
        out.append(i)
        seen.add(i)
        seen.update(dups[i])
    return out


def near_duplicates(src_words: Sequence[set[str]], tgt_words: Sequence[set[str]], threshold: float = 0.5,
                    max_df: int = 100) -> list[list[int]]:
    """Per aligned pair: the other pairs that are its near-duplicates ([] for all when
    ``threshold`` <= 0)."""
    n = len(src_words)
    out: list[list[int]] = [[] for _ in range(n)]
    if threshold <= 0 or n < 2:
        return out
    sets = [_word_set(a, b) for a, b in zip(src_words, tgt_words)]
    post: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for x in s:
            post[x].append(i)
    for i, s in enumerate(sets):
        if not s:
            continue
        shared: dict[int, int] = defaultdict(int)
        rare = 0
        for x in s:
            p = post[x]
            if 1 < len(p) <= max_df:
                rare += 1
                for j in p:
                    if j != i:
                        shared[j] += 1
        if not shared:
            continue
        for j, c in shared.items():
            other = sets[j]
            # a cheap filter first: a near-duplicate shares a good part of the pair's rarer words
            if c < 0.5 * threshold * rare:
                continue
            inter = len(s & other)
            if inter >= threshold * (len(s) + len(other) - inter):
                out[i].append(j)
    return out
