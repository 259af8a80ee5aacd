"""Offline language identification for the six UN languages.

Script first (Han -> zh, Arabic -> ar, Cyrillic -> ru); langdetect, seeded and therefore
deterministic, only to tell English, French and Spanish apart.
"""
from __future__ import annotations

import functools
import logging
import math
import threading
from collections import Counter
from typing import Sequence

import re as _std_re

import regex

from ..scripts import (
    ARABIC_LETTER,
    ARABIC_LETTER_RUNS,
    ARABIC_RUNS,
    CJK_PUNCTUATION_CHAR,
    CYRILLIC_CHAR,
    CYRILLIC_RUNS,
    HAN_CHAR,
    HAN_OR_KANA_RUNS,
    HAN_RUNS,
    LATIN,
    LATIN_RUNS,
    LETTER_RUNS,
    NON_LATIN,
)
from .data import rules

log = logging.getLogger(__name__)

# references and numbers say nothing about the language
_NOISE = regex.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[A-Z]{1,6}(?:/[\w.\-]+)+|\d+(?:[.,/]\d+)*")
# the same without the e-mail branch, for a text without "@" (where that branch cannot match):
# ``\S+@\S+`` rescans every word to its end at each of its characters, the bulk of the cost
# (every branch starts with h, w, a capital or a digit: the lookahead skips other positions fast)
_NOISE_NO_AT = regex.compile(r"(?=[hwA-Z\d])(?:https?://\S+|www\.\S+|\b[A-Z]{1,6}(?:/[\w.\-]+)+|\d+(?:[.,/]\d+)*)")
# nothing to remove without a digit, a slash, an "@" or "www."
_NOISE_HINT = regex.compile(r"[\d/@]|www\.")


def _denoise(text: str) -> str:
    if not _NOISE_HINT.search(text):
        return text
    return (_NOISE if "@" in text else _NOISE_NO_AT).sub(" ", text)


#: fewer letters than this: undecidable
MIN_LETTERS = 3
#: fewer Latin letters than this: langdetect is not asked (returns ``default``)
MIN_LATIN_FOR_DETECT = 12
#: a block "clearly entirely another language" needs this many letters of that language ...
MIN_LETTERS_FOREIGN = 20
#: ... and this share of the block's letters
FOREIGN_SHARE = 0.9
#: ... and, among en/fr/es, this langdetect probability
FOREIGN_PROB = 0.95
_LATIN_LANGS = ("en", "fr", "es")

_lock = threading.Lock()




# runs of the same classes: counting letters by run lengths makes one match per run, not per letter
_SCRIPT_RUNS = (
    ("zh", HAN_RUNS),
    ("ar", ARABIC_LETTER_RUNS),
    ("ru", CYRILLIC_RUNS),
    ("latin", LATIN_RUNS),
)


_NOT_PLAIN_LATIN = regex.compile(r"[[\p{L}--" + LATIN + "][" + LATIN + r"--\p{L}]]", regex.V1)


def has_non_latin_script(text: str) -> bool:
    """A Han, Arabic or Cyrillic character is in ``text``."""
    return NON_LATIN.search(text) is not None


def count_runs(rx: "regex.Pattern[str]", text: str) -> int:
    """Characters matched by ``rx``, a pattern of runs (``\\p{Han}+``): one match per run."""
    return sum(map(len, rx.findall(text)))


def script_counts(text: str) -> Counter:
    """Number of letters per script family: ``zh``, ``ar``, ``ru``, ``latin``."""
    c: Counter = Counter()
    for key, rx in _SCRIPT_RUNS:
        n = count_runs(rx, text)
        if n:
            c[key] = n
    return c


@functools.lru_cache(maxsize=1)
def _factory():
    """A langdetect factory of our own (the profiles that ship with langdetect), its rows of
    n-gram probabilities as tuples: they are only read, and a tuple of floats leaves the cyclic
    garbage collector's care, where 87,000 lists of 55 floats were walked by every full
    collection of the process (a share of every parse)."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    rows = factory.word_lang_prob_map
    for key in list(rows):
        rows[key] = tuple(rows[key])
    return factory


def _latin_language(text: str, min_prob: float = 0.0) -> str | None:
    """en/fr/es by langdetect (seed 0), restricted to those three; None if none reaches ``min_prob``."""
    factory = _factory()
    with _lock:  # langdetect's seed lives in a shared class attribute
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0
        det = factory.create()
        det.append(text)
        hopeless = None
        if min_prob > 0:
            # the answer is None once no en/fr/es can reach min_prob even if every trial left
            # gave it all its probability: the trials left need not run (same answer)
            idx = [k for k, lang in enumerate(det.langlist) if lang in _LATIN_LANGS]

            def hopeless(langprob: list[float], done: int) -> bool:
                room = (det.n_trial - done) / det.n_trial + 1e-9
                return all(langprob[k] + room < min_prob for k in idx)
        try:
            langprob = _detect_block(det, hopeless)
        except Exception:  # LangDetectException: no features
            return None
        if langprob is None:
            return None
        probs = det._sort_probability(langprob)
    best = None
    best_p = 0.0
    for lp in probs:
        if lp.lang in _LATIN_LANGS and lp.prob > best_p:
            best, best_p = lp.lang, lp.prob
    return best if best_p >= min_prob and best_p > 0 else None


_VECTORS: dict[str, object] = {}  # n-gram -> its language probabilities as a numpy array


def _detect_block(det, hopeless=None) -> list[float] | None:
    """``det.langprob`` as langdetect's ``Detector._detect_block`` computes it (langdetect 1.0.9),
    with its per-language loops as numpy operations: the same random draws and the same float
    operations in the same order (element-wise add, multiply and divide are exact IEEE operations
    in numpy as in Python; the sum stays Python's own), hence the same probabilities (a test
    compares them with langdetect's), in less than half the time. A detector without the expected
    internals (another langdetect version) runs langdetect's own method.

    ``hopeless(langprob, trials_done)``, if given, is asked after each trial; when it says so the
    remaining trials are skipped and None is returned."""
    import numpy as np

    try:
        wmap, rnd, n_trial = det.word_lang_prob_map, det.random, det.n_trial
        conv, limit = det.CONV_THRESHOLD, det.ITERATION_LIMIT
        det.cleaning_text()
        ngrams = _ngrams(det)
    except AttributeError:  # pragma: no cover - another langdetect
        det.get_probabilities()
        return det.langprob
    if not ngrams:
        from langdetect.lang_detect_exception import ErrorCode, LangDetectException

        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    stream = _stream(det.seed) if type(det.seed) is int else None
    if stream is not None:
        try:
            langprob = _trials_from_stream(det, ngrams, stream, hopeless)
        except _OutOfDraws:
            pass  # a text that needs more draws than precomputed: the plain loop below
        else:
            if langprob is not None:
                det.langprob = langprob
            return langprob
    vectors = _VECTORS
    langprob = [0.0] * len(det.langlist)
    rnd.seed(det.seed)
    choice = rnd.choice
    done = 0
    for _ in range(n_trial):
        prob = np.array(det._init_probability())
        weight = (det.alpha + rnd.gauss(0.0, 1.0) * det.ALPHA_WIDTH) / det.BASE_FREQ
        i = 0
        while True:
            word = choice(ngrams)  # every n-gram is in the map (_extract_ngrams)
            vec = vectors.get(word)
            if vec is None:
                vec = vectors[word] = np.array(wmap[word])
            prob *= weight + vec
            if i % 5 == 0:
                values = prob.tolist()
                total = sum(values)  # the builtin sum, as langdetect's
                prob /= total
                # max(p / total) == max(p) / total: a correctly rounded division is monotonic
                if max(values) / total > conv or i >= limit:
                    break
            i += 1
        langprob = [lp + p / n_trial for lp, p in zip(langprob, prob.tolist())]
        done += 1
        if hopeless is not None and done < n_trial and hopeless(langprob, done):
            return None
    det.langprob = langprob
    return langprob


_NORMALIZED: dict[str, str] = {}   # character -> langdetect's NGram.normalize of it


def _ngrams(det) -> list[str]:
    """``det._extract_ngrams()`` (langdetect 1.0.9) with ``NGram.add_char`` inlined and
    ``NGram.normalize`` (a function of the character alone) remembered per character: the same
    list, without a method call and a table walk per character (a test compares them)."""
    from langdetect.utils.ngram import NGram

    if getattr(NGram, "N_GRAM", None) != 3:  # pragma: no cover - another langdetect
        return det._extract_ngrams()
    norm, known = _NORMALIZED, det.word_lang_prob_map
    out: list[str] = []
    grams, capital = " ", False
    for ch in det.text:
        c = norm.get(ch)
        if c is None:
            c = norm[ch] = NGram.normalize(ch)
        last = grams[-1]
        if last == " ":
            grams, capital = " ", False
            if c == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += c
        if c.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if c != " " and c in known:
            out.append(c)
        n = len(grams)
        if n >= 2:
            w = grams[-2:]
            if w in known:
                out.append(w)
            if n >= 3 and grams in known:
                out.append(grams)
    return out


# ---- langdetect's random draws without the random module
# The detector reseeds its generator (seed 0) before every text, so every text reads the same
# Mersenne Twister output from its start; only how much of it a text uses differs. That output
# is computed once (Random(seed).randbytes) and the draws are read from it as Python's random
# makes them: choice(seq) = seq[r] for the first r = word >> (32 - k) below len(seq) (k its bit
# length), random() from two words, gauss() by Box-Muller with its cached second value. A check
# against the random module at first use falls back to the plain loop if this Python draws
# otherwise.
_STREAM_WORDS = 1 << 16
_CHUNK_WORDS = 4096


@functools.lru_cache(maxsize=2)
def _stream(seed: int):
    import random

    import numpy as np

    words = np.frombuffer(random.Random(seed).randbytes(4 * _STREAM_WORDS), dtype="<u4").astype(np.int64)
    for n in (1, 2, 3, 7, 100, 153, 1000, 4097):
        real, mine = random.Random(seed), _Draws(words, n)
        for _ in range(3):
            if (real.gauss(0.0, 1.0), real.gauss(0.0, 1.0)) != (mine.gauss(), mine.gauss()):
                log.debug("langdetect draws: this Python's gauss() differs; the plain loop runs")
                return None
            got = mine.take(60).tolist()
            mine.used(60)
            if [real.choice(range(n)) for _ in range(60)] != got:
                log.debug("langdetect draws: this Python's choice() differs; the plain loop runs")
                return None
    return words


class _OutOfDraws(Exception):
    pass


class _Draws:
    """Python's ``random.Random(seed)`` draws for ``choice`` over ``n`` items and ``gauss(0, 1)``,
    read from the precomputed output ``words`` of that generator."""

    def __init__(self, words, n: int):
        import numpy as np

        self.np = np
        self.words = words
        self.n = n
        self.shift = 32 - n.bit_length()
        self.pos = 0                                 # next unread word
        self.accepted = np.empty(0, dtype=np.int64)  # positions of the words a choice takes
        self.scanned = 0                             # words looked at for that so far
        self.start = 0                               # index in accepted of the next choice
        self.gauss_next: float | None = None

    def _random(self) -> float:
        if self.pos + 2 > len(self.words):
            raise _OutOfDraws
        a, b = int(self.words[self.pos]) >> 5, int(self.words[self.pos + 1]) >> 6
        self.pos += 2
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def gauss(self) -> float:
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = self._random() * (2.0 * math.pi)
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self._random()))
            z = math.cos(x2pi) * g2rad
            self.gauss_next = math.sin(x2pi) * g2rad
        return 0.0 + z * 1.0

    def take(self, m: int):
        """The values of the next ``m`` choices, not yet consumed (see :meth:`used`)."""
        np = self.np
        while True:
            self.start = int(np.searchsorted(self.accepted, self.pos))
            if len(self.accepted) - self.start >= m:
                return self.words[self.accepted[self.start:self.start + m]] >> self.shift
            a, b = self.scanned, self.scanned + _CHUNK_WORDS
            if b > len(self.words):
                raise _OutOfDraws
            ok = np.flatnonzero((self.words[a:b] >> self.shift) < self.n) + a
            self.accepted = np.concatenate((self.accepted, ok))
            self.scanned = b

    def used(self, m: int) -> None:
        """The first ``m`` choices of the last :meth:`take` were made."""
        if m:
            self.pos = int(self.accepted[self.start + m - 1]) + 1


def _trials_from_stream(det, ngrams: list[str], stream, hopeless) -> list[float] | None:
    """langdetect's trials (:func:`_detect_block`) with the draws read from ``stream``. The
    n-grams between two convergence checks (i = 0, 5, 10, ...) go in as one block: a running
    product (``multiply.accumulate``: one IEEE multiply a step, in langdetect's order) of the
    block's factors ``weight + vec``, the first one times ``prob``; then the same normalisation."""
    import numpy as np

    vectors, wmap = _VECTORS, det.word_lang_prob_map
    rows: dict[str, int] = {}
    table = []
    for w in ngrams:
        if w not in rows:
            vec = vectors.get(w)
            if vec is None:
                vec = vectors[w] = np.array(wmap[w])
            rows[w] = len(table)
            table.append(vec)
    matrix = np.array(table)
    pick = np.array([rows[w] for w in ngrams], dtype=np.intp)
    draws = _Draws(stream, len(ngrams))
    conv, limit, n_trial = det.CONV_THRESHOLD, det.ITERATION_LIMIT, det.n_trial
    accumulate = np.multiply.accumulate
    langprob = [0.0] * len(det.langlist)
    for done in range(1, n_trial + 1):
        prob = np.array(det._init_probability())
        weight = (det.alpha + draws.gauss() * det.ALPHA_WIDTH) / det.BASE_FREQ
        factors = matrix[pick[draws.take(1)]]
        factors += weight
        last = factors[0]
        last *= prob
        made, i, at, size = 1, 0, 1, 1
        while True:
            values = last.tolist()
            total = sum(values)  # the builtin sum, as langdetect's
            prob = last / total
            if max(values) / total > conv or i >= limit:
                break
            i += 5
            if at + 5 > size:
                factors = matrix[pick[draws.take(made + 100)[made:]]]   # the next 20 blocks
                factors += weight
                at, size = 0, len(factors)
            step = factors[at:at + 5]
            step[0] *= prob
            accumulate(step, axis=0, out=step)
            last = step[4]
            at += 5
            made += 5
        draws.used(made)
        langprob = [lp + p / n_trial for lp, p in zip(langprob, prob.tolist())]
        if hopeless is not None and done < n_trial and hopeless(langprob, done):
            return None
    return langprob


_WORD = regex.compile(r"\p{L}+")
# the same runs by the standard library's engine (about twice as fast on a long text): its class
# (word characters but digits and "_") holds every letter and a few number signs (², ½); it is used
# only on a text whose every distinct character both engines class alike, so the runs are the same
_STD_LETTER_RUNS = _std_re.compile(r"[^\W\d_]+")
_STD_LETTER = _std_re.compile(r"[^\W\d_]")
_LETTER = regex.compile(r"\p{L}")
_ALIKE: dict[str, bool] = {}  # character -> both classes agree on it (asked once a process)
_STD_MIN = 1000  # shorter texts: not worth the check


def letter_runs(text: str, chars: set[str] | None = None) -> list[str]:
    """``LETTER_RUNS.findall(text)`` (runs of letters, ``\\p{L}+``); ``chars``: the text's distinct
    characters when the caller has them."""
    if len(text) < _STD_MIN:
        return _WORD.findall(text)
    alike = _ALIKE
    for c in set(text) if chars is None else chars:
        ok = alike.get(c)
        if ok is None:
            if len(alike) > 50_000:  # (a hostile text of many scripts: the cache stays small)
                alike.clear()
            ok = alike[c] = (_LETTER.match(c) is None) == (_STD_LETTER.match(c) is None)
        if not ok:
            return _WORD.findall(text)
    return _STD_LETTER_RUNS.findall(text)


def _function_word_vote(text: str, words: list[str] | None = None) -> tuple[str | None, float]:
    """(best of en/fr/es by share of function words, margin over the runner-up); ``words``: the
    text's runs of letters when the caller has them."""
    from .data import rules

    words = list(map(str.lower, letter_runs(text) if words is None else words))
    if len(words) < 8:
        return None, 0.0
    scores = {}
    for lang in _LATIN_LANGS:
        scores[lang] = sum(map(rules(lang).function_words.__contains__, words)) / len(words)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if ranked[0][1] == 0:
        return None, 0.0  # no function word of any of them: names, codes, a list -- not prose
    return ranked[0][0], ranked[0][1] - ranked[1][1]


def _latin_words(clean: str) -> tuple[Counter, list[str] | None]:
    """(:func:`script_counts`, the runs of letters or None). When every letter is Latin and every
    Latin character a letter, the runs of letters are the runs of Latin: counted once, and kept
    for the function-word vote."""
    # (one character class: asked of the distinct characters, not of every character)
    chars = set(clean)
    if _NOT_PLAIN_LATIN.search("".join(chars)):
        return script_counts(clean), None
    words = letter_runs(clean, chars)
    n = sum(map(len, words))
    return (Counter({"latin": n}) if n else Counter()), words


def identify(text: str, default: str | None = None) -> str | None:
    """Language code of a text block (one of ar, zh, en, fr, es, ru), or ``default``.

    ``default`` is returned when the text has too few letters to decide.
    """
    clean = _denoise(text)
    counts, words = _latin_words(clean)
    # a Han character carries about a word: weight it against Latin letters
    total = sum(counts.values()) + 2 * counts["zh"]
    if total < MIN_LETTERS:
        return default
    # script first: any substantial non-Latin script decides
    for code in ("zh", "ar", "ru"):
        weight = 3 if code == "zh" else 1
        if counts[code] * weight >= counts["latin"] and counts[code] > 0:
            return code
    if counts["latin"] < MIN_LATIN_FOR_DETECT:
        return default
    vote, margin = _function_word_vote(clean, words)
    if vote is not None and margin >= 0.1:
        return vote  # a clear function-word majority: no need for langdetect
    lang = _latin_language(clean[:2000])
    return lang if lang is not None else default


def identify_units(texts: Sequence[str], default: str | None = None) -> str | None:
    """Language of a list of short units (sentences, the lines of a file) without a language
    code: :func:`identify` of the first 200, one per line (the aligners and ``unmark align
    --presplit`` ask it)."""
    return identify("\n".join(texts[:200]), default=default)


# letters counted by runs (one match per run, not per character: count_runs)


def _script_language(sample: str) -> str | None:
    """zh, ar or ru when that script holds its share of the letters, else None."""
    if not has_non_latin_script(sample):
        return None  # no Han, Arabic or Cyrillic at all: none of the three can reach its share
    letters = count_runs(LETTER_RUNS, sample)
    if not letters:
        return None
    if count_runs(HAN_OR_KANA_RUNS, sample) > letters * 0.2:
        return "zh"
    if count_runs(ARABIC_RUNS, sample) > letters * 0.3:
        return "ar"
    if count_runs(CYRILLIC_RUNS, sample) > letters * 0.3:
        return "ru"
    return None


def identify_document(texts: list[str]) -> str:
    """Document language from its lines or blocks (the first few hundred body lines are enough):
    the script share of zh, ar or ru, else one identification over a sample of the text ("en"
    when nothing decides). This is the identification :func:`unmark.parse` uses."""
    lang = _script_language("".join(texts)[:200000])
    if lang:
        return lang
    # one identification over a sample of the body, not one per line
    sample = " ".join(t.strip() for t in texts)[:6000]
    return identify(sample, default="en") or "en"


def looks_like_language(lang: str, texts: list[str]) -> bool:
    """Enough of the language's function words to trust a Latin-script language decision."""
    # one search over the texts joined by newlines: a run of letters never spans a newline
    words = list(map(str.lower, letter_runs("\n".join(texts))))
    if len(words) < 30:
        return True
    fw = rules(lang).function_words
    return sum(map(fw.__contains__, words)) / len(words) >= 0.08


def identify_block(text: str, doc_lang: str) -> str:
    """Language of one block of a ``doc_lang`` document.

    A block keeps the document language unless it is clearly entirely another language: enough
    letters, and (for a script change) nearly all letters in the other script. A Latin block in
    a Latin-script document is re-identified only when it is long enough for langdetect.
    """
    fam = {"zh": "zh", "ar": "ar", "ru": "ru"}.get(doc_lang, "latin")
    if fam == "zh" and CJK_PUNCTUATION_CHAR.search(text):
        return doc_lang  # Chinese punctuation (read from the text as it is)
    if fam != "latin" and "/" not in text and "@" not in text and "www." not in text and _OWN_SCRIPT[fam].search(text):
        # without a slash, an "@" or "www." the only noise is numbers: the letters all stay
        return doc_lang
    clean = _denoise(text)
    if fam != "latin" and _OWN_SCRIPT[fam].search(clean):
        # the document's own script is present: a citation inside its text (and a short block
        # keeps the document language anyway, so the letters need no counting)
        return doc_lang
    if fam == "latin":
        counts, words = _latin_words(clean)
    else:
        counts, words = script_counts(clean), None
    total = sum(counts.values())
    if total < MIN_LETTERS_FOREIGN:
        return doc_lang
    if counts[fam] >= (1 - FOREIGN_SHARE) * total:
        # still mostly the document's script
        if fam != "latin":
            return doc_lang
        if counts["latin"] < 2 * MIN_LETTERS_FOREIGN:
            return doc_lang
        return _latin_block(clean, doc_lang, doc_lang, words)
    dominant, n = max(counts.items(), key=lambda kv: kv[1])
    if n < FOREIGN_SHARE * total:
        return doc_lang
    if dominant == "latin":
        return _latin_block(clean, None, doc_lang, words)
    return dominant


_OWN_SCRIPT = {"zh": HAN_CHAR, "ar": ARABIC_LETTER, "ru": CYRILLIC_CHAR}


def _latin_block(clean: str, expected: str | None, doc_lang: str, words: list[str] | None = None) -> str:
    """en/fr/es of a Latin-script block: the function-word vote decides when it is clear (cheap);
    langdetect is asked only to confirm a close call against the document language."""
    vote, margin = _function_word_vote(clean, words)
    if vote is None:
        return doc_lang  # too few words to tell en/fr/es apart
    if vote == expected or (expected is not None and margin < 0.08):
        return doc_lang
    if margin >= 0.15:
        return vote
    other = _latin_language(clean, FOREIGN_PROB)
    return other if other is not None else doc_lang
