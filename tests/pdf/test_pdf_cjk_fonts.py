"""Every font that can be read is read: composite fonts with a predefined CMap and no
ToUnicode (Distiller with non-embedded standard Asian fonts), on both backends; E208 only for
what cannot be mapped, naming the font and why."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import unmark
from unmark.errors import PdfError
from unmark.extract.pdf.cmaps import examples, predefined_codec

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "producers"))
from cjkpdf import FONTS, render  # noqa: E402

DOC = {
    "symbol": "A/80/412", "job_number": "25-15204", "date": "26 September 2025", "organ": "大会",
    "front": ["第八十届会议", "议程项目 131"], "title": "会议模式", "subtitle": "秘书长的报告",
    "blocks": [
        {"type": "heading", "label": "一.", "text": "导言"},
        {"type": "paragraph", "number": 1, "text": "大会在第79/271号决议中请秘书长提出报告。[^1]本报告即是根据这一请求提交的。"},
        {"type": "paragraph", "number": 2, "text": "本报告涵盖2024年7月1日至2025年6月30日期间。"},
    ],
    "footnotes": {"1": "见A/79/32，第18段。"},
}


@pytest.mark.parametrize("ex", examples(), ids=lambda e: e["name"])
def test_cmap_table_examples(ex):
    assert (predefined_codec(ex["name"]) or "") == ex["codec"]


@pytest.mark.parametrize("cmap", sorted(FONTS))
def test_predefined_cmaps_without_tounicode_are_read(cmap, backend, tmp_path):
    pdf = tmp_path / "d.pdf"
    render(DOC, pdf, cmap=cmap)
    assert b"/ToUnicode" not in pdf.read_bytes() and f"/Encoding /{cmap}".encode() in pdf.read_bytes()
    doc = unmark.parse(str(pdf), backend=backend, lang="zh")
    paras = [b for b in doc.blocks if b.type == "paragraph"]
    assert [b.label for b in paras] == ["1.", "2."]
    assert paras[0].text == "大会在第79/271号决议中请秘书长提出报告。本报告即是根据这一请求提交的。"
    assert [(r.label, r.offset) for r in paras[0].footnote_refs] == [("1", 23)]
    assert doc.footnotes[0].text == "见A/79/32，第18段。"
    assert (doc.metadata.organ, doc.metadata.agenda_item, doc.metadata.title) == ("大会", "131", "会议模式")
    assert not [w for w in doc.warnings if w.code == "W201"]


def test_identity_h_without_tounicode_is_refused_with_the_font_named(backend, tmp_path):
    pdf = tmp_path / "d.pdf"
    long = dict(DOC, blocks=DOC["blocks"] + [
        {"type": "paragraph", "number": 3 + k, "text": "秘书处继续与各机构主席团和秘书处密切合作，以便更准确地规划会议，及时取消不需要的会议。" * 3}
        for k in range(6)])
    render(long, pdf, cmap="UniGB-UCS2-H")
    data = pdf.read_bytes()
    pdf.write_bytes(_glyph_ids(data))
    with pytest.raises(PdfError) as ei:
        unmark.parse(str(pdf), backend=backend)
    assert ei.value.code == "E208"
    msg = str(ei.value)
    assert "STSong-Light" in msg and "Identity-H" in msg and "Adobe-Identity" in msg and "not embedded" in msg


def _glyph_ids(data: bytes) -> bytes:
    """The PDF with its Chinese shown by glyph ids: Identity-H and CIDs of no character collection
    (``Adobe-Identity``; Adobe-GB1 CIDs would be read by their table). Same length, so the
    cross-reference offsets stay right."""
    a, b = b"/Ordering (GB1) /Supplement 4 >>", b"/Ordering (Identity)          >>"
    assert len(a) == len(b) and a in data
    return data.replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding /Identity-H  ").replace(a, b)


def test_a_few_unmappable_glyphs_are_a_warning_naming_the_font(backend, tmp_path):
    pdf = tmp_path / "d.pdf"
    render(DOC, pdf, cmap="UniGB-UCS2-H")
    pdf.write_bytes(_glyph_ids(pdf.read_bytes()))
    doc = unmark.parse(str(pdf), backend=backend)
    w = [w for w in doc.warnings if w.code == "W201"]
    assert w and "STSong-Light" in w[0].message and "Identity-H" in w[0].message
