"""Monolingual term candidates: n-grams that do not start or end on function words, and C-value.

A candidate has a *key* (normalised: lower case except acronyms, English plural folded on the last
word) used for counting, and a *surface* (the text as written) used for display.
"""
from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..labels import rule as label_rule
from ..resources import load_toml
from .lexicon import complex_prepositions, internal_words, pattern, stopwords
from .morph import singular_en  # noqa: F401 - here too, where the candidates use it
from .tokenize import Tokenized, has_cjk, has_letter

TITLE_PREFIX = "《"
NAME_EXTRA_TOKENS = 6
INITIAL_MARK = "\x00"


@dataclass(frozen=True, slots=True)
class CandidateLimits:
    max_tokens_zh: int = 6
    max_tokens_latin: int = 8
    extra_tokens_romance: int = 4   # French/Spanish names carry more function words (de la, des, del)
    min_chars_zh: int = 2
    max_chars_zh: int = 24


@functools.lru_cache(maxsize=1)
def _zh_pos() -> dict:
    return load_toml("terms/pos_zh.toml")


def zh_head_tags() -> tuple[str, ...]:
    return tuple(_zh_pos()["head_tags"])


def zh_head_exact() -> tuple[str, ...]:
    return tuple(_zh_pos().get("start_exceptions", ()))


def zh_weak_tags() -> tuple[str, ...]:
    return tuple(_zh_pos().get("weak_single_tags", ()))


@functools.lru_cache(maxsize=1)
def noun_suffixes_en() -> tuple[str, ...]:
    from ..resources import load_lines

    return tuple(sorted((w for w in load_lines("terms/noun_suffixes_en.txt") if not w.startswith("!")), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def not_nouns_en() -> frozenset[str]:
    from ..resources import load_lines

    return frozenset(w[1:] for w in load_lines("terms/noun_suffixes_en.txt") if w.startswith("!"))


def nominal_single_en(surface: str) -> bool:
    """A single English word that reads as a noun by its suffix (elections, poverty, youth)."""
    w = surface.strip().lower()
    return (" " not in w and w.isalpha() and len(w) > 3 and w not in not_nouns_en()
            and w.endswith(noun_suffixes_en()))


def zh_bad_start_tags() -> tuple[str, ...]:
    return tuple(_zh_pos()["bad_start_tags"])


def is_acronym(tok: str) -> bool:
    return bool(pattern("acronym").match(tok))


def norm_token(tok: str, lang: str) -> str:
    return tok if is_acronym(tok) else tok.lower()


def latin_key(tokens: tuple[str, ...], lang: str) -> str:
    """Counting key: lower case, each word folded to its lemma (English and French/Spanish plurals,
    Russian cases via pymorphy3, Arabic light stem); acronyms as written."""
    from .morph import lemma

    toks = [norm_token(t, lang) for t in tokens]
    if lang == "en":
        toks = [t if is_acronym(o) else singular_en(t) for t, o in zip(toks, tokens)]
    elif lang in ("ru", "fr", "es", "ar"):
        toks = [t if is_acronym(o) else lemma(t, lang) for t, o in zip(toks, tokens)]
    return join_latin(toks)


def join_latin(tokens: Iterable[str]) -> str:
    out = ""
    for t in tokens:
        if t in ("'s", "’s") or out.endswith(("'", "’")):
            out += t            # Children's; French/Italian elision: d'origine, l'Organisation
        else:
            out += (" " if out else "") + t
    return out


def _edge_ok_latin(tok: str, stop: frozenset[str], acronyms_ok: bool = False) -> bool:
    if acronyms_ok and is_acronym(tok):
        return True  # WHO, IT: an acronym, not the stop word "who"
    return has_letter(tok) and tok.lower() not in stop and tok not in ("'s", "’s") and (len(tok) > 1 or tok.isupper())


def _inner_ok_latin(tok: str, stop: frozenset[str], inner: frozenset[str]) -> bool:
    low = tok.lower()
    return low in inner or low not in stop


def latin_ngrams(chunk: tuple[str, ...], lang: str, max_n: int) -> Iterable[tuple[str, ...]]:
    for i, j in latin_ngram_spans(chunk, lang, max_n):
        yield chunk[i:j]


def latin_ngram_spans(chunk: tuple[str, ...], lang: str, max_n: int) -> Iterable[tuple[int, int]]:
    """(start, end) token spans of the Latin-script candidates of one chunk."""
    stop, inner = stopwords(lang), internal_words(lang)
    n = len(chunk)
    # an all-capital token that is also a stop word (WHO) is an acronym unless the whole chunk is
    # written in capitals (a heading: "REPORT OF THE ...")
    acronyms_ok = any(any(ch.islower() for ch in t) for t in chunk)
    edge = [_edge_ok_latin(t, stop, acronyms_ok) for t in chunk]
    mid = [_inner_ok_latin(t, stop, inner) or (acronyms_ok and is_acronym(t)) for t in chunk]
    link = [True] * n     # may tokens k and k + 1 stand in one term?
    if lang == "ru":
        from .morph import ru_agrees, ru_edge_ok, ru_inner_ok

        edge = [e and ru_edge_ok(t) for e, t in zip(edge, chunk)]
        mid = [m and ru_inner_ok(t) for m, t in zip(mid, chunk)]
        # an adjective that does not agree with the next word modifies another noun
        # ("мерам, альтернативным содержанию под стражей"): no term runs across it
        link = [ru_agrees(chunk[k], chunk[k + 1]) for k in range(n - 1)] + [True]
    elif lang == "en":
        # a lower-case past form never ends a term ("JS6 recommended", "Council welcomed")
        edge_end = [e and not (t[:1].islower() and t.endswith("ed")) for e, t in zip(edge, chunk)]
        # nor does an infinitive ("international mechanism to facilitate")
        edge_end = [e and not (i and chunk[i - 1].lower() == "to" and t[:1].islower()) for i, (e, t) in enumerate(zip(edge_end, chunk))]
    if lang != "en":
        edge_end = edge
    in_prep = complex_preposition_tokens(chunk, lang)
    if in_prep:
        # a word of a compound preposition never opens or closes a term ("риторика в отношении")
        edge = [e and i not in in_prep for i, e in enumerate(edge)]
        edge_end = [e and i not in in_prep for i, e in enumerate(edge_end)]
    # a proper name (capitalised words and the function words between them) may run longer:
    # "United Nations Relief and Works Agency for Palestine Refugees in the Near East"
    name_ok = [t[:1].isupper() or t.lower() in inner for t in chunk]
    for i in range(n):
        if not edge[i]:
            continue
        for j in range(i, min(n, i + max_n + NAME_EXTRA_TOKENS)):
            if j > i and (not mid[j] or not link[j - 1]):
                break
            if j >= i + max_n and not all(name_ok[i : j + 1]):
                break
            if edge_end[j]:
                yield i, j + 1


def complex_preposition_tokens(chunk: tuple[str, ...], lang: str) -> set[int]:
    """Indexes of the tokens of ``chunk`` that belong to a compound preposition of the language
    (``lexicon.complex_prepositions``)."""
    preps = complex_prepositions(lang)
    if not preps:
        return set()
    low = [t.lower().replace("ё", "е") for t in chunk]
    out: set[int] = set()
    for p in preps:
        m = len(p)
        for i in range(len(low) - m + 1):
            if low[i] == p[0] and tuple(low[i:i + m]) == p:
                out.update(range(i, i + m))
    return out


def _edge_ok_zh(tok: str, stop: frozenset[str]) -> bool:
    return tok not in stop and (has_cjk(tok) or is_acronym(tok))


def zh_ngrams(chunk: tuple[str, ...], limits: CandidateLimits, tags: tuple[str, ...] | None = None) -> Iterable[tuple[str, ...]]:
    """Token n-grams not starting/ending on a function word; with part-of-speech tags, the last
    token must be nominal (Chinese noun phrases are head-final) and the first not a verb/adverb."""
    stop = stopwords("zh")
    n = len(chunk)
    edge = [_edge_ok_zh(t, stop) for t in chunk]
    head_ok = [True] * n if tags is None else [t.startswith(zh_head_tags()) for t in tags]
    start_ok = [True] * n if tags is None else [not t.startswith(zh_bad_start_tags()) or t in zh_head_exact() for t in tags]
    for i in range(n):
        if i + 1 < n and chunk[i].isdigit() and chunk[i + 1].startswith("年"):
            pass                # a year opens a term: 2015年后发展议程 (post-2015 development agenda)
        elif not edge[i] or not start_ok[i]:
            continue
        chars = 0
        for j in range(i, min(n, i + limits.max_tokens_zh)):
            chars += len(chunk[j])
            if chars > limits.max_chars_zh:
                break
            if edge[j] and head_ok[j] and chars >= limits.min_chars_zh:
                yield chunk[i : j + 1]


class Candidates(dict):
    """key -> (token tuple, surface) for one segment; ``weak``: keys that are single Chinese words
    tagged verb/adjective/time (terms only when they translate as a noun)."""

    def __init__(self) -> None:
        super().__init__()
        self.weak: set[str] = set()
        # key -> (left, right) name neighbours of a capitalised span inside a longer name
        self.name_ctx: dict[str, tuple[str, str]] = {}


def zh_weak_singles(chunk: tuple[str, ...], tags: tuple[str, ...] | None) -> Iterable[str]:
    if tags is None:
        return
    stop = stopwords("zh")
    weak, head = zh_weak_tags(), zh_head_tags()
    for tok, tag in zip(chunk, tags):
        if len(tok) >= 2 and tok not in stop and has_cjk(tok) and tag.startswith(weak) and not tag.startswith(head):
            yield tok


def segment_candidates(tok: Tokenized, lang: str, limits: CandidateLimits) -> Candidates:
    """key -> (token tuple, surface) for every candidate occurring in one segment."""
    out = Candidates()
    if lang == "zh":
        for title in tok.titles:
            out.setdefault(title, ((title,), title))
        for ci, chunk in enumerate(tok.chunks):
            tags = tok.tags[ci] if tok.tags else None
            for ng in zh_ngrams(chunk, limits, tags):
                s = "".join(ng)
                out.setdefault(s, (ng, s))
            for w in zh_weak_singles(chunk, tags):
                if w not in out:
                    out[w] = ((w,), w)
                    out.weak.add(w)
        return out
    inner = internal_words(lang)
    opening = 0         # chunks before the sentence's words: list labels only ("4.", "(a)", "IV."): for the spelling vote
    label_token = label_rule("item.token")
    while opening < len(tok.chunks) and all(label_token.match(t) for t in tok.chunks[opening]):
        opening += 1
    for ci, chunk in enumerate(tok.chunks):
        for i, j in latin_ngram_spans(chunk, lang, limits.max_tokens_latin + (limits.extra_tokens_romance if lang in ("fr", "es") else 0)):
            ng = chunk[i:j]
            surf = join_latin(ng)
            ctx = name_neighbours(chunk, i, j, inner, sentence_start=ci == 0) if surf[:1].isupper() else ("", "")
            key = latin_key(ng, lang)
            if ctx[0] or ctx[1]:
                out.name_ctx.setdefault(key, ctx)
            if (ci <= opening and i == 0 and ng[0][:1].isupper() and not is_acronym(ng[0])) or ctx[0] or ctx[1]:
                # a sentence-initial capital, or capitals that belong to a longer name around the
                # span ("States Parties" in "Meeting of States Parties to the Convention", "Trust
                # Fund" in "Trust Fund for Victims"): weak evidence of the term's own spelling
                surf = INITIAL_MARK + surf
            out.setdefault(key, (ng, surf))
    return out


def _cap(tok: str) -> bool:
    return tok[:1].isupper() and not is_acronym(tok)


def in_longer_name(chunk: tuple[str, ...], i: int, j: int, inner: frozenset[str], sentence_start: bool = False) -> bool:
    """Is the capitalised span chunk[i:j] part of a longer capitalised name: a capitalised word right
    before or after it, or one behind a function word of names (of, for, on, the ...)?"""
    left, right = name_neighbours(chunk, i, j, inner, sentence_start)
    return bool(left or right)


def name_neighbours(chunk: tuple[str, ...], i: int, j: int, inner: frozenset[str],
                    sentence_start: bool = False) -> tuple[str, str]:
    """The capitalised words (with the name-internal function words between) that continue the
    span chunk[i:j] into a longer name on the left and on the right ("" where none):
    ("National", "") for "Action Plan" in "National Action Plan"."""
    left = right = ""
    k = i - 1
    while k >= 0 and i - k <= 2 and chunk[k].lower() in inner and not _cap(chunk[k]):
        k -= 1
    if k >= 0 and _cap(chunk[k]) and not (sentence_start and k == 0):
        left = " ".join(chunk[k:i])
    k = j
    while k < len(chunk) and k - j < 2 and chunk[k].lower() in inner and not _cap(chunk[k]):
        k += 1
    if k < len(chunk) and _cap(chunk[k]):
        right = " ".join(chunk[j : k + 1])
    return left, right


# --------------------------------------------------------------------------- C-value
def independent_counts(freq: dict[str, int], tokens_of: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """f(a) minus the mean frequency of the longer candidates that contain ``a`` (token-wise): about
    how often ``a`` occurs on its own. 0 for a string that only ever occurs inside one longer one."""
    by_tokens = {tuple(t.lower() for t in toks): k for k, toks in tokens_of.items()}
    containers: dict[str, list[int]] = defaultdict(list)
    for k, toks in tokens_of.items():
        low = tuple(t.lower() for t in toks)
        n = len(low)
        seen: set[str] = set()
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue
                sub = by_tokens.get(low[i:j])
                if sub is not None and sub != k and sub not in seen:
                    seen.add(sub)
                    containers[sub].append(freq[k])
    return {k: f - (sum(containers[k]) / len(containers[k]) if k in containers else 0.0) for k, f in freq.items()}


def container_share(per_segment: Iterable[Iterable[str]], freq: dict[str, int]) -> dict[str, float]:
    """Per candidate: the largest share of the segments it occurs in that also hold one particular
    longer candidate containing it (1.0 for 不结盟 when every occurrence is part of 不结盟缔约国).
    A candidate that nearly always sits inside the same longer one is a fragment of that one, not a
    term. Containment is by characters for Chinese (伊黎 in 伊黎伊斯兰国, whatever the segmenter
    did) and by whole words for the other languages; titles in 《》 contain nothing here."""
    pair: Counter = Counter()
    for keys in per_segment:
        ks = sorted((k for k in keys if k in freq), key=len)
        for a, short in enumerate(ks):
            cjk = has_cjk(short)
            padded = f" {short} "
            for long in ks[a + 1:]:
                if len(long) == len(short) or long.startswith(TITLE_PREFIX):
                    continue
                if (short in long) if cjk else (padded in f" {long} "):
                    pair[(short, long)] += 1
    best: dict[str, int] = {}
    for (short, _), c in pair.items():
        if c > best.get(short, 0):
            best[short] = c
    return {k: best.get(k, 0) / f if f else 0.0 for k, f in freq.items()}


def c_values(freq: dict[str, int], tokens_of: dict[str, tuple[str, ...]], lang: str) -> dict[str, float]:
    """C-value (Frantzi, Ananiadou & Mima 2000): log2(|a|+1) * independent count; ``|a|`` is the
    number of words (characters / 2 for Chinese, about one word per two characters)."""
    ind = independent_counts(freq, tokens_of)
    out = {}
    for k, v in ind.items():
        size = len(k) / 2 if lang == "zh" else len(tokens_of[k])
        out[k] = math.log2(size + 1) * v
    return out


def _display(votes: Counter, lang: str | None = None) -> str:
    """Most frequent spelling; a sentence-initial capital counts a tenth of a vote, so "provisional
    agenda" wins over "Provisional agenda" as soon as the lower-case form is seen at all. Russian:
    a form whose words are all in the nominative wins when the corpus has one (Совет Европы, not
    Совета Европы: the citation form of a glossary)."""
    if lang == "ru" and len(votes) > 1:
        from .morph import ru_nominative

        nom = [(v, f) for f, v in votes.items() if all(ru_nominative(w) for w in f.split())]
        if nom:
            return max(nom)[1]
    if lang == "ru":
        from .morph import ru_citation_form

        return ru_citation_form(votes.most_common(1)[0][0])
    return votes.most_common(1)[0][0]


def name_fragment_share(per_segment: Iterable[Candidates], df: dict[str, int]) -> dict[str, float]:
    """Per capitalised candidate: the share of its segments where one particular capitalised
    neighbour continues it into a longer name ("Action Plan" is "National Action Plan" in most of
    its segments; "Racial Discrimination" is always "... Elimination of Racial Discrimination"). A
    name part that nearly always sits in the same longer name is a fragment of it."""
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    for cands in per_segment:
        for k, (lw, rw) in getattr(cands, "name_ctx", {}).items():
            if lw:
                left[k][lw.lower()] += 1
            if rw:
                right[k][rw.lower()] += 1
    out = {}
    for k in set(left) | set(right):
        best = max([c.most_common(1)[0][1] for c in (left.get(k), right.get(k)) if c] or [0])
        if df.get(k):
            out[k] = best / df[k]
    return out


def count_candidates(per_segment: list[dict[str, tuple[tuple[str, ...], str]]], lang: str | None = None) -> tuple[Counter, dict, dict, set]:
    """Document frequency, token tuple, most frequent surface of every key, and the weak keys."""
    df: Counter = Counter()
    weak: set[str] = set()
    for cands in per_segment:
        weak |= getattr(cands, "weak", set())
    surfaces: dict[str, Counter] = defaultdict(Counter)
    tokens_of: dict[str, tuple[str, ...]] = {}
    inside: dict[str, set[str]] = defaultdict(set)      # spellings seen inside a sentence
    for cands in per_segment:
        for k, (toks, surf) in cands.items():
            df[k] += 1
            if surf.startswith(INITIAL_MARK):
                surfaces[k][surf[1:]] += 0.1
            else:
                surfaces[k][surf] += 1
                inside[k].add(surf)
            tokens_of.setdefault(k, toks)
    best = {k: _display(c, lang) for k, c in surfaces.items()}
    if lang not in (None, "zh", "ar"):
        _lower_initial_capital(best, inside)
    return df, tokens_of, best, weak


def _lower_initial_capital(best: dict[str, str], inside: dict[str, set[str]]) -> None:
    """A phrase seen only at the start of sentences or headings ("Draft decision submitted by the
    Co-Chairs") has its capital from the position: when its first word is written in lower case
    elsewhere in the corpus and no other word of it is capitalised, it is shown in lower case
    ("draft decision"). A first word never seen in lower case keeps its capital (Syrian refugees)."""
    lower_seen = {w for spellings in inside.values() for surf in spellings for w in surf.split() if w[:1].islower()}
    for k, surf in best.items():
        if inside.get(k):
            continue
        words = surf.split()
        if (len(words) >= 2 and words[0][:1].isupper() and not words[0].isupper() and words[0][1:].islower()
                and all(not w[:1].isupper() for w in words[1:]) and words[0].lower() in lower_seen):
            best[k] = surf[:1].lower() + surf[1:]
