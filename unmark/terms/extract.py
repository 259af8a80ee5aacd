"""Bilingual term extraction over aligned segment pairs.

Pipeline: tokenise both sides -> monolingual candidates (n-grams bounded by content words) ->
keep those seen in >= ``min_freq`` pairs that also occur outside longer candidates (C-value) ->
co-occurrence counts over aligned pairs -> association (Dice / log-likelihood) -> competitive
linking (known glossary entries linked first; State names only with a name of the same State; a
second round for targets freed by extension; a target is extended to a longer candidate that
co-occurs nearly as often or has the higher Dice) -> ranking: Dice with explained-away occurrences x
frequency x termhood (single words weighted by their general-language frequency) -> entries with
score, frequency, acronym, examples.
"""
from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import regex

from ..align.types import Segment
from ..errors import TermsError
from . import acronyms as acr
from .association import (
    MEASURES,
    competitive_linking,
    cooccurrences,
    dice,
    evidence,
    log_likelihood,
)
from .candidates import (
    INITIAL_MARK,
    TITLE_PREFIX,
    c_values,
    container_share,
    count_candidates,
    independent_counts,
    is_acronym,
    latin_key,
    name_fragment_share,
    nominal_single_en,
    segment_candidates,
)
from .boundaries import complete_cut_piece, grow_latin, grow_zh, zh_cut_piece
from .cognates import ALPHABETIC
from .cognates import foreign_piece
from .cognates import inconsistent as cognates_inconsistent
from .generality import specificity
from .status import GENERAL, NAME, TERM, un_dictionary_word, attributive_modifier, compositional_with_state, zh_transliterated_name, is_proper_name, coordinations, entry_status, label_series
from .glossary import Example, Glossary, TermEntry
from .lexicon import check_lang, states
from .options import TermOptions
from .readers import as_pairs, load_known
from .repeats import distinct, near_duplicates
from .tokenize import join_cjk, tokenize
from .forms import un_form

log = logging.getLogger(__name__)

SegPair = tuple[Segment, Segment]


# --------------------------------------------------------------------------- helpers
def term_key(text: str, lang: str) -> str:
    """The counting key of a term as written (same normalisation as the candidates)."""
    if lang == "zh":
        return join_cjk(text).strip()
    tok = tokenize(text, lang)
    toks = tuple(t for c in tok.chunks for t in c)
    return latin_key(toks, lang) if toks else text.strip().lower()


def contains_term(text: str, term: str, lang: str) -> bool:
    """Does ``text`` contain ``term`` (case-insensitive for Latin scripts, word-bounded)?"""
    if lang == "zh":
        return join_cjk(term) in join_cjk(text)
    import regex

    t = regex.escape(term.strip())
    return bool(regex.search(rf"(?<![\p{{L}}\p{{N}}]){t}(?![\p{{L}}\p{{N}}])", text, flags=regex.IGNORECASE))


def state_ids(keys: Sequence[str], lang: str) -> list[int]:
    """Per candidate key: the index of the UN Member State (or observer State) it names, or -1
    (``resources/terms/states_zh_en.tsv``; Chinese and English only)."""
    if lang not in ("zh", "en"):
        return [-1] * len(keys)
    by_key = _state_keys(lang)
    return [by_key.get(k, -1) for k in keys]


@functools.cache
def _state_keys(lang: str) -> dict[str, int]:
    by_key: dict[str, int] = {}
    for i, (zh, en) in enumerate(states()):
        for form in (zh if lang == "zh" else en):
            by_key.setdefault(term_key(form, lang), i)
    return by_key


def _allowed_pair(src_lang: str, tgt_lang: str, src_surface: list[str], tgt_surface: list[str],
                  src_weak: list[bool] | None = None, tgt_weak: list[bool] | None = None,
                  src_state: list[int] | None = None, tgt_state: list[int] | None = None):
    """Titles in 《…》 pair only with capitalised target candidates (and vice versa); weak Chinese
    single words (tagged verb/adjective) pair only with an English noun; the name of a State pairs
    only with a name of the same State (never "Sudanese" for 苏丹, never 苏丹政府 for "Sudan")."""
    check_states = src_state is not None and tgt_state is not None and {src_lang, tgt_lang} == {"zh", "en"}

    def ok(s: int, t: int) -> bool:
        a, b = src_surface[s], tgt_surface[t]
        if check_states and (src_state[s] >= 0 or tgt_state[t] >= 0) and src_state[s] != tgt_state[t]:
            return False
        if src_weak is not None and src_weak[s]:
            return tgt_lang == "en" and nominal_single_en(b)
        if tgt_weak is not None and tgt_weak[t]:
            return src_lang == "en" and nominal_single_en(a)
        if src_lang == "zh" and a.startswith(TITLE_PREFIX):
            return b[:1].isupper()
        if src_lang == "zh" and tgt_lang != "ar" and not any(ch.isupper() for ch in b) and zh_transliterated_name(a):
            return False        # a transliterated name (顿涅茨克) is capitalised in the target language
        if tgt_lang == "zh" and src_lang != "ar" and not any(ch.isupper() for ch in a) and zh_transliterated_name(b):
            return False
        if tgt_lang == "zh" and b.startswith(TITLE_PREFIX):
            return a[:1].isupper()
        return True

    return ok


def termhood_weight(surface: str, lang: str, single_word_weight: float = 0.5,
                    general: tuple[float, float] | None = None) -> float:
    """1 for a multi-word unit, a title, an acronym, a hyphenated compound or a capitalised name;
    ``single_word_weight`` for a single ordinary word (general vocabulary more often than a term),
    raised towards 1 as the word gets rarer in general language (``general``: the Zipf frequencies
    (common, rare) between which the weight goes from ``single_word_weight`` to 1)."""
    if surface.startswith(TITLE_PREFIX) or is_acronym(surface):
        return 1.0
    if lang == "zh":
        return 1.0
    words = surface.split()
    if len(words) >= 2 or "-" in surface or surface[:1].isupper():
        return 1.0
    if general is not None:
        spec = specificity(surface, lang, general[0], general[1])
        if spec is not None:
            return single_word_weight + (1.0 - single_word_weight) * spec
    return single_word_weight


def _rank_scores(rank: str, d: np.ndarray, g: np.ndarray, cooc: np.ndarray, cv: np.ndarray,
                 tw: np.ndarray | None = None, saturation: int = 32) -> np.ndarray:
    if rank == "termhood":
        sat = np.log2(1.0 + np.minimum(cooc, saturation)) / np.log2(1.0 + saturation)
        return d * sat * (tw if tw is not None else 1.0)
    if rank == "dice":
        return d
    if rank == "llr":
        return g
    if rank == "cvalue":
        return d * cv
    if rank == "dice_log":
        return d * np.log2(1.0 + cooc)
    raise TermsError(f"unknown ranking {rank!r} (termhood, dice_log, dice, llr, cvalue)", code="E405")


class _Side:
    """Candidates of one language over all segments."""

    def __init__(self, texts: Sequence[str], lang: str, opts: TermOptions):
        self.lang = lang
        cache: dict[str, tuple[dict, set[str]]] = {}
        self.per_seg: list[dict] = []
        self.words: list[set[str]] = []
        for t in texts:
            c = cache.get(t)
            if c is None:
                tok = tokenize(t, lang, use_user_dict=opts.use_user_dict, use_state_names=opts.use_state_names)
                c = (segment_candidates(tok, lang, opts.limits), {w for ch in tok.chunks for w in ch})
                cache[t] = c
            self.per_seg.append(c[0])
            self.words.append(c[1])
        self.df, self.tokens_of, self.surface, self.weak = count_candidates(self.per_seg, lang)
        self.name_frag = name_fragment_share(self.per_seg, self.df) if lang != "zh" else {}

    def select(self, opts: TermOptions, drop: list[set[str]] | None = None) -> None:
        freq = {k: f for k, f in self.df.items() if f >= opts.min_freq}
        toks = {k: self.tokens_of[k] for k in freq}
        ind = independent_counts(freq, toks)
        cv = c_values(freq, toks, self.lang)
        share = container_share(self.per_seg, freq) if opts.max_container_share < 1.0 else {}
        if share and opts.use_state_names:
            # the name of a State stands alone even when mostly inside another's (Sudan / South Sudan)
            frag = [k for k, v in share.items() if v >= opts.max_container_share]
            for k, sid in zip(frag, state_ids(frag, self.lang)):
                if sid >= 0:
                    share[k] = 0.0
        keys = sorted(k for k in freq if k.startswith(TITLE_PREFIX)
                      or (ind[k] >= opts.min_independent and share.get(k, 0.0) < opts.max_container_share))
        self.keys = keys
        self.index = {k: i for i, k in enumerate(keys)}
        self.cvalue = np.array([max(cv[k], 0.0) for k in keys])
        self.freq = np.array([freq[k] for k in keys], dtype=np.int64)
        self.ids: list[np.ndarray] = []
        for i, c in enumerate(self.per_seg):
            bad = drop[i] if drop else None
            ids = [self.index[k] for k in c if k in self.index and not (bad and _inside_any(k, bad))]
            self.ids.append(np.array(sorted(ids), dtype=np.int64))

    def segments_of(self) -> dict[int, list[int]]:
        inv: dict[int, list[int]] = defaultdict(list)
        for seg, ids in enumerate(self.ids):
            for i in ids:
                inv[int(i)].append(seg)
        return inv

    def cached_segments_of(self) -> dict[int, list[int]]:
        if getattr(self, "_inv", None) is None:
            self._inv = self.segments_of()
        return self._inv

    def id_sets(self) -> list[set[int]]:
        if getattr(self, "_sets", None) is None:
            self._sets = [set(map(int, ids)) for ids in self.ids]
        return self._sets


def _extend_targets(linked: list[int], stats, src: _Side, tgt: _Side, lexf: np.ndarray, ratio: float,
                    lex=None, allowed=None, dice_v: np.ndarray | None = None) -> list[int]:
    """Replace a linked target by a longer target candidate that contains it when the longer one
    co-occurs with the same source nearly as often (缔约国: "Parties" -> "States parties"), or, given
    ``dice_v``, when the longer one is the stronger association (higher Dice: 执行局 is "Executive
    Board" although "Board" alone co-occurs a little more often) and its extra words are not the
    translation of other source words around the term."""
    if ratio <= 0 or not linked:
        return linked
    by_src: dict[int, list[int]] = defaultdict(list)
    for k in range(len(stats.src)):
        by_src[int(stats.src[k])].append(k)
    inv = src.segments_of()
    out = []
    for k in linked:
        s, t = int(stats.src[k]), int(stats.tgt[k])
        base = tuple(x.lower() for x in tgt.tokens_of[tgt.keys[t]])
        best = k
        for k2 in by_src[s]:
            t2 = int(stats.tgt[k2])
            longer = tuple(x.lower() for x in tgt.tokens_of[tgt.keys[t2]])
            if t2 == t or not _contains_tokens(longer, base):
                continue
            if stats.cooc[k2] < ratio * stats.cooc[k] and not (dice_v is not None and dice_v[k2] > dice_v[k]):
                continue
            if allowed is not None and not allowed(s, t2):
                continue
            if lex is None:
                if lexf[k2] < lexf[k] - 1e-9:
                    continue
            elif _extra_words_elsewhere(lex, s, t2, base, longer, src, tgt, inv):
                continue
            if best == k or _ext_key(k2, stats, tgt, dice_v) > _ext_key(best, stats, tgt, dice_v):
                best = k2
        out.append(best)
    return out


def _ext_key(k: int, stats, tgt: _Side, dice_v: np.ndarray | None) -> tuple:
    t = int(stats.tgt[k])
    if dice_v is None:
        return (stats.cooc[k], len(tgt.keys[t]))
    return (stats.cooc[k], dice_v[k], len(tgt.keys[t]))


def _extra_words_elsewhere(lex, s: int, t2: int, base: tuple[str, ...], longer: tuple[str, ...],
                           src: _Side, tgt: _Side, inv: dict[int, list[int]]) -> bool:
    """True when some word the longer target adds is, in most shared segments, the translation of
    a source word outside the term."""
    extra = [w for w in longer if w not in base and w not in lex.stop_t]
    if not extra:
        return False
    segs = [i for i in inv.get(s, ()) if t2 in set(tgt.ids[i].tolist())]
    if not segs:
        return True
    term_tokens = src.tokens_of[src.keys[s]]
    for w in extra:
        hits = sum(lex.explained_elsewhere(w, src.words[i], term_tokens) for i in segs)
        if hits >= 0.5 * len(segs):
            return True
    return False


def _contains_tokens(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n, m = len(longer), len(shorter)
    return n > m and any(longer[i : i + m] == shorter for i in range(n - m + 1))


class _Explained:
    """Occurrences of a candidate that another linked pair accounts for ("explaining away").

    A target occurrence is explained by a linked pair (s2, t2) when t2 is the target itself or a
    longer target containing it, and s2 and t2 are both in the segment ("Sudan" inside "South
    Sudan" next to 南苏丹; "Council" inside "Security Council" next to 安全理事会). Such segments,
    without the source under test, are no evidence against the pair: the association of (s, t) is
    measured on the other segments. The same holds on the source side (a source inside a longer
    linked source whose target is present)."""

    def __init__(self, linked: list[int], stats, src: _Side, tgt: _Side):
        self.stats, self.src, self.tgt = stats, src, tgt
        self.src_sets = [set(map(int, ids)) for ids in src.ids]
        self.tgt_sets = [set(map(int, ids)) for ids in tgt.ids]
        self.inv_s = src.segments_of()
        self.inv_t = tgt.segments_of()
        self.pairs = [(int(stats.src[k]), int(stats.tgt[k])) for k in linked]
        self.by_sub_t: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        self.by_sub_s: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for s2, t2 in self.pairs:
            toks = tuple(x.lower() for x in tgt.tokens_of[tgt.keys[t2]])
            n = len(toks)
            for i in range(n):
                for j in range(i + 1, n + 1):
                    self.by_sub_t[toks[i:j]].append((s2, t2))
            ks = src.keys[s2]
            for i in range(len(ks)):
                for j in range(i + 1, len(ks) + 1):
                    self.by_sub_s[ks[i:j]].append((s2, t2))

    def counts(self, s: int, t: int) -> tuple[int, int, int]:
        """(co-occurrences, source occurrences, target occurrences) without the explained segments."""
        toks = tuple(x.lower() for x in self.tgt.tokens_of[self.tgt.keys[t]])
        cov_t = [(s2, t2) for s2, t2 in self.by_sub_t.get(toks, ()) if s2 != s]
        cov_s = [(s2, t2) for s2, t2 in self.by_sub_s.get(self.src.keys[s], ()) if t2 != t]
        ss, ts = self.src_sets, self.tgt_sets
        both = f_t = 0
        for i in self.inv_t.get(t, ()):
            if s in ss[i]:
                both += 1
                f_t += 1
            elif not any(s2 in ss[i] and t2 in ts[i] for s2, t2 in cov_t):
                f_t += 1
        f_s = 0
        for i in self.inv_s.get(s, ()):
            if t in ts[i] or not any(s2 in ss[i] and t2 in ts[i] for s2, t2 in cov_s):
                f_s += 1
        return both, f_s, f_t

    def dice(self, s: int, t: int) -> tuple[float, int]:
        both, f_s, f_t = self.counts(s, t)
        return (2.0 * both / (f_s + f_t) if f_s + f_t else 0.0), both


def _often_longer(k: int, stats, tgt: _Side, by_src: dict[int, list[int]], share: float = 0.5) -> bool:
    """Does the source of pair k co-occur, in at least ``share`` of the pair's segments, with a
    longer target containing this one? Then the target may be a truncation ("Basel" for
    《巴塞尔公约》) and explained-away counts must not promote it."""
    s, t = int(stats.src[k]), int(stats.tgt[k])
    base = tuple(x.lower() for x in tgt.tokens_of[tgt.keys[t]])
    for k2 in by_src.get(s, ()):
        t2 = int(stats.tgt[k2])
        if (t2 != t and stats.cooc[k2] >= share * stats.cooc[k]
                and _contains_tokens(tuple(x.lower() for x in tgt.tokens_of[tgt.keys[t2]]), base)):
            return True
    return False


def _share_targets(linked: list[int], stats, src: _Side, lexf: np.ndarray, lex, allowed, explained: _Explained,
                   min_share: float, min_lexical: float, min_cooc: int) -> dict[int, float]:
    """Second sources for targets: a source left unlinked because competitive linking gave its
    translation to another source, or because the target's Dice is lowered by occurrences that
    belong to other terms (卫生 and 健康 are both "health"; 安理会 is mostly "the Council", whose other
    occurrences belong to 理事会 and 安全理事会). Association is the Dice with explained segments left
    out (:class:`_Explained`). Returns {pair index: that Dice} for the best target of each unlinked
    source reaching ``min_share``."""
    if min_share <= 0 or not linked:
        return {}
    used_s = {int(stats.src[k]) for k in linked}
    best: dict[int, tuple[float, int]] = {}
    for k in np.nonzero(stats.cooc >= min_cooc)[0]:
        s, t = int(stats.src[k]), int(stats.tgt[k])
        if s in used_s or stats.cooc[k] < 0.5 * stats.f_src[k]:
            continue
        if allowed is not None and not allowed(s, t):
            continue
        adj, both = explained.dice(s, t)
        if both < min_cooc or adj < min_share or (s in best and best[s][0] >= adj):
            continue
        if lex is not None:
            lexf[k] = lex.score(src.tokens_of[src.keys[s]], explained.tgt.tokens_of[explained.tgt.keys[t]])
        if lexf[k] < min_lexical:
            continue
        best[s] = (adj, int(k))
    return {k: adj for adj, k in best.values()}


def _one_source_per_target(linked: list[int], stats, score: np.ndarray) -> list[int]:
    """After extension two sources may point at one target: keep the better-scored link."""
    best: dict[int, int] = {}
    for k in linked:
        t = int(stats.tgt[k])
        if t not in best or score[k] > score[best[t]]:
            best[t] = k
    keep = set(best.values())
    return [k for k in linked if k in keep]


def _neighbour_edge(k: int, stats, src: _Side, tgt: _Side, lex, sample: int = 12) -> bool:
    """Does the pair carry along a neighbour's word? An edge word of one term that translates nothing
    in the other term, and that in most segments of the pair is the translation of a word outside the
    other term ("providing" of 提供 in "providing financial assistance" for 财政援助; 增编开列了 before
    安全理事会)."""
    s, t = int(stats.src[k]), int(stats.tgt[k])
    if src.keys[s].startswith(TITLE_PREFIX) or tgt.keys[t].startswith(TITLE_PREFIX):
        return False            # a title is bounded by its brackets
    st, tt = src.tokens_of[src.keys[s]], tgt.tokens_of[tgt.keys[t]]
    bad_s, bad_t = lex.unexplained_edges(st, tt)
    if not bad_s and not bad_t:
        return False
    segs = [i for i in src.cached_segments_of().get(s, ()) if t in tgt.id_sets()[i]][:sample]
    if not segs:
        return False
    for w in bad_t:
        if sum(lex.explained_elsewhere(w, src.words[i], st) for i in segs) * 2 >= len(segs):
            return True
    for w in bad_s:
        if sum(lex.src_explained_elsewhere(w, tgt.words[i], tt) for i in segs) * 2 >= len(segs):
            return True
    return False


def _equivalent_outside(pair: tuple[str, str], segs: list[int], src: _Side, lex, tgt_texts: Sequence[str],
                        tgt_lang: str, sample: int = 12) -> str | None:
    """The first or last word of the target that, in more than half of the pair's segments, translates
    a source word beside the source term more strongly than any word inside it, and is not written
    again elsewhere in the target segment (仇外心理 / "intolerance": 不容忍 of "xenophobia and related
    intolerance" is beside it; 易卜拉欣 / "Khaled": 哈立德 is beside it); None when both edges are
    the pair's own."""
    a, b = pair
    segs = segs[:sample]
    if not segs or is_acronym(b):
        return None
    st = [w for c in tokenize(a, src.lang).chunks for w in c]
    tt = [w for c in tokenize(b, tgt_lang).chunks for w in c]
    content = [w for w in tt if any(ch.isalnum() for ch in w) and not lex.target_stopword(w)]
    if not content or not st:
        return None
    for w in dict.fromkeys((content[0], content[-1])):
        hits = 0
        for i in segs:
            if lex.stronger_outside(w, src.words[i], st) and not _written_outside(w, tt, tgt_texts[i]):
                hits += 1
        if hits * 2 > len(segs):
            return w
    return None


def _trim_neighbours(pair: tuple[str, str], segs: list[int], src: _Side, tgt: _Side, lex, tgt_texts: Sequence[str],
                     min_lexical: float) -> str | None:
    """The target without the edge word :func:`_equivalent_outside` finds (and the function words it
    leaves at the edge), when what is left is a target candidate of the corpus whose words translate
    the source; None when nothing consistent is left or a second edge word is a neighbour's too."""
    a, b = pair
    w = _equivalent_outside((a, b), segs, src, lex, tgt_texts, tgt.lang)
    if w is None:
        return b
    words = b.split()
    if words and words[0] == w:
        words = words[1:]
    elif words and words[-1] == w:
        words = words[:-1]
    else:
        return None             # a word glued to another: no clean cut
    while words and lex.target_stopword(words[0]):
        words = words[1:]
    while words and lex.target_stopword(words[-1]):
        words = words[:-1]
    if not words:
        return None
    b = " ".join(words)
    if term_key(b, tgt.lang) not in tgt.df:
        return None             # no candidate of its own: the cut leaves a piece of a phrase
    st = [x for c in tokenize(a, src.lang).chunks for x in c]
    tt = [x for c in tokenize(b, tgt.lang).chunks for x in c]
    if lex.score(st, tt) < min_lexical or not lex.explains(st, tt):
        return None
    if _equivalent_outside((a, b), segs, src, lex, tgt_texts, tgt.lang) is not None:
        return None
    # what is left must be the source's own: no word of it translates a neighbour at least as well
    # (解除武装 / "demobilization" left from "demobilization and reintegration": 复员 is beside it)
    for x in (x for x in tt if any(ch.isalnum() for ch in x) and not lex.target_stopword(x)):
        if sum(lex.stronger_outside(x, src.words[i], st, margin=1.0) and not _written_outside(x, tt, tgt_texts[i])
               for i in segs[:12]) * 2 > len(segs[:12]):
            return None
    return b


def _written_outside(word: str, term_tokens: Sequence[str], text: str) -> bool:
    """Is ``word`` written in ``text`` more often than the term that holds it (a second "war" in a
    sentence with "Second World War": the neighbour has its own translation)?"""
    low = text.lower()
    n_word = len(regex.findall(r"(?<![\w-])" + regex.escape(word.lower()) + r"(?![\w-])", low))
    n_term = max(1, low.count(" ".join(term_tokens).lower()))
    return n_word > n_term
def _distinct_cooc_filter(linked: list[int], stats, src: _Side, tgt: _Side, pairs, min_cooc: int) -> list[int]:
    """The linked pairs seen together in at least ``min_cooc`` aligned pairs of distinct text (a
    pair repeated verbatim counts once)."""
    first: dict[tuple[str, str], int] = {}
    canon = [first.setdefault((a.text, b.text), i) for i, (a, b) in enumerate(pairs)]
    if len(first) == len(pairs) or min_cooc <= 1:
        return linked
    out = []
    for k in linked:
        s, t = int(stats.src[k]), int(stats.tgt[k])
        segs = {canon[i] for i in src.cached_segments_of().get(s, ()) if t in tgt.id_sets()[i]}
        if len(segs) >= min_cooc:
            out.append(k)
    return out


def _cognate_elsewhere(k: int, stats, src: _Side, tgt: _Side, src_texts, tgt_texts, sample: int = 12) -> bool:
    """Is a word of either term, by its cognate, translated outside the other term in most of the
    pair's segments (``terms/cognates.py``)?"""
    s, t = int(stats.src[k]), int(stats.tgt[k])
    segs = [i for i in src.cached_segments_of().get(s, ()) if t in tgt.id_sets()[i]][:sample]
    return cognates_inconsistent(src.surface[src.keys[s]].lstrip(INITIAL_MARK), tgt.surface[tgt.keys[t]].lstrip(INITIAL_MARK),
                                 [src_texts[i] for i in segs], [tgt_texts[i] for i in segs])


def _grown_part_elsewhere(lex, grown: str, term: str, segs: list[int], other: _Side, other_tokens, is_source: bool) -> bool:
    """Do the characters a Chinese term grew by translate, in most of its segments, a word of the
    other side outside the other term (塞浦路斯共和国 + 领空 "airspace" for "Republic of Cyprus")? Then
    the growth took a neighbour along and is undone."""
    if lex is None or not segs:
        return False
    at = grown.find(term)
    extra = [p for p in (grown[:at], grown[at + len(term):]) if p]
    words = [w for p in extra for c in tokenize(p, "zh").chunks for w in c if len(w) > 1]   # one character is no translation
    for w in words:
        if is_source:
            hits = sum(lex.src_explained_elsewhere(w, other.words[i], other_tokens) for i in segs)
        else:
            hits = sum(lex.explained_elsewhere(w, other.words[i], other_tokens) for i in segs)
        if hits * 2 >= len(segs):
            return True
    return False


def _nested_pieces(entries: list[TermEntry], segs: list[list[int]], pairs, zi: int, share: float) -> set[int]:
    """Entries whose Chinese side is a piece of another entry's Chinese side with the same
    equivalent, inside that longer one in at least ``share`` of its aligned pairs: 中非 / MINUSCA
    beside 中非稳定团 / MINUSCA, 应急 / CERF beside 应急基金 / CERF. A short form used on its own
    stays (大会 beside 联合国大会: General Assembly)."""
    by_other: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_other[(e.target if zi == 0 else e.source).casefold()].append(i)
    drop: set[int] = set()
    for group in by_other.values():
        if len(group) < 2:
            continue
        for i in group:
            zi_text = entries[i].source if zi == 0 else entries[i].target
            for j in group:
                zj = entries[j].source if zi == 0 else entries[j].target
                if i == j or len(zj) <= len(zi_text) or zi_text not in zj or not segs[i]:
                    continue
                inside = sum(zj in join_cjk(pairs[x][zi].text) for x in segs[i])
                if inside >= share * len(segs[i]):
                    drop.add(i)
    return drop


def _name_continued(k: int, src_side: tuple, tgt_side: tuple, segs: list[int], share: float,
                    min_segments: int = 3) -> bool:
    """Is a capitalised side, as the entry has it, continued into a longer name (by any capitalised
    neighbour) in at least ``share`` of the aligned pairs the entry was learned from: "Service Centre"
    always inside Global or Regional Service Centre, "Economic Commission" always "... for Africa",
    "... for Europe"? Then it is a piece of several names, not an entry. Listed UN names
    (United Nations) and acronyms are never pieces; between two Latin-script sides, both must be."""
    if share >= 1.0 or len(segs) < min_segments:
        return False
    verdicts = []
    for side, key, surf in (src_side, tgt_side):
        if side.lang == "zh":
            continue            # no capitals to tell: the other side decides
        if not surf[:1].isupper() or is_acronym(surf) or acr.is_listed_name(surf):
            verdicts.append(False)
            continue
        if surf != side.surface[key].lstrip(INITIAL_MARK):
            verdicts.append(False)  # grown or rewritten: its contexts were not counted for this form
            continue
        cont = sum(1 for i in segs if any(getattr(side.per_seg[i], "name_ctx", {}).get(key, ("", ""))))
        verdicts.append(cont >= share * len(segs))
    # between two Latin-script sides both must be pieces (Council of Europe stays when
    # "Council of Europe Commissioner" is frequent: Совет Европы is whole)
    return bool(verdicts) and all(verdicts)


def _cut_in_name(a: str, b: str, tgt: _Side, kt: str, src_texts: list[str], segs: list[int], share: float) -> bool:
    """Two pieces of one longer name, on both sides at once: in the (two or more) pairs the entry was
    learned from, the Chinese side has the same character beside it (萨摩亚 in 美属萨摩亚, 发展基金 in
    资本发展基金) and the English side, capitalised, is continued by a capitalised word (American
    Samoa, Capital Development Fund). Two pairs are enough when both sides agree."""
    if len(segs) < 2 or not b[:1].isupper() or is_acronym(b) or b != tgt.surface[kt].lstrip(INITIAL_MARK):
        return False
    cont = sum(1 for i in segs if any(getattr(tgt.per_seg[i], "name_ctx", {}).get(kt, ("", ""))))
    if cont < share * len(segs):
        return False
    return zh_cut_piece(a, src_texts, share, min_occurrences=2) is not None


def _saturation(cooc: int, saturation: int) -> float:
    return float(np.log2(1.0 + min(cooc, saturation)) / np.log2(1.0 + saturation))


def _listed_hits(pairs, src_lang: str, tgt_lang: str, opts: TermOptions, dups, linked: list[int],
                 surf_of: dict[int, tuple[str, str]], known_entries, status: dict[int, str]) -> list:
    """The listed pairs (``terms/listed.py``) the corpus bears out, zh-en either way. An entry the
    linking already made for the same Chinese with one of the listed English forms stays; one with
    another English is replaced (removed from ``linked``); a ``general`` one with a listed English
    becomes a term (or a name)."""
    if not opts.un_short_forms or {src_lang, tgt_lang} != {"zh", "en"}:
        return []
    from .listed import find_listed, matches_form

    zi = 0 if src_lang == "zh" else 1
    zh_texts = [join_cjk(p[zi].text) for p in pairs]
    en_texts = [p[1 - zi].text for p in pairs]
    hits = find_listed(zh_texts, en_texts, opts.listed_min_share, max(3, opts.min_cooc),
                       (lambda segs: distinct(segs, dups)) if dups else None)
    known_zh = {(e.source if zi == 0 else e.target) for e in known_entries}
    out = []
    for h in hits:
        if h.pair.zh in known_zh:
            continue
        same = [k for k in linked if surf_of[k][zi] == h.pair.zh]
        given = [k for k in same if matches_form(surf_of[k][1 - zi], h.pair.en)]
        if given:
            for k in given:     # the corpus gave it already: a UN term in this sense, never "general"
                status[k] = NAME if surf_of[k][1 - zi][:1].isupper() else TERM
            continue
        for k in same:
            linked.remove(k)
        out.append(h)
    return out


def _acronym_to_phrase(source: str, target: str, src_lang: str, tgt_lang: str) -> bool:
    """One side an acronym, the other (not Chinese) starting lower-case: not equivalent."""
    for a, b, lang in ((source, target, tgt_lang), (target, source, src_lang)):
        if lang != "zh" and is_acronym(a) and b[:1].islower():
            return True
    return False


def _copied(source: str, target: str) -> bool:
    """Is the target the source as written (letters and digits compared, case ignored)?"""
    import regex

    a = regex.sub(r"[^\p{L}\p{N}]+", "", source).casefold()
    return bool(a) and a == regex.sub(r"[^\p{L}\p{N}]+", "", target).casefold()


def _inside_any(key: str, known_present: set[str]) -> bool:
    return any(key != k and key in k for k in known_present)


def _examples(segs: list[int], pairs: Sequence[SegPair], n: int) -> tuple[Example, ...]:
    if n <= 0:
        return ()
    pool = segs[:30]
    pool = sorted(pool, key=lambda i: (len(pairs[i][0].text) > 400, i))[:n]
    out = []
    for i in pool:
        a, b = pairs[i]
        out.append(Example(a.text, b.text, a.symbol or b.symbol, a.paragraph or b.paragraph, a.page, a.source,
                           b.source if b.source != a.source else None))
    return tuple(out)


# --------------------------------------------------------------------------- main entry point
def extract_terms(
    pairs_or_alignment: Any,
    src_lang: str = "zh",
    tgt_lang: str = "en",
    options: TermOptions | None = None,
    *,
    known: Glossary | Iterable[TermEntry] | None = None,
) -> Glossary:
    """Extract a bilingual glossary from aligned segments.

    ``pairs_or_alignment``: an :class:`~unmark.align.types.Alignment`, an iterable of
    (source, target[, confidence]) pairs of :class:`Segment` or str, or a path to an alignment
    file (TMX, TSV, JSONL). ``known``: entries kept as they are, marked known, and linked first.
    """
    opts = options or TermOptions()
    src_lang, tgt_lang = check_lang(src_lang), check_lang(tgt_lang)
    if src_lang == tgt_lang:
        raise TermsError("source and target language are the same", code="E406")
    if opts.measure not in MEASURES:
        raise TermsError(f"unknown association measure {opts.measure!r} ({', '.join(MEASURES)})", code="E405")
    t0 = time.perf_counter()
    pairs: list[SegPair] = as_pairs(pairs_or_alignment, src_lang, tgt_lang)
    if not pairs:
        raise TermsError("no aligned segment pairs to extract terms from", code="E407")
    if known is None and opts.known_glossary:
        known = load_known(opts.known_glossary, src_lang, tgt_lang)
    known_entries = list(known or ())

    tgt_texts = [p[1].text for p in pairs]
    src_texts = [p[0].text for p in pairs]
    src = _Side([p[0].text for p in pairs], src_lang, opts)
    tgt = _Side([p[1].text for p in pairs], tgt_lang, opts)
    t1 = time.perf_counter()

    # known terms present per segment: their sub-strings leave the competition there
    drop_s: list[set[str]] | None = None
    drop_t: list[set[str]] | None = None
    known_keys: list[tuple[str, str]] = []
    if known_entries:
        known_keys = [(term_key(e.source, src_lang), term_key(e.target, tgt_lang)) for e in known_entries]
        drop_s, drop_t = [], []
        for a, b in pairs:
            drop_s.append({ks for (ks, _), e in zip(known_keys, known_entries) if contains_term(a.text, e.source, src_lang)})
            drop_t.append({kt for (_, kt), e in zip(known_keys, known_entries) if contains_term(b.text, e.target, tgt_lang)})
    src.select(opts, drop_s)
    tgt.select(opts, drop_t)

    # a set of near-identical sentence pairs (a formula repeated by a series of letters) is one
    # observation: co-occurrence inside it does not tell which words translate which
    dups = near_duplicates(src.words, tgt.words, opts.repeat_similarity) if opts.repeat_similarity > 0 else None
    weights = np.array([1.0 / (1 + len(x)) for x in dups]) if dups else None
    stats = cooccurrences(src.ids, tgt.ids, len(tgt.keys), src.freq, tgt.freq, opts.min_cooc, weights)
    eff = evidence(stats)
    d = dice(stats)
    g = log_likelihood(stats)
    link_score = d if opts.measure == "dice" else g
    lexf = np.ones(len(stats.src))
    lex = None
    src_state = state_ids(src.keys, src_lang) if opts.use_state_names else None
    tgt_state = state_ids(tgt.keys, tgt_lang) if opts.use_state_names else None
    same_state = np.zeros(len(stats.src), dtype=bool)
    if src_state is not None and tgt_state is not None and {src_lang, tgt_lang} == {"zh", "en"} and len(stats.src):
        ss, ts = np.array(src_state)[stats.src], np.array(tgt_state)[stats.tgt]
        same_state = (ss >= 0) & (ss == ts)
    if opts.lexical_check and len(stats.src):
        from .lexical import LexicalModel

        sub = None
        if "zh" in (src_lang, tgt_lang):
            from .tokenize import zh_tokenizer

            sub = zh_tokenizer(opts.use_user_dict, opts.use_state_names).FREQ
        lex = LexicalModel(src.words, tgt.words, src_lang, tgt_lang, subword_dict=sub, weights=weights)
        # two names of one State are the same name: no word-alignment test for them (the list vouches)
        cand = np.nonzero((d >= opts.min_dice) & ~same_state)[0]
        for k in cand:
            lexf[k] = lex.score(src.tokens_of[src.keys[stats.src[k]]], tgt.tokens_of[tgt.keys[stats.tgt[k]]])
        link_score = link_score * lexf
    # ties (frequent in small corpora) go to the pair whose sides are both longer-lived candidates
    cv = np.sqrt(np.maximum(src.cvalue[stats.src], 0) * np.maximum(tgt.cvalue[stats.tgt], 0)) if len(stats.src) else np.zeros(0)
    order = np.lexsort((-cv, -stats.cooc, -link_score))
    ok = (d >= opts.min_dice) & (lexf >= opts.min_lexical)
    order = order[ok[order]]
    cognate_ok: set[int] = set()
    if opts.cognate_check and src_lang in ALPHABETIC and tgt_lang in ALPHABETIC:
        # cognates outside the other term: no link, so the pair that keeps them together can win
        # ("dollars gross" / "dólares en cifras brutas", not "dollars net" / "cifras brutas")
        bad = {int(k) for k in order if _cognate_elsewhere(int(k), stats, src, tgt, src_texts, tgt_texts)}
        order = np.array([k for k in order if int(k) not in bad], dtype=order.dtype)
        cognate_ok = {int(k) for k in order}  # (pairs the test passed: not asked again below)

    taken_s = {src.index[ks] for ks, _ in known_keys if ks in src.index}
    taken_t = {tgt.index[kt] for _, kt in known_keys if kt in tgt.index}
    allowed = _allowed_pair(src_lang, tgt_lang, [src.surface[k] for k in src.keys], [tgt.surface[k] for k in tgt.keys],
                            [k in src.weak for k in src.keys], [k in tgt.weak for k in tgt.keys], src_state, tgt_state)
    linked: list[int] = []
    for _round in range(max(1, opts.link_rounds)):
        # a later round links what an extension freed: 巴勒斯坦国 took "Palestine", was extended to
        # "State of Palestine", and "Palestine" is free again for 巴勒斯坦
        used_s = taken_s | {int(stats.src[k]) for k in linked}
        used_t = taken_t | {int(stats.tgt[k]) for k in linked}
        new = competitive_linking(order, stats.src, stats.tgt, used_s, used_t, allowed)
        if not new:
            break
        new = _extend_targets(new, stats, src, tgt, lexf, opts.extend_ratio, lex, allowed,
                              d if opts.extend_by_dice else None)
        linked = _one_source_per_target(linked + new, stats, link_score)
    d_rank = d.copy()
    if (opts.explain_away or opts.share_min_dice > 0) and linked:
        explained = _Explained(linked, stats, src, tgt)
        by_src: dict[int, list[int]] = defaultdict(list)
        for k in range(len(stats.src)):
            by_src[int(stats.src[k])].append(k)
        if opts.explain_away:
            for k in linked:
                if not _often_longer(k, stats, tgt, by_src):
                    d_rank[k] = max(d[k], explained.dice(int(stats.src[k]), int(stats.tgt[k]))[0])
        shared = _share_targets(linked, stats, src, lexf, lex, allowed, explained, opts.share_min_dice,
                                opts.min_lexical, max(opts.min_cooc, 3))
        for k, adj in shared.items():
            d_rank[k] = adj
        linked = linked + sorted(shared)
    t2 = time.perf_counter()

    tw = np.ones(len(stats.src))
    general = None if opts.general_common is None else (opts.general_common, opts.general_rare)
    for k in linked:
        tw[k] = (termhood_weight(tgt.surface[tgt.keys[stats.tgt[k]]], tgt_lang, opts.single_word_weight, general)
                 * termhood_weight(src.surface[src.keys[stats.src[k]]], src_lang, opts.single_word_weight, general))
        if (src_state is not None and src_state[stats.src[k]] >= 0) or (tgt_state is not None and tgt_state[stats.tgt[k]] >= 0):
            tw[k] *= opts.state_weight
    rank = _rank_scores(opts.rank, d_rank, g, eff.astype(float), cv, tw, opts.freq_saturation) * lexf ** opts.rank_lexical
    # a pair seen together only in a couple of aligned pairs is an entry only on strong association
    # (Dice x termhood x word-alignment consistency): two chance co-occurrences in one document
    # pair neighbours ("Criminal Code" / включение, "NHRI" / свои)
    # an aligned pair given twice word for word (a paragraph repeated by the alignment) is one
    # observation: a pair seen together fewer than min_cooc times in distinct pairs is no entry
    linked = _distinct_cooc_filter(linked, stats, src, tgt, pairs, opts.min_cooc)
    if opts.thin_cooc > 0 and opts.thin_min_strength > 0:
        strength = d_rank * tw * lexf ** opts.rank_lexical
        linked = [k for k in linked if eff[k] >= opts.thin_cooc or strength[k] >= opts.thin_min_strength
                  or same_state[k]]
    # an acronym pairs with an acronym or a capitalised name, never with a lower-case phrase of
    # the other language ("LFJL" / правосудие в Ливии, "NHRI" / свои)
    linked = [k for k in linked if not _acronym_to_phrase(src.surface[src.keys[stats.src[k]]], tgt.surface[tgt.keys[stats.tgt[k]]],
                                                          src_lang, tgt_lang)]
    # a target that is its source copied (an untranslated passage, English notes in a Russian text) is no entry
    linked = [k for k in linked if not _copied(src.surface[src.keys[stats.src[k]]], tgt.surface[tgt.keys[stats.tgt[k]]])]
    if opts.cognate_check and src_lang in ALPHABETIC and tgt_lang in ALPHABETIC:
        # a word whose cognate stands outside the other term in most of the pair's segments is
        # translated elsewhere: "Sinti" / каминанти beside Camminanti, "dollars net" / "cifras brutas"
        # (asked again only of pairs the linking added: extended targets, shared targets)
        linked = [k for k in linked if k in cognate_ok or not _cognate_elsewhere(k, stats, src, tgt, src_texts, tgt_texts)]
    if lex is not None and opts.edge_check:
        # boundaries: an edge word of either term that translates nothing in the other term is a
        # neighbour taken along (or a piece cut off): the pair is no entry
        edge_bad = {k: _neighbour_edge(k, stats, src, tgt, lex) for k in linked}
        dropped_edges = [k for k in linked if edge_bad[k] and not same_state[k]]
        log.debug("terms: %d pairs dropped for an unexplained edge word", len(dropped_edges))
        linked = [k for k in linked if not edge_bad[k] or same_state[k]]
    inv_s = src.segments_of()
    tgt_sets = [set(map(int, ids)) for ids in tgt.ids]
    segs_of = {k: [i for i in inv_s.get(int(stats.src[k]), ()) if int(stats.tgt[k]) in tgt_sets[i]] for k in linked}
    # growing a term looks at one sentence of each repeated formula: what one formula repeats
    # around a term is that formula, not the term (政府的信任 inside one repeated title)
    grow_segs = {k: distinct(v, dups) for k, v in segs_of.items()}
    # whole forms: a Chinese term cut short by the segmenter grows to what its occurrences share
    surf_of: dict[int, tuple[str, str]] = {}
    cut_of: dict[int, str] = {}
    completed: set[int] = set()     # entries whose Chinese side was completed from a cut piece
    for k in linked:
        a, b = src.surface[src.keys[stats.src[k]]], tgt.surface[tgt.keys[stats.tgt[k]]]
        if opts.grow_share > 0 and src_lang == "zh":
            grown = grow_zh(a, [join_cjk(pairs[i][0].text) for i in grow_segs[k]], opts.grow_share)
            if grown == a or not _grown_part_elsewhere(lex, grown, a, grow_segs[k], tgt, tgt.tokens_of[tgt.keys[stats.tgt[k]]], True):
                a = grown
        if opts.grow_share > 0 and tgt_lang == "zh":
            grown = grow_zh(b, [join_cjk(pairs[i][1].text) for i in grow_segs[k]], opts.grow_share)
            if grown == b or not _grown_part_elsewhere(lex, grown, b, grow_segs[k], src, src.tokens_of[src.keys[stats.src[k]]], False):
                b = grown
        elif opts.grow_share > 0 and tgt_lang != "zh" and lex is not None and not is_acronym(b):
            st = src.tokens_of[src.keys[stats.src[k]]]
            segs = grow_segs[k]

            def accept(w: str, st=st, segs=segs) -> bool:
                return sum(lex.explained_elsewhere(w, src.words[i], st) for i in segs) * 2 < len(segs)

            # a title in 《》 is one whole name: two occurrences that agree are enough to complete it
            # ("Convention on the Elimination" -> "... of All Forms of Discrimination against Women")
            grown = grow_latin(b, [tgt_texts[i] for i in segs], tgt_lang, opts.grow_share, accept=accept,
                               min_occurrences=2 if a.startswith(TITLE_PREFIX) else 3)
            if grown != b and is_proper_name(grown, tgt_lang):
                b = grown       # only into a full name: "field support" -> "Department of Field Support"
        if opts.un_forms:
            b = un_form(b, tgt_lang, tgt_texts)
        if opts.cut_share > 0 and not same_state[k]:
            # a Chinese side that, in the pairs the entry was learned from, nearly always has the
            # same character beside it is a piece of a longer word (轨道 in 亚轨道, 训研 in 训研所):
            # completed to that word when the segmenter's words agree, else out of the main list
            sides = [a, b]
            for side, lang_ in ((0, src_lang), (1, tgt_lang)):
                if lang_ == "zh" and not un_dictionary_word(sides[side]):
                    wholes = complete_cut_piece(sides[side], [join_cjk(pairs[i][side].text) for i in grow_segs[k]],
                                                opts.cut_share)
                    whole = wholes[0] if wholes else None
                    if whole is None:
                        cut_of[k] = sides[side]
                    elif whole != sides[side]:
                        sides[side] = whole
                        completed.add(k)
            a, b = sides
        if (opts.cut_share > 0 and src_lang == "zh" and k not in cut_of and k not in completed
                and _cut_in_name(a, b, tgt, tgt.keys[stats.tgt[k]], [join_cjk(pairs[i][0].text) for i in grow_segs[k]],
                                 grow_segs[k], 1.0)):
            cut_of[k] = a
        surf_of[k] = (a, b)
    if lex is not None and opts.outside_check and src_lang == "zh":
        # equivalence: an edge word of the English whose translation in most segments is a word
        # beside the Chinese term, not in it, was taken from a neighbour: it is cut off (叙利亚戈兰 /
        # "occupied Syrian Golan" -> "Syrian Golan"); a pair left with no consistent English goes
        dropped_k: set[int] = set()
        for k in linked:
            if same_state[k]:
                continue
            trimmed = _trim_neighbours(surf_of[k], segs_of[k], src, tgt, lex, tgt_texts, opts.min_lexical)
            if trimmed is None:
                log.debug("terms: %s / %s dropped: its English translates a neighbour", *surf_of[k])
                dropped_k.add(k)
            elif trimmed != surf_of[k][1]:
                log.debug("terms: %s / %s trimmed to %r", *surf_of[k], trimmed)
                surf_of[k] = (surf_of[k][0], trimmed)
        linked = [k for k in linked if k not in dropped_k]
    # a term grown into another entry's source: one entry for that source, the pair seen together
    # more often, unless one target is the full name of the other's (全球环境 grown to 全球环境基金
    # yields to 全球环境基金 / Global Environment Facility); ties: the one not grown
    def _pref(k: int, other: int) -> tuple:
        b, b2 = surf_of[k][1], surf_of[other][1]
        full_name = b != b2 and b2.lower() in b.lower() and is_proper_name(b, tgt_lang)   # the full name of the other's target
        # an entry completed from a cut piece yields to the one learned from the whole word
        return (k not in completed, full_name, int(stats.cooc[k]), surf_of[k][0] == src.surface[src.keys[stats.src[k]]], float(link_score[k]))

    best_of: dict[str, int] = {}
    for k in linked:
        a = surf_of[k][0]
        j = best_of.get(a)
        if j is None or _pref(k, j) > _pref(j, k):
            best_of[a] = k
    keep_k = set(best_of.values())
    linked = [k for k in linked if k in keep_k]
    seen_src: set[str] = set()
    labels_s = label_series(src.keys, opts.label_series) if opts.label_series else set()
    labels_t = label_series(tgt.keys, opts.label_series) if opts.label_series else set()
    status: dict[int, str] = {}
    alphabetic = src_lang in ALPHABETIC and tgt_lang in ALPHABETIC
    for k in linked:
        is_state = bool((src_state is not None and src_state[stats.src[k]] >= 0)
                        or (tgt_state is not None and tgt_state[stats.tgt[k]] >= 0))
        ks, kt = src.keys[stats.src[k]], tgt.keys[stats.tgt[k]]
        a, b = surf_of[k]
        status[k] = entry_status(a, b, src_lang, tgt_lang, state=is_state, common_zipf=opts.common_zipf)
        if status[k] != GENERAL and (attributive_modifier(b, tgt_texts, tgt_lang)
                                     or attributive_modifier(a, src_texts, src_lang)):
            status[k] = GENERAL     # "high-level", "cross-border": a modifier, the term is the phrase it opens
        if not is_state and (
                ks in labels_s or kt in labels_t                       # JS1 ... JS16: labels of one document
                or (max(src.name_frag.get(ks, 0.0), tgt.name_frag.get(kt, 0.0)) >= opts.max_name_fragment
                    and not (acr.is_listed_name(a) or acr.is_listed_name(b)))  # a piece of one longer name
                or compositional_with_state(b, tgt_lang) or compositional_with_state(a, src_lang)
                or k in cut_of                                           # a piece cut out of a longer word
                or (alphabetic and (foreign_piece(a, src_lang, b) or foreign_piece(b, tgt_lang, a)))  # Associazione
                or _name_continued(k, (src, ks, a), (tgt, kt, b), segs_of[k], opts.max_name_continued)):
            status[k] = GENERAL
    # two main-list entries joined by "and" are a phrase of the text, not an entry
    # (on either side; labels of the document count as entries: "AI and JS6")
    known_parts = [status[k] != GENERAL or src.keys[stats.src[k]] in labels_s for k in linked]
    for side in (1, 0):
        texts_ = [surf_of[k][side] for k in linked]
        for k, coord in zip(linked, coordinations(texts_, known_parts)):
            if coord:
                status[k] = GENERAL
    if opts.general == "drop":
        linked = [k for k in linked if status[k] != GENERAL]
    # the main list (terms and names) by rank, pairs seen in at least main_min_cooc aligned pairs
    # first (evidence before association: a pair seen twice is a candidate to confirm), then the
    # general-language entries by rank
    last = opts.general in ("last", "drop")
    min_main = opts.main_min_cooc if opts.main_min_cooc is not None else (3 if len(pairs) >= 1000 else 2)
    # listed UN short forms and drafting words the corpus bears out (安理会, 届会, 增编): entries even
    # where linking gave their English to the full name or the segmenter never cut them as words
    hits = _listed_hits(pairs, src_lang, tgt_lang, opts, dups, linked, surf_of, known_entries, status)
    linked.sort(key=lambda k: (last and status[k] == GENERAL, bool(eff[k] < min_main), -rank[k]))
    if opts.max_entries is not None:
        linked = linked[: max(0, opts.max_entries - len(known_entries))]

    long_forms = acr.acronym_map(tgt_texts, tgt_lang)
    entries: list[TermEntry] = []
    for (ks, kt), e in zip(known_keys, known_entries):
        segs = [i for i, (a, b) in enumerate(pairs) if contains_term(a.text, e.source, src_lang) and contains_term(b.text, e.target, tgt_lang)]
        entries.append(replace(
            e, status="known", frequency=len(segs), subject=e.subject or opts.subject,
            examples=e.examples or _examples(segs, pairs, opts.examples),
            acronym=e.acronym or acr.acronym_for(e.target, long_forms),
        ))
    seen: set[tuple[str, str]] = set()
    ranked: list[tuple[tuple, TermEntry]] = []
    ranked_segs: list[list[int]] = []
    for k in linked:
        s, t = int(stats.src[k]), int(stats.tgt[k])
        segs = segs_of[k]
        surf_s, surf_t = surf_of[k]
        if (surf_s, surf_t) in seen or surf_s in seen_src:
            continue            # grown into an entry ranked before it
        seen.add((surf_s, surf_t))
        seen_src.add(surf_s)
        is_state = bool((src_state is not None and src_state[s] >= 0) or (tgt_state is not None and tgt_state[t] >= 0))
        kind = "title" if surf_s.startswith(TITLE_PREFIX) or surf_t.startswith(TITLE_PREFIX) else (
            "acronym" if is_acronym(surf_t) or is_acronym(surf_s) else "term")
        ranked_segs.append(segs)
        ranked.append(((last and status[k] == GENERAL, bool(eff[k] < min_main), -float(rank[k])), TermEntry(
            source=surf_s, target=surf_t, score=float(rank[k]), frequency=int(stats.cooc[k]),
            source_frequency=int(stats.f_src[k]), target_frequency=int(stats.f_tgt[k]),
            # State names carry no acronym (DRC, UK are not UN usage in running text)
            acronym=None if is_state else (acr.acronym_for(surf_t, long_forms)
                                           or acr.listed_acronym(surf_t, surf_s, tgt_texts, src_lang)), kind=kind, status=status[k], subject=opts.subject,
            note=acr.full_form_note(surf_t, long_forms),
            examples=_examples(segs, pairs, opts.examples),
        )))
    for h in hits:
        surf_s, surf_t = (h.pair.zh, h.target) if src_lang == "zh" else (h.target, h.pair.zh)
        if surf_s in seen_src:
            continue
        seen_src.add(surf_s)
        en = h.target
        score = h.cooc / max(1, h.source_count) * _saturation(h.cooc, opts.freq_saturation)
        ranked_segs.append(list(h.segments))
        ranked.append(((False, h.cooc < min_main, -score), TermEntry(
            source=surf_s, target=surf_t, score=float(score), frequency=h.cooc, source_frequency=h.source_count,
            target_frequency=h.cooc, acronym=acr.acronym_for(surf_t, long_forms) or acr.listed_acronym(surf_t, surf_s, tgt_texts, src_lang),
            kind="acronym" if is_acronym(en) else "term", status=NAME if en[:1].isupper() else TERM, subject=opts.subject,
            note=acr.full_form_note(surf_t, long_forms), examples=_examples(list(h.segments), pairs, opts.examples),
        )))
    if opts.cut_share > 0 and "zh" in (src_lang, tgt_lang):
        drop = _nested_pieces([e for _, e in ranked], ranked_segs, pairs, 0 if src_lang == "zh" else 1, opts.cut_share)
        ranked = [x for i, x in enumerate(ranked) if i not in drop]
    ranked.sort(key=lambda x: x[0])
    entries += [e for _, e in ranked]
    if opts.max_entries is not None:
        entries = entries[: opts.max_entries]
    t3 = time.perf_counter()
    meta = {
        "pairs": len(pairs), "source_candidates": len(src.keys), "target_candidates": len(tgt.keys),
        "scored_pairs": len(stats.src), "measure": opts.measure, "rank": opts.rank,
        "seconds": {"candidates": round(t1 - t0, 3), "pairing": round(t2 - t1, 3), "entries": round(t3 - t2, 3)},
    }
    log.info("terms: %d entries from %d pairs in %.2fs", len(entries), len(pairs), t3 - t0)
    return Glossary(src_lang, tgt_lang, tuple(entries), meta)
