"""wordfreq is looked up through its frequency dicts only: the frequency lists it built them from
(over a million string references a language, walked by every full garbage collection) are not
kept, and the answers are wordfreq's own."""
from __future__ import annotations

import pytest

wordfreq = pytest.importorskip("wordfreq")


def test_lookups_leave_no_frequency_list_cached():
    from unmark.lang.frequencies import zipf_frequency

    for lang, word in (("en", "education"), ("fr", "éducation"), ("ru", "образование")):
        assert zipf_frequency(wordfreq, word, lang) == wordfreq.zipf_frequency(word, lang) > 3
    assert wordfreq.get_frequency_list.cache_info().currsize == 0


def test_dehyphenation_leaves_no_frequency_list_cached():
    from unmark.pipeline import ParseOptions, parse_text

    parse_text("1. The Committee considered the edu-\ncation report and the pro-\ngramme budget.\n",
               options=ParseOptions(lang="en"))
    assert wordfreq.get_frequency_dict.cache_info().currsize >= 1   # the joiner asked wordfreq
    assert wordfreq.get_frequency_list.cache_info().currsize == 0
