"""Ranking and pairing refinements: general-language specificity of single words, extension of a
target by Dice, explained-away Dice (unmark.terms.extract / unmark.terms.generality)."""
from dataclasses import replace

import pytest

from unmark.terms import TermOptions, extract_terms
from unmark.terms.extract import termhood_weight
from unmark.terms.generality import general_zipf, specificity

wordfreq = pytest.importorskip("wordfreq")


def test_specificity_orders_general_and_specialised_words():
    common, rare = specificity("education", "en", 5.0, 3.0), specificity("biennium", "en", 5.0, 3.0)
    assert common is not None and rare is not None
    assert common < 0.3 and rare == 1.0


def test_plural_counts_as_common_as_its_singular():
    assert general_zipf("delegations", "en") >= general_zipf("delegation", "en") - 1e-9


def test_termhood_weight_single_words():
    general = (5.0, 3.0)
    assert termhood_weight("biennium", "en", 0.5, general) > termhood_weight("education", "en", 0.5, general)
    assert termhood_weight("education", "en", 0.5, None) == 0.5          # flat weight without frequencies
    assert termhood_weight("Executive Board", "en", 0.5, general) == 1.0  # multi-word units unchanged
    assert termhood_weight("两年期", "zh", 0.5, general) == 1.0


def _pairs(rows):
    return [(z, e) for z, e, n in rows for _ in range(n)]


def test_longer_target_with_higher_dice_wins():
    # 执行局 is "Executive Board" 7 times and "the Board" twice; "Board" alone also translates
    # 审计委员会 (Board of Auditors): "Board" co-occurs more often, "Executive Board" is the better match.
    rows = [
        ("执行局核准了预算。", "The Executive Board approved the budget.", 4),
        ("执行局审议了年度报告。", "The Executive Board considered the annual report.", 3),
        ("执行局注意到该报告。", "The Board took note of the report.", 2),
        ("审计委员会提出了建议。", "The Board of Auditors made recommendations.", 3),
        ("审计委员会审查了账目。", "The Board of Auditors reviewed the accounts.", 3),
        ("秘书处编写了说明。", "The Secretariat prepared a note.", 3),
    ]
    # the rows are repeated to stand for frequency: identical sentences would count once otherwise
    opts = TermOptions(min_freq=2, examples=0, repeat_similarity=0)
    by_src = {e.source: e.target for e in extract_terms(_pairs(rows), "zh", "en", opts).entries}
    assert by_src.get("执行局") == "Executive Board"


def test_explained_away_dice_raises_a_name_inside_a_longer_linked_name():
    # "Sudan" occurs inside "South Sudan" (the translation of 南苏丹): those segments are no evidence
    # against 苏丹/Sudan.
    topics = [("难民", "refugees"), ("选举", "elections"), ("边界", "the border"), ("石油", "oil"),
              ("援助", "assistance"), ("安全", "security"), ("教育", "education"), ("卫生", "health")]
    rows = []
    for i, (z, e) in enumerate(topics):
        rows.append((f"南苏丹的{z}问题。", f"The question of {e} in South Sudan.", 1))
        rows.append((f"委员会讨论了南苏丹的{z}。", f"The Committee discussed {e} in South Sudan.", 1))
        if i % 2 == 0:
            rows.append((f"苏丹的{z}情况。", f"The situation of {e} in the Sudan.", 1))
    base = TermOptions(min_freq=2, examples=0)

    def score(opts):
        for e in extract_terms(_pairs(rows), "zh", "en", opts).entries:
            if e.source == "苏丹":
                assert e.target == "Sudan"
                return e.score
        raise AssertionError("no entry for 苏丹")

    assert score(base) > score(replace(base, explain_away=False))
