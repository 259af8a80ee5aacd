"""The parse is an ordered list of named stages (unmark.pipeline.STAGES): each a function from a
parse state to a new one, runnable alone, switchable by name."""
from __future__ import annotations

from pathlib import Path

import pytest

from unmark import parse, parse_text
from unmark.errors import InputError
from unmark.extract.text import extract_text
from unmark.pipeline import STAGE_NAMES, STAGES, ParseOptions, ParseState, build_document, run_stage, run_stages

TEXT = """CTOC/COP/WG.7/2020/2

I. Introduction

1. The General Assembly decided to convene the meeting of the Working Group.1 The
Working Group met in Vienna.

2. The Working Group recommended that:
(a) States should consider the matter;
(b) The secretariat should report.

__________________
1 See A/RES/55/25.
"""


def test_stage_names_in_order():
    assert STAGE_NAMES[:4] == ("pdf_furniture", "pdf_notes", "pdf_breaks", "glyphs") and STAGE_NAMES[-1] == "metadata"
    assert STAGE_NAMES.index("lines") < STAGE_NAMES.index("language") < STAGE_NAMES.index("structure")
    assert STAGE_NAMES.index("joins") < STAGE_NAMES.index("markers") < STAGE_NAMES.index("blocks")
    assert len(set(STAGE_NAMES)) == len(STAGES)


def test_stages_one_by_one_give_the_document_parse_gives():
    ex = extract_text(TEXT)
    st = ParseState(ex=ex, opts=ParseOptions(), fixes=tuple(ex.fixes), warnings=tuple(ex.warnings))
    for _, stage in STAGES:
        st = run_stage(stage, st)
        assert isinstance(st, ParseState)
    assert st.lang == "en"
    assert [b.number for b in st.blocks if b.type == "paragraph"] == [1, 2]
    assert parse_text(TEXT).to_dict() == build_document(extract_text(TEXT), ParseOptions()).to_dict()


def test_a_stage_reads_only_its_state():
    """The language stage alone, on a state holding only body lines: it decides the language."""
    ex = extract_text("Le Groupe de travail a recommandé que les États examinent la question et que le secrétariat "
                      "fasse rapport à la Conférence des Parties à sa prochaine session sur les progrès accomplis.\n")
    st = ParseState(ex=ex, opts=ParseOptions())
    st = run_stage("lines", st)
    assert dict(STAGES)["language"](st).lang == "fr"
    assert dict(STAGES)["language"](ParseState(ex=ex, opts=ParseOptions(lang="es"))).lang == "es"


def test_disable_sentences_is_the_sentences_option():
    a = parse_text(TEXT, options=ParseOptions(disable=("sentences",)))
    b = parse_text(TEXT, options=ParseOptions(sentences=False))
    assert a.to_dict() == b.to_dict()
    assert all(not blk.sentences for blk in a.blocks)
    assert any(blk.sentences for blk in parse_text(TEXT).blocks)


def test_disable_markers_leaves_the_marker_in_the_text():
    on = parse_text(TEXT)
    off = parse_text(TEXT, options=ParseOptions(disable=("markers",)))
    p_on, p_off = on.paragraphs()[0], off.paragraphs()[0]
    assert p_on.all_footnote_labels() == ["1"] and "Group.1" not in p_on.text
    assert p_off.all_footnote_labels() == [] and "Group.1" in p_off.text
    assert not any(f.rule == "footnote.marker" for f in off.fixes)


def test_disable_links_attaches_none():
    seed = Path(__file__).resolve().parents[1] / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt"
    on = parse(seed)
    off = parse(seed, disable="links")
    assert any(f.links for f in on.footnotes)
    assert all(not b.links for b in off.blocks) and all(not f.links for f in off.footnotes)
    assert [b.text for b in off.blocks] == [b.text for b in on.blocks]


def test_unknown_stage_is_a_coded_error():
    with pytest.raises(InputError) as e:
        ParseOptions(disable=("sentence",))
    assert e.value.code == "E610"


def test_a_stage_returns_its_line_decisions_and_run_stage_records_them():
    """The zone stages do not change the lines: they return the zones they decide, and
    run_stage records them once (the separator and the note below it, here)."""
    ex = extract_text(TEXT)
    st = ParseState(ex=ex, opts=ParseOptions(), fixes=tuple(ex.fixes), warnings=tuple(ex.warnings))
    st = run_stage("glyphs", st)
    out = dict(STAGES)["furniture"](st)
    decided = out.decided.zones()
    assert sorted(decided.values()).count("footnote") == 1 and "separator" in decided.values()
    assert all(ln.zone == "body" for ln in st.lines)            # nothing written yet
    st = run_stage("furniture", st)
    assert {(ln.page, ln.line): ln.zone for ln in st.lines if ln.zone != "body"} == decided
    assert not st.decided                                        # recorded, then cleared


def test_no_cleaner_writes_a_line_fact():
    """Zones, line ends and page starts are written in one place (LineFacts.record, called by
    run_stage): no module of clean/, segment/ or the pipeline assigns them to a line."""
    import ast

    root = Path(__file__).resolve().parents[1] / "unmark"
    files = list((root / "clean").glob("*.py")) + list((root / "segment").glob("*.py")) + [root / "pipeline.py"]
    writes = []
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
            for t in targets:
                if not (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)):
                    continue
                # (a block builder's text, ``b.text``, is no line's)
                if t.attr in ("zone", "hard_end", "page_start", "gap_before", "heading_hint", "markers") or (t.attr == "text" and t.value.id in ("ln", "line", "sl", "x", "y")):
                    writes.append(f"{f.name}:{node.lineno}")
    assert writes == []


def test_pdf_zones_and_breaks_are_stages_that_return_their_decisions():
    """PDF input: the extractor leaves every line in the body with its geometry; the PDF stages
    decide furniture, notes and line breaks from that geometry and return them as facts that
    run_stage records (the lines do not change inside a stage); the result is the parse's."""
    from unmark.extract.pdf import extract_pdf

    pdf = Path(__file__).resolve().parents[1] / "examples" / "plan_1.en.pdf"
    ex = extract_pdf(pdf)
    assert ex.geometry is not None and all(ln.geom is not None for p in ex.pages for ln in p.lines)
    assert {ln.zone for p in ex.pages for ln in p.lines} == {"body"}
    assert all(ln.hard_end is None and ln.gap_before == 0 for p in ex.pages for ln in p.lines)
    st = ParseState(ex=ex, opts=ParseOptions(), fixes=tuple(ex.fixes), warnings=tuple(ex.warnings))
    out = dict(STAGES)["pdf_furniture"](st)
    assert "furniture" in out.decided.zones().values()
    assert any(f.rule.startswith(("furniture.", "pdf.")) for f in out.fixes[len(st.fixes):])
    assert {ln.zone for ln in st.lines} == {"body"}                    # nothing written yet
    st = run_stage("pdf_furniture", st)
    assert not st.decided and "furniture" in {ln.zone for ln in st.lines}
    st = run_stage("pdf_notes", st)
    assert "footnote" in {ln.zone for ln in st.lines}
    out = dict(STAGES)["pdf_breaks"](st)
    assert any(f.get("hard_end") for _, f in out.decided.decided()) and all(ln.hard_end is None for ln in st.lines)
    st = run_stage("pdf_breaks", st)
    assert any(ln.hard_end for ln in st.lines) and any(ln.page_start for ln in st.lines)
    for name, stage in STAGES[3:]:
        st = run_stage(stage, st)
    assert st.blocks and st.metadata.symbol == parse(pdf).metadata.symbol
    assert [b.text for b in st.blocks] == [b.text for b in parse(pdf).blocks]


def test_text_input_passes_the_pdf_stages_unchanged():
    ex = extract_text(TEXT)
    st = ParseState(ex=ex, opts=ParseOptions())
    for name in ("pdf_furniture", "pdf_notes", "pdf_breaks"):
        assert dict(STAGES)[name](st) is st


def test_the_pdf_stages_leave_the_measured_geometry_as_it_was():
    """The PDF stages decide on copies or by line: after a whole parse the geometry the layout
    measured still holds no zone, break or hint."""
    from unmark.extract.pdf import extract_pdf

    pdf = Path(__file__).resolve().parents[1] / "examples" / "plan_1.en.pdf"
    ex = extract_pdf(pdf)
    before = [(ln.zone, ln.rule, ln.gap_before, ln.hard_end, ln.page_start, ln.heading_hint, ln.text)
              for pg in ex.geometry.pages for ln in pg.measured]
    st = run_stages(ex)
    assert st.blocks and any(ln.zone == "furniture" for ln in st.lines)
    after = [(ln.zone, ln.rule, ln.gap_before, ln.hard_end, ln.page_start, ln.heading_hint, ln.text)
             for pg in ex.geometry.pages for ln in pg.measured]
    assert after == before and {z for z, *_ in after} == {"body"}


def test_the_furniture_question_is_asked_once_and_the_stage_records_that_answer(monkeypatch):
    """The page furniture is measured once, with the lines (Geometry.furniture: the masthead join
    needs it), and the stage pdf_furniture records that answer: no second evaluation."""
    from unmark.extract.pdf import extract_pdf
    from unmark.extract.pdf import layout as L

    calls = []
    real = L.mark_furniture
    monkeypatch.setattr(L, "mark_furniture", lambda *a, **k: calls.append(1) or real(*a, **k))
    pdf = Path(__file__).resolve().parents[1] / "examples" / "plan_1.en.pdf"  # stacked masthead cells
    ex = extract_pdf(pdf)
    assert any(f.rule == "pdf.masthead_join" for f in ex.fixes) and len(calls) == 1
    st = run_stages(ex, upto="pdf_furniture")
    assert len(calls) == 1
    recorded = {(k, ln.geom.index) for k, p in enumerate(ex.pages) for ln in p.lines if ln.zone == "furniture"}
    kept = {(k, ln.geom.index) for k, p in enumerate(ex.pages) for ln in p.lines}
    assert recorded and recorded == set(ex.geometry.furniture) & kept
    assert st.lines
