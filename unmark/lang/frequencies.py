"""General-language word frequencies from the optional ``wordfreq`` package.

``wordfreq.zipf_frequency`` reads a frequency dict that wordfreq builds from a frequency *list*
and keeps both cached. The dict holds strings and floats only (the cyclic garbage collector does
not look at it); the list is over a million string references a language, which every full
collection of the process walked (a sizeable share of a PDF run: bench/bench_pdf_speed.py). Once a language's dict exists the list is dropped from wordfreq's
cache: the dicts stay, and a later caller of the list functions reads the list again.
"""
from __future__ import annotations

import threading

_dict_built: set[str] = set()
_lock = threading.Lock()


def zipf_frequency(wf, word: str, lang: str) -> float:
    """``wf.zipf_frequency(word, lang)`` (``wf``: the wordfreq module); exceptions pass through."""
    z = float(wf.zipf_frequency(word, lang))
    if lang not in _dict_built:
        with _lock:
            _dict_built.add(lang)
            clear = getattr(getattr(wf, "get_frequency_list", None), "cache_clear", None)
            if clear is not None:
                clear()
    return z
