"""Word-alignment consistency of a candidate term pair.

A word-level association table is learned from the same aligned pairs (Dice over segments between
single source tokens and single target words). A term pair is consistent when its words explain
each other: most source tokens have an associated word inside the target term, most target words
have an associated token inside the source term, and the words strongly expected for the source
tokens are present (大会 expects both "general" and "assembly", so "General Assembly" beats
"Assembly"). Tokens too rare to have associations are neutral.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import ClassVar

import numpy as np

from .association import cooccurrences, dice
from .candidates import singular_en
from .lexicon import internal_words, stopwords


def _norm(tok: str, lang: str) -> str:
    t = tok.lower()
    if lang == "en":
        return singular_en(t)
    if lang in ("ru", "fr", "es", "ar"):
        from .morph import lemma

        return lemma(t, lang)
    return t


def zh_subwords(tok: str, freq: dict[str, int]) -> set[str]:
    """Dictionary words inside a long Chinese token (国际人道主义法 -> 国际, 人道主义, 人道, 主义),
    as jieba's search mode finds them: compounds from the user dictionary keep their parts."""
    out: set[str] = set()
    n = len(tok)
    if n <= 2:
        return out
    for size in range(2, n):
        for i in range(n - size + 1):
            w = tok[i : i + size]
            if freq.get(w):
                out.add(w)
    return out


class LexicalModel:
    def __init__(self, src_tokens: Sequence[set[str]], tgt_tokens: Sequence[set[str]], src_lang: str, tgt_lang: str,
                 *, min_freq: int = 2, threshold: float = 0.3, expect: float = 0.5, conditional: float = 0.6,
                 reverse: float = 0.1, subword_dict: dict[str, int] | None = None,
                 weights: np.ndarray | None = None):
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.threshold, self.expect = threshold, expect
        self.stop_s = stopwords(src_lang) | internal_words(src_lang)
        self.stop_t = stopwords(tgt_lang) | internal_words(tgt_lang)
        self.freq_s = subword_dict if src_lang == "zh" else None
        self.freq_t = subword_dict if tgt_lang == "zh" else None
        seg_s = [self._units(s, src_lang, self.freq_s) - self.stop_s for s in src_tokens]
        seg_t = [self._units(s, tgt_lang, self.freq_t) - self.stop_t for s in tgt_tokens]
        fs: dict[str, int] = defaultdict(int)
        ft: dict[str, int] = defaultdict(int)
        for s in seg_s:
            for t in s:
                fs[t] += 1
        for s in seg_t:
            for t in s:
                ft[t] += 1
        vs = sorted(t for t, f in fs.items() if f >= min_freq)
        vt = sorted(t for t, f in ft.items() if f >= min_freq)
        self.src_vocab = {t: i for i, t in enumerate(vs)}
        self.tgt_vocab = {t: i for i, t in enumerate(vt)}
        ids_s = [np.array(sorted(self.src_vocab[t] for t in s if t in self.src_vocab), dtype=np.int64) for s in seg_s]
        ids_t = [np.array(sorted(self.tgt_vocab[t] for t in s if t in self.tgt_vocab), dtype=np.int64) for s in seg_t]
        f_s = np.array([fs[t] for t in vs], dtype=np.int64)
        f_t = np.array([ft[t] for t in vt], dtype=np.int64)
        # weights: near-identical sentence pairs count as one (terms/repeats.py)
        st = cooccurrences(ids_s, ids_t, max(1, len(vt)), f_s, f_t, min_cooc=2, weights=weights, weighted=True)
        d = dice(st) if len(st.src) else np.zeros(0)
        # associated: Dice >= threshold, or one word nearly always comes with the other
        # (可持续发展 -> "development": P(development | 可持续发展) = 1 although Dice is low)
        if len(st.src):
            p_t_s = st.cooc / np.maximum(st.f_src, 1)
            p_s_t = st.cooc / np.maximum(st.f_tgt, 1)
            cond = ((p_t_s >= conditional) & (p_s_t >= reverse)) | ((p_s_t >= conditional) & (p_t_s >= reverse))
        else:
            cond = np.zeros(0, dtype=bool)
        keep = (d >= threshold) | cond
        self.assoc: dict[tuple[int, int], float] = {(int(a), int(b)): float(x) for a, b, x in zip(st.src[keep], st.tgt[keep], d[keep])}
        self.assoc_n: dict[tuple[int, int], float] = {(int(a), int(b)): float(n) for a, b, n in zip(st.src[keep], st.tgt[keep], st.cooc[keep])}
        self.strict_by_tgt: dict[int, set[int]] = defaultdict(set)
        self.strict_by_src: dict[int, set[int]] = defaultdict(set)
        for a, b, x in zip(st.src[keep], st.tgt[keep], d[keep]):
            if x >= threshold:
                self.strict_by_tgt[int(b)].add(int(a))
                self.strict_by_src[int(a)].add(int(b))
        self.has_s = {a for a, _ in self.assoc}
        self.has_t = {b for _, b in self.assoc}
        self.expected: dict[int, set[int]] = defaultdict(set)
        for (a, b), x in self.assoc.items():
            if x >= expect:
                self.expected[a].add(b)
        self.alternatives = self._alternatives(ids_t, weights)

    def _alternatives(self, ids_t: Sequence[np.ndarray], weights: np.ndarray | None) -> dict[int, list[frozenset[int]]]:
        """Per source word with several expected target words: those words in groups of words that
        come together (大会: {general, assembly} and {conference}: "General Assembly" or "Conference",
        two readings of one word, not three words a translation needs at once). Two expected words
        are in one group when they share at least half of their segments (Dice >= 0.5)."""
        multi = {a: e for a, e in self.expected.items() if len(e) > 1}
        if not multi:
            return {}
        wanted = set().union(*multi.values())
        segs: dict[int, dict[int, float]] = {b: {} for b in wanted}
        for i, ids in enumerate(ids_t):
            w = 1.0 if weights is None else float(weights[i])
            for b in ids.tolist():
                if b in segs:
                    segs[b][i] = w
        mass = {b: sum(v.values()) for b, v in segs.items()}

        def together(x: int, y: int) -> bool:
            sx, sy = segs[x], segs[y]
            if len(sx) > len(sy):
                sx, sy = sy, sx
            both = sum(w for i, w in sx.items() if i in sy)
            return 2.0 * both >= 0.5 * (mass[x] + mass[y])

        out: dict[int, list[frozenset[int]]] = {}
        for a, exp in multi.items():
            groups: list[set[int]] = []
            for b in sorted(exp):
                joined = [g for g in groups if any(together(b, c) for c in g)]
                merged = {b}.union(*joined) if joined else {b}
                groups = [g for g in groups if g not in joined] + [merged]
            if len(groups) > 1:
                out[a] = [frozenset(g) for g in groups]
        return out

    def _expected_of(self, a: int, present: set[int]) -> set[int]:
        """The target words source word ``a`` expects; for a word with alternative readings, the
        reading best covered by ``present``."""
        groups = self.alternatives.get(a)
        if groups is None:
            return self.expected.get(a, set())
        return set(max(groups, key=lambda g: (len(g & present) / len(g), -len(g))))

    _sub_cache: ClassVar[dict[str, frozenset[str]]] = {}

    @staticmethod
    def _units(tokens: Iterable[str], lang: str, freq: dict[str, int] | None) -> set[str]:
        out = {_norm(t, lang) for t in tokens}
        if freq is not None:
            for t in list(out):
                out |= LexicalModel._subs(t, freq)
        return out

    @staticmethod
    def _subs(tok: str, freq: dict[str, int]) -> frozenset[str]:
        c = LexicalModel._sub_cache.get(tok)
        if c is None:
            c = frozenset(zh_subwords(tok, freq))
            LexicalModel._sub_cache[tok] = c
        return c

    def _groups(self, tokens: Sequence[str], lang: str) -> list[list[int]]:
        """Per content token: its id followed by the ids of its sub-words (-1: unknown)."""
        is_src = lang == self.src_lang
        vocab, stop, freq = (self.src_vocab, self.stop_s, self.freq_s) if is_src else (self.tgt_vocab, self.stop_t, self.freq_t)
        out = []
        for t in tokens:
            n = _norm(t, lang)
            if n in stop:
                continue
            ids = [vocab.get(n, -1)]
            if freq is not None:
                ids += [vocab[w] for w in self._subs(n, freq) if w in vocab]
            out.append(ids)
        return out

    def score(self, src_tokens: Sequence[str], tgt_tokens: Sequence[str]) -> float:
        """0..1: how well the words of the two terms explain each other (1 = fully, or unknown)."""
        a_groups = self._groups(src_tokens, self.src_lang)
        b_groups = self._groups(tgt_tokens, self.tgt_lang)
        if not a_groups or not b_groups:
            return 1.0
        a_all = {i for g in a_groups for i in g if i >= 0}
        b_all = {i for g in b_groups for i in g if i >= 0}

        def src_ok(g: list[int]) -> float:
            known = [a for a in g if a >= 0 and a in self.has_s]
            if not known:
                return 1.0
            return float(any((a, b) in self.assoc for a in known for b in b_all))

        def tgt_ok(g: list[int]) -> float:
            known = [b for b in g if b >= 0 and b in self.has_t]
            if not known:
                return 1.0
            return float(any((a, b) in self.assoc for b in known for a in a_all))

        src_cov = sum(src_ok(g) for g in a_groups) / len(a_groups)
        tgt_cov = sum(tgt_ok(g) for g in b_groups) / len(b_groups)
        exp: set[int] = set()
        for g in a_groups:
            if g[0] >= 0:
                exp |= self._expected_of(g[0], b_all)
        exp_cov = len(exp & b_all) / len(exp) if exp else 1.0
        return src_cov * tgt_cov * (0.5 + 0.5 * exp_cov)

    def unexplained_edges(self, src_tokens: Sequence[str], tgt_tokens: Sequence[str]) -> tuple[list[str], list[str]]:
        """Edge words (first and last content word) of each term that have associations in the corpus
        but none with any word of the other term: ("providing", "circulate" ...). Unknown words and
        words with an associated counterpart count as explained."""
        a_groups = self._groups(src_tokens, self.src_lang)
        b_groups = self._groups(tgt_tokens, self.tgt_lang)
        if not a_groups or not b_groups:
            return [], []
        a_all = {i for g in a_groups for i in g if i >= 0}
        b_all = {i for g in b_groups for i in g if i >= 0}
        words_s = [t for t in src_tokens if _norm(t, self.src_lang) not in self.stop_s]
        words_t = [t for t in tgt_tokens if _norm(t, self.tgt_lang) not in self.stop_t]
        bad_s, bad_t = [], []
        for idx in sorted({0, len(a_groups) - 1}):
            known = [a for a in a_groups[idx] if a >= 0 and a in self.has_s]
            if known and not any((a, b) in self.assoc for a in known for b in b_all):
                bad_s.append(words_s[idx])
        for idx in sorted({0, len(b_groups) - 1}):
            known = [b for b in b_groups[idx] if b >= 0 and b in self.has_t]
            if known and not any((a, b) in self.assoc for b in known for a in a_all):
                bad_t.append(words_t[idx])
        return bad_s, bad_t

    def src_explained_elsewhere(self, word: str, segment_tokens: Iterable[str], term_tokens: Sequence[str]) -> bool:
        """Is source ``word`` the translation of a target word of the segment *outside* the target term?"""
        a = self.src_vocab.get(_norm(word, self.src_lang))
        if a is None or a not in self.strict_by_src:
            return False
        inside = self._units(term_tokens, self.tgt_lang, self.freq_t)
        outside = self._units(segment_tokens, self.tgt_lang, self.freq_t) - inside - self.stop_t
        cands = self.strict_by_src[a]
        return any(self.tgt_vocab.get(u, -1) in cands for u in outside)

    def explained_elsewhere(self, word: str, segment_tokens: Iterable[str], term_tokens: Sequence[str]) -> bool:
        """Is target ``word`` the translation of a source word of the segment *outside* the term?
        ("United Nations" in "United Nations country team" belongs to 联合国, not to 国家工作队;
        "Justice" in "International Court of Justice" has no other source word: it is the term's.)"""
        b = self.tgt_vocab.get(_norm(word, self.tgt_lang))
        if b is None or b not in self.strict_by_tgt:
            return False
        inside = self._units(term_tokens, self.src_lang, self.freq_s)
        outside = self._units(segment_tokens, self.src_lang, self.freq_s) - inside - self.stop_s
        cands = self.strict_by_tgt[b]
        return any(self.src_vocab.get(u, -1) in cands for u in outside)

    def explains(self, src_tokens: Sequence[str], tgt_tokens: Sequence[str]) -> bool:
        """Is some word of the target term associated with some word of the source term?"""
        a_all = {i for g in self._groups(src_tokens, self.src_lang) for i in g if i >= 0}
        b_all = {i for g in self._groups(tgt_tokens, self.tgt_lang) for i in g if i >= 0}
        return any((a, b) in self.assoc for a in a_all for b in b_all)

    def target_stopword(self, word: str) -> bool:
        return _norm(word, self.tgt_lang) in self.stop_t

    def _best(self, word_id: int, units: Iterable[str], vocab: dict[str, int], is_tgt_word: bool,
              min_cooc: float = 0.0) -> float:
        best = 0.0
        for u in units:
            o = vocab.get(u)
            if o is None:
                continue
            key = (o, word_id) if is_tgt_word else (word_id, o)
            x = self.assoc.get(key)
            if x is not None and x > best and (min_cooc <= 0 or self.assoc_n.get(key, 0.0) >= min_cooc):
                best = x
        return best

    def stronger_outside(self, word: str, segment_tokens: Iterable[str], term_tokens: Sequence[str],
                         word_is_target: bool = True, margin: float = 1.25, strong: float = 0.45,
                         evidence: float = 3.0) -> bool:
        """Does ``word`` of one term translate a word of the segment outside the other term more
        strongly (Dice at least ``strong`` and ``margin`` times the best inside; numbers, single
        Chinese characters and the segmenter's other cuts of the term itself are no words here, and
        the outside association must rest on ``evidence`` segments) than any word inside it? "intolerance" beside
        仇外心理 belongs to 不容忍 of the same sentence ("xenophobia and related intolerance"),
        "Khaled" beside 易卜拉欣 to 哈立德: the pair took its equivalent from a neighbour."""
        if word_is_target:
            lang, vocab, other_lang, other_vocab, freq, stop = (self.tgt_lang, self.tgt_vocab, self.src_lang,
                                                                  self.src_vocab, self.freq_s, self.stop_s)
        else:
            lang, vocab, other_lang, other_vocab, freq, stop = (self.src_lang, self.src_vocab, self.tgt_lang,
                                                                  self.tgt_vocab, self.freq_t, self.stop_t)
        w = vocab.get(_norm(word, lang))
        if w is None or (word_is_target and w not in self.strict_by_tgt) or (not word_is_target and w not in self.strict_by_src):
            return False
        inside = self._units(term_tokens, other_lang, freq)
        whole = "".join(term_tokens) if other_lang == "zh" else None
        outside = {u for u in self._units(segment_tokens, other_lang, freq) - inside - stop
                   if not u.isdigit() and (whole is None or (len(u) > 1 and u not in whole and whole not in u))}
        out_best = self._best(w, outside, other_vocab, word_is_target, evidence)
        if out_best < max(strong, self.threshold):
            return False
        return out_best >= margin * self._best(w, inside, other_vocab, word_is_target)

