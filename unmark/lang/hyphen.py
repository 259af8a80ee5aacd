"""Line-end hyphens and the separator between joined lines, per language.

Evidence, strongest first: soft hyphen (always a wrap); shape (URLs, digits, capitals after
the hyphen); document vocabulary (words seen elsewhere in the same document); the compound
lists in ``resources/lang/<xx>.toml``; a word-frequency list if the optional ``wordfreq``
package is installed; the language's ``default_keep``.
"""
from __future__ import annotations

import functools
import logging
from collections import Counter

import regex

from ..scripts import CJK_NEIGHBOUR
from .data import rules
from .frequencies import zipf_frequency

log = logging.getLogger(__name__)

SOFT_HYPHEN = "\u00ad"
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
#: Zipf frequency (wordfreq) from which the joined form counts as a real word
JOINED_WORD_ZIPF = 3.0
#: below this Zipf frequency a line-start fragment is not a word of its own ("fordable", "isting")
WORD_PART_ZIPF = 1.5

_URLISH = regex.compile(r"(?:https?://|www\.|@|\.(?:org|com|int|net|gov|edu)\b|/)", regex.I)
_WORD_CHARS = regex.compile(r"[\p{L}\p{M}\p{N}'’\-\u2010\u2011\u00ad./:@_~%]+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?¿¡"


@functools.lru_cache(maxsize=1)
def _wordfreq():
    try:
        import wordfreq  # type: ignore

        return wordfreq
    except Exception:  # pragma: no cover - optional dependency
        log.debug("wordfreq not installed: dehyphenation uses rule data and vocabulary only")
        return None


def wordfreq_available() -> bool:
    """True when the optional ``wordfreq`` package can be used."""
    return _wordfreq() is not None


@functools.lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    wf = _wordfreq()
    if wf is None:
        return -1.0
    try:
        return zipf_frequency(wf, word, lang)
    except Exception:  # unknown language etc.
        return -1.0


def _last_word(s: str) -> str:
    parts = s.split()
    return parts[-1] if parts else ""


def _first_word(s: str) -> str:
    parts = s.split()
    return parts[0] if parts else ""


_HYPHENS = regex.compile(r"[-\u2010\u2011]")


def keep_hyphen(left: str, right: str, lang: str, vocabulary: Counter | None = None) -> bool:
    """Is the hyphen that ends ``left`` (last word of a line) a real one?

    ``right`` is the first word of the next line. True: keep the hyphen and join without a
    space (``money-`` + ``laundering``). False: a wrap hyphen to remove (``organ-`` + ``ized``).
    ``vocabulary``: words seen elsewhere in the same document (lower-cased keys preferred).
    """
    lw = _last_word(left)
    rw = _first_word(right)
    if not lw:
        return True
    if lw.endswith(SOFT_HYPHEN):
        return False
    if lw[-1] not in HYPHENS:
        return True  # no hyphen at all: nothing to remove
    if lw[-1] == "\u2011":
        return True  # non-breaking hyphen is never a wrap
    stem_full = lw[:-1].lstrip(_EDGE_PUNCT)
    rw_clean = rw.rstrip(_EDGE_PUNCT)
    if not stem_full or not rw_clean:
        return True
    if _URLISH.search(stem_full):
        return True
    # the part of the stem after an earlier hyphen: state-of-the- + art -> "the"
    stem = _HYPHENS.split(stem_full)[-1]
    if not stem or not stem[-1].isalpha() or not rw_clean[0].isalpha():
        return True  # COVID-19, 2020-2021, A-1
    if rw_clean[0].isupper() and not rw_clean.isupper():
        return True  # Secretary-General, non-Self-Governing, mid-July
    if stem.isupper() and rw_clean.isupper() and len(stem) > 1:
        return True  # acronyms: UN-WOMEN
    if stem_full != stem:
        return True  # already a hyphenated compound: state-of-the-art
    r = rules(lang)
    joined = (stem + rw_clean).lower()
    hyph = f"{stem}-{rw_clean}".lower()
    if vocabulary:
        v_join = vocabulary.get(joined, 0) + vocabulary.get(stem + rw_clean, 0)
        v_hyph = vocabulary.get(hyph, 0) + vocabulary.get(f"{stem}-{rw_clean}", 0)
        if v_join != v_hyph:
            return v_hyph > v_join
    if hyph in r.compounds:
        return True
    if joined in r.closed_compounds:
        return False
    zj, zr = _zipf(joined, lang), _zipf(rw_clean.lower(), lang)
    if zj > 0 and 0 <= zr < WORD_PART_ZIPF and zj > zr:
        return False  # "unaf-" + "fordable", "ex-" + "isting": the right part is no word, the whole is
    if zj >= JOINED_WORD_ZIPF and zr >= 0 and zj > zr + 1.0 and len(rw_clean) <= 4:
        return False  # "безопасно-" + "сти": a common word whose short tail is only a fragment
    if stem.lower() in r.keep_prefixes:
        return True
    if r.adjectival_first_part is not None and r.adjectival_first_part.search(stem.lower()):
        # социально- + экономический: two real words
        if _zipf(stem.lower(), lang) >= JOINED_WORD_ZIPF or _zipf(joined, lang) <= 0:
            return True
    z = _zipf(joined, lang)
    if z >= 0:
        # the joined form is a common word -> wrap; otherwise the parts are words -> real hyphen
        return z < JOINED_WORD_ZIPF
    if rw_clean.lower() in r.wrap_fragments:
        return False  # "-ized", "-sation", "-ción", "-зация": a word ending, not a word
    return r.default_keep


def _ends_with_hyphen(line: str) -> bool:
    return bool(line) and (line[-1] in HYPHENS or line[-1] == SOFT_HYPHEN) and len(line) > 1 and not line[-2].isspace()


def join_lines(left_line: str, right_line: str, lang: str, vocabulary: Counter | None = None) -> str:
    """Separator ("" or " ") to put between two lines of one paragraph being joined.

    A line ending with a hyphen gets "" (whether the hyphen stays is :func:`keep_hyphen`'s call);
    Chinese gets "" next to CJK characters; an existing space at either edge (including the
    French U+00A0/U+202F) is never doubled.
    """
    if not left_line or not right_line:
        return ""
    if left_line[-1].isspace() or right_line[0].isspace():
        return ""
    if _ends_with_hyphen(left_line):
        return ""
    last = _last_word(left_line)
    if _URLISH.search(last) and last.endswith(("/", "_", ".", "=", "&", "?")) and ("://" in last or last.startswith("www.")):
        return ""  # URL broken after a separator
    if lang == "zh":
        if CJK_NEIGHBOUR.match(left_line[-1]) or CJK_NEIGHBOUR.match(right_line[0]):
            return ""
        return " "
    return " "


def dehyphenate_join(left_line: str, right_line: str, lang: str, vocabulary: Counter | None = None) -> str:
    """Convenience: the two lines joined, with the line-end hyphen kept or removed."""
    sep = join_lines(left_line, right_line, lang, vocabulary)
    if sep == "" and _ends_with_hyphen(left_line):
        if not keep_hyphen(left_line, right_line, lang, vocabulary):
            return left_line[:-1] + right_line
    return left_line + sep + right_line


def document_vocabulary(text: str) -> Counter:
    """Word counts of a document (lower-cased), for the ``vocabulary`` argument."""
    return Counter(w.lower() for w in regex.findall(r"\p{L}+(?:[-\u2010\u2011]\p{L}+)*", text))
