"""Rules of the alphabetic language pairs (en-ru, en-es): compounds broken at a line-end hyphen,
compound prepositions at term edges, cognates as alignment anchors, repeated pairs counted once."""
from __future__ import annotations

import pytest

from unmark.terms import TermOptions, extract_terms
from unmark.terms.candidates import complex_preposition_tokens, latin_ngram_spans
from unmark.terms.cognates import cognate_key, cognates, examples, inconsistent
from unmark.terms.tokenize import tokenize


def test_hyphen_broken_compound_is_one_word():
    assert ("non-refoulement" in tokenize("the principle of non- refoulement applies", "en").chunks[0])
    assert tokenize("Уголовно- процессуальном кодексе", "ru").chunks[0][0] == "Уголовно-процессуальном"
    # a suspended hyphen before a conjunction stays: "pre- and post-natal"
    assert tokenize("pre- and post-natal care", "en").chunks[0][:3] == ("pre-", "and", "post-natal")


def _surfaces(text: str, lang: str) -> set[str]:
    return {" ".join(chunk[i:j]) for chunk in tokenize(text, lang).chunks for i, j in latin_ngram_spans(chunk, lang, 6)}


def test_compound_preposition_never_at_a_term_edge():
    ru = _surfaces("ненавистническая риторика в отношении рома и насилие в отношении женщин", "ru")
    assert "ненавистническая риторика в отношении" not in ru
    assert "отношении рома" not in ru
    assert "насилие в отношении женщин" in ru              # inside a term it stays
    assert "соответствии с Парижскими принципами" not in _surfaces("в соответствии с Парижскими принципами", "ru")
    es = _surfaces("de conformidad con la resolución de la Asamblea General", "es")
    assert not any(s.startswith(("conformidad", "de conformidad")) for s in es)
    assert complex_preposition_tokens(("в", "соответствии", "с", "планом"), "ru") == {0, 1, 2}
    assert complex_preposition_tokens(("in", "accordance", "with"), "en") == set()   # no English list


@pytest.mark.parametrize("a,b,expected", examples())
def test_cognate_examples(a, b, expected):
    assert cognates(a, b) is expected


def test_cognate_keys():
    assert cognate_key("каминанти") == cognate_key("Camminanti") == "kaminanti"
    assert cognate_key("Misión") == "mision"


def test_cognate_outside_the_other_term_is_inconsistent():
    src = ["the Roma, Sinti and Camminanti communities", "Roma, Sinti and Camminanti people"]
    tgt = ["общины рома, синти и каминанти", "рома, синти и каминанти"]
    assert inconsistent("Sinti", "каминанти", src, tgt)
    assert not inconsistent("Sinti", "синти", src, tgt)
    assert not inconsistent("Camminanti", "каминанти", src, tgt)
    es_src = ["143,700 dollars gross (138,100 dollars net)"] * 2
    es_tgt = ["143.700 dólares en cifras brutas (138.100 dólares en cifras netas)"] * 2
    assert inconsistent("dollars net", "cifras brutas", es_src, es_tgt)


def _names_pairs():
    # three sentences naming three groups always together: co-occurrence alone cannot tell them apart
    en = ["The strategy for the inclusion of Roma, Sinti and Camminanti was adopted.",
          "Roma, Sinti and Camminanti continue to face discrimination in housing.",
          "Schools segregated Roma, Sinti and Camminanti children.",
          "Housing for Roma, Sinti and Camminanti remained inadequate."]
    ru = ["Была принята стратегия интеграции рома, синти и каминанти.",
          "Рома, синти и каминанти по-прежнему сталкиваются с дискриминацией в жилищной сфере.",
          "В школах дети рома, синти и каминанти обучались раздельно.",
          "Жилищные условия рома, синти и каминанти оставались неудовлетворительными."]
    return list(zip(en, ru))


def test_no_transliterated_name_paired_with_its_neighbour():
    off = extract_terms(_names_pairs(), "en", "ru", TermOptions(min_freq=2, min_cooc=2, cognate_check=False))
    assert ("Sinti and Camminanti", "каминанти") in {(e.source, e.target) for e in off.entries}
    g = extract_terms(_names_pairs(), "en", "ru", TermOptions(min_freq=2, min_cooc=2))
    assert ("Roma", "рома") in {(e.source, e.target) for e in g.entries}
    for e in g.entries:
        assert not inconsistent(e.source, e.target, [a for a, _ in _names_pairs()], [b for _, b in _names_pairs()])


def test_verbatim_repeated_pair_counts_once():
    one = ("Italy was a transit point for onward trafficking of victims from Africa.",
           "Италия является пунктом транзита для дальнейшей торговли жертвами из Африки.")
    other = [("The committee met in Geneva.", "Комитет собрался в Женеве."),
             ("The report was adopted.", "Доклад был принят.")]
    g = extract_terms([one, one] + other, "en", "ru", TermOptions(min_freq=2, min_cooc=2))
    assert not [e for e in g.entries if "onward" in e.source or "transit" in e.source]
    g2 = extract_terms([one, (one[0] + " ", one[1])] + other, "en", "ru", TermOptions(min_freq=2, min_cooc=2))
    # text differing by a space is a distinct pair: the same entry is learned
    assert [e for e in g2.entries if e.source == "transit point for onward trafficking of victims"]


def test_russian_adjective_not_agreeing_breaks_a_term():
    from unmark.terms.morph import has_ru_morphology, ru_agrees

    if not has_ru_morphology():
        pytest.skip("pymorphy3 not installed")
    assert not ru_agrees("альтернативным", "содержанию")
    assert ru_agrees("альтернативные", "меры") and ru_agrees("Национального", "плана")
    spans = _surfaces("принятие мер, альтернативных содержанию под стражей, и альтернативные меры", "ru")
    assert "альтернативных содержанию" not in spans
    assert "альтернативные меры" in spans


def test_gross_and_net_kept_apart():
    # "gross" and "net" always together in one formula: each keeps its own target
    en = ["the amount of {} dollars gross ({} dollars net) for the Mission;".format(a, b)
          for a, b in (("1,383,000", "1,364,000"), ("143,700", "138,100"), ("5,600", "5,100"), ("22,000", "21,000"))]
    es = ["la suma de {} dólares en cifras brutas ({} dólares en cifras netas) para la Misión;".format(a, b)
          for a, b in (("1.383.000", "1.364.000"), ("143.700", "138.100"), ("5.600", "5.100"), ("22.000", "21.000"))]
    pairs = list(zip(en, es))
    g = {(e.source, e.target) for e in extract_terms(pairs, "en", "es", TermOptions(min_freq=2, min_cooc=2)).entries}
    assert ("dollars net", "cifras brutas") not in g and ("dollars gross", "cifras netas") not in g
    for e in extract_terms(pairs, "en", "es", TermOptions(min_freq=2, min_cooc=2)).entries:
        if e.source in ("dollars net", "dollars gross"):
            assert ("net" in e.source) == ("netas" in e.target), (e.source, e.target)


def test_translated_word_of_a_foreign_name_is_a_piece():
    from unmark.terms.cognates import foreign_piece
    from unmark.terms.generality import zipf

    if zipf("associazione", "it") is None:
        pytest.skip("wordfreq not installed")
    assert foreign_piece("Associazione", "en", "Ассоциация")       # Italian word, Russian translation
    assert not foreign_piece("Sinti", "en", "синти")                 # transliterated: the name itself
    assert not foreign_piece("Observatory", "en", "Центр")           # an English word
    assert not foreign_piece("Associazione Comunità", "en", "Ассоциация «Община»")   # one word only
