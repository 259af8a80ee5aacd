"""Termhood for a terminologist: entry status (term / name / general), fragments of longer
candidates, copied targets, Russian lemmas and citation forms, inflection-insensitive check."""
import pytest

from unmark.terms import Glossary, TermEntry, TermOptions, check_consistency, extract_terms
from unmark.terms.candidates import container_share
from unmark.terms.morph import lemma, ru_citation_form, stem_ar
from unmark.terms.status import GENERAL, NAME, TERM, entry_status, looks_adjective

pytest.importorskip("wordfreq")


@pytest.mark.parametrize("src,tgt,want", [
    ("政府", "Government", GENERAL),           # a common word, capitalised or not
    ("冲突", "conflict", GENERAL),
    ("中心", "Centre", GENERAL),               # a capitalised piece of a name
    ("先生", "Mr.", GENERAL),
    ("区域和次区域", "regional and subregional", GENERAL),   # ends on an adjective: no concept
    ("人道主义", "humanitarian", GENERAL),
    ("两年期", "biennium", TERM),              # rare in general language
    ("可持续发展", "sustainable development", TERM),
    ("秘书长", "Secretary-General", TERM),
    ("大会", "General Assembly", NAME),
    ("达尔富尔", "Darfur", NAME),
    ("日内瓦", "Geneva", NAME),                # jieba reads it as a place name (ns)
    ("儿基会", "UNICEF", NAME),
])
def test_entry_status(src, tgt, want):
    assert entry_status(src, tgt, "zh", "en") == want


def test_state_is_a_name_and_english_decides_for_en_x():
    assert entry_status("伊拉克", "Iraq", "zh", "en", state=True) == NAME
    # the English side decides first: a common English verb is no entry, whatever the Russian looks like
    assert entry_status("put", "СП6 Италии", "en", "ru") == GENERAL


def test_adjective_endings_with_noun_exceptions():
    assert looks_adjective("substantive", "en") and looks_adjective("regional", "en")
    assert not looks_adjective("proposal", "en") and not looks_adjective("plenary", "en")
    assert not looks_adjective("Regional", "en")          # capitalised: part of a name


def test_container_share_marks_fragments_per_segment():
    segs = [["不结盟", "不结盟缔约国", "缔约国"]] * 5 + [["苏丹"]] * 3 + [["苏丹", "南苏丹"]] * 3
    freq = {"不结盟": 5, "不结盟缔约国": 5, "缔约国": 5, "苏丹": 6, "南苏丹": 3}
    share = container_share(segs, freq)
    assert share["不结盟"] == 1.0 and share["缔约国"] == 1.0
    assert share["苏丹"] == 0.5             # half its segments hold 南苏丹: not a fragment
    assert share["不结盟缔约国"] == 0.0


def _pairs(rows):
    return [(a, b) for a, b in rows]


def test_fragment_inside_one_longer_term_is_dropped_and_the_whole_kept():
    rows = []
    for topic, en in [("报告", "report"), ("决定", "decision"), ("建议", "recommendation"), ("会议", "meeting")]:
        rows.append((f"不结盟缔约国集团提交了{topic}。", f"The Group of Non-Aligned States Parties submitted a {en}."))
        rows.append((f"{topic}由不结盟缔约国集团提出。", f"The {en} was made by the Group of Non-Aligned States Parties."))
    g = extract_terms(_pairs(rows), "zh", "en", TermOptions(examples=0))
    sources = {e.source: e.target for e in g.entries}
    assert sources.get("不结盟缔约国集团") == "Group of Non-Aligned States Parties"
    assert "不结盟" not in sources and "不结盟缔约国" not in sources


def test_target_copied_from_the_source_is_dropped():
    rows = [("See the Human Rights Council report.", "См. Human Rights Council report."),
            ("The Human Rights Council met.", "Совет по правам человека Human Rights Council собрался.")] * 3
    g = extract_terms(rows, "en", "ru", TermOptions(examples=0))
    assert all(e.source.casefold() != e.target.casefold() for e in g.entries)


def test_general_entries_follow_the_main_list():
    rows = []
    for i in range(4):
        rows.append(("政府支持可持续发展。", "The Government supports sustainable development."))
        rows.append(("可持续发展需要政府。", "Sustainable development needs the Government."))
    g = extract_terms(rows, "zh", "en", TermOptions(examples=0))
    status = [e.status for e in g.entries]
    assert GENERAL in status
    assert status == sorted(status, key=lambda s: s == GENERAL)
    dropped = extract_terms(rows, "zh", "en", TermOptions(examples=0, general="drop"))
    assert GENERAL not in {e.status for e in dropped.entries}


def test_russian_lemmas_and_citation_form():
    pytest.importorskip("pymorphy3")
    assert lemma("Италии", "ru") == lemma("Италию", "ru") == "италия"
    assert lemma("ИКПЧ", "ru") == "икпч"                 # acronyms as written
    assert ru_citation_form("Национального плана действий") == "Национальный план действий"
    assert ru_citation_form("прав человека") == "права человека"
    assert ru_citation_form("Совета Европы") == "Совет Европы"
    assert ru_citation_form("по правам человека") == "по правам человека"   # not a noun phrase: as is


def test_arabic_light_stem():
    assert stem_ar("والمنظمات") == stem_ar("المنظمات") == stem_ar("منظمات")


def test_check_matches_inflected_russian_forms():
    pytest.importorskip("pymorphy3")
    g = Glossary("en", "ru", (TermEntry("Italy", "Италия"), TermEntry("Council of Europe", "Совет Европы")))
    pairs = [("Italy ratified it.", "Италия ратифицировала его."),
             ("Italy was urged to act.", "Италии было рекомендовано действовать."),
             ("The Council of Europe said.", "Как сообщил Совета Европы комиссар."),
             ("Italy and the Council of Europe.", "Франция.")]
    f = check_consistency(g, pairs)
    assert [(x.row, x.source_term) for x in f] == [(3, "Italy"), (3, "Council of Europe")]


def test_arabic_is_a_supported_language():
    from unmark.terms.candidates import CandidateLimits, segment_candidates
    from unmark.terms.tokenize import tokenize

    text = "وتحث الجمعية العامة الدول الأعضاء على مكافحة الاتجار بالأشخاص."
    cands = segment_candidates(tokenize(text, "ar"), "ar", CandidateLimits())
    surfaces = {v[1].lstrip("\x00") for v in cands.values()}
    assert "الجمعية العامة" in surfaces and "الدول الأعضاء" in surfaces
    assert not any(s.startswith("على") or s.endswith("على") for s in surfaces)


def test_acronym_only_for_its_own_long_form():
    from unmark.terms.acronyms import acronym_for, acronym_map

    texts = ["the Democratic People's Republic of Korea (DPRK) and the Republic of Korea met.",
             "the Office of the United Nations High Commissioner for Human Rights (OHCHR) reported.",
             "the United Nations Office on Drugs and Crime (UNODC) helps."]
    amap = acronym_map(texts, "en")
    assert acronym_for("Republic of Korea", amap) is None
    assert acronym_for("United Nations High Commissioner for Human Rights", amap) is None
    assert acronym_for("Democratic People's Republic of Korea", amap) == "DPRK"
    assert acronym_for("Office on Drugs and Crime", amap) == "UNODC"


def test_coordinations_ordinals_adverbs_are_general():
    from unmark.terms.status import coordinations

    targets = ["General Assembly and the Security Council", "General Assembly", "Security Council",
               "policies and procedures", "Bosnia and Herzegovina", "sexual exploitation and abuse", "sexual exploitation"]
    assert coordinations(targets, [True] * len(targets)) == [True, False, False, True, False, False, False]
    assert entry_status("安全理事会第7359次会议", "7359th meeting of the Security Council", "zh", "en") == GENERAL
    assert entry_status("系统地", "systematically", "zh", "en") == GENERAL
    assert entry_status("西非国家", "West African", "zh", "en") == GENERAL
    assert entry_status("2015年后发展议程", "post-2015 development agenda", "zh", "en") == TERM
