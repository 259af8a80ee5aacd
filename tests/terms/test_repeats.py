"""Repeated sentence pairs count once: near-duplicate detection, weighted co-occurrence evidence,
growth from one sentence per formula, and alternative readings in the word-alignment check."""
import numpy as np

from unmark.terms import TermOptions, extract_terms
from unmark.terms.association import cooccurrences, evidence
from unmark.terms.lexical import LexicalModel
from unmark.terms.repeats import distinct, near_duplicates, segment_weights
from unmark.terms.tokenize import tokenize

# the incident-report formula of a series of letters (shape of the real Cyprus letters), and the
# cover-letter formula (shape of the real letters to the Secretary-General)
AIRCRAFT = ["A-400", "C-160", "CN-235", "NF-5", "B-200", "S-70"]
FORMULA = [(f"一架{a}型土耳其军用飞机未经外交许可，也未与尼科西亚地区管制中心联系，即进入尼科西亚飞行情报区，违反了国际空中交通管制条例。",
            f"One {a} Turkish military aircraft infringed international air traffic regulations by entering the Nicosia "
            f"flight information region without diplomatic clearance and without contacting the Nicosia area control centre.")
           for a in AIRCRAFT]
OTHERS = [
    ("大会通过了关于可持续发展的决议。", "The General Assembly adopted the resolution on sustainable development."),
    ("安全理事会审议了秘书长的报告。", "The Security Council considered the report of the Secretary-General."),
    ("大会请秘书长提交报告。", "The General Assembly requested the Secretary-General to submit a report."),
]


def _words(pairs):
    src = [{w for c in tokenize(a, "zh").chunks for w in c} for a, _ in pairs]
    tgt = [{w for c in tokenize(b, "en").chunks for w in c} for _, b in pairs]
    return src, tgt


def test_near_identical_pairs_share_one_weight():
    pairs = FORMULA + OTHERS
    src, tgt = _words(pairs)
    dups = near_duplicates(src, tgt)
    assert all(sorted(dups[i]) == [j for j in range(6) if j != i] for i in range(6))
    assert dups[6:] == [[], [], []]                      # different sentences, even on one topic
    w = segment_weights(src, tgt)
    assert np.allclose(w[:6], 1 / 6) and np.allclose(w[6:], 1.0)
    assert distinct(list(range(9)), dups) == [0, 6, 7, 8]
    assert np.allclose(segment_weights(src, tgt, threshold=0), 1.0)      # off


def test_weighted_cooccurrence_keeps_the_plain_count_and_adds_the_evidence():
    src_ids = [np.array([0, 1]), np.array([0, 1]), np.array([0]), np.array([1])]
    tgt_ids = [np.array([0]), np.array([0]), np.array([0]), np.array([1])]
    w = np.array([0.5, 0.5, 1.0, 1.0])                   # segments 0 and 1 are one formula
    st = cooccurrences(src_ids, tgt_ids, 2, np.array([3, 3]), np.array([3, 1]), min_cooc=2, weights=w)
    got = {(int(s), int(t)): (int(c), float(e)) for s, t, c, e in zip(st.src, st.tgt, st.cooc, evidence(st))}
    assert got == {(0, 0): (3, 2.0), (1, 0): (2, 1.0)}   # (1, 0) is seen only inside the formula
    plain = cooccurrences(src_ids, tgt_ids, 2, np.array([3, 3]), np.array([3, 1]), min_cooc=2)
    assert list(evidence(plain)) == list(plain.cooc)
    weighted = cooccurrences(src_ids, tgt_ids, 2, np.array([3, 3]), np.array([3, 1]), min_cooc=2, weights=w, weighted=True)
    assert np.allclose(weighted.f_src, [2.0, 2.0]) and weighted.n == 3.0


def test_a_pair_seen_only_inside_one_formula_is_no_main_entry():
    pairs = FORMULA * 2 + OTHERS * 3
    on = extract_terms(pairs, "zh", "en")
    off = extract_terms(pairs, "zh", "en", TermOptions(repeat_similarity=0))
    formula_words = {"外交许可", "尼科西亚飞行情报区", "尼科西亚地区管制中心", "国际空中交通管制条例", "土耳其军用飞机"}

    def main(g):
        return [e for e in g.entries if e.status != "general"]

    # without the weights the twelve copies of one sentence look like twelve observations
    assert any(e.source in formula_words for e in main(off))
    on_formula = [e for e in main(on) if e.source in formula_words]
    on_other = [e for e in main(on) if e.source not in formula_words]
    # with them the formula is one observation: its pairs follow every pair seen in different sentences
    assert on_other and all(e.frequency >= 2 for e in on_formula)
    last_other = max(i for i, e in enumerate(main(on)) if e.source not in formula_words)
    assert all(main(on).index(e) > last_other for e in on_formula)


def test_alternative_readings_of_one_word_are_not_all_expected():
    # 大会 is "General Assembly" in some sentences and "Conference" in others: the two readings
    # never come together, so "General Assembly" covers what 大会 expects, "Assembly" does not
    src = [{"大会"}] * 8 + [{"通过"}] * 2
    tgt = [{"general", "assembly"}] * 4 + [{"conference"}] * 4 + [{"adopted"}] * 2
    lex = LexicalModel(src, tgt, "zh", "en")
    assert lex.score(["大会"], ["General", "Assembly"]) == 1.0
    assert lex.score(["大会"], ["Conference"]) == 1.0
    assert lex.score(["大会"], ["Assembly"]) < 1.0
