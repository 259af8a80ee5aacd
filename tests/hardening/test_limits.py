"""Bounded work: file-size cap, content limits before PDFium parses a page, the deadline over
reading and building (both backends), the reader process's memory cap, PDFium's text cut."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import unmark
from unmark.errors import UnmarkError
from unmark.limits import ContentLimits

from hostile import generators as G

pdfium = pytest.importorskip("pypdfium2")
BACKENDS = ("pypdf", "pdfium")


def _code(path, **kw) -> str:
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_file(path, **kw)
    return ei.value.code


@pytest.mark.parametrize("backend", BACKENDS)
def test_ordinary_file_is_untouched_by_the_limits(tmp_path, backend):
    p = G.ordinary(tmp_path / "o.pdf")
    doc = unmark.parse_file(p, backend=backend, timeout=60)
    assert "General Assembly" in doc.text()
    again = unmark.parse_file(p, backend=backend, isolate="never")
    assert again.to_json() == doc.to_json()      # the reader process changes nothing


@pytest.mark.parametrize("backend", BACKENDS)
def test_file_size_cap(tmp_path, backend):
    p = G.sparse_huge(tmp_path / "huge.pdf", gb=0.01)   # 10 MB, sparse
    assert _code(p, backend=backend, max_file_mb=1) == "E104"


def test_nesting_depth_is_refused_before_pdfium(tmp_path):
    p = G.bmc_nesting(tmp_path / "n.pdf", depth=2000)
    assert _code(p, backend="pdfium") == "E252"
    assert _code(p, backend="pdfium", isolate="never") == "E252"


def test_form_fanout_is_refused_before_pdfium(tmp_path):
    p = G.form_fanout(tmp_path / "f.pdf", levels=9, fan=4)     # 4 ** 8 = 65,536 draws
    assert _code(p, backend="pdfium") == "E253"
    small = G.form_fanout(tmp_path / "ok.pdf", levels=3, fan=2)
    assert "General Assembly" in unmark.parse_file(small, backend="pdfium").text()


def test_operator_and_stream_limits(tmp_path):
    p = G.operator_bomb(tmp_path / "ops.pdf", ops=20_000)
    assert _code(p, backend="pdfium", content_limits=ContentLimits(max_ops=5_000)) == "E254"
    b = G.content_bomb(tmp_path / "bomb.pdf", mb=3)
    assert _code(b, backend="pdfium", content_limits=ContentLimits(max_stream_mb=1)) == "E255"


@pytest.mark.parametrize("backend", BACKENDS)
def test_deadline_covers_reading_in_the_reader_process(tmp_path, backend):
    p = G.operator_bomb(tmp_path / "slow.pdf", ops=400_000)
    assert _code(p, backend=backend, timeout=0.5, content_limits=ContentLimits(max_ops=10**9)) == "E207"
    # the next parse gets a fresh reader
    assert "General Assembly" in unmark.parse_file(G.ordinary(tmp_path / "o.pdf"), backend=backend, timeout=60).text()


def test_deadline_covers_building_text():
    text = "1. The General Assembly decides to include the item in its agenda.\n" * 20_000
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_text(text, timeout=0.01)
    assert ei.value.code == "E152"


def test_memory_cap_is_a_coded_error_never_an_abort(tmp_path):
    b = G.content_bomb(tmp_path / "bomb.pdf", mb=600)
    code = _code(b, backend="pdfium", memory_mb=300, content_limits=ContentLimits(max_stream_mb=4096))
    assert code in ("E250", "E207")   # the reader died on its limit; this process is unharmed
    assert "General Assembly" in unmark.parse_file(G.ordinary(tmp_path / "o.pdf"), backend="pdfium").text()


def test_pdfium_text_cut_is_a_warning(tmp_path):
    p = G.long_text_object(tmp_path / "long.pdf", chars=40_000)
    doc = unmark.parse_file(p, backend="pdfium", lang="en")
    assert "W481" in {w.code for w in doc.warnings}
    whole = unmark.parse_file(p, backend="pypdf", lang="en")
    assert "W481" not in {w.code for w in whole.warnings}


def test_identical_runs_on_one_baseline_are_one_line():
    from unmark.extract.pdf.layout import _dedup, layout
    from unmark.extract.pdf.runs import RawPage, Run

    raw = RawPage(1, 612, 792)
    raw.runs = [Run("x", 10 + 2 * i, 400.0, 11 + 2 * i, 10.0, "Helvetica") for i in range(20_000)]
    assert len(_dedup(raw.runs)) == 20_000           # 2 pt apart: none is an overprint
    over = [Run("x", 10 + 0.5 * (i % 2), 400.0, 15, 10.0, "Helvetica") for i in range(1000)]
    assert len(_dedup(over)) == 1                    # drawn on itself: fake bold
    pages, _, _ = layout([raw])
    assert len([ln for p in pages for ln in p.lines if ln.s.strip()]) >= 1


def test_tounicode_bomb_is_refused_before_pdfium_and_coded_on_pypdf(tmp_path):
    p = G.tounicode_bomb(tmp_path / "tu.pdf")                    # 1 KB: 9 million characters of text
    assert _code(p, backend="pdfium") == "E256"
    assert _code(p, backend="pypdf") == "E203"                   # pypdf's own 1,024-byte CMap string limit
    # the same map under the per-glyph limit is read (a real font's ligatures are a few characters)
    small = G.tounicode_bomb(tmp_path / "small.pdf", chars=4, shows=20)
    for backend in BACKENDS:
        assert "AAAA" in unmark.parse_file(small, backend=backend, lang="en").text()


def test_tounicode_amplifier_meets_the_readers_memory_cap_or_the_page_text_cap(tmp_path):
    p = G.tounicode_amplifier(tmp_path / "amp.pdf")              # 20 million characters, under E256
    assert _code(p, backend="pdfium", memory_mb=600) in ("E250", "E207")
    assert _code(p, backend="pypdf") == "E257"                   # refused in the reader, before layout
    small = G.tounicode_amplifier(tmp_path / "small.pdf", shows=100)   # 20,000 characters: a document
    assert unmark.parse_file(small, backend="pypdf", lang="en").text().startswith("AAAA")


def test_batch_reader_blow_up_is_e250_not_a_dead_worker(tmp_path):
    from unmark.batch import BatchOptions, read_manifest, run_batch

    inp = tmp_path / "in"
    G.tounicode_amplifier(inp / "amp.pdf")
    G.ordinary(inp / "ok.pdf")
    out = tmp_path / "out"
    run_batch(inp, out, BatchOptions(backend="pdfium", memory_mb=600, timeout=120))
    recs = {r["file"]: r for r in read_manifest(out / "manifest.jsonl")}
    assert recs["amp.pdf"]["code"] == "E250", recs["amp.pdf"]
    assert recs["ok.pdf"]["status"] == "ok"


def test_default_deadline_is_set_and_grows_with_the_input():
    from unmark import limits

    assert unmark.ParseOptions().timeout == "auto"
    with limits.deadline("auto", "E152"):
        assert limits.remaining() == pytest.approx(limits.AUTO_BASE_S, abs=1)
        assert limits.grow(limits.AUTO_PER_PAGE_S * 500)            # a 500-page PDF: 1,000 s
        assert limits.remaining() == pytest.approx(limits.AUTO_PER_PAGE_S * 500, abs=1)
        assert not limits.grow(10)                                   # never shorter
    with limits.deadline(5, "E152"):
        assert not limits.grow(1000)                                 # a deadline the user set is never moved
        assert limits.remaining() <= 5
    with limits.deadline(5, "E152"), limits.deadline("auto", "E152"):
        assert limits.remaining() <= 5                               # the default never replaces the user's


def test_default_deadline_stops_a_parse_with_its_own_message(monkeypatch):
    from unmark import limits

    monkeypatch.setattr(limits, "AUTO_BASE_S", 0.0)
    monkeypatch.setattr(limits, "AUTO_PER_MB_S", 0.0)
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_text("1. The General Assembly decides to include the item.\n" * 2000)
    assert ei.value.code == "E152" and "default deadline" in ei.value.message
    assert unmark.parse_text("1. The General Assembly decides.\n", timeout=0).blocks   # 0: none
