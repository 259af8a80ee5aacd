"""Composite fonts shown by CIDs (Identity-H) with no /ToUnicode map and no program that names
its glyphs -- a non-embedded standard Asian font, or an embedded CID-keyed CFF subset, as
Distiller writes them -- are read by their Adobe character collection (Adobe-GB1, -CNS1,
-Japan1, -Korea1, -KR), on both backends, and W401 says how. Fixtures:
tests/pdf/fixtures/no_tounicode/*_identity.pdf, made by bench/producers/cid_identity.py (text ->
CIDs with Adobe's forward Unicode CMaps; the reader inverts the other way, so a wrong table
entry shows as a wrong character)."""
from __future__ import annotations

from pathlib import Path

import pytest

import unmark
from unmark.errors import ResourceError
from unmark.extract.pdf import cidmap

FIX = Path(__file__).parent / "fixtures" / "no_tounicode"
BACKENDS = ["pypdf", "pdfium"]
CASES = {
    "sample_zht.cns1_identity.pdf": ("Adobe-CNS1", "MSung-Light", "聯合國打擊跨國有組織犯罪公約締約方會議：第一屆會議"),
    "sample_ja.japan1_identity.pdf": ("Adobe-Japan1", "HeiseiMin-W3", "国際連合総会の決議を採択する。"),
    "sample_ko.korea1_identity.pdf": ("Adobe-Korea1", "HYSMyeongJo-Medium", "국제연합 총회 결의를 채택한다"),
    # a collection PDFium does not know: it gets the table as a /ToUnicode map
    "sample_ko.kr_identity.pdf": ("Adobe-KR", "SourceHanSerifK-Regular", "국제연합 총회 결의를 채택한다"),
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_adobe_gb1_cids_without_tounicode_are_read(backend):
    pytest.importorskip("pypdfium2") if backend == "pdfium" else None
    doc = unmark.parse(str(FIX / "sample_zh.gb1_identity.pdf"), backend=backend, lang="zh", sentences=False)
    paras = doc.paragraphs()
    assert [p.label for p in paras] == ["1.", "2.", "3."]
    assert paras[0].text == "本背景文件由秘书处编写，旨在便利偷运移民问题工作组第七次会议的讨论。"
    assert [it.label for it in paras[1].items] == ["（a）", "（b）"]
    assert paras[1].items[1].text == "怎样才能在危机期间维持有效的执法合作？"
    codes = {w.code for w in doc.warnings}
    assert "W201" not in codes
    w401 = [w.message for w in doc.warnings if w.code == "W401"]
    assert w401 and "STSong-Light (Adobe-GB1 CIDs" in w401[0]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_adobe_cjk_collection_is_read(name, backend):
    pytest.importorskip("pypdfium2") if backend == "pdfium" else None
    coll, font, text = CASES[name]
    doc = unmark.parse(str(FIX / name), backend=backend, sentences=False)
    assert " ".join(b.text for b in doc.blocks) == text
    assert any(f"{font} ({coll} CIDs" in w.message for w in doc.warnings if w.code == "W401")


def test_tables_cover_each_collection():
    for coll in cidmap.COLLECTIONS:
        t = cidmap.cid_unicode(coll)
        assert t[1] == " " and len(t) > 15000
    # Adobe-Identity CIDs are glyph ids: no table
    assert cidmap.cid_unicode("Adobe-Identity") is None


def test_a_broken_table_line_is_a_coded_resource_error(monkeypatch):
    cidmap.cid_unicode.cache_clear()
    monkeypatch.setattr(cidmap, "load_lines", lambda name: ("1 20", "zz 4e00"))
    try:
        with pytest.raises(ResourceError) as ei:
            cidmap.cid_unicode("Adobe-GB1")
        assert ei.value.code == "E602"
    finally:
        cidmap.cid_unicode.cache_clear()
