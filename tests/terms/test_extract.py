import pytest

from unmark.align.types import AlignedRow, Alignment
from unmark.errors import TermsError
from unmark.terms import TermOptions, extract_terms
from unmark.terms.acronyms import acronym_map, find_definitions

EXPECTED = {
    "偷运移民": "smuggling of migrants",
    "有组织犯罪集团": "organized criminal groups",
    "不驱回原则": "principle of non-refoulement",
    "会员国": "Member States",
    "秘书长": "Secretary-General",
    "《打击偷运移民议定书》": "Smuggling of Migrants Protocol",
    "工作组": "Working Group",
}


def test_expected_pairs_are_found(glossary):
    got = {e.source: e.target for e in glossary}
    for zh, en in EXPECTED.items():
        assert got.get(zh) == en, (zh, got.get(zh))


def test_entries_have_score_frequency_and_provenance(glossary):
    for e in glossary:
        assert e.score > 0 and e.frequency >= 2
        assert 1 <= len(e.examples) <= 3
        for ex in e.examples:
            assert e.source.strip("《》")[:2] in ex.source_text
            assert ex.paragraph and ex.file
    # ranked by score within the main list, then within the general-language entries that follow it
    main = [e.score for e in glossary if e.status != "general"]
    general = [e.score for e in glossary if e.status == "general"]
    assert main == sorted(main, reverse=True) and general == sorted(general, reverse=True)
    statuses = [e.status for e in glossary]
    assert statuses == sorted(statuses, key=lambda s: s == "general")


def test_title_pairs_with_capitalised_title(glossary):
    e = glossary.lookup("《打击偷运移民议定书》")
    assert e is not None and e.kind == "title" and e.target[0].isupper()


def test_acronym_recognised_and_put_in_acronym_column(glossary):
    e = glossary.lookup("毒品和犯罪问题办公室")
    assert e is not None and e.target == "UNODC" and e.acronym == "UNODC"
    assert "United Nations Office on Drugs and Crime" in (e.note or "")


def test_acronym_definitions():
    defs = dict(find_definitions("the Office of the United Nations High Commissioner for Human Rights (OHCHR) and "
                                 "the United Nations Office on Drugs and Crime (UNODC), see annex (a)"))
    assert defs == {"OHCHR": "Office of the United Nations High Commissioner for Human Rights",
                    "UNODC": "United Nations Office on Drugs and Crime"}
    amap = acronym_map(["The United Nations Office on Drugs and Crime (UNODC) said."], "en")
    assert amap["by_long"]["united nations office on drugs and crime"] == "UNODC"


def test_alignment_object_input(pairs):
    rows = tuple(AlignedRow({"zh": a, "en": b}) for a, b in pairs)
    g = extract_terms(Alignment(("zh", "en"), rows), "zh", "en")
    assert g.lookup("偷运移民").target == "smuggling of migrants"


def test_plain_string_pairs_and_max_entries(pairs):
    g = extract_terms([(a.text, b.text) for a, b in pairs], "zh", "en", TermOptions(max_entries=3))
    assert len(g) == 3


def test_reverse_direction_en_zh(pairs):
    g = extract_terms([(b, a) for a, b in pairs], "en", "zh")
    got = {e.source: e.target for e in g}
    assert got.get("smuggling of migrants") == "偷运移民"


def test_errors_are_coded(pairs):
    with pytest.raises(TermsError) as e:
        extract_terms([], "zh", "en")
    assert e.value.code == "E407"
    with pytest.raises(TermsError) as e:
        extract_terms(pairs, "zh", "zh")
    assert e.value.code == "E406"
    with pytest.raises(TermsError) as e:
        extract_terms(pairs, "zh", "en", TermOptions(measure="magic"))
    assert e.value.code == "E405"


def test_llr_measure_runs(pairs):
    g = extract_terms(pairs, "zh", "en", TermOptions(measure="llr"))
    assert g.lookup("偷运移民").target == "smuggling of migrants"
