"""Rules as data (resources/terms/*): every list's examples run here, and the whole-form, fragment,
label, compositional and acronym mechanisms are tested on small real-shaped inputs."""
import pytest

from unmark.resources import load_toml
from unmark.terms import TermOptions, extract_terms
from unmark.terms.acronyms import is_listed_name, listed_acronym, un_abbreviations
from unmark.terms.boundaries import complete_cut_piece, grow_latin, grow_zh, zh_cut_neutral, zh_cut_piece, zh_extension_stop
from unmark.terms.candidates import CandidateLimits, count_candidates, name_fragment_share, name_neighbours, segment_candidates
from unmark.terms.forms import un_form, un_forms
from unmark.terms.lexicon import internal_words, pattern
from unmark.terms.morph import stem_ar
from unmark.terms.status import GENERAL, compositional_with_state, entry_status, label_series
from unmark.terms.tokenize import tokenize


def test_arabic_light_stem_examples_from_resources():
    rules = load_toml("terms/ar_light_stem.toml")
    assert rules["examples"]
    for word, stem in rules["examples"]:
        assert stem_ar(word) == stem, word


def test_un_forms_apply_only_when_the_corpus_writes_them():
    forms = un_forms()
    assert len(forms) >= 20
    for (lang, seen), form in forms.items():
        assert seen != form
        assert un_form(seen, lang, [f"As noted by the {form} in its report."]) == form
        assert un_form(seen, lang, ["A text without it."]) == seen       # never a form the texts lack


def test_un_abbreviations_list_and_attachment():
    rows = un_abbreviations()
    assert len(rows) >= 50
    for acro, long_form, zh in rows:
        assert acro[:1].isupper() and long_form
        assert zh is None or all("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert listed_acronym("UNICEF", "儿基会", []) == "UNICEF"
    assert listed_acronym("United Nations Children's Fund", "联合国儿童基金会", ["UNICEF reported ..."]) == "UNICEF"
    assert listed_acronym("United Nations Children's Fund", "联合国儿童基金会", ["no acronym here"]) is None
    assert listed_acronym("United Nations", "联合国", ["the UN system"]) is None     # two letters: never attached
    assert listed_acronym("Democratic Republic of the Congo", "刚果民主共和国", ["the DRC"]) is None
    assert is_listed_name("United Nations") and not is_listed_name("Action Plan")


def test_patterns_for_sessions_dates_and_labels():
    assert pattern("ordinal").search("eleventh session of the Forum")
    assert pattern("ordinal").search("论坛第十一届会议")
    assert not pattern("ordinal").search("First Committee")
    assert pattern("date").search("March to 30 June")
    assert not pattern("date").search("Marshall Islands")
    assert entry_status("论坛第十一届会议", "eleventh session of the Forum", "zh", "en") == GENERAL
    assert entry_status("dollars for March to 30 June", "marzo y el 30 de junio", "en", "es") == GENERAL


def test_label_series_needs_three_numbers_with_the_same_letters():
    keys = ["js1", "js2", "js16", "apg23", "g20", "human rights"]
    assert label_series(keys) == {"js1", "js2", "js16"}
    assert label_series(["js1", "js2"]) == set()
    assert label_series(keys, 0) == set()


def test_state_plus_ordinary_words_is_compositional():
    for t in ("Chadian women", "Italian legislation", "armed forces of the Republic of Armenia", "Syrian refugees"):
        assert compositional_with_state(t, "en"), t
    for t in ("Government of the Sudan", "Afghan National Police", "South Sudan", "Italy", "human rights",
              "Arab States", "European Union", "Muslim community"):
        assert not compositional_with_state(t, "en"), t


def test_grow_zh_to_the_whole_form_its_occurrences_share():
    texts = ["各国建立信任措施。", "建立信任措施很重要", "他们的建立信任措施得到支持"]
    assert grow_zh("信任措施", texts) == "建立信任措施"
    assert grow_zh("安全部队", ["联阿安全部队的任务", "联阿安全部队很好", "联阿安全部队部署"]) == "联阿安全部队"
    assert grow_zh("信任措施", texts[:2]) == "信任措施"                      # two occurrences: too few
    assert grow_zh("大会", ["联合国大会决定", "大会决定", "大会请秘书长"]) == "大会"   # not shared
    assert grow_zh("议事规则", ["议事规则第1条", "议事规则第2条", "议事规则第3条"]) == "议事规则"  # 第 is a stop
    assert "的" in zh_extension_stop() and "前" not in zh_extension_stop()
    # a function word of stop_zh.txt is never added, even when every occurrence has it
    including = ["违反国际法，包括人道主义法和人权法，以及国际刑事", "按照国际法，包括人道主义法和人权法以及联合国",
                 "对国际法 ( 包括人道主义法和人权法 ) 承担的"]
    assert grow_zh("人道主义法和人权法", including) == "人道主义法和人权法"


def test_grow_latin_to_the_full_name():
    texts = ["The Department of Field Support said", "the Department of Field Support has", "by the Department of Field Support."]
    assert grow_latin("Field Support", texts, "en") == "Department of Field Support"
    assert grow_latin("Field Support", texts, "en", accept=lambda w: w != "Department") == "Field Support"
    assert grow_latin("Field Support", texts[:2], "en") == "Field Support"


def test_capitals_of_a_longer_name_are_weak_evidence_of_the_spelling():
    inner = internal_words("en")
    chunk = tuple("the Meeting of States Parties to the Convention decided".split())
    assert name_neighbours(chunk, 3, 5, inner) == ("Meeting of", "to the Convention")
    texts = ["The Meeting of States Parties to the Convention met.", "States parties shall report.",
             "All States parties agreed.", "the Meeting of States Parties to the Treaty"]
    per = [segment_candidates(tokenize(t, "en"), "en", CandidateLimits()) for t in texts]
    df, _, surface, _ = count_candidates(per, "en")
    assert surface["state party"] == "States parties"
    share = name_fragment_share(per, df)
    assert share.get("meeting", 0) == 1.0          # always in "Meeting of States Parties ..."


def _corpus(n_labels: int = 3):
    pairs = []
    for i in range(1, n_labels + 1):
        for j in range(3):
            pairs.append((f"JS{i} recommended that Italy ratify the Convention on statelessness ({j}).",
                          f"СП{i} рекомендовало Италии ратифицировать Конвенцию о безгражданстве ({j})."))
    return pairs


def test_document_labels_leave_the_main_list():
    pytest.importorskip("pymorphy3")
    g = extract_terms(_corpus(), "en", "ru", TermOptions(examples=0))
    labels = [e for e in g.entries if e.source.startswith("JS")]
    assert labels and all(e.status == GENERAL for e in labels)


def test_state_names_carry_no_acronym():
    pairs = [("刚果民主共和国的局势", "the situation in the Democratic Republic of the Congo (DRC)")] * 4
    pairs += [("刚果民主共和国政府", "the Government of the Democratic Republic of the Congo")] * 3
    g = extract_terms(pairs, "zh", "en", TermOptions(examples=0))
    drc = [e for e in g.entries if e.source == "刚果民主共和国"]
    assert drc and drc[0].acronym is None


def test_grow_zh_takes_back_characters_the_segmenter_glued_to_the_word_before():
    texts = ["将对联阿安全部队的奉献表示感谢", "(联阿安全部队)。", "确保联阿安全部队全面遵守",
             "为与联阿安全部队唯一的联系", "确认联阿安全部队在部署后"]
    assert grow_zh("阿安全部队", texts) == "联阿安全部队"
    # never to a string that starts inside a word (共和|国领空)
    assert grow_zh("领空", ["塞浦路斯共和国领空"] * 5) in ("领空", "塞浦路斯共和国领空")


def test_russian_hyphenated_compound_in_citation_form():
    pytest.importorskip("pymorphy3")
    from unmark.terms.morph import ru_citation_form

    assert ru_citation_form("трудящихся-мигрантов") == "трудящиеся-мигранты"
    assert ru_citation_form("ООН-Хабитат") == "ООН-Хабитат"


def test_general_phrase_examples_from_resources():
    from unmark.terms.status import general_phrase

    rules = load_toml("terms/general_phrases.toml")
    assert len(rules["examples"]) >= 5 and len(rules["counter_examples"]) >= 5
    for source, target in rules["examples"]:
        assert general_phrase(source, target, "zh", "en"), (source, target)
        assert entry_status(source, target, "zh", "en") == GENERAL
        assert general_phrase(target, source, "en", "zh")        # either direction
    for source, target in rules["counter_examples"]:
        assert not general_phrase(source, target, "zh", "en"), (source, target)
        assert entry_status(source, target, "zh", "en") != GENERAL, (source, target)
    for src_lang, tgt_lang, source, target in rules["examples_other"]:
        assert general_phrase(source, target, src_lang, tgt_lang), (source, target)
    for src_lang, tgt_lang, source, target in rules["counter_examples_other"]:
        assert not general_phrase(source, target, src_lang, tgt_lang), (source, target)


def test_russian_citation_form_leaves_acronyms_alone():
    from unmark.terms.morph import _morph_ru, ru_citation_form

    if _morph_ru() is None:
        pytest.skip("pymorphy3 not installed")
    assert ru_citation_form("ИКПЧ") == "ИКПЧ"            # was inflected to a form the text never has
    assert ru_citation_form("Совета ООН") == "Совет ООН"
    assert ru_citation_form("Национального плана действий") == "Национальный план действий"


def test_capital_seen_only_at_the_start_of_headings_is_no_spelling():
    texts = ["Draft decision submitted by the Co-Chairs", "Draft decision submitted by the President",
             "The Committee adopted the draft resolution.", "Syrian refugees returned home.",
             "Syrian refugees in Jordan received aid."]
    per = [segment_candidates(tokenize(t, "en"), "en", CandidateLimits()) for t in texts]
    _, _, surface, _ = count_candidates(per, "en")
    assert surface["draft decision"] == "draft decision"     # "draft" is written in lower case elsewhere
    syrian = [k for k in surface if k.startswith("syrian refugee")]
    assert syrian and all(surface[k].startswith("Syrian") for k in syrian)   # never seen in lower case


def test_words_of_the_un_dictionary_are_terms_although_common():
    from unmark.terms.status import un_dictionary_word

    assert un_dictionary_word("全权证书") and un_dictionary_word("届会") and not un_dictionary_word("政府")
    assert entry_status("全权证书", "credentials", "zh", "en") != GENERAL      # UN procedure term
    assert entry_status("员额", "posts", "zh", "en") != GENERAL
    assert entry_status("政府", "Government", "zh", "en") == GENERAL          # not listed: general
    assert entry_status("冲突", "conflict", "zh", "en") == GENERAL
    assert entry_status("特派团", "Mission", "zh", "en") == GENERAL            # capitalised: a piece of names


def test_grow_latin_ignores_capitals_and_completes_titles_on_two_occurrences():
    texts = ["the Convention on the Elimination of all Forms of Discrimination Against Women state",
             "implementation of the Convention on the Elimination of All Forms of Discrimination against Women in"]
    grown = grow_latin("Convention on the Elimination", texts, "en", min_occurrences=2)
    assert grown.lower() == "convention on the elimination of all forms of discrimination against women"
    assert grow_latin("Convention on the Elimination", texts, "en") == "Convention on the Elimination"   # 3 by default


def test_transliterated_name_pairs_only_with_a_capitalised_target():
    from unmark.terms.status import zh_transliterated_name

    assert zh_transliterated_name("顿涅茨克地区") and zh_transliterated_name("圣马丁")
    assert not zh_transliterated_name("城市发展") and not zh_transliterated_name("《顿涅茨克》")


def test_list_labels_before_a_heading_make_its_capital_sentence_initial():
    texts = ["4. General debate on national experience", "7. General debate.",
             "the general debate in the General Assembly shall open"]
    per = [segment_candidates(tokenize(t, "en"), "en", CandidateLimits()) for t in texts]
    _, _, surface, _ = count_candidates(per, "en")
    assert surface["general debate"] == "general debate"


def test_cut_piece_is_a_term_with_the_same_character_beside_it_nearly_always():
    suborbital = ["亚轨道飞行的法律问题", "关于亚轨道飞行的讨论", "亚轨道飞行和航天", "除轨道外"]
    assert zh_cut_piece("轨道", suborbital) == "亚+"                       # 3 of 4 occurrences
    assert zh_cut_piece("限成员名额", ["不限成员名额工作组", "设立不限成员名额", "不限成员名额会议"]) == "不+"
    assert zh_cut_piece("训研", ["训研所的报告", "由训研所组织", "训研所和"]) == "+所"
    # free edges: varied neighbours, or a function character (的, 和, 在) on the same side every time
    assert zh_cut_piece("大会", ["联合国大会决定", "大会决定", "缔约方大会请"]) is None
    assert zh_cut_piece("大会", ["的大会决定", "的大会请", "的大会认为"]) is None
    assert zh_cut_piece("轨道", suborbital[:2]) is None                   # too few occurrences
    assert "的" in zh_cut_neutral() and not {"不", "亚", "所", "前"} & zh_cut_neutral()


def test_cut_piece_is_completed_to_the_whole_word_or_left_out():
    unitar = ["联合国训练研究所（训研所）的报告", "由训研所组织的培训", "训研所和开发署"]
    assert complete_cut_piece("训研", unitar)[0] == "训研所"
    transition = ["经济转型国家的代表", "支持经济转型国家", "经济转型国家和发展中国家"]
    assert complete_cut_piece("转型", transition)[0] == "经济转型国家"
    assert complete_cut_piece("大会", ["联合国大会决定", "大会决定", "缔约方大会请"]) == ["大会"]
    karabakh = ["解决纳戈尔诺-卡拉巴赫冲突的谈判", "纳戈尔诺-卡拉巴赫冲突仍未解决", "关于纳戈尔诺-卡拉巴赫冲突"]
    assert complete_cut_piece("卡拉巴赫冲突", karabakh)[0] == "纳戈尔诺-卡拉巴赫冲突"
    # 国外交部 starts inside 各国: no whole word, the piece leaves the main list
    assert complete_cut_piece("外交部", ["各国外交部的代表", "各国外交部长", "各国外交部门"]) == []
    # a function word of stop_zh.txt (问题) is never taken along
    ageing = ["老龄问题不限成员名额工作组的报告", "老龄问题不限成员名额工作组会议", "老龄问题不限成员名额工作组主席"]
    assert all("问题" not in w for w in complete_cut_piece("限成员名额工作组", ageing))


def test_extraction_completes_a_cut_piece_the_segmenter_made():
    # jieba cuts 不/限/成员/名额 and 不 is a function word: without the check the entry is 限成员名额工作组
    # ("limited-membership working group"), the opposite of open-ended
    zh = ["大会决定设立不限成员名额工作组。", "不限成员名额工作组举行了会议。", "各国支持不限成员名额工作组的工作。",
          "不限成员名额工作组的报告已提交。"]
    en = ["The Assembly decided to establish an open-ended working group.", "The open-ended working group held a meeting.",
          "States supported the work of the open-ended working group.", "The report of the open-ended working group was submitted."]
    pairs = list(zip(zh, en))
    opts = TermOptions(min_freq=2, min_cooc=2)
    assert [(e.source, e.target) for e in extract_terms(pairs, "zh", "en", opts).entries] == [
        ("不限成员名额工作组", "open-ended working group")]
    off = extract_terms(pairs, "zh", "en", TermOptions(min_freq=2, min_cooc=2, cut_share=0))
    assert [e.source for e in off.entries] == ["限成员名额工作组"]


def test_un_short_forms_examples_from_resources():
    from unmark.terms.listed import find_listed, listed_pairs, matches_form, un_short_forms

    rows = un_short_forms()
    assert {"安理会", "宪章", "增编", "届会"} <= {p.zh for p in rows}
    for p in rows:
        assert p.zh in p.example_zh, p
        assert any(_form_in(f, p.example_en) for f in p.en), p
    # the abbreviations list's Chinese short forms come along, with long form and acronym
    assert next(p for p in listed_pairs() if p.zh == "儿基会").en == ("United Nations Children's Fund", "UNICEF")
    assert matches_form("sessions", ("session",)) and not matches_form("sessional", ("session",))


def _form_in(form, text):
    from unmark.terms.listed import _form_pattern

    return bool(_form_pattern(form).search(text))


def test_listed_pair_needs_the_corpus_to_bear_it_out():
    from unmark.terms.listed import ListedPair, find_listed

    council = ListedPair("安理会", ("Security Council",))
    zh = ["安理会通过了决议。", "安理会成员表示关切。", "安理会请秘书长报告。", "安理会决定继续审议。"]
    en = ["The Security Council adopted the resolution.", "Council members expressed concern.",
          "The Security Council requested the Secretary-General to report.", "The Security Council decided to remain seized."]
    (hit,) = find_listed(zh, en, pairs=[council])
    assert (hit.target, hit.cooc, hit.source_count) == ("Security Council", 3, 4)   # "Council members" backs it too
    # the English elsewhere: no entry
    assert find_listed(zh, ["The Committee adopted it.", "Members spoke.", "It was decided.", "No."], pairs=[council]) == []
    session = ListedPair("届会", ("session",))
    zh2 = ["大会第七十届会议", "第六十九届会议议程", "理事会第五届会议"]
    en2 = ["seventieth session of the General Assembly", "Agenda of the sixty-ninth session", "Sessions of the Council: fifth session"]
    assert [h.target for h in find_listed(zh2, en2, pairs=[session])] == ["session"]


def test_listed_short_form_is_an_entry_beside_the_full_name():
    zh = ["安全理事会通过了第2178号决议。", "安理会成员表示关切。", "安理会请秘书长提交报告。", "安全理事会决定继续处理此案。",
          "安理会决定继续审议。", "安全理事会成员听取了通报。"]
    en = ["The Security Council adopted resolution 2178.", "Members of the Security Council expressed concern.",
          "The Security Council requested the Secretary-General to submit a report.", "The Security Council decided to remain seized of the matter.",
          "The Security Council decided to continue its consideration.", "Members of the Security Council heard a briefing."]
    pairs = list(zip(zh, en))
    got = {(e.source, e.target) for e in extract_terms(pairs, "zh", "en", TermOptions(min_freq=2, min_cooc=2)).entries}
    assert ("安理会", "Security Council") in got and ("安全理事会", "Security Council") in got
    off = {e.source for e in extract_terms(pairs, "zh", "en", TermOptions(min_freq=2, min_cooc=2, un_short_forms=False)).entries}
    assert "安理会" not in off


def test_nested_piece_with_the_same_equivalent_is_dropped():
    from unmark.align.types import Segment
    from unmark.terms.extract import _nested_pieces
    from unmark.terms.glossary import TermEntry

    texts = ["中非稳定团部署了部队。", "为中非稳定团增加人员。", "中非稳定团和中非共和国政府", "大会通过决议。", "联合国大会第七十届会议"]
    pairs = [(Segment("zh", t), Segment("en", "x")) for t in texts]
    entries = [TermEntry("中非", "MINUSCA"), TermEntry("中非稳定团", "MINUSCA"),
               TermEntry("大会", "General Assembly"), TermEntry("联合国大会", "General Assembly")]
    segs = [[0, 1, 2], [0, 1, 2], [3, 4], [4]]
    # 中非 sits inside 中非稳定团 wherever it means MINUSCA; 大会 is used on its own
    assert _nested_pieces(entries, segs, pairs, 0, 0.75) == {0}


def test_hyphenated_modifier_and_capitalised_name_opener_are_general():
    from unmark.terms.status import attributive_modifier

    lower = ["a high-level segment", "the high-level meeting on", "high-level panel", "at a high-level event"]
    assert attributive_modifier("high-level", lower, "en")
    named = ["the Open-ended Working Group on Ageing", "Open-ended Working Group", "an Open-ended Intergovernmental Expert Group"]
    assert attributive_modifier("Open-ended", named, "en")
    # a noun: followed by verbs, prepositions, punctuation
    sg = ["the Secretary-General requested", "report of the Secretary-General on", "The Secretary-General.", "Secretary-General Ban Ki-moon"]
    assert not attributive_modifier("Secretary-General", sg, "en")
    assert not attributive_modifier("capacity-building", ["capacity-building is key", "support capacity-building.", "for capacity-building in"], "en")


def test_name_piece_continued_by_several_longer_names_is_general():
    zh = ["全球服务中心提供支助。", "区域服务中心设在恩德培。", "全球服务中心的员额。", "区域服务中心的预算。",
          "全球服务中心和区域服务中心的合作。"]
    en = ["The Global Service Centre provides support.", "The Regional Service Centre is located in Entebbe.",
          "Posts of the Global Service Centre.", "The budget of the Regional Service Centre.",
          "Cooperation between the Global Service Centre and the Regional Service Centre."]
    pairs = list(zip(zh, en))

    def status(opts):
        return {e.source: e.status for e in extract_terms(pairs, "zh", "en", opts).entries}

    on = status(TermOptions(min_freq=2, min_cooc=2))
    assert on["服务中心"] == GENERAL and on["全球服务中心"] == on["区域服务中心"] == "name"
    assert status(TermOptions(min_freq=2, min_cooc=2, max_name_continued=1.0))["服务中心"] == "name"
