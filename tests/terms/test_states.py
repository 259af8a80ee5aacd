"""The list of UN Member State names (resources/terms/states_zh_en.tsv) and what it is used for."""
from unmark.terms import TermOptions, extract_terms
from unmark.terms.candidates import CandidateLimits, segment_candidates
from unmark.terms.extract import _allowed_pair, state_ids
from unmark.terms.lexicon import states
from unmark.terms.tokenize import tokenize


def test_state_list_is_complete_and_unambiguous():
    rows = states()
    assert len(rows) == 195  # 193 Member States + Holy See + State of Palestine
    zh_forms = [f for zh, _ in rows for f in zh]
    en_forms = [f for _, en in rows for f in en]
    assert len(zh_forms) == len(set(zh_forms))
    assert len(en_forms) == len(set(en_forms))
    assert all(zh and en for zh, en in rows)


def test_state_names_are_segmented_as_place_names():
    # plain jieba reads 也门 as an adverb and 马里 as a quantifier, so they never became candidates
    for text, name in (("也门局势仍然严峻。", "也门"), ("关于马里问题的报告。", "马里")):
        tok = tokenize(text, "zh")
        words = [w for c in tok.chunks for w in c]
        tags = [t for c in tok.tags for t in c]
        assert name in words
        assert tags[words.index(name)] == "ns"
        assert name in segment_candidates(tok, "zh", CandidateLimits())


def test_a_state_name_pairs_only_with_a_name_of_the_same_state():
    src_keys = ["苏丹", "苏丹政府", "美国", "国际法"]
    tgt_keys = ["sudan", "sudanese", "united state", "united state of america", "international law"]
    ok = _allowed_pair("zh", "en", src_keys, tgt_keys, src_state=state_ids(src_keys, "zh"),
                       tgt_state=state_ids(tgt_keys, "en"))
    assert ok(0, 0)                 # 苏丹 / Sudan
    assert not ok(0, 1)             # 苏丹 / Sudanese (an adjective)
    assert not ok(1, 0)             # 苏丹政府 / Sudan (the Government of the Sudan)
    assert ok(2, 2) and ok(2, 3)    # 美国 / United States (of America)
    assert not ok(0, 2)
    assert ok(3, 4)                 # not a State: no constraint


def test_state_names_in_a_small_corpus():
    pairs = [
        ("苏丹政府同意了。", "The Sudanese Government agreed."),
        ("苏丹人民需要援助。", "The Sudanese people need assistance."),
        ("苏丹军队撤出了。", "The Sudanese armed forces withdrew."),
        ("安理会讨论了苏丹局势。", "The Council discussed the situation in the Sudan."),
        ("苏丹代表发了言。", "The representative of the Sudan spoke."),
    ] * 2
    got = {e.source: e.target for e in extract_terms(pairs, "zh", "en")}
    assert got["苏丹"] == "Sudan"
    assert "Sudanese" not in got.values()
    off = extract_terms(pairs, "zh", "en", TermOptions(use_state_names=False))
    assert off.entries  # the list can be switched off (ablation)
