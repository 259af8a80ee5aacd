"""Spreadsheet-safe and markup-safe outputs: no live formula, no control character, no raw HTML."""
from __future__ import annotations

import csv
import io
import zipfile
import xml.etree.ElementTree as ET

import pytest

import unmark
from unmark.safe import neutralise_cell
from unmark.terms.glossary import Example, Glossary, TermEntry

FORMULA = '=HYPERLINK("http://example.org","click me")'
HOSTILE = [FORMULA, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def _alignment():
    from unmark.align import align

    zh = unmark.parse_text("1. " + FORMULA + " 大会决定。\n2. 大会请秘书长\x01提交报告。\n", lang="zh")
    en = unmark.parse_text("1. " + FORMULA + " The Assembly decides.\n2. Requests the Secretary-General\x01 to report.\n",
                           lang="en")
    al = align(zh, en)
    # a cell that begins with a formula whatever the parser did with the paragraph label
    from dataclasses import replace

    row = al.rows[0]
    cells = {lg: replace(seg, text=FORMULA + "\x02\ufffe") for lg, seg in row.cells.items()}
    rows = (replace(row, cells=cells),) + tuple(al.rows[1:])
    return replace(al, rows=list(rows) if isinstance(al.rows, list) else rows)


def _xlsx_cells(data: bytes) -> tuple[list[str], bool]:
    z = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
    texts, formula = [], False
    for n in sheets:
        root = ET.fromstring(z.read(n))
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "f":
                formula = True
            if tag == "t" and el.text:
                texts.append(el.text)
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        texts += [el.text or "" for el in root.iter() if el.tag.endswith("}t")]
    return texts, formula


@pytest.mark.parametrize("value", HOSTILE)
def test_owasp_rule(value):
    assert neutralise_cell(value).startswith("'")
    assert neutralise_cell(value, on=False) == value
    assert neutralise_cell("1. ordinary") == "1. ordinary"
    assert neutralise_cell(3) == 3


def test_alignment_xlsx_holds_strings_never_formulas(tmp_path):
    from unmark.align.export import write

    al = _alignment()
    write(al, str(tmp_path / "a.xlsx"))
    texts, formula = _xlsx_cells((tmp_path / "a.xlsx").read_bytes())
    assert not formula
    assert FORMULA in texts                     # the text itself, exactly as a string cell
    assert not any(c in t for t in texts for c in "\x01\x02\ufffe")


def test_alignment_tsv_is_neutralised_unless_asked(tmp_path):
    from unmark.align.export import write

    al = _alignment()
    write(al, str(tmp_path / "a.tsv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "a.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    cells = [c for r in rows[1:] for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    write(al, str(tmp_path / "raw.tsv"), csv_safe=False)
    raw = list(csv.reader(io.StringIO((tmp_path / "raw.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    assert any(c.startswith("=HYPERLINK") for r in raw[1:] for c in r)


def test_tmx_has_no_control_characters_and_records_them(tmp_path):
    from unmark.align.export import write

    al = _alignment()
    write(al, str(tmp_path / "a.tmx"))
    data = (tmp_path / "a.tmx").read_text(encoding="utf-8")
    assert not any(c in data for c in "\x01\x02\ufffe")
    ET.fromstring(data.split("\n", 2)[2])          # well-formed (after the DOCTYPE)
    assert "W480" in data


def _glossary():
    ex = Example(source_text="=1+1 大会", target_text="@SUM(A1) Assembly\x07", symbol="A/1", paragraph="1")
    return Glossary("zh", "en", (TermEntry(source=FORMULA, target="+cmd|' /C calc'!A0", examples=(ex,),
                                          note="-x\x01", subject="\ufffesubject"),))


def test_glossary_xlsx_csv_tsv_tbx(tmp_path):
    g = _glossary()
    g.save(tmp_path / "g.xlsx")
    texts, formula = _xlsx_cells((tmp_path / "g.xlsx").read_bytes())
    assert not formula and FORMULA in texts
    assert not any(c in t for t in texts for c in "\x01\x07\ufffe")
    g.save(tmp_path / "g.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "g.csv").read_text(encoding="utf-8-sig"))))
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows[1:] for c in r)
    g.save(tmp_path / "g.tsv")
    assert not any(c.startswith(("=", "+", "-", "@")) for ln in (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()
                   for c in ln.split("\t"))
    g.save(tmp_path / "raw.csv", csv_safe=False)
    assert FORMULA.replace('"', '""') in (tmp_path / "raw.csv").read_text(encoding="utf-8-sig")
    g.save(tmp_path / "g.tbx")
    data = (tmp_path / "g.tbx").read_text(encoding="utf-8")
    assert not any(c in data for c in "\x01\x07\ufffe")
    ET.fromstring(data.encode())


def test_findings_xlsx_with_fffe_is_written(tmp_path):
    from unmark.terms import CheckOptions, check_consistency
    from unmark.terms.check import write_findings

    g = Glossary("en", "fr", (TermEntry(source="Assembly", target="Assemblée"),))
    from unmark.terms.glossary import Example  # noqa: F401
    from unmark.align.types import Segment  # noqa: F401

    pairs = _pairs_with("=Assembly \ufffe decides\x01", "=HYPERLINK(\"x\") L'Organisation décide")
    findings = check_consistency(g, pairs, options=CheckOptions())
    assert findings
    write_findings(findings, tmp_path / "r.xlsx")
    texts, formula = _xlsx_cells((tmp_path / "r.xlsx").read_bytes())
    assert not formula and not any("\ufffe" in t or "\x01" in t for t in texts)
    write_findings(findings, tmp_path / "r.tsv")
    body = (tmp_path / "r.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert not any(c.startswith(("=", "+", "-", "@")) for ln in body for c in ln.split("\t"))


def _pairs_with(src: str, tgt: str):
    from unmark.terms.inputs import gather_pairs  # noqa: F401
    from unmark.terms.readers import read_tsv  # noqa: F401
    import inspect

    from unmark.align import types

    Segment = types.Segment
    params = inspect.signature(Segment).parameters
    kw = {k: None for k in params if k not in ("lang", "text")}
    kw = {k: v for k, v in kw.items() if params[k].default is inspect.Parameter.empty}
    return [(Segment(lang="en", text=src, **kw), Segment(lang="fr", text=tgt, **kw))]


def test_markdown_passes_no_raw_html_and_no_controls():
    doc = unmark.parse_text("1. Text <script>alert(1)</script> and <img src=x onerror=alert(1)> a < b.\x01\n")
    md = doc.to_markdown()
    assert "<script" not in md and "<img" not in md
    assert "a < b" in md and "\x01" not in md
