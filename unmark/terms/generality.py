"""Domain specificity of single words from general-language frequency (``wordfreq``).

A word that is common in general English ("education", "staff", "decision") is less worth a glossary
entry than a word of the same corpus frequency that is rare outside specialised texts ("biennium",
"extradition", "peacebuilding"): a translator knows the first and looks up the second. The measure is
the Zipf frequency of the word (log10 of occurrences per billion words) in the ``wordfreq`` lists;
without ``wordfreq`` every word counts as general vocabulary (the flat single-word weight).
"""
from __future__ import annotations

import functools
import logging

from ..lang.frequencies import zipf_frequency

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _wordfreq():
    try:
        import wordfreq  # type: ignore

        return wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        log.debug("wordfreq not installed: single words get the flat termhood weight")
        return None


@functools.lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float | None:
    """Zipf frequency of ``word`` in general ``lang`` text, or None when unknown (no wordfreq)."""
    wf = _wordfreq()
    if wf is None:
        return None
    try:
        return zipf_frequency(wf, word, lang)
    except (LookupError, ValueError):  # unsupported language
        return None


def general_zipf(word: str, lang: str) -> float | None:
    """Zipf frequency of a word in its commonest regular form (English: also the singular, so the
    rare plural "delegations" counts as common as "delegation")."""
    w = word.lower()
    z = zipf(w, lang)
    if z is None:
        return None
    if lang == "en":
        from .candidates import singular_en

        s = singular_en(w)
        if s != w:
            z = max(z, zipf(s, lang) or 0.0)
    return z


def specificity(word: str, lang: str, common: float, rare: float) -> float | None:
    """0 for a word at least as frequent as Zipf ``common`` in general text, 1 for one at most as
    frequent as Zipf ``rare``, linear in between; None without frequency data."""
    z = general_zipf(word, lang)
    if z is None or common <= rare:
        return None
    return min(1.0, max(0.0, (common - z) / (common - rare)))
