"""zh-en boundaries: a name the tokeniser split at a spaced hyphen, an English word taken from a
neighbour of the Chinese term, a name cut on both sides at once."""
from unmark.terms import TermOptions, extract_terms
from unmark.terms.boundaries import complete_cut_piece, zh_cut_piece
from unmark.terms.lexical import LexicalModel
from unmark.terms.tokenize import join_cjk


def test_spaced_hyphen_between_han_characters_is_joined():
    assert join_cjk("在 纳戈尔诺 - 卡拉巴赫 冲突 中") == "在纳戈尔诺-卡拉巴赫冲突中"
    assert join_cjk("亚洲 - 太平洋 国家 集团") == "亚洲-太平洋国家集团"
    # a dash, a hyphen before a number and Latin text keep their spaces
    assert join_cjk("效力 -- -- 通过") == "效力 -- -- 通过"
    assert join_cjk("铀 - 235") == "铀 - 235"
    assert join_cjk("Asia - Pacific") == "Asia - Pacific"


def test_piece_beside_a_name_hyphen_is_completed_across_it_through_names_only():
    # two occurrences are enough beside a hyphen; the verb 解决 before the name is not taken along
    two = ["解决纳戈尔诺-卡拉巴赫冲突的谈判", "推动解决纳戈尔诺-卡拉巴赫冲突"]
    assert zh_cut_piece("卡拉巴赫冲突", two) == "-+"
    assert complete_cut_piece("卡拉巴赫冲突", two)[0] == "纳戈尔诺-卡拉巴赫冲突"
    assert complete_cut_piece("丁卡族", ["由恩哥克-丁卡族管理", "对恩哥克-丁卡族的袭击"])[0] == "恩哥克-丁卡族"
    # without a hyphen two occurrences are too few to call a piece cut
    assert zh_cut_piece("轨道", ["亚轨道飞行", "亚轨道飞行器"]) is None


def _formula_model():
    # 不容忍 is "intolerance" on its own; 仇外心理 always sits beside it in the formula
    src = [{"不容忍", "宗教"}] * 4 + [{"仇外心理", "不容忍", "种族主义"}] * 4 + [{"仇外心理", "报告"}] * 2
    tgt = [{"intolerance", "religious"}] * 4 + [{"xenophobia", "intolerance", "racism"}] * 4 + [{"xenophobia", "report"}] * 2
    return LexicalModel(src, tgt, "zh", "en")


def test_english_word_that_translates_a_neighbour_is_found():
    lex = _formula_model()
    segment = {"仇外心理", "不容忍", "种族主义"}
    assert lex.stronger_outside("intolerance", segment, ["仇外心理"])
    assert not lex.stronger_outside("xenophobia", segment, ["仇外心理"])
    # the neighbour absent from the segment: nothing to take the word from
    assert not lex.stronger_outside("intolerance", {"仇外心理", "报告"}, ["仇外心理"])


def _pairs():
    # 被占领 is "occupied" wherever it is; 叙利亚戈兰 is always "occupied Syrian Golan", with 被占领
    # beside it, outside the Chinese term
    rows = [
        ("以色列在被占领领土上修建了一条道路。", "Israel built a road in the occupied territory."),
        ("难民仍然住在被占领城市的营地里。", "Refugees still live in camps of the occupied city."),
        ("特派团访问了被占领村庄。", "The mission visited the occupied village."),
        ("被占领地区的学校已经关闭。", "Schools in the occupied area have closed."),
        ("委员会审议了被占领叙利亚戈兰的局势。", "The Committee considered the situation in the occupied Syrian Golan."),
        ("秘书长报告了被占领叙利亚戈兰的水资源问题。", "The Secretary-General reported on water in the occupied Syrian Golan."),
        ("许多家庭离开了被占领叙利亚戈兰。", "Many families left the occupied Syrian Golan."),
        ("被占领叙利亚戈兰的居民举行了抗议。", "Residents of the occupied Syrian Golan held protests."),
        ("特别报告员无法进入被占领叙利亚戈兰。", "The Special Rapporteur could not enter the occupied Syrian Golan."),
        ("大会呼吁保护被占领叙利亚戈兰的农民。", "The General Assembly called for the protection of farmers in the occupied Syrian Golan."),
    ]
    return rows


def test_a_consistent_pair_keeps_its_english():
    on = {e.source: e.target for e in extract_terms(_pairs(), "zh", "en", TermOptions(min_freq=2)).entries}
    assert on.get("占领叙利亚戈兰") == "occupied Syrian Golan"      # 占领 is inside the Chinese term here


def test_neighbours_word_is_cut_off_the_english_or_the_pair_goes():
    from types import SimpleNamespace

    from unmark.terms.extract import _trim_neighbours

    # 被占领 is "occupied" on its own; beside 叙利亚戈兰 it is outside the Chinese term
    src_w = [{"被占领", "领土"}] * 5 + [{"被占领", "叙利亚", "戈兰", "局势"}] * 4 + [{"叙利亚", "戈兰", "农民"}] * 2
    tgt_w = [{"occupied", "territory"}] * 5 + [{"occupied", "syrian", "golan", "situation"}] * 4 + [{"syrian", "golan", "farmer"}] * 2
    lex = LexicalModel(src_w, tgt_w, "zh", "en")
    texts = ["the situation in the occupied Syrian Golan"] * 4 + ["farmers of the Syrian Golan"] * 2
    src = SimpleNamespace(lang="zh", words=src_w[5:])
    tgt = SimpleNamespace(lang="en", df={"syrian golan": 6, "occupied syrian golan": 4})
    segs = list(range(4))
    assert _trim_neighbours(("叙利亚戈兰", "occupied Syrian Golan"), segs, src, tgt, lex, texts, 0.2) == "Syrian Golan"
    assert _trim_neighbours(("叙利亚戈兰", "Syrian Golan"), segs, src, tgt, lex, texts, 0.2) == "Syrian Golan"
    # what is left must be a candidate of the corpus: else the pair goes
    tgt_no = SimpleNamespace(lang="en", df={"occupied syrian golan": 4})
    assert _trim_neighbours(("叙利亚戈兰", "occupied Syrian Golan"), segs, src, tgt_no, lex, texts, 0.2) is None
    # the word written again elsewhere in the sentence belongs to the neighbour there
    twice = ["the occupied territory and the occupied Syrian Golan"] * 4
    assert _trim_neighbours(("叙利亚戈兰", "occupied Syrian Golan"), segs, src, tgt, lex, twice, 0.2) == "occupied Syrian Golan"
