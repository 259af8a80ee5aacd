"""Calibrated row confidence: the model is data (validated at load), its probabilities behave, the
known false alarms are not flagged, and rows that are really wrong are."""
from __future__ import annotations

import json

import numpy as np
import pytest

from unmark.align import align
from unmark.align import calibrate as cal
from unmark.errors import ResourceError

from align_cases import EN_BLOCKS, NOTES, PREAMBLE_EN, PREAMBLE_ES, PREAMBLE_OFF, ZH_BLOCKS, make_doc


def test_shipped_model_is_valid_and_threshold_is_a_probability():
    m = cal.model()
    assert set(m["weights"]) == set(cal.FEATURES) and 0 < cal.threshold() < 1


def _assert_refused(tmp_path, monkeypatch, data: dict) -> None:
    """A calibration file holding ``data`` is refused at load with E602."""
    import unmark.resources as res

    (tmp_path / "align").mkdir()
    (tmp_path / "align" / "calibration.json").write_text(json.dumps(data))
    monkeypatch.setattr(res, "resources_dir", lambda: tmp_path)
    cal.model.cache_clear()
    try:
        with pytest.raises(ResourceError) as ei:
            cal.model()
        assert ei.value.code == "E602"
    finally:
        cal.model.cache_clear()


def test_invalid_model_is_E602(tmp_path, monkeypatch):
    _assert_refused(tmp_path, monkeypatch, {"weights": {"bias": 1}, "threshold": 2})


def test_probability_rises_with_the_aligner_score_and_with_sure_neighbours():
    src = ["Alpha 12.", "Beta.", "Gamma."]
    tgt = ["阿尔法 12。", "贝塔。", "伽马。"]
    lo = cal.calibrate([([0], [0], 0.9), ([1], [1], 0.2), ([2], [2], 0.9)], src, tgt)
    hi = cal.calibrate([([0], [0], 0.9), ([1], [1], 0.8), ([2], [2], 0.9)], src, tgt)
    assert hi[1][2] > lo[1][2]
    lonely = cal.calibrate([([0], [0], 0.1), ([1], [1], 0.2), ([2], [2], 0.1)], src, tgt)
    assert lo[1][2] > lonely[1][2]
    assert all(0 <= c <= 1 for _, _, c in lo + hi + lonely)


def test_fit_recovers_a_separable_rule():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(400), rng.random((400, len(cal.FEATURES) - 1))])
    y = (X[:, 1] > 0.5).astype(float)
    w = cal.fit(X, y, l2=0.01)
    p = cal.probabilities(X, w)
    assert ((p > 0.5) == (y == 1)).mean() > 0.95


def _front(blocks, *front):
    return [("front", None, None, t) for t in front] + blocks


def test_session_headings_are_not_flagged():
    """第八十届会议 ↔ Eightieth session scored 0.35 before calibration and was flagged."""
    zh = make_doc(_front(ZH_BLOCKS, "第八十届会议", "暂定项目清单项目 131"), "zh")
    en = make_doc(_front(EN_BLOCKS, "Eightieth session", "Item 131 of the preliminary list"), "en")
    al = align(zh, en)
    thr = al.meta["low_confidence"]
    row = next(r for r in al.rows if r.text("zh") == "第八十届会议")
    assert row.text("en") == "Eightieth session" and row.confidence >= thr


def test_a_misalignment_is_flagged():
    """Paragraph 4 lost from the English version: the aligner must skip or mis-pair around it, and the
    rows that are wrong carry a flag."""
    en_blocks = [b for b in EN_BLOCKS if b[2] != 4]
    en_blocks = [(*b[:3], "GE.20-12345") if b[2] == 5 else b for b in en_blocks]
    al = align(make_doc(ZH_BLOCKS, "zh"), make_doc(en_blocks, "en"))
    thr = al.meta["low_confidence"]
    for r in al.rows:
        zh, en = r.text("zh"), r.text("en")
        wrong = ("www.unodc.org" in zh and "www.unodc.org" not in en) or ("COVID" in zh and en != "")
        if wrong:
            assert r.confidence < thr, (zh, en, r.confidence)


def _feat(beads, src, tgt, name, level="paragraph"):
    X = cal.features(beads, src, tgt, level)
    return list(X[:, cal.FEATURES.index(name)])


def test_glued_heading_signals():
    """A heading kept apart in one version and glued to its paragraph in the other: the label sits
    inside the other side's text, the sides end differently, and the skip next to it is marked."""
    src = ["Children", "67. JS5 expressed that children of foreign origin were discriminated against.",
           "68. JS9 noted the plan."]
    tgt = ["Дети 67. В СП5 было сказано, что дети иностранного происхождения подвергаются дискриминации.",
           "68. В СП9 был отмечен план."]
    beads = [([0], [], 0.0), ([1], [0], 0.9), ([2], [1], 0.95)]
    assert _feat(beads, src, tgt, "lab_glued") == [0.0, 1.0, 0.0]
    assert _feat(beads, src, tgt, "skip_text") == [1.0, 0.0, 0.0]
    assert _feat(beads, src, tgt, "nb_glue")[0] == 1.0
    # a trailing heading glued to the end of a paragraph: one side ends with a word
    src2 = ["61. EU-FRA noted the circular.", "Women"]
    tgt2 = ["61. АОП отметило циркуляр. Женщины"]
    assert _feat([([0], [0], 0.9), ([1], [], 0.0)], src2, tgt2, "end_mismatch") == [1.0, 0.0]
    # the skipped unit's label sits in the neighbouring row's other side (merged there)
    src3 = ["2. Reaffirms the importance. 3. Calls upon all States. 4. Also calls upon all States."]
    tgt3 = ["2. Réaffirme l'importance.", "4. Engage également tous les États."]
    assert _feat([([0], [0], 0.8), ([], [1], 0.0)], src3, tgt3, "skip_lab_nb") == [0.0, 1.0]
    # ... but not a unit lost in one version
    src4 = ["2. Reaffirms the importance.", "4. Also calls upon all States."]
    tgt4 = ["2. Réaffirme l'importance."]
    assert _feat([([0], [0], 0.8), ([1], [], 0.0)], src4, tgt4, "skip_lab_nb") == [0.0, 0.0]
    # a clean pair: no signal
    assert _feat([([0], [0], 0.9)], ["12. The Assembly decides."], ["12. 大会决定。"], "lab_mismatch") == [0.0]
    assert _feat([([0], [0], 0.9)], ["12. The Assembly decides."], ["12. 大会决定。"], "end_mismatch") == [0.0]


def test_posterior_features_follow_the_given_figures():
    src, tgt = ["Alpha.", "Beta.", "Gamma."], ["阿尔法。", "贝塔。", "伽马。"]
    beads = [([0], [0], 0.9), ([1], [1], 0.9), ([2], [2], 0.9)]
    sure = cal.calibrate(beads, src, tgt, "sentence", posterior=[1, 1, 1], boundary=[1, 1, 1])
    doubt = cal.calibrate(beads, src, tgt, "sentence", posterior=[1, 0.05, 1], boundary=[1, 0.3, 1])
    assert doubt[1][2] < sure[1][2]
    with pytest.raises(ValueError):
        cal.features(beads, src, tgt, "sentence", posterior=[1.0])


def test_one_model_per_level_and_bad_level_weights_are_E602(tmp_path, monkeypatch):
    m = cal.model()
    assert set(m["thresholds"]) == {"paragraph", "sentence"}
    assert cal.weights("sentence") is m["level_weights"]["sentence"] and cal.weights("paragraph") is m["weights"]
    _assert_refused(tmp_path, monkeypatch, dict(m, level_weights={"sentence": {"bias": 1.0}}))


def test_the_aligner_hands_the_calibration_what_it_found():
    """The anchor keys found with each unit are the ones the calibration would extract from its text
    (a block with items, whose unit text joins them differently, and footnotes too), and features
    computed from them and from the known languages equal features found from the text alone."""
    from unmark.align import anchors
    from unmark.align.paragraph import block_units, paragraph_beads, sentence_units

    zh_blocks = ZH_BLOCKS + [("paragraph", "9.", 9, "大会：", [("(a)", "决定于2021年3月5日开会；"), ("(b)", "请秘书长（A/75/1）报告！")])]
    en_blocks = EN_BLOCKS + [("paragraph", "9.", 9, "The Assembly:", [("(a)", "Decides to meet on 5 March 2021;"),
                                                                      ("(b)", "Requests a report (A/75/1)!")])]
    zh = make_doc(zh_blocks, "zh", footnotes=NOTES["zh"])
    en = make_doc(en_blocks, "en", footnotes=NOTES["en"])
    for units in (block_units(zh), block_units(en), sentence_units(zh, "zh"), sentence_units(en, "en")):
        assert any(u.part == "notes" for u in units)
        for u in units:
            assert list(u.anchors) == anchors.extract(u.text, punctuation=True), u.text
    for t in ("Voir A/74/292, par. 12 : « oui »... ¿Qué?", "见A/74/292，第12段！（注）"):
        assert anchors.extract(t, punctuation=True) == anchors.extract(t) + anchors.punctuation_keys(t)
    st: dict = {}
    ua, ub, beads = paragraph_beads(zh, en, "zh", "en", stats=st)
    src, tgt = [u.text for u in ua], [u.text for u in ub]
    given = cal.features(beads, src, tgt, "paragraph", st["posterior"], st["boundary"],
                         keys=([u.anchors for u in ua], [u.anchors for u in ub]), langs=("zh", "en"))
    found = cal.features(beads, src, tgt, "paragraph", st["posterior"], st["boundary"])
    assert np.array_equal(given, found)
    assert given[:, cal.FEATURES.index("xmatch")].any() or given[:, cal.FEATURES.index("num_agree")].any()


def test_split_piece_and_cognate_signals():
    """A paragraph split in one version with its second piece left as a skip: the sentence counts of the
    row beside it differ by just that piece. A unit one row off in two Latin-script versions: its
    cognates match the neighbouring row's other side better than its own."""
    src = ["47. LFJL noted that Italy had adopted Law No. 199. It expressed concern that the law was limited.",
           "48. AI noted progress."]
    tgt = ["47. LFJL отметила, что Италия приняла Закон № 199.", "Она выразила обеспокоенность ограниченностью закона.",
           "48. МА отметила прогресс."]
    beads = [([0], [0], 0.9), ([], [1], 0.0), ([1], [2], 0.9)]
    assert _feat(beads, src, tgt, "sent_absorb") == [1.0, 1.0, 0.0]
    whole = [([0], [0, 1], 0.9), ([1], [2], 0.9)]
    assert _feat(whole, src, tgt, "sent_absorb") == [0.0, 0.0]
    en, es, off = PREAMBLE_EN, PREAMBLE_ES, PREAMBLE_OFF
    cog = _feat(off, en, es, "xmatch_cognate")
    assert cog[1] > 0.5 and cog[2] > 0.5 and cog[0] < 0.3
    right = [([0], [0], 0.9), ([1], [1], 0.9), ([], [2], 0.0), ([2], [3], 0.9)]
    assert max(_feat(right, en, es, "xmatch_cognate")) < 0.3
    # no cognates between scripts
    assert _feat(beads, src, tgt, "xmatch_cognate") == [0.0, 0.0, 0.0]
