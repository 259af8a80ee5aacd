from __future__ import annotations

from unmark.align.anchors import extract, idf_weights, label_value, shared_vocabulary


def test_dates_normalise_across_languages():
    keys = [
        extract("2019年8月14日"),
        extract("14 August 2019"),
        extract("August 14, 2019"),
        extract("le 14 août 2019"),
        extract("14 de agosto de 2019"),
        extract("14 августа 2019 года"),
        extract("14 آب/أغسطس 2019"),
    ]
    for k in keys:
        assert "date:2019-08-14" in k, k


def test_numbers_symbols_urls_refs():
    zh = extract("大会第73/195号决议（A/RES/73/195）拨款1,250,000美元，见www.un.org/zh/ga。")
    fr = extract("résolution 73/195 (A/RES/73/195) : 1 250 000 dollars, voir www.un.org/zh/ga.")
    for k in ("ref:73/195", "sym:A/RES/73/195", "num:1250000", "url:un.org/zh/ga"):
        assert k in zh and k in fr, k


def test_latin_words_in_chinese_are_anchors():
    assert "lat:unodc" in extract("毒品和犯罪问题办公室（UNODC）")
    assert "lat:unodc" in extract("the Office (UNODC) noted")
    assert "lat:office" not in extract("the Office noted")  # plain English words are not anchors


def test_small_numbers_are_weak_and_rarity_counts():
    a = [["small:1", "sym:A/74/292"], ["small:1"], ["small:1"]]
    b = [["small:1", "sym:A/74/292"], ["small:1"], ["small:1"]]
    w = idf_weights(a, b, shared_vocabulary(a, b))
    assert w["sym:A/74/292"] > 5 * w["small:1"]


def test_label_values():
    assert [label_value(x) for x in ("I.", "一.", "أولا-", "IV.", "十二、", "12.")] == ["1", "1", "1", "4", "12", "12"]
    assert [label_value(x) for x in ("(a)", "а)", "(أ)", "b)", "(ب)")] == ["a", "a", "a", "b", "b"]
    assert label_value(None) is None
