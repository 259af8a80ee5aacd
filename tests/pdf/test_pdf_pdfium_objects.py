"""The pdfium backend asks PDFium for the drawing object of only some characters
(:func:`unmark.extract.pdf.backend_pdfium._stretches`); on every page at hand the stretches
it infers are exactly those of asking for every character."""
from __future__ import annotations

import ctypes
from itertools import repeat

import pytest

from pdf_makers import no_tounicode_pdf
from pdf_testutil import FIXTURES, HURIDOCS

pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 not installed (extra 'pdfium')")


def _loaded(path):
    """(api, raw module, page, text page) of every page of ``path``, each closed after its turn."""
    import pypdfium2.raw as c

    from unmark.extract.pdf import backend_pdfium as be

    api = be._Api(c)
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = c.FPDF_LoadPage(doc.raw, i)
            tp = c.FPDFText_LoadPage(page)
            try:
                yield api, c, page, tp
            finally:
                c.FPDFText_ClosePage(tp)
                c.FPDF_ClosePage(page)
    finally:
        doc.close()


def _pages(path):
    from unmark.extract.pdf import backend_pdfium as be

    for api, c, _, tp in _loaded(path):
        n = c.FPDFText_CountChars(tp)
        buf = ctypes.create_string_buffer(2 * n + 2)
        c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[: 2 * n].decode("utf-16-le", "replace")
        if n and not be._RTL.search(text):
            yield api, ctypes.cast(tp, ctypes.c_void_p).value, text, n


def _every_character(api, tpv, n):
    out = []
    for i, k in enumerate(map(api.get_obj_int, repeat(tpv, n), range(n))):
        if out and out[-1][2] == k:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1, k])
    return out


def _check(path):
    from unmark.extract.pdf.backend_pdfium import _stretches

    pages = asked = chars = 0
    for api, tpv, text, n in _pages(path):
        calls = [0]

        def get(t, i):
            calls[0] += 1
            return api.get_obj_int(t, i)

        assert [list(s) for s in _stretches(get, tpv, text)] == _every_character(api, tpv, n), (path, pages)
        pages += 1
        asked += calls[0]
        chars += n
    return pages, asked, chars


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.pdf")), ids=lambda p: p.name)
def test_stretches_match_every_character_fixtures(path):
    pages, asked, chars = _check(path)
    if pages:
        assert asked < chars  # the point of it: fewer C calls than characters


def test_stretches_match_every_character_huridocs():
    if not HURIDOCS.is_dir():
        pytest.skip("../shared/corpus/huridocs not found")
    files = sorted((HURIDOCS / "pdfs").glob("*.pdf"))
    assert files
    for path in files:
        pages, asked, chars = _check(path)
        assert pages and asked < 0.5 * chars


def test_stretches_without_unicode_map(tmp_path):
    # a font without /ToUnicode: PDFium's text and its character list need not line up; every
    # character is asked there
    p = no_tounicode_pdf(tmp_path / "n.pdf", FIXTURES / "ctoc_zh.wordlike.pdf")
    assert _check(p)[0]


def _walks(path):
    """(rules, images) of every page walked twice: asking the type of every object, and told which
    objects the text page already named (the reader's way)."""
    from unmark.extract.pdf import backend_pdfium as be
    from unmark.extract.pdf.runs import RawPage

    out = []
    for api, c, page, tp in _loaded(path):
        h = c.FPDF_GetPageHeightF(page)
        pv = ctypes.cast(page, ctypes.c_void_p).value
        told, asked = RawPage(1, 1.0, h), RawPage(1, 1.0, h)
        objs = be._text_runs(api, tp, told, h, pv, {})
        be._walk(api, pv, False, told, h, None, text_objs=objs)
        be._walk(api, pv, False, asked, h, None)
        out.append((len(objs), (told.rules, told.images), (asked.rules, asked.images)))
    return out


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.pdf")), ids=lambda p: p.name)
def test_walk_told_the_text_objects_finds_the_same_rules(path):
    # the walk skips the type query of the objects the text page named: the same rules and images
    pages = _walks(path)
    assert pages and any(n for n, _, _ in pages)
    for n, told, asked in pages:
        assert told == asked
