import pytest
import regex

from unmark.errors import TermsError
from unmark.terms.candidates import (
    CandidateLimits,
    latin_key,
    segment_candidates,
    singular_en,
)
from unmark.terms.lexicon import check_lang, pattern_rules, stopwords
from unmark.terms.tokenize import join_cjk, mask_spans, tokenize


def test_pattern_rules_run_their_examples():
    for name, rule in pattern_rules().items():
        p = regex.compile(rule["pattern"])
        anchored = name == "acronym"
        for ex in rule["examples"]:
            assert (p.match(ex) if anchored else p.search(ex)), (name, ex)
        for ex in rule.get("counter_examples", []):
            assert not (p.match(ex) if anchored else p.search(ex)), (name, ex)


def test_titles_and_symbols_are_masked_before_segmenting():
    spans = mask_spans("根据A/RES/73/195号决议和CTOC/COP/WG.7/2019/4，执行《打击偷运移民议定书》及E.18.IV.9。", "zh")
    kinds = [(k, t) for k, t in spans if k != "text"]
    assert ("symbol", "A/RES/73/195") in kinds
    assert ("symbol", "CTOC/COP/WG.7/2019/4") in kinds
    assert ("symbol", "E.18.IV.9") in kinds
    assert ("title", "《打击偷运移民议定书》") in kinds
    tok = tokenize("根据A/RES/73/195号决议执行《打击偷运移民议定书》", "zh")
    assert tok.titles == ("《打击偷运移民议定书》",)
    assert not any("RES" in t or "195" in t for c in tok.chunks for t in c)


def test_own_jieba_tokenizer_not_the_global_one():
    import jieba

    from unmark.terms.tokenize import zh_tokenizer

    tk = zh_tokenizer(True)
    assert tk is not jieba.dt
    tk.initialize()
    assert tk.FREQ.get("毒品和犯罪问题办公室")
    assert not jieba.dt.user_word_tag_tab.get("毒品和犯罪问题办公室")


def test_chinese_candidates_do_not_start_or_end_on_function_words():
    cands = segment_candidates(tokenize("会员国应当将偷运移民定为刑事犯罪，并与有组织犯罪集团作斗争。", "zh"), "zh", CandidateLimits())
    stop = stopwords("zh")
    assert "偷运移民" in cands
    assert "有组织犯罪集团" in cands
    for key, (toks, _) in cands.items():
        assert toks[0] not in stop and toks[-1] not in stop, key


def test_latin_candidates_allow_internal_function_words_only():
    cands = segment_candidates(tokenize("The United Nations Office on Drugs and Crime supports the Convention against Torture.", "en"),
                               "en", CandidateLimits())
    assert "united nation office on drug and crime" in cands
    assert "convention against torture" in cands
    assert all(not k.startswith(("the ", "on ", "and ")) and not k.endswith((" the", " on", " and")) for k in cands)


def test_hyphen_and_slash_compounds_stay_whole():
    tok = tokenize("The Secretary-General and UN-Women on HIV/AIDS.", "en")
    words = [t for c in tok.chunks for t in c]
    assert "Secretary-General" in words and "UN-Women" in words and "HIV/AIDS" in words


@pytest.mark.parametrize("lang,text,term", [
    ("fr", "L'Office des Nations Unies contre la drogue et le crime aide les États Membres.", "office des nations unies contre la drogue et le crime"),
    ("es", "La Oficina de las Naciones Unidas contra la Droga y el Delito ayuda a los Estados Miembros.", "oficina de las naciones unidas contra la droga y el delito"),
    ("ru", "Управление Организации Объединенных Наций по наркотикам и преступности помогает государствам.", "управление организации объединенных наций по наркотикам и преступности"),
])
def test_other_languages_build_function_word_bounded_ngrams(lang, text, term):
    cands = segment_candidates(tokenize(text, lang), lang, CandidateLimits())
    # keys are lemma-folded (États Membres -> état membre); the term's own key must be there,
    # shown as written
    key = latin_key(tuple(term.split()), lang)
    assert key in cands
    assert cands[key][1].lstrip("\x00").lower() == term


@pytest.mark.parametrize("lang,forms", [
    ("ru", ["Италия", "Италии", "Италию"]),
    ("ru", ["Совет Европы", "Совета Европы", "Совету Европы"]),
    ("en", ["Member State", "Member States"]),
    ("fr", ["État membre", "États membres"]),
])
def test_inflected_forms_share_one_key(lang, forms):
    keys = {latin_key(tuple(f.split()), lang) for f in forms}
    assert len(keys) == 1, keys


def test_plural_folding_and_keys():
    assert singular_en("countries") == "country"
    assert singular_en("States") == "State"
    assert singular_en("Vice-Chairs") == "Vice-Chair"
    assert latin_key(("Member", "States"), "en") == latin_key(("member", "State"), "en")
    assert latin_key(("UNODC",), "en") == "UNODC"


def test_join_cjk_removes_spaces_between_chinese_only():
    assert join_cjk("联合国 的 任何 改革 ， A / 69 / 1 和 UN Women") == "联合国的任何改革，A / 69 / 1和 UN Women"
    assert join_cjk("2015 年 后 发展 议程") == "2015年后发展议程"   # a digit and a CJK character: no space


def test_unsupported_language_is_a_coded_error():
    with pytest.raises(TermsError) as e:
        check_lang("de")
    assert e.value.code == "E401"


def test_weak_single_words_need_an_english_noun():
    from unmark.terms.candidates import nominal_single_en

    cands = segment_candidates(tokenize("各国应当确保举行自由选举，消除歧视。", "zh"), "zh", CandidateLimits())
    assert "选举" in cands.weak and "歧视" in cands.weak
    assert nominal_single_en("elections") and nominal_single_en("discrimination") and nominal_single_en("youth")
    for w in ("ensure", "held", "free elections", "encourage", "implement", "assist", "agree", "effective"):
        assert not nominal_single_en(w), w


def test_acronym_that_is_also_a_stop_word_is_a_candidate():
    cands = segment_candidates(tokenize("The WHO and UNICEF report was issued.", "en"), "en", CandidateLimits())
    assert "WHO" in cands
    heading = segment_candidates(tokenize("REPORT OF THE WHO", "en"), "en", CandidateLimits())
    assert "WHO" not in heading  # a heading in capitals: "WHO" may be the word "who"


def test_least_developed_countries_is_a_candidate():
    cands = segment_candidates(tokenize("Assistance to the least developed countries is essential.", "en"), "en", CandidateLimits())
    assert "least developed country" in cands
