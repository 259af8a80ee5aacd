"""Endnotes (notes under a "Notes" heading at the end) with superscript markers the text
alone cannot tell from numbers: after a year and a full stop (``in 2016.30``), after a
closing quote (``hands'.39``), after a percent sign (``4%.50``), glued to a symbol
(``46/2017164``, as the Russian version of A/HRC/WG.6/34/ITA/3 prints it). The PDF shows
them as raised small glyphs: that geometry decides. Note 1 then runs on into a table (the
stakeholder list of UPR summaries): the note ends at its sentence, the table rows become
body blocks. Generated PDFs (both backends), unit tests on the core functions, and the real
A/HRC/WG.6/34/ITA/3 when ../shared is present."""
from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from pdf_makers import _pdf
from pdf_testutil import HURIDOCS
from unmark.clean.notes_zone import mark_endnotes
from unmark.extract.lines import SrcLine, SrcPage
from unmark.model import DocWarning, MappedText
from unmark.segment.footnotes import TextSlot, find_markers


# --------------------------------------------------------------------------- a generated PDF
def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_ops(lines: list[tuple[float, float, list[tuple[str, bool]], float]]) -> bytes:
    """Each line: (x, y, pieces, size); a piece (text, superscript) is drawn at 0.6 x size,
    raised 0.33 em, in the same text object, right after the text before it (as Word does)."""
    ops = []
    for x, y, pieces, size in lines:
        ops.append(f"BT {x} {y} Td")
        for text, sup in pieces:
            if sup:
                ops.append(f"/F1 {size * 0.6:.1f} Tf {size * 0.33:.1f} Ts ({_esc(text)}) Tj 0 Ts")
            else:
                ops.append(f"/F1 {size} Tf ({_esc(text)}) Tj")
        ops.append("ET")
    return "\n".join(ops).encode()


def endnotes_pdf(path: Path) -> Path:
    body = [
        [("1.  Roma were evicted in various cities in 2016.", False), ("1", True)],
        [("2.  The Plan covers 2016-2021.", False), ("2", True), (" JS16 noted the law on", False)],
        [("self-defence that says \"hands\".", False), ("3", True), (" Overcrowding was at 4%.", False), ("4", True)],
        [("3.  Commissions were introduced by Law No. 46/2017", False), ("5", True), (".", False)],
    ]
    lines, y = [], 700.0
    for pieces in body:
        lines.append((72.0, y, pieces, 10.0))
        y -= 14.0
    y -= 14.0
    lines.append((72.0, y, [("Notes", False)], 10.0))
    y -= 14.0
    notes = [
        (72.0, "1   The stakeholders listed below have contributed information; the full texts"),
        (86.0, "are available at: www.ohchr.org."),
        (86.0, "Civil society"),
        (114.0, "AccessNow   AccessNow (United States of America);"),
        (114.0, "AI          Amnesty International (United Kingdom of Great Britain and"),
        (210.0, "Northern Ireland);"),
        (114.0, "ERRC        European Roma Rights Centre (Hungary);"),
        (114.0, "HOC"),
        (210.0, "Hands Off Cain (Italy)."),
        (72.0, "2   The following abbreviations are used:"),
        (114.0, "ICERD       International Convention on the Elimination of All Forms of"),
        (210.0, "Racial Discrimination;"),
        (114.0, "ICCPR       International Covenant on Civil and Political Rights;"),
        (114.0, "CAT         Convention against Torture;"),
        (114.0, "CRC         Convention on the Rights of the Child."),
        (72.0, "3   JS7, p.8."),
        (72.0, "4   JS6, p.14. See also the second paragraph of this note,"),
        (86.0, "which goes on here."),
        (72.0, "5   ASSO21, p.12."),
    ]
    for x, text in notes:
        lines.append((x, y, [(text, False)], 9.0))
        y -= 11.0
    content = _page_ops(lines)
    z = zlib.compress(content)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(z)} /Filter /FlateDecode >>\nstream\n".encode() + z + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    ]
    path.write_bytes(_pdf(objs))
    return path


@pytest.fixture(scope="module")
def endnotes_file(tmp_path_factory) -> Path:
    return endnotes_pdf(tmp_path_factory.mktemp("endnotes") / "endnotes.pdf")


def test_generated_endnote_markers_after_numbers_quotes_and_symbols(endnotes_file, backend):
    import unmark

    doc = unmark.parse(str(endnotes_file), backend=backend)
    assert [n.label for n in doc.footnotes] == ["1", "2", "3", "4", "5"]
    refs = [r.label for b in doc.blocks for r in b.footnote_refs]
    assert refs == ["1", "2", "3", "4", "5"], [b.text for b in doc.blocks]
    texts = [b.text for b in doc.blocks]
    assert "Roma were evicted in various cities in 2016." in texts
    assert "The Plan covers 2016-2021. JS16 noted the law on self-defence that says \"hands\". " \
           "Overcrowding was at 4%." in texts
    assert "Commissions were introduced by Law No. 46/2017." in texts
    assert not any(w.code == "W120" for w in doc.warnings)


def test_generated_note_ends_where_its_table_starts(endnotes_file, backend):
    import unmark

    doc = unmark.parse(str(endnotes_file), backend=backend)
    note = {n.label: n.text for n in doc.footnotes}
    assert note["1"] == ("The stakeholders listed below have contributed information; the full texts "
                         "are available at: www.ohchr.org.")
    # a note whose sentence ends with a colon keeps the table it announces
    assert note["2"].startswith("The following abbreviations are used: ICERD")
    assert note["2"].endswith("Rights of the Child.")
    # a second prose paragraph is not a table
    assert note["4"].endswith("which goes on here.")
    texts = [" ".join(b.text.split()) for b in doc.blocks]
    rows = texts[texts.index("Civil society"):]
    assert rows[1] == "AccessNow AccessNow (United States of America);"
    assert "AI Amnesty International (United Kingdom of Great Britain and Northern Ireland);" in rows
    assert "ERRC European Roma Rights Centre (Hungary);" in rows
    assert rows[-1] == "HOC Hands Off Cain (Italy)."


def test_generated_endnotes_same_on_both_backends(endnotes_file):
    pytest.importorskip("pypdfium2")
    import unmark

    a = unmark.parse(str(endnotes_file), backend="pypdf")
    b = unmark.parse(str(endnotes_file), backend="pdfium")
    assert [(x.type, x.text, [r.to_dict() for r in x.footnote_refs]) for x in a.blocks] == \
           [(x.type, x.text, [r.to_dict() for r in x.footnote_refs]) for x in b.blocks]
    assert [(n.label, n.text) for n in a.footnotes] == [(n.label, n.text) for n in b.footnotes]


# --------------------------------------------------------------------------- the core, unit by unit
def _slot(text: str, page: int = 1, line: int = 1) -> TextSlot:
    return TextSlot((0, None), MappedText.from_source(text, page, line))


@pytest.mark.parametrize("text, glued, label", [
    ("against Roma in various Italian cities in 2016.30 The", "2016.30", "30"),
    ("and say ‘hands’.39 JS16", "’.39", "39"),
    ("overcrowding rate of 130, 4%.50 JS6", "4%.50", "50"),
    ("в соответствии с Законом № 46/2017164.", "46/2017164", "164"),
    ("Recommendation No. 35.19 CoE-CM", "35.19", "19"),
])
def test_marker_seen_as_superscript_is_taken_where_text_rules_refuse(text, glued, label):
    at = text.index(glued) + len(glued) - len(label)
    # without geometry the plain-text rules refuse it (a number, not a marker)
    w: list[DocWarning] = []
    assert find_markers([_slot(text)], [(label, None)], w) == {}
    assert [x.code for x in w] == ["W120"]
    # the PDF drew it raised and small: it is the marker
    w = []
    found = find_markers([_slot(text)], [(label, None)], w, {(1, 1, at)})
    assert found == {(0, None): [(at, at + len(label), label)]} and not w


def test_seen_superscript_glued_to_a_letter_after_it_is_no_marker():
    # "CO2e": a raised 2 followed by a Latin letter is part of a code
    w: list[DocWarning] = []
    assert find_markers([_slot("emissions in CO2e fell")], [("2", None)], w, {(1, 1, 14)}) == {}


def test_known_positions_still_restrict_markers():
    # geometry given: a plain "30" the PDF did not raise is never a marker
    w: list[DocWarning] = []
    text = "about 30 people. Roma were evicted.30 And"
    found = find_markers([_slot(text)], [("30", None)], w, {(1, 1, 35)})
    assert found == {(0, None): [(35, 37, "30")]}


def _ln(line: int, text: str, indent: float, hard_end: bool = True, size: float = 9.0) -> SrcLine:
    return SrcLine(page=5, line=line, text=MappedText.from_source(text, 5, line), raw=text,
                   indent=indent, hard_end=hard_end, size=size)


def _endnote_page(note_lines: list[SrcLine]) -> list[SrcPage]:
    body = [_ln(1, "1. Text of the report.", 56.0, size=10.0), _ln(2, "Notes", 56.0, size=10.0)]
    return [SrcPage(1, [_ln(1, "x", 56.0, size=10.0)]), SrcPage(2, [SrcLine(2, k + 1, ln.text, ln.raw, ln.indent, 0, ln.hard_end, size=ln.size) for k, ln in enumerate(body + note_lines)])]


def test_mark_endnotes_moves_a_table_after_a_sentence_out_of_the_note():
    notes = [
        _ln(3, "1 The stakeholders listed below have contributed information for this", 104.0, True),
        _ln(4, "summary: www.ohchr.org.", 113.0, True),
        _ln(5, "Civil society", 113.0, True),
        _ln(6, "AI Amnesty International (United Kingdom of Great Britain and", 141.0, True),
        _ln(7, "Northern Ireland);", 255.0, True),
        _ln(8, "ERRC European Roma Rights Centre (Hungary);", 141.0, False),
        _ln(9, "HOC", 141.0, True),
        _ln(10, "Hands Off Cain (Italy).", 255.0, True),
        _ln(11, "2 JS7, p.8.", 104.0, True),
    ]
    pages = _endnote_page(notes)
    decided = mark_endnotes(pages)
    assert decided
    got = [(ln.s, decided.zone(ln), decided.hard_end(ln)) for ln in pages[1].lines[2:]]
    assert got == [
        ("1 The stakeholders listed below have contributed information for this", "footnote", True),
        ("summary: www.ohchr.org.", "footnote", True),
        ("Civil society", "body", True),    # a caption above the rows
        ("AI Amnesty International (United Kingdom of Great Britain and", "body", False),
        ("Northern Ireland);", "body", True),
        ("ERRC European Roma Rights Centre (Hungary);", "body", True),
        ("HOC", "body", False),
        ("Hands Off Cain (Italy).", "body", True),
        ("2 JS7, p.8.", "footnote", True),
    ]


@pytest.mark.parametrize("second", [
    # a second prose paragraph at the note's text indent: not a table
    [(113.0, "The second paragraph of the note goes on here and"), (113.0, "ends here."),
     (113.0, "A third one."), (113.0, "And a fourth, short."), (113.0, "And a fifth.")],
    # too few indented lines
    [(141.0, "ICERD International Convention"), (141.0, "CAT Convention against Torture;")],
])
def test_mark_endnotes_keeps_prose_and_short_tails(second):
    notes = [_ln(3, "1 A note of one sentence.", 104.0, True)]
    notes += [_ln(4 + k, t, x, True) for k, (x, t) in enumerate(second)]
    notes.append(_ln(20, "2 JS7, p.8.", 104.0, True))
    pages = _endnote_page(notes)
    decided = mark_endnotes(pages)
    assert decided
    decided.record()
    assert all(ln.zone == "footnote" for ln in pages[1].lines[2:])


def test_mark_endnotes_table_announced_by_a_colon_stays_in_the_note():
    notes = [_ln(3, "1 The following abbreviations are used:", 104.0, True)]
    notes += [_ln(4 + k, f"AB{k} Convention number {k};", 141.0, True) for k in range(6)]
    notes.append(_ln(20, "2 JS7, p.8.", 104.0, True))
    pages = _endnote_page(notes)
    decided = mark_endnotes(pages)
    assert decided
    decided.record()
    assert all(ln.zone == "footnote" for ln in pages[1].lines[2:])


def test_mark_endnotes_leaves_text_input_alone():
    # no font sizes (text input): the table rule needs geometry
    notes = [_ln(3, "1 Listed below: www.ohchr.org.", 4, True, size=None)]
    notes += [_ln(4 + k, f"AB{k} Association {k};", 12, True, size=None) for k in range(6)]
    pages = _endnote_page(notes)
    for ln in pages[1].lines:
        ln.size = None
    decided = mark_endnotes(pages)
    assert decided
    decided.record()
    assert all(ln.zone == "footnote" for ln in pages[1].lines[2:])


# --------------------------------------------------------------------------- the real document
@pytest.mark.skipif(not (HURIDOCS / "pdfs").is_dir(), reason=f"huridocs corpus not found at {HURIDOCS} (needs ../shared)")
@pytest.mark.parametrize("name", ["ohchr_1_en", "ohchr_1_ru"])
def test_upr_summary_every_endnote_has_its_marker(name, backend):
    import unmark

    doc = unmark.parse(str(HURIDOCS / "pdfs" / f"{name}.pdf"), backend=backend)
    labels = [n.label for n in doc.footnotes]
    assert labels == ["*"] + [str(k) for k in range(1, 170)]
    assert [lb for b in doc.blocks for lb in b.all_footnote_labels()] == labels
    assert doc.footnotes[1].text.endswith("are available at: www.ohchr.org.")
    assert not any(w.code == "W120" for w in doc.warnings)
    joined = " ".join(b.full_text(" ") for b in doc.blocks)
    for glued in ("2016.30", "2016–2021.35", "46/2017164", "46/2017.164", "4%.50", "4%50"):
        assert glued not in joined
