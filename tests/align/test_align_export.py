"""Output formats: TMX (DTD-valid), TSV, XLSX (pandas-readable, low rows filled), JSONL, HTML."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from unmark.align import align
from unmark.align.export import format_of, write
from unmark.align.types import AlignedRow, Alignment, Segment
from unmark.errors import AlignmentError
from unmark.io.review_html import to_html
from unmark.io.tmx import to_tmx

from align_cases import DATA



def _tricky() -> Alignment:
    def seg(lang, text, par="1"):
        return Segment(lang, text, symbol="A/RES/73/195", page=2, paragraph=par, block_index=3, source="x.pdf")

    rows = (
        AlignedRow({"zh": seg("zh", "大会<决定> & “同意” \x0b"), "en": seg("en", 'The Assembly <decided> & "agreed"')}, 0.91),
        AlignedRow({"zh": seg("zh", "只有中文"), "en": None}, 0.0, "1-0"),
        AlignedRow({"zh": seg("zh", "低置信度"), "en": seg("en", "Low confidence ]]> row")}, 0.2),
        AlignedRow({"zh": seg("zh", "  "), "en": seg("en", "blank source")}, 0.8),
    )
    return Alignment(("zh", "en"), rows, "sentence", ({"code": "W301", "message": "symbols <differ>"},),
                     {"low_confidence": 0.5, "symbols": {"zh": "A/RES/73/195"}})


def _validate_tmx(path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    doc = etree.parse(str(path))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


def test_tmx_valid_escaped_and_skips_empty_sides(tmp_path):
    p = tmp_path / "out.tmx"
    write(_tricky(), str(p))
    _validate_tmx(p)
    from lxml import etree

    root = etree.parse(str(p)).getroot()
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr)
    assert header.get("segtype") == "sentence" and header.get("srclang") == "zh-CN"
    tus = root.findall("body/tu")
    assert len(tus) == 2  # the one-sided row and the blank-source row are skipped
    segs = [s.text for s in root.iter("seg")]
    assert segs[0] == "大会<决定> & “同意” " and segs[1] == 'The Assembly <decided> & "agreed"'
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in root.iter("tuv")]
    assert langs[:2] == ["zh-CN", "en-US"]


def test_tmx_xml_lang_override():
    text = to_tmx(_tricky(), {"en": "en-GB", "zh": "zh-Hans"})
    assert 'xml:lang="en-GB"' in text and 'xml:lang="zh-Hans"' in text and 'srclang="zh-Hans"' in text


def test_tmx_from_documents_multiway(tmp_path, zh_doc, en_doc, fr_doc, ar_doc):
    al = align(zh_doc, en_doc, fr_doc, ar_doc)
    p = tmp_path / "six.tmx"
    write(al, str(p))
    _validate_tmx(p)
    assert 'xml:lang="ar-SA"' in p.read_text(encoding="utf-8")


def test_xlsx_readable_by_pandas_with_low_rows_filled(tmp_path):
    import openpyxl
    import pandas as pd

    p = tmp_path / "review.xlsx"
    write(_tricky(), str(p))
    df = pd.read_excel(p)
    assert list(df.columns[:6]) == ["row", "kind", "confidence", "low", "zh", "en"]
    assert len(df) == 4 and df["low"].tolist() == [False, True, True, False]
    ws = openpyxl.load_workbook(p).active
    low_fill = ws.cell(row=4, column=5).fill.start_color.rgb
    ok_fill = ws.cell(row=2, column=5).fill.start_color.rgb
    assert low_fill != ok_fill and low_fill.endswith("F4CCCC")


def test_tsv_one_line_per_row(tmp_path):
    import pandas as pd

    p = tmp_path / "review.tsv"
    write(_tricky(), str(p))
    df = pd.read_csv(p, sep="\t")
    assert len(df) == 4 and "confidence" in df.columns
    assert len(p.read_text(encoding="utf-8").splitlines()) == 5


def test_jsonl_provenance(tmp_path):
    p = tmp_path / "out.jsonl"
    write(_tricky(), str(p))
    recs = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 4
    c = recs[0]["cells"]["zh"]
    assert (c["symbol"], c["page"], c["paragraph"]) == ("A/RES/73/195", 2, "1")
    assert recs[1]["cells"]["en"] is None and recs[2]["low_confidence"] is True


def test_unknown_format():
    assert format_of("a.htm") == "html"
    with pytest.raises(AlignmentError) as ei:
        format_of("a.docx")
    assert ei.value.code == "E306"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (Debian package 'chromium')")
def test_html_renders_in_headless_chromium(tmp_path, zh_doc, en_doc, ar_doc):
    al = align(zh_doc, en_doc, ar_doc, level="sentence")
    page = tmp_path / "review.html"
    write(al, str(page))
    shot = tmp_path / "shot.png"
    profile = tempfile.mkdtemp()
    try:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--window-size=1200,900", f"--screenshot={shot}", page.as_uri()],
            capture_output=True, timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists() and shot.stat().st_size > 5000, proc.stderr.decode(errors="replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_alignment_methods(tmp_path):
    al = _tricky()
    al.to_tmx(str(tmp_path / "a.tmx"), {"en": "en-GB"})
    _validate_tmx(tmp_path / "a.tmx")
    assert al.write(str(tmp_path / "a.html")) == "html"
    df = al.to_frame()
    assert list(df["confidence"]) == [0.91, 0.0, 0.2, 0.8]
