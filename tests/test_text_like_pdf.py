"""Text other tools made of a Chinese PDF reads as the PDF does: the line-break, front-matter and
footnote rules that make parse(text) agree with parse(pdf) (bench/bench_producers.py measures the
agreement over the producer matrix; these are the rules one by one)."""
from __future__ import annotations

import unmark
from unmark.lang.linebreaks import is_hard_break, line_break_context

CTX = {"full_width": 88.0}
URL = "www.unodc.org/unodc/en/human-trafficking/publications.html?ref=menuside。"


def test_a_url_pushed_down_whole_does_not_end_the_paragraph():
    assert is_hard_break("所有工具和参考资料的全面概述可查阅：", URL, "zh", context=CTX) is False
    # after a full stop the short line ends its paragraph, URL or not
    assert is_hard_break("所有工具和参考资料的全面概述均已公布。", URL, "zh", context=CTX) is True
    # a short line followed by Chinese text: the next character would have fitted
    assert is_hard_break("所有工具和参考资料的全面概述可查阅：", "下列所选工具和参考资料", "zh", context=CTX) is True


def test_a_run_in_enumeration_is_not_a_list_of_items():
    line = "(a)正式和非正式国际合作机制均具有重要作用；(b)拟订和提供专门培训；以及(c)"
    assert is_hard_break("工作组先前的建议一再强调：", line, "zh", context=CTX) is False
    assert is_hard_break("各机构在利用率方面的情况如下：", "(a)28个机构的利用率达到或超过基准；", "zh", context=CTX) is True


def test_a_marker_on_a_line_of_its_own_does_not_break_the_paragraph():
    assert is_hard_break("正如毒品和犯罪问题办公室最近的研究指出的那样 ，", "12", "zh", context=CTX) is False
    assert is_hard_break("12", "这些措施对偷运移民活动及其路线的影响也可能因国家和地区而异。", "zh", context=CTX) is False
    assert is_hard_break("12", "13. 与受其他因素影响的移民流动相比", "zh", context=CTX) is True


LETTER = """联合国                                                     S/2020/1014
安全理事会
                                               Distr.: General
                                               16 October 2020
                                               Chinese
                                               Original: English



         2020年10月15日尼日尔常驻联合国代表给秘书长和安全
         理事会主席的同文信
         谨随函转递2020年10月13日在尼亚美举行的萨赫勒五国集团联合部队部长级会议的公
         报（见附件）。

         请将本信及其附件作为安全理事会的文件分发为荷。
"""


def test_a_two_line_title_over_the_first_paragraph_without_a_blank_line():
    doc = unmark.parse(LETTER, lang="zh", sentences=False)
    assert doc.metadata.title == "2020年10月15日尼日尔常驻联合国代表给秘书长和安全理事会主席的同文信"
    assert doc.paragraphs()[0].text.startswith("谨随函转递")


PLAIN = """联 合 国 A/RES/55/100
大会
Distr.: General
第五十五届会议
55/100. 对普遍旅行自由权的尊重
大会，
回顾《世界人权宣言》1的各项规定，以及《公民及政治权利国际盟约》第 12 条，2
强调如《国际人口与发展会议行动纲领》3所指出，持证移徙者的家庭团聚是国际移徙的一个重要因素，
回顾其 1999 年 12 月 17 日第 54/169 号决议，
1. 再次呼吁所有国家保证合法居住其境内的所有外国国民享有公认的旅行自由；
2. 重申各国政府，特别是接受国政府必须承认家庭团聚至关重要并促使其纳入国家立法，以保障持证移徙者的家庭团聚；
3. 呼吁所有国家按照国际法规允许居住其境内的外国国民向其原籍国亲属自由汇款；
1 第 217 A(III)号决议。
2 见第 2200 A(XXI)号决议，附件。
3 《国际人口与发展会议的报告，1994 年 9 月 5 日至 13 日，开罗》（联合国出版物，出售品编号：
C.95.XIII.18），第一章，决议 1，附件。
"""


def test_plain_text_notes_without_blank_lines_are_notes():
    doc = unmark.parse(PLAIN, lang="zh", sentences=False)
    assert [n.label for n in doc.footnotes] == ["1", "2", "3"]
    assert doc.footnotes[2].text.endswith("第一章，决议 1，附件。")
    texts = " ".join(b.text for b in doc.blocks)
    assert "第 217 A(III)号决议" not in texts
    assert "《世界人权宣言》的各项规定" in texts.replace(" ", "")


RAISED = """联合国                                                 CTOC/COP/WG.7/2020/2
                                               Distr.: General

         1. 推动这一犯罪的因素有政治不稳定和冲突。2017 年，国际移民组织 1估计全球偷运活动的经济金额每年
              约为 100 亿美元。这些数字在很大程度上受到原籍国、过境国和目的地国预防、侦查和调查这一犯罪
              的能力的影响，以及自行迁移存在障碍。 *报告还载有关于会议委员会审议事项的资料。

         2. 偷运移民是一种犯罪行为。


         *
              本报告在截止日期之后提交。
         1
              国际移民组织，移民数据门户网站。
"""


def test_a_raised_marker_set_off_by_a_space_inside_chinese_text():
    doc = unmark.parse(RAISED, lang="zh", sentences=False)
    assert sorted(n.label for n in doc.footnotes) == ["*", "1"]
    p1 = doc.paragraphs()[0]
    assert "1估计" not in p1.text.replace(" ", "")
    assert {r.label for r in p1.footnote_refs} == {"*", "1"}


PLAIN_HEADING = """联合国 CTOC/COP/WG.7/2020/2
Distr.: General
1. 下列所选工具和参考资料可在毒品和犯罪问题办公室网站上查阅。关于偷运移民问题的全面概述可查阅
www.unodc.org/unodc/en/human-trafficking/smuggling-of-migrants/publications/tools-and-references.html。
《2018年全球偷运移民问题研究》
2. 《2018年全球偷运移民问题研究》是毒品和犯罪问题办公室首次开展的此类研究，表明偷运移民路线
遍及世界各地。
"""


def test_plain_text_heading_between_a_sentence_end_and_the_next_paragraph():
    doc = unmark.parse(PLAIN_HEADING, lang="zh", sentences=False)
    kinds = [(b.type, b.label, b.text[:8]) for b in doc.blocks if b.type != "front"]
    assert kinds == [("paragraph", "1.", "下列所选工具和参"), ("heading", None, "《2018年全球"),
                     ("paragraph", "2.", "《2018年全球")]


# pdftotext -layout of a LibreOffice PDF whose notes print their labels alone on a line: a
# marker pushed onto a line of its own by a full line, a note line that starts with a number, a
# note split by a page break, the next page's notes found without a separator
SPLIT = """联合国                                                 CTOC/COP/WG.7/2020/2
                                               Distr.: General

         1.   偷运移民是一项极为有利可图的生意，偷运服务的需求量高，同时被查获和惩治的风险
              较低，使得犯罪网络得以壮大。推动这一犯罪的因素有政治不稳定和冲突。1然而，
              对不同路线上的偷运移民活动的研究表明，与新冠肺炎相关的旅行限制并没有阻止偷
              运移民活动，而事实上在中长期内可能会增加对偷运移民活动的需求并且更加复杂。
              2

         2.   偷运移民的费用会因多种因素而有所不同，包括被偷运者的个人情况、距离目的地
              的远近、沿途的地理条件、要跨越的边境数目，以及过境的相对难度等。


         1
              国际劳工组织，“劳工组织监测：新冠肺炎与就业——最新估计和分析”，第 4 版，2020 年 5 月
              27 日。
         2
              毒品和犯罪问题办公室，“新冠肺炎的相关限制措施和经济影响会如何影响向欧洲和北美偷运移

V.20-03080                                                                         3/14
\f                                                                 CTOC/COP/WG.7/2020/2

         3.   偷运移民是一种犯罪行为，与大会 2018 年 12 月通过的《安全、有序和正常移民全球
              契约》3中确认的良好移民治理原则背道而驰。《全球契约》在其提出的改善移民结果
              的 23 个目标中，特别提到打击偷运移民，包括为了应对更严格的执法对策。4




              民和跨境贩运人口的活动”，《研究简报》（2020 年 5 月）。另见除其他外，Gabriella
              Sanchez 和 Luigi Achilli，《滞留：新冠肺炎对非正常移民和偷运移民的影响》。
         3
              大会第 73/195 号决议，附件。
         4
              同上。

V.20-03080                                                                         4/14
"""


def test_a_note_split_by_a_page_break_and_a_marker_pushed_onto_its_own_line():
    doc = unmark.parse(SPLIT, lang="zh", sentences=False)
    assert [n.label for n in doc.footnotes] == ["1", "2", "3", "4"]
    assert not [w for w in doc.warnings if w.code in ("W120", "W121")]
    # a note line that starts with a number ("27 日。") under a label printed alone is note text
    assert doc.footnotes[0].text.replace(" ", "").endswith("2020年5月27日。")
    # the note goes on at the foot of the next page, above that page's first label
    assert doc.footnotes[1].text.replace(" ", "").endswith("非正常移民和偷运移民的影响》。")
    paras = doc.paragraphs()
    assert [p.label for p in paras] == ["1.", "2.", "3."]
    # the marker a full line pushed onto a line of its own ends paragraph 1: no heading "2"
    assert not [b for b in doc.blocks if b.type == "heading"]
    assert {r.label for r in paras[0].footnote_refs} == {"1", "2"}
    assert "民和跨境" not in "".join(p.text for p in paras)


def test_a_lone_number_is_no_heading_and_after_a_full_line_it_is_a_pushed_marker():
    from unmark.segment.structure import heading_like

    assert heading_like("6") is False and heading_like("偷运移民及其主要路线") is True
    full = "并没有阻止偷运移民活动，而事实上在中长期内可能会增加对偷运移民活动的需求。"
    ctx = {"full_width": 78.0}
    assert is_hard_break(full, "6", "zh", context=ctx) is False
    # a short line ending its sentence: a number alone after it opens something else
    assert is_hard_break("需求。", "6", "zh", context=ctx) is True


def test_a_bullet_touching_chinese_text_opens_an_item():
    ctx = {"full_width": 90.0}
    prev = "-促进移民管理政策，在充分尊重人权的情况下，在公共卫生与安全关切之间取得平衡。"
    assert is_hard_break(prev, "-促进内部协调，包括与民间社会的协调，以及推动国际合作，包括与国际和", "zh", context=ctx) is True
    # the Chinese dash wrapped to a line start goes on
    assert is_hard_break("国际劳工组织，“劳工组织监测：新冠肺炎与就业，劳工组织监测新冠肺炎与就业与就业", "——最新估计和分析”",
                         "zh", context=ctx) is False


# PDFium's plain text of a LibreOffice page (no blank lines, no indentation): a marker wrapped to
# the start of a line, a marker pushed alone onto a line, the notes at the foot without a
# separator, a URL whose line-end hyphen PDFium marked with U+FFFE
PDFIUM_PLAIN = """联 合 国 CTOC/COP/WG.7/2020/2
Distr.: General
1. 为了控制病毒的传播，世界上大多数国家都采取了关闭海陆空边境以及其他限制内部流动的措施，
例如居家令和强制封锁措施。1各国关闭主要入境点的同时，往往会加强在官方入境点的巡逻，正如研究
指出的那样，各国关闭主要入境点的同时，往往会加强在官方入境点的巡逻，正如研究人员指出的那样，
2这些措施对偷运移民活动及其路线的影响也可能因国家和地区而异，全面概述可查阅：www.unodc.org/
unodc/en/human\ufffetrafficking/publications.html。
2. 偷运移民这种犯罪活动有赖于供需动态关系，正如所有受市场规则约束的活动一样，全球范围与新冠
肺炎有关的限制措施加剧了以非正常方式出行的移民所经受的危险，并无疑将会影响对非正常移民的协助。
3
1 可查阅 https://missingmigrants.iom.int。
2 毒品和犯罪问题办公室，“新冠肺炎的相关限制措施和经济影响会如何影响向欧洲和北美偷运移民和
跨境贩运人口的活动”。
3 同上。
V.20-03080 5/14
"""


def test_pdfium_plain_text_notes_with_wrapped_and_pushed_markers():
    doc = unmark.parse(PDFIUM_PLAIN, lang="zh", sentences=False)
    assert [n.label for n in doc.footnotes] == ["1", "2", "3"]
    paras = doc.paragraphs()
    assert [p.label for p in paras] == ["1.", "2."]
    assert [r.label for r in paras[0].footnote_refs] == ["1", "2"]
    assert [r.label for r in paras[1].footnote_refs] == ["3"]
    # the URL keeps its own hyphen; a hyphen PDFium marked elsewhere is a soft one (removed)
    assert "www.unodc.org/unodc/en/human-trafficking/publications.html" in paras[0].text.replace(" ", "")
    from unmark.safe import clean_input

    assert clean_input("recom\ufffemendation")[0] == "recommendation"
