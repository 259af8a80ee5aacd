"""--align: grouping of language versions, alignment + glossary outputs; XML outputs escape everything."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unmark.batch import BatchOptions, run_batch
from unmark.batch.align import group_documents, name_key

from batchutil import un_text, write


def test_name_key():
    assert name_key("A_80_590_ZH.pdf") == ("A_80_590", "zh")
    assert name_key("sub/A_80_590_EN.pdf") == ("sub/A_80_590", "en")
    assert name_key("foo.zh.pdf") == ("FOO", "zh")
    assert name_key("report-fr.txt") == ("REPORT", "fr")
    assert name_key("report.txt") == (None, None)


def test_grouping_by_symbol_and_by_name():
    recs = {
        # same symbol, unrelated names
        "x/one.txt": {"status": "ok", "symbol": "A/80/590", "language": "zh"},
        "y/two.txt": {"status": "ok", "symbol": "A/80/590 ", "language": "en"},
        # symbol only in one version: the name brings the other in
        "A_RES_1_ZH.pdf": {"status": "ok", "symbol": "A/RES/1", "language": "zh"},
        "A_RES_1_EN.pdf": {"status": "ok", "symbol": None, "language": "en"},
        # an error never joins a group
        "A_RES_1_FR.pdf": {"status": "error", "symbol": None},
        # alone
        "lonely.txt": {"status": "ok", "symbol": None, "language": "en"},
    }
    groups = {g["key"]: g for g in group_documents(recs)}
    assert groups["A/80/590"]["files"] == {"zh": "x/one.txt", "en": "y/two.txt"}
    assert groups["A/RES/1"]["files"] == {"zh": "A_RES_1_ZH.pdf", "en": "A_RES_1_EN.pdf"}
    assert "lonely" in groups
    assert group_documents(dict(reversed(list(recs.items())))) == group_documents(recs)


def test_batch_align_writes_alignments_and_a_merged_glossary(tmp_path):
    src = tmp_path / "in"
    for i in range(3):
        write(src / f"A_80_{500 + i}_EN.txt", un_text(i, "en"))
        write(src / f"A_80_{500 + i}_ZH.txt", un_text(i, "zh"))
    write(src / "A_80_599_EN.txt", un_text(9, "en"))  # no Chinese version
    out = tmp_path / "out"
    s = run_batch(src, out, BatchOptions(jobs=2, align=("zh", "en")))
    assert s.ok == 7
    a = s.align
    assert a["aligned"] == 3, a
    for i in range(3):
        d = out / "_align" / f"A_80_{500 + i}"
        tmx = (d / f"A_80_{500 + i}.zh-en.tmx").read_text(encoding="utf-8")
        ET.fromstring(tmx.encode("utf-8"))
        assert (d / f"A_80_{500 + i}.zh-en.tsv").stat().st_size > 0
    assert "_align/glossary.zh-en.tbx" in a["glossaries"] and "_align/glossary.zh-en.csv" in a["glossaries"]
    ET.parse(out / "_align" / "glossary.zh-en.tbx")
    assert any("E541" in p for p in a["problems"])  # A/80/599 has no zh version
    assert not list(out.rglob("*.part*"))


# --------------------------------------------------------------------------- XML escaping
NASTY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'；]]>\x00\x01\x08\x0b\x0c\x1f\x7f\x85\u2028\ufffe\uffff\ud800\udfff\t\n\r")),
        st.characters(),
    ),
    min_size=1, max_size=40,
)
XML_OK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _expected(s: str) -> str:
    """What an XML reader gets back: forbidden characters dropped; CR preserved (the writers
    emit it as &#13;, which XML end-of-line handling leaves alone)."""
    return XML_OK.sub("", s)


@settings(max_examples=150, deadline=None)
@given(NASTY, NASTY, NASTY)
def test_tmx_escapes_everything(zh, en, symbol):
    from unmark.io import tmx
    from unmark.align.types import AlignedRow, Alignment, Segment

    if not _expected(zh).strip() or not _expected(en).strip():
        return
    al = Alignment(("zh", "en"), (AlignedRow({"zh": Segment("zh", zh, symbol=symbol), "en": Segment("en", en, symbol=symbol)}),))
    text = tmx.to_tmx(al)
    root = ET.fromstring(text.encode("utf-8"))
    segs = ["".join(s.itertext()) for s in root.iter("seg")]
    assert segs == [_expected(zh), _expected(en)]


def _tbx_roundtrip(src: str, tgt: str, note: str) -> None:
    from unmark.io.tbx import glossary_to_tbx
    from unmark.terms.glossary import Example, Glossary, TermEntry

    g = Glossary("zh", "en", (TermEntry(src, tgt, note=note, examples=(Example(src, tgt, symbol=note),)),))
    text = glossary_to_tbx(g)
    root = ET.fromstring(text.encode("utf-8"))
    terms = ["".join(t.itertext()) for t in root.iter() if t.tag.endswith("}term") or t.tag == "term"]
    assert _expected(src).strip() in [t.strip() for t in terms] or not _expected(src).strip()


@settings(max_examples=150, deadline=None)
@given(NASTY, NASTY, NASTY)
def test_tbx_escapes_everything(src, tgt, note):
    _tbx_roundtrip(src, tgt, note)


def test_tbx_drops_lone_surrogates():
    """Regression: io/tbx.py used to keep lone surrogates, so to_tbx raised UnicodeEncodeError."""
    _tbx_roundtrip("<", "<", "\ud800")
