"""A heading the paragraph aligner left one row off (glued to a paragraph in one version, a unit of
its own in the other; or a label split from its heading) is moved into the row of its translation,
and nothing moves in a pair that is already right."""
from __future__ import annotations

from unmark.align import align
from unmark.align import calibrate as cal
from unmark.align.repair import glued_prefix, glued_tail, heading_like, moved_headings, repair

from align_cases import PREAMBLE_EN, PREAMBLE_ES, PREAMBLE_OFF, make_doc

EN_75 = "75. Joint Submission 11 (JS11) stressed the importance of libraries in the provision of materials and services."
RU_75 = "75. В совместном представлении 11 (СП11) было подчеркнуто важное значение библиотек в предоставлении материалов и услуг ."
EN_76 = "76. ASSO21 noted that the crucial factor was the lack of data on the Roma and Sinti communities living in Italy."
RU_76 = "76. АССО21 отметила, что решающим фактором является отсутствие данных об общинах рома и синти в Италии ."
HEAD_EN, HEAD_RU = "Minorities and indigenous peoples", "Меньшинства и коренные народы"


def test_heading_glued_to_the_end_moves_back():
    src = [EN_75, HEAD_EN, EN_76]
    tgt = [RU_75 + " " + HEAD_RU, RU_76]
    wrong = [([0], [0], 0.9), ([1, 2], [1], 0.8)]
    st = {"posterior": [0.9, 0.6], "boundary": [0.8, 0.5], "other": "kept"}
    assert moved_headings(wrong, src, tgt) == [(1, 0, 0)]
    assert repair(wrong, src, tgt, st) == [([0, 1], [0], 0.8), ([2], [1], 0.8)]
    assert st["posterior"] == [0.6, 0.6] and st["boundary"] == [0.5, 0.5] and st["other"] == "kept"
    # the heading alone in a skip row: the skip disappears
    lone = [([0], [0], 0.9), ([1], [], 0.0), ([2], [1], 0.9)]
    assert repair(lone, src, tgt) == [([0, 1], [0], 0.9), ([2], [1], 0.9)]


def test_heading_glued_to_the_start_moves_forward():
    src = ["66. La Manif Pour Tous expressed concerns about surrogacy.", "Children",
           "67. JS5 expressed that children of foreign origin were discriminated against."]
    tgt = ["66. «Ля маниф пур тус» выразила обеспокоенность по поводу суррогатного материнства .",
           "Дети 67. В СП5 было сказано, что дети иностранного происхождения подвергаются дискриминации ."]
    wrong = [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    assert repair(wrong, src, tgt) == [([0], [0], 0.9), ([1, 2], [1], 0.9)]


def test_label_split_from_its_heading_moves_to_the_heading():
    src = ["人工校正的费用估计为每页 14 分钟，对较早的全部馆藏进行人工审查将无法负担。", "三.", "提议"]
    tgt = ["Manual correction is estimated at 14 minutes per page, which makes a review unaffordable.",
           "III. Proposals"]
    wrong = [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    assert repair(wrong, src, tgt) == [([0], [0], 0.9), ([1, 2], [1], 0.9)]


def test_right_rows_do_not_move():
    # a heading with its own label is not a glued tail; a heading already in the row stays
    assert not glued_tail("二. 现状") and not glued_tail("II. Current situation")
    assert glued_tail("… with translators at the four duty stations. II. Current situation")
    src = ["The report was prepared in consultation with the Library. Interviews were held at four duty stations.",
           "II. Current situation", "A. Digital archive"]
    tgt = ["本报告与图书馆协商编写。此外还在四个工作地点进行了访谈。 二. 现状", "A. 数字档案"]
    right = [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    assert moved_headings(right, src, tgt) == [] and repair(right, src, tgt) == right
    # a job number is not a heading; a sentence is not a prefix
    assert not heading_like("GE.23-40957") and heading_like(HEAD_EN) and not heading_like(EN_75)
    assert glued_prefix("Дети 67. В СП5 было сказано") and not glued_prefix("67. В СП5 было сказано")
    clean = [([0], [0], 0.9), ([1], [1], 0.9)]
    assert repair(clean, [EN_75, EN_76], [RU_75, RU_76]) == clean


def test_align_keeps_the_heading_with_its_translation():
    """End to end: the Russian version has the heading glued to the end of paragraph 75."""
    en = make_doc([("paragraph", "75.", 75, EN_75), ("heading", None, None, HEAD_EN), ("paragraph", "76.", 76, EN_76)],
                  "en")
    ru = make_doc([("paragraph", "75.", 75, RU_75 + " " + HEAD_RU), ("paragraph", "76.", 76, RU_76)], "ru")
    al = align(en, ru)
    row = next(r for r in al.rows if HEAD_EN in r.text("en"))
    assert HEAD_RU in row.text("ru") and "76." not in row.text("ru")
    assert all(r.text("en") and r.text("ru") for r in al.rows)


def _feat(beads, src, tgt, name):
    X = cal.features(beads, src, tgt, "paragraph")
    return [round(float(v), 2) for v in X[:, cal.FEATURES.index(name)]]


def test_a_unit_one_row_off_is_marked_in_both_rows():
    # the figures of a unit match the neighbouring row's other side, not its own row's
    src = ["In 2024 the archive was consulted 18 million times.", "The pilot converted 12,000 documents in 1946."]
    tgt = ["2024 年档案被查阅 1800 万次。试点转换了 12 000 份 1946 年的文件。", "提议"]
    good = [([0], [0], 0.9), ([1], [1], 0.9)]
    # the second English sentence's figures (12,000, 1946) are in the first row's Chinese side
    assert min(_feat([([0], [0], 0.9), ([1], [1], 0.5)], src, tgt, "xmatch")) > 0.5
    assert _feat(good, ["In 2024 the archive was consulted.", "In 1946 it opened."],
                 ["2024 年档案被查阅。", "1946 年开放。"], "xmatch") == [0.0, 0.0]
    shifted = [([0], [1], 0.5), ([1], [0], 0.5)]
    assert min(_feat(shifted, ["In 2024 the archive was consulted.", "In 1946 it opened."],
                     ["2024 年档案被查阅。", "1946 年开放。"], "xmatch")) > 0.5
    # dictionary words (zh-en): 会议模式 is "Pattern of conferences", kept in the row before
    s2 = ["第八十届会议", "暂定项目清单项目 131", "会议模式 改进议会文件多语种数字档案"]
    t2 = ["Eightieth session", "Item 131 of the preliminary list", "Pattern of conferences",
          "Improving the multilingual digital archive of parliamentary documentation"]
    x = _feat([([0], [0], 0.9), ([1], [1, 2], 0.8), ([2], [3], 0.5)], s2, t2, "xmatch_dict")
    assert x[0] == 0.0 and x[1] > 0.3 and x[2] > 0.3
    # a label carried by one row but leading the neighbouring row's other side
    s3 = ["人工校正的费用估计为每页 14 分钟。", "三.", "提议"]
    t3 = ["Manual correction is estimated at 14 minutes per page.", "III. Proposals"]
    assert _feat([([0, 1], [0], 0.9), ([2], [1], 0.9)], s3, t3, "lab_nb") == [1.0, 1.0]
    assert _feat([([0], [0], 0.9), ([1, 2], [1], 0.9)], s3, t3, "lab_nb") == [0.0, 0.0]


def test_lead_in_line_glued_to_a_paragraph_moves_to_it():
    """``The General Assembly,`` a line of its own in one version, glued to the first preambular
    paragraph (or to the title before it) in the other."""
    title_en = "55/100. Respect for the right to universal freedom of travel and the vital importance of family reunification"
    title_es = "55/100. Respeto del derecho a la libertad universal de viajar e importancia vital de la reunificación familiar"
    pre_en = "Reaffirming that all human rights and fundamental freedoms are universal, indivisible and interrelated,"
    pre_es = "Reafirmando que todos los derechos humanos y libertades fundamentales son universales e indivisibles,"
    src = [title_en, "The General Assembly,", pre_en]
    # glued to the start of the paragraph after it
    tgt = [title_es, "La Asamblea General, " + pre_es]
    wrong = [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    assert repair(wrong, src, tgt) == [([0], [0], 0.9), ([1, 2], [1], 0.9)]
    # glued to the end of the title before it (no sentence end between them)
    tgt2 = [title_es + " La Asamblea General,", pre_es]
    wrong2 = [([0], [0], 0.9), ([1, 2], [1], 0.9)]
    assert repair(wrong2, src, tgt2) == [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    # right rows stay; a sentence that starts with a clause and a comma is no lead-in
    right = [([0], [0], 0.9), ([1, 2], [1], 0.9)]
    assert repair(right, src, tgt) == right
    assert repair([([0], [0], 0.9), ([1], [1], 0.9)], [title_en, pre_en], [title_es, pre_es]) == \
        [([0], [0], 0.9), ([1], [1], 0.9)]
    # a Chinese clause of 33 characters ending with a comma is a paragraph, not a lead-in
    from unmark.align.repair import glued_lead_in, lead_in

    assert lead_in("大会，") and lead_in("The General Assembly,") and lead_in("In favour:")
    assert not lead_in("重申所有的人权和基本自由都是普遍、不可分割、相互依存和相互关联的，")
    assert glued_lead_in("大会， 重申所有的人权和基本自由都是普遍的，") and not glued_lead_in("In 2024, the archive grew")


def test_labelled_line_glued_to_its_neighbour_moves():
    """A vote line a line of its own in one version, glued after the line before it in the other."""
    src = ["赞成：阿富汗、阿尔及利亚、安哥拉、津巴布韦", "反对：美利坚合众国", "弃权：阿尔巴尼亚、安道尔、澳大利亚"]
    tgt = ["Ont voté pour: Afghanistan, Algérie, Angola, Zimbabwe Ont voté contre: États-Unis d'Amérique",
           "Se sont abstenus: Albanie, Andorre, Australie"]
    wrong = [([0], [0], 0.9), ([1, 2], [1], 0.9)]
    assert repair(wrong, src, tgt) == [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    # the same lines in the right rows stay
    right = [([0, 1], [0], 0.9), ([2], [1], 0.9)]
    assert moved_headings(right, src, tgt) == []
    # every line separate in both versions: nothing moves
    tgt3 = ["Ont voté pour: Afghanistan, Algérie, Angola, Zimbabwe", "Ont voté contre: États-Unis d'Amérique",
            "Se sont abstenus: Albanie, Andorre, Australie"]
    clean = [([0], [0], 0.9), ([1], [1], 0.9), ([2], [2], 0.9)]
    assert repair(clean, src, tgt3) == clean


def test_labelled_line_moves_with_the_furniture_before_it():
    """A job number left between the vote line and the row it belongs to moves with the line; furniture
    alone never moves, and a job number is furniture while a short heading is not."""
    from unmark.align.repair import furniture

    src = ["赞成：阿富汗、阿尔及利亚、安哥拉、津巴布韦 弃权：阿尔巴尼亚、安道尔、澳大利亚、奥地利、阿塞拜疆、巴林、比利时、保加利亚",
           "GE.10-64206", "反对：美利坚合众国", "55/100. 对普遍旅行自由权的尊重"]
    tgt = ["Голосовали за: Алжир, Ангола, Зимбабве", "Голосовали против: Соединенные Штаты Америки",
           "Воздержались: Австралия, Австрия, Азербайджан, Албания, Андорра, Бахрейн, Бельгия, Болгария",
           "55/100. Уважение права на всеобщую свободу передвижения"]
    wrong = [([0], [0, 1, 2], 0.9), ([1, 2, 3], [3], 0.9)]
    assert moved_headings(wrong, src, tgt) == [(1, 0, 0, 2)]
    assert repair(wrong, src, tgt) == [([0, 1, 2], [0, 1, 2], 0.9), ([3], [3], 0.9)]
    right = [([0, 1, 2], [0, 1, 2], 0.9), ([3], [3], 0.9)]
    assert repair(right, src, tgt) == right
    # the same at the end of a row: the line and the job number after it go to the next row
    src2 = ["Ont voté pour: Afghanistan, Zimbabwe", "Ont voté contre: États-Unis d'Amérique", "GE.10-64206",
            "Se sont abstenus: Albanie, Andorre"]
    tgt2 = ["赞成：阿富汗、津巴布韦", "反对：美利坚合众国 弃权：阿尔巴尼亚、安道尔"]
    wrong2 = [([0, 1, 2], [0], 0.9), ([3], [1], 0.9)]
    assert repair(wrong2, src2, tgt2) == [([0], [0], 0.9), ([1, 2, 3], [1], 0.9)]
    assert furniture("GE.10-64206") and furniture("- 3 -") and not furniture("Pattern of conferences")


def test_paragraph_numbers_put_right():
    """A skipped paragraph whose number the neighbouring row holds glued after a sentence end on its other
    side joins that row; in that row, a paragraph at the other end whose number the other side lacks
    altogether (lost in that version) leaves as a skip. A unit that shares a number stays."""
    from unmark.align.repair import paragraph_numbers

    ru = ["76. Alpha noted the data gap.", "77. КМ-СЕ рекомендовал принять меры. 78. КМ-СЕ рекомендовал языки.",
          "79. ОПИ23 рекомендовала конвенцию."]
    en = ["76. Alpha noted the data gap.", "75. ASSO21 noted the lack of data.",
          "77. CoE-CM recommended urgent steps.", "78. CoE-CM recommended languages.",
          "79. APG23 recommended the convention."]
    wrong = [([0], [0], 0.9), ([1], [1, 2], 0.8), ([], [3], 0.0), ([2], [4], 0.9)]
    st = {"posterior": [0.9, 0.8, 0.7, 0.9]}
    assert repair(wrong, ru, en, st) == [([0], [0], 0.9), ([], [1], 0.0), ([1], [2, 3], 0.8), ([2], [4], 0.9)]
    assert st["posterior"] == [0.9, 0.7, 0.7, 0.9]
    right = [([0], [0], 0.9), ([], [1], 0.0), ([1], [2, 3], 0.8), ([2], [4], 0.9)]
    assert repair(right, ru, en) == right
    # the number must follow a sentence end (a reference "para. 78." or "No. 78 of" is no paragraph)
    assert paragraph_numbers("77. The Committee recalled para. 78. of its report") == {"77"}
    assert paragraph_numbers("77. КМ-СЕ рекомендовал принять меры. 78. КМ-СЕ") == {"77", "78"}
    assert paragraph_numbers("Дети 67. В СП5 было сказано") == {"67"}
    # a skip whose number the neighbour's own side holds too is a paragraph lost in the other version
    lost = [([0], [0], 0.9), ([], [1], 0.0), ([1], [2, 3], 0.8), ([2], [4], 0.9)]
    assert repair(lost, ru, en) == lost


def test_a_skip_and_its_neighbour_change_places_on_cognates():
    """Two versions in Latin letters: the aligner paired "Recalling …" with the wrong Spanish neighbour and
    skipped "Recordando …"; the cognates put them right. Between scripts, or with no clear margin,
    nothing moves."""
    en, es, off = PREAMBLE_EN, PREAMBLE_ES, PREAMBLE_OFF
    st = {"posterior": [0.9, 0.8, 0.6, 0.9]}
    assert repair(off, en, es, st) == [([0], [0], 0.9), ([1], [1], 0.7), ([], [2], 0.0), ([2], [3], 0.9)]
    assert st["posterior"] == [0.9, 0.6, 0.6, 0.9]
    right = [([0], [0], 0.9), ([1], [1], 0.9), ([], [2], 0.0), ([2], [3], 0.9)]
    assert repair(right, en, es) == right
    ru = ["Ссылаясь на свое предыдущее решение о процедуре для Миссии,"] * 4
    assert repair(off, en, ru) == off
