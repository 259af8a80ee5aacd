"""Every font that can be read is read, from its embedded program when it has no /ToUnicode map,
on both backends: the embedded-program variants of the producer matrix (bench/bench_producers.py
``program=``; fixtures tests/pdf/fixtures/programs/ from bench/producers/make_program_fixtures.py).
A name-keyed CFF in a CIDFont by its glyph names, a CID-keyed CFF by the collection its own ROS
names, OpenType and TrueType programs by their cmap or glyph names, codes turned into CIDs by an
embedded CMap stream, codes that read as right-to-left letters, hyphens or line breaks when
taken for characters; and E208, naming the font and what its program lacks, for the one that
names nothing."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import unmark

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "producers"))
from score import agreement, block_keys, lost_chars, truth_failures  # noqa: E402

DIR = Path(__file__).resolve().parent / "fixtures" / "programs"
TRUTHS = sorted(DIR.glob("*.truth.json"))
READABLE = [t for t in TRUTHS if ".cff-unnamed." not in t.name]
# where each kind's text was read from (W401)
SOURCE = {
    "cff-names": "embedded CFF glyph names",
    "cmap-stream": "embedded CFF glyph names through its embedded CMap",
    "cff-ros": "Adobe-GB1 CIDs named by the embedded CFF's ROS",
    "otf-cmap": "embedded OpenType cmap",
    "ttf-cmap": "embedded TrueType cmap",
    "ttf-hostile": "embedded TrueType cmap",
    "ttf-post": "embedded TrueType post glyph names",
}


def _kind(tf: Path) -> str:
    return tf.name.split(".")[1]


def _pdf(tf: Path) -> Path:
    return tf.with_name(tf.name.replace(".truth.json", ".pdf"))


def test_every_kind_has_a_fixture():
    kinds = {_kind(t) for t in TRUTHS}
    assert set(SOURCE) | {"cff-unnamed"} <= kinds
    for tf in TRUTHS:
        data = _pdf(tf).read_bytes()
        assert b"/ToUnicode" not in data and b"/FontFile" in data, tf.name


@pytest.mark.parametrize("tf", READABLE, ids=lambda p: p.name.split(".truth")[0])
def test_text_blocks_notes_metadata_from_the_font_program(tf, backend, parsed):
    doc = parsed(tf, backend)
    assert truth_failures(doc, json.loads(tf.read_text())) == []
    codes = {w.code for w in doc.warnings}
    assert "W201" not in codes and "W302" not in codes
    w401 = [w.message for w in doc.warnings if w.code == "W401"]
    assert w401 and SOURCE[_kind(tf)] in w401[0], w401


@pytest.mark.parametrize("tf", READABLE, ids=lambda p: p.name.split(".truth")[0])
def test_both_backends_give_the_same_blocks(tf, parsed):
    pytest.importorskip("pypdfium2")
    assert block_keys(parsed(tf, "pypdf")) == block_keys(parsed(tf, "pdfium"))


@pytest.mark.parametrize("tf", READABLE, ids=lambda p: p.name.split(".truth")[0])
def test_pdf_and_the_text_other_tools_make_of_it_agree(tf, parsed):
    """parse(pdf) and parse(the text pdftotext -layout made of the same PDF with ToUnicode maps:
    poppler reads neither glyph names nor a CFF's ROS) take the same decisions."""
    doc = parsed(tf, "pypdf")
    txt = tf.with_name(tf.name.replace(".truth.json", ".pdftotext.txt")).read_text(encoding="utf-8")
    lost = lost_chars(doc, txt)
    a = block_keys(doc, False, lost)
    t = block_keys(unmark.parse(txt, lang="zh", sentences=False), False, lost)
    assert agreement(a, t) >= 0.99, [x for x in a if x not in t][:3]


def test_a_program_that_names_nothing_is_refused_saying_what_it_lacks(backend):
    tf = DIR / "letter_s.cff-unnamed.truth.json"
    with pytest.raises(unmark.UnmarkError) as ei:
        unmark.parse(str(_pdf(tf)), backend=backend, lang="zh")
    assert ei.value.code == "E208"
    assert ("ABCDEF+NotoSansCJKsc-Regular (Identity-H, Adobe-Identity, embedded CID-keyed CFF of Adobe-Identity "
            "without glyph names, no ToUnicode)") in str(ei.value)


def test_pdfium_reads_codes_that_look_like_rtl_letters_hyphens_and_breaks(parsed):
    """The fixture's codes are U+0590-U+08FF (right-to-left letters), 0x2D and 0xAD for 。 and ，
    (a hyphen at a line end), CR, LF, space and tab: PDFium reorders, replaces or drops such
    characters when it takes unmapped codes for text; given the map as /ToUnicode it does not."""
    pytest.importorskip("pypdfium2")
    tf = DIR / "letter_s.ttf-hostile.truth.json"
    doc = parsed(tf, "pdfium")
    texts = [b.text for b in doc.blocks]
    assert any(t.endswith("。") for t in texts) and any("，" in t for t in texts)
    assert not any(ch in t for t in texts for ch in "\u00ad\x02\ufffd")


@pytest.mark.parametrize("name,text", [("uni6C11", "民"), ("u6C11", "民"), ("u2A6D6", "\U0002A6D6"), ("period", "."),
                                       ("one", "1"), ("f_i", "fi"), ("uni6C116C34", "民水"), ("a.sc", "a"),
                                       ("glyph12", ""), ("cid00012", ""), (".notdef", ""), ("uniE000", ""), ("g12", "")])
def test_glyph_names_give_characters_by_the_adobe_glyph_list(name, text):
    from unmark.extract.pdf.fontmap import _name_text

    assert _name_text(name) == text


def test_a_tounicode_map_written_for_pdfium_reads_back_the_same():
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    from unmark.extract.pdf.backend_pypdf import pypdf_font_class
    from unmark.extract.pdf.tounicode import cmap_stream

    m = {0x0041 + k: chr(0x4E00 + k) for k in range(300)}      # ranges (cut at 0x0100)
    m.update({0x2D: "，", 0xAD: "。", 0x0627: "\U0002A6D6", 0x0700: "fi"})   # single entries
    for nbytes, mm in ((2, m), (1, {k: v for k, v in m.items() if k <= 0xFF})):
        data = cmap_stream(mm, nbytes)
        assert b"beginbfrange" in data and b"beginbfchar" in data
        tu = DecodedStreamObject()
        tu.set_data(data)
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
                                 NameObject("/BaseFont"): NameObject("/X"), NameObject("/Encoding"): NameObject("/Identity-H"),
                                 NameObject("/ToUnicode"): tu})
        got = pypdf_font_class().from_font_resource(font).character_map
        assert {ord(k): v for k, v in got.items() if isinstance(k, str) and len(k) == 1} == mm


def test_embedded_cmap_streams_are_read_when_their_codes_have_one_length():
    from pypdf.generic import DecodedStreamObject, NameObject

    from unmark.extract.pdf.cmaps import embedded_cmap

    def stream(text: str, **extra):
        s = DecodedStreamObject()
        s.set_data(text.encode())
        for k, v in extra.items():
            s[NameObject(k)] = NameObject(v)
        return s

    body = ("1 begincodespacerange <A1A1> <FEFE> endcodespacerange\n2 begincidrange\n<A1A1> <A1A3> 10\n"
            "<B0A1> <B0A1> 500 endcidrange\n1 begincidchar <C0C0> 7 endcidchar")
    assert embedded_cmap(stream(body)) == (2, {0xA1A1: 10, 0xA1A2: 11, 0xA1A3: 12, 0xB0A1: 500, 0xC0C0: 7})
    one = "1 begincodespacerange <20> <7E> endcodespacerange 1 begincidrange <41> <43> 34 endcidrange"
    assert embedded_cmap(stream(one)) == (1, {0x41: 34, 0x42: 35, 0x43: 36})
    mixed = "2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 begincidchar <41> 34 endcidchar"
    assert embedded_cmap(stream(mixed)) is None          # codes of two lengths: not read this simply
    assert embedded_cmap(stream(body, **{"/UseCMap": "/GBK-EUC-H"})) is None


def test_a_tounicode_that_is_a_name_maps_nothing_and_the_program_is_read(backend, parsed):
    """``/ToUnicode /Identity-H`` (a name where a map belongs, as some producers write it) took
    the glyph ids for text, silently; the font is read from its program like one without."""
    doc = unmark.parse(str(DIR / "letter_s.ttf-post.tounicode-name.pdf"), backend=backend, lang="zh", sentences=False)
    assert block_keys(doc) == block_keys(parsed(DIR / "letter_s.ttf-post.truth.json", backend))
    assert any("post glyph names" in w.message for w in doc.warnings if w.code == "W401")


def test_pdfium_reads_the_maps_also_in_a_file_of_object_streams(tmp_path, parsed):
    """The ToUnicode update is appended as a classic cross-reference section; a file whose
    objects sit in object streams behind a cross-reference stream (Acrobat, recent Word) is read
    the same."""
    pytest.importorskip("pypdfium2")
    import pdf_makers as mk

    tf = DIR / "letter_s.ttf-hostile.truth.json"
    packed = mk.object_stream_pdf(tmp_path / "packed.pdf", _pdf(tf))
    assert b"/ObjStm" in packed.read_bytes()
    doc = unmark.parse(str(packed), backend="pdfium", lang="zh", sentences=False)
    assert block_keys(doc) == block_keys(parsed(tf, "pypdf"))
