"""Line-end hyphens and line joining."""
from __future__ import annotations

from collections import Counter

import pytest

from unmark.lang import dehyphenate_join, document_vocabulary, join_lines, keep_hyphen


def test_soft_hyphen_always_removed():
    assert keep_hyphen("follow\u00ad", "up", "en") is False
    assert keep_hyphen("money\u00ad", "laundering", "en", vocabulary=Counter({"money-laundering": 3})) is False


def test_vocabulary_decides():
    voc = Counter({"follow-up": 2})
    assert keep_hyphen("follow-", "up", "en", vocabulary=voc) is True
    voc = Counter({"organized": 4})
    assert keep_hyphen("organ-", "ized", "en", vocabulary=voc) is False
    # the document overrides the general lists
    assert keep_hyphen("peace-", "keeping", "en", vocabulary=Counter({"peace-keeping": 2})) is True


@pytest.mark.parametrize("left,right", [("https://www.un-", "women.org"), ("see www.ohchr-", "site"), ("info@un-", "org"),
                                         ("COVID-", "19"), ("2020-", "2021"), ("non-", "governmental"),
                                         ("state-of-the-", "art"), ("Secretary-", "General")])
def test_real_hyphens(left, right):
    assert keep_hyphen(left, right, "en") is True


def test_real_compounds_other_languages():
    assert keep_hyphen("vingt-", "quatre", "fr") is True
    assert keep_hyphen("социально-", "экономический", "ru") is True
    assert keep_hyphen("военно-", "политических", "ru") is True


def test_no_hyphen_means_nothing_to_remove():
    assert keep_hyphen("word", "next", "en") is True


def test_join_lines_separators():
    assert join_lines("the General", "Assembly", "en") == " "
    assert join_lines("money-", "laundering", "en") == ""
    assert join_lines("dash -", "and", "en") == " "
    assert join_lines("ends with space ", "next", "en") == ""
    assert join_lines("大会", "决定", "zh") == ""
    assert join_lines("大会，", "Assembly", "zh") == ""
    assert join_lines("see https://www.un.org/", "en/index.html", "en") == ""


def test_french_spaces_never_lost_or_doubled():
    from unmark.lang import french_spacing

    a, b = "Il a dit", ": « Oui »"
    joined = a + join_lines(a, b, "fr") + b
    assert french_spacing(joined) == "Il a dit\u00a0: «\u202fOui\u202f»"
    a2 = "Il a dit\u00a0"
    assert a2 + join_lines(a2, b, "fr") + b == "Il a dit\u00a0: « Oui »"


def test_dehyphenate_join():
    assert dehyphenate_join("the money-", "laundering law", "en") == "the money-laundering law"
    assert dehyphenate_join("was organ-", "ized by", "en", Counter({"organized": 1})) == "was organized by"
    assert dehyphenate_join("the United", "Nations", "en") == "the United Nations"


def test_document_vocabulary():
    v = document_vocabulary("The follow-up and the Follow-up; organized.")
    assert v["follow-up"] == 2 and v["organized"] == 1
