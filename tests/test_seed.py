"""The seed: CTOC/COP/WG.7/2020/2 in Chinese as Apache Tika extracted it.

tests/data/seed_expected.json was checked by hand against the source lines: every paragraph,
item, heading and footnote text, every footnote marker and every link.
"""
from __future__ import annotations

import json

import regex as re

from unmark_testutil import ROOT

EXPECTED = json.loads((ROOT / "tests" / "data" / "seed_expected.json").read_text(encoding="utf-8"))


def test_metadata(seed_doc):
    m = seed_doc.metadata
    for k, v in EXPECTED["metadata"].items():
        assert getattr(m, k) == v, k
    assert m.symbol == "CTOC/COP/WG.7/2020/2"
    assert m.job_number == "V.20-03080"
    assert seed_doc.page_count == 14


def test_counts(seed_doc):
    paras = seed_doc.paragraphs()
    assert [p.number for p in paras] == list(range(1, 79))
    assert len(seed_doc.footnotes) == 37
    assert [f.label for f in seed_doc.footnotes] == ["*"] + [str(i) for i in range(1, 37)]
    heads = seed_doc.headings()
    assert len(heads) == 20
    assert sum(1 for h in heads if h.label) == 13
    assert sum(1 for h in heads if not h.label) == 7


def test_paragraph_texts_exact(seed_doc):
    got = {p.number: p for p in seed_doc.paragraphs()}
    for exp in EXPECTED["paragraphs"]:
        p = got[exp["number"]]
        assert p.text == exp["text"], exp["number"]
        assert [r.label for r in p.footnote_refs] == exp["footnote_refs"], exp["number"]
        assert [(i.label, i.text) for i in p.items] == [(i["label"], i["text"]) for i in exp["items"]], exp["number"]


def test_headings_exact(seed_doc):
    got = [(h.label, h.level, h.text, h.all_footnote_labels()) for h in seed_doc.headings()]
    assert got == [(h["label"], h["level"], h["text"], h["footnote_refs"]) for h in EXPECTED["headings"]]


def test_footnotes_exact(seed_doc):
    got = [(f.label, f.text, [lk.uri for lk in f.links]) for f in seed_doc.footnotes]
    assert got == [(f["label"], f["text"], f["links"]) for f in EXPECTED["footnotes"]]


def test_front_matter(seed_doc):
    front = [(b.role, b.text, b.all_footnote_labels()) for b in seed_doc.blocks if b.type == "front"]
    assert front == [(f["role"], f["text"], f["footnote_refs"]) for f in EXPECTED["front"]]
    agenda = next(b for b in seed_doc.blocks if b.role == "agenda")
    assert agenda.text == "临时议程项目 2" and agenda.footnote_refs[0].offset == 4


def test_marker_offsets_point_after_the_marked_text(seed_doc):
    p = {b.number: b for b in seed_doc.paragraphs()}
    r = p[6].footnote_refs
    assert p[6].text[: r[0].offset].endswith("台风海燕") and p[6].text[r[0].offset :].startswith("或最近")
    assert p[14].text[: p[14].footnote_refs[0].offset].endswith("官方数据，")
    assert p[16].text[: p[16].footnote_refs[0].offset].endswith("指出的那样，")
    assert "指出的那样，这些措施" in p[16].text  # the space after a CJK marker goes with it
    heading = next(h for h in seed_doc.headings() if h.text == "偷运移民及其主要路线")
    assert heading.all_footnote_labels() == ["4"]


def test_spacing_restored_as_the_document_does(seed_doc):
    p = {b.number: b.text for b in seed_doc.paragraphs()}
    assert "2017 年，国际移民组织估计" in p[8]           # number at a line end, document spacing
    assert "平均年龄在 30 岁至 35 岁之间" in p[13]        # same-line evidence
    assert "第 19 条第 1 款所述" in p[50]
    assert "1951年公约和1967年议定书" in p[50]          # this line writes years unspaced: kept
    assert "约为 100 亿美元" in p[8]
    assert not re.search(r"\p{Han} {2,}|\p{Han}\n", "".join(p.values()))


def test_urls_rejoined_and_links_attached(seed_doc):
    p = {b.number: b for b in seed_doc.paragraphs()}
    assert "www.unodc.org/unodc/en/human-trafficking/publications.html?ref=menuside" in p[71].text
    fn5 = seed_doc.footnote("5")
    assert "https://migrationdataportal.org/themes/trafic-illicite-de-migrants#recent-trends" in fn5.text
    assert [lk.uri for lk in fn5.links] == ["https://migrationdataportal.org/themes/trafic-illicite-de-migrants#recent-trends"]
    assert [lk.uri for lk in seed_doc.footnote("7").links] == ["http://undocs.org/A/RES/73/195"]
    assert [lk.uri for lk in p[70].links] == ["http://undocs.org/CTOC/COP/WG.7/2019/4"]
    for number, uris in EXPECTED["block_links"].items():
        assert [lk.uri for lk in p[int(number)].links] == uris


def test_no_furniture_or_artifacts_left(seed_doc):
    texts = [t.text for _, t in seed_doc.iter_texts()]
    joined = "\n".join(texts)
    for bad in ("V.20-03080", "5/14", "CTOC/COP/WG.7/2020/2", "错误!", "超链接引用无效", "\uf02a", "____"):
        assert bad not in joined, bad
    # annotation URL lines are not text: the only URLs left are those printed in the text
    assert joined.count("http://undocs.org") == 0


def test_symbols(seed_doc):
    p = {b.number: b for b in seed_doc.paragraphs()}
    assert [s.text for s in p[70].symbols if s.kind == "document"] == ["CTOC/COP/WG.7/2019/4"]
    assert [s.text for s in seed_doc.footnote("4").symbols if s.kind == "sales"] == ["E.18.IV.9"]
    assert [s.text for s in seed_doc.footnote("36").symbols if s.kind == "sales"] == ["E.05.V.2"]


def test_every_fix_is_traceable(seed_doc):
    rules = {f.rule for f in seed_doc.fixes}
    assert {"artifact.pua", "artifact.broken_field", "furniture.header", "furniture.job_number",
            "annotation.url", "footnote.marker", "join.url", "join.cjk_spacing"} <= rules
    for f in seed_doc.fixes:
        assert f.page is not None and 1 <= f.page <= 14, f
        assert f.line is not None and f.line >= 1, f
    broken = [f for f in seed_doc.fixes if f.rule == "artifact.broken_field"]
    assert len(broken) == 1 and broken[0].page == 3 and broken[0].line == 215
    assert any(w.code == "W102" for w in seed_doc.warnings)


def test_every_output_character_knows_its_source_line(seed_doc):
    src_lines = (ROOT / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt").read_text(encoding="utf-8").split("\n")
    for where, mt in seed_doc.iter_texts():
        assert sum(o.length for o in mt.origins) == len(mt.text), where
        for i, ch in enumerate(mt.text):
            page, line, col = mt.locate(i)
            if col < 0:
                assert ch == " ", (where, i, ch)  # only restored spaces are synthetic
                continue
            src = src_lines[line - 1].replace("\uf02a", "*")
            assert src[col] == ch, (where, i, ch, line, col)
