"""Layout functions on hand-made runs (no PDF): the rules in isolation."""
from __future__ import annotations

from unmark.extract.lines import Extracted
from unmark.extract.pdf.layout import layout, page_lines
from unmark.extract.pdf.runs import RawPage, Rule, Run
from unmark.pipeline import run_stages


def laid_out(raws):
    """The pages as the PDF stages of the parse leave them (zones, line breaks), the fixes and
    the metadata hints."""
    pages, fixes, geometry = layout(raws)
    st = run_stages(Extracted(pages, "pdf", "pdf", fixes=fixes, geometry=geometry), upto="pdf_breaks")
    return st.ex.pages, list(st.fixes), st.ex.metadata_hints


def run(text, x0, y, x1, size=10.0, **kw):
    return Run(text, x0, y, x1, size, kw.pop("font", "Times"), **kw)


def page(n, runs, rules=(), w=600.0, h=800.0):
    p = RawPage(n, w, h)
    p.runs = list(runs)
    p.rules = list(rules)
    return p


def test_superscript_joins_its_line_and_is_a_marker():
    p = page(1, [
        run("the present report", 100, 400, 190),
        run("12", 190.5, 396.5, 196, size=6.0),
        run("and more", 199, 400, 240),
    ])
    (ln,) = page_lines(p)
    assert ln.text == "the present report12 and more"
    assert ln.markers == [(18, "12")]


def test_small_star_on_the_baseline_is_a_marker():
    p = page(1, [run("Report on Italy", 100, 300, 200, size=14.0), run("*", 200.5, 300, 204, size=10.0)])
    (ln,) = page_lines(p)
    assert ln.markers == [(15, "*")]


def test_label_tab_gap_becomes_one_space():
    p = page(1, [run("12.", 100, 400, 112), run("The Committee met.", 141, 400, 230)])
    (ln,) = page_lines(p)
    assert ln.text == "12. The Committee met."
    assert ln.label_gap and ln.text_x == 141


def test_no_space_between_cjk_runs_with_a_justification_gap():
    p = page(1, [run("本报告", 100, 400, 131.5, size=10.5), run("是根据", 133, 400, 164.5, size=10.5)])
    (ln,) = page_lines(p)
    assert ln.text == "本报告是根据"


def test_fake_bold_overprint_is_read_once():
    p = page(1, [run("UNITED", 72, 80, 120), run("UNITED", 72.4, 80, 120.4)])
    (ln,) = page_lines(p)
    assert ln.text == "UNITED"


def test_repeated_header_by_parity_and_footnote_zone_below_a_short_rule():
    raws = []
    for n in range(1, 5):
        hx = 72 if n % 2 == 0 else 450
        runs = [run("A/80/100", hx, 50, hx + 60, size=9.0)]
        runs += [run(f"Body line {k} of page {n} continues here and runs on to the margin", 72, 150 + 14 * k, 520) for k in range(8)]
        runs += [run("Last line.", 72, 150 + 14 * 8, 120)]
        runs += [run(str(n), 72, 700, 77, size=6.0), run(f"See document {n}.", 90, 703, 200, size=9.0)]
        runs += [run(f"{n}/4", 72 if n % 2 == 0 else 500, 760, 90 if n % 2 == 0 else 518, size=8.0)]
        raws.append(page(n, runs, rules=[Rule(72, 690, 180)]))
    pages, fixes, hints = laid_out(raws)
    for p in pages:
        zones = {ln.s: ln.zone for ln in p.lines}
        assert zones["A/80/100"] == "furniture"
        assert zones[f"{p.number} See document {p.number}."] == "footnote"
        assert all(z != "body" for s, z in zones.items() if s.endswith("/4"))
        body = [ln for ln in p.lines if ln.zone == "body"]
        assert body[-1].hard_end is True and body[0].hard_end is False
        assert all(ln.bbox is not None for ln in p.lines)


def test_pypdf_decode_matches_get_text_operands():
    """backend_pypdf._decode is pypdf's get_text_operands with a lasting width cache: the
    same text and the same float widths, for every string of the fixtures' fonts."""
    from pypdf import PdfReader
    from pypdf._text_extraction import get_text_operands
    from pypdf.generic import ContentStream

    from pdf_testutil import FIXTURES
    from unmark.extract.pdf.backend_pypdf import _decode, pypdf_font_class

    Font = pypdf_font_class()

    checked = 0
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        reader = PdfReader(str(pdf))
        for page in reader.pages[:2]:
            fonts = {k: Font.from_font_resource(v.get_object()) for k, v in page["/Resources"]["/Font"].items()}
            widths: dict = {}
            font = None
            for operands, op in ContentStream(page.get_contents(), reader).operations:
                if op == b"Tf":
                    font = fonts.get(operands[0])
                elif op in (b"Tj", b"TJ") and font is not None:
                    items = operands[0] if op == b"TJ" else operands[:1]
                    for it in items:
                        if isinstance(it, (str, bytes)):
                            want = get_text_operands([it], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], font, (0,))
                            assert _decode(font, it, widths) == want
                            checked += 1
    assert checked > 1000


def test_cjk_test_is_the_glyph_class_for_every_character():
    # the layout's CJK test remembers its answers per character: the same answer as the class
    # (unmark.scripts.CJK_GLYPH) for every character of the Basic Multilingual Plane and a few
    # beyond, for one character and for the first of several, asked twice
    from unmark.extract.pdf.layout import _first_word, _is_cjk
    from unmark.scripts import CJK_GLYPH

    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["\U00020000", "\U0001F600"]
    for _ in range(2):
        assert [_is_cjk(ch) for ch in chars] == [CJK_GLYPH.match(ch) is not None for ch in chars]
    assert _is_cjk("中a") and not _is_cjk("a中") and not _is_cjk("")
    assert _first_word("2.重申 其") == "2.重" and _first_word("Reaffirms its") == "Reaffirms"
    assert _first_word("Ａ．　一") == "Ａ" and _first_word("   ") == ""
    # the word ends at the first space or tab, whichever comes first; a no-break space binds
    assert _first_word("1.\tThe") == "1." and _first_word("(a) \tx") == "(a)" and _first_word("a\tb c") == "a"
    assert _first_word("5\u00a0000 people") == "5\u00a0000" and _first_word("Word") == "Word"


def test_a_label_rule_by_its_place_in_the_grammar():
    from unmark.labels import _RULES, rule, rules

    for field, place in _RULES.items():
        assert rule(place) is getattr(rules(), field)
    import pytest

    with pytest.raises(KeyError):
        rule("no.such")
