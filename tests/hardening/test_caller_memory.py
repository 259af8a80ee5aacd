"""The caller's memory: the PDF reader is capped in its own process, the document is built in
the caller, which a library must not cap with RLIMIT_AS (that is the whole application's). What
can reach it is capped instead (text size and lines, the characters the reader returns), and the
build has a memory budget checked with the deadline (E153)."""
from __future__ import annotations

import pytest

import unmark
from unmark import limits
from unmark.errors import UnmarkError
from unmark.limits import ContentLimits

from hostile import generators as G


def _code(fn, *a, **kw) -> str:
    with pytest.raises(UnmarkError) as ei:
        fn(*a, **kw)
    return ei.value.code


def test_defaults():
    o = unmark.ParseOptions()
    assert o.build_memory_mb == limits.DEFAULT_BUILD_MEMORY_MB == 400
    assert o.max_lines == limits.DEFAULT_MAX_LINES == 150_000
    assert o.max_bytes == 16 * 1024 * 1024
    assert ContentLimits().max_doc_chars == 20_000_000
    assert unmark.ParseOptions(build_memory_mb=0, max_lines=0).build_memory_mb is None
    assert _code(unmark.ParseOptions, build_memory_mb=-1) == "E123"


def test_too_many_lines_is_refused_before_they_are_read():
    text = "a\n\n" * 40
    assert _code(unmark.parse_text, text, max_lines=50) == "E154"
    assert _code(unmark.parse_text, "a\f" * 60, max_lines=50) == "E154"   # form feeds are lines too
    assert unmark.parse_text(text, max_lines=200).blocks
    assert unmark.parse_text("a\r\n" * 40, max_lines=45).blocks          # CR LF is one line break


def test_build_memory_budget_is_a_coded_error():
    # one block per two characters: tens of megabytes of blocks for 120 KB of text
    text = "a\n\n" * 40_000
    err = pytest.raises(UnmarkError, unmark.parse_text, text, build_memory_mb=1).value
    assert err.code == "E153" and "build memory limit of 1 MB" in err.message
    assert unmark.parse_text(text, build_memory_mb=0).blocks          # 0: no budget


def test_budget_nests_and_is_checked_with_the_deadline(monkeypatch):
    # the resident size as the budget reads it (a real allocation may reuse memory the process
    # already holds, so the test sets it)
    rss = [100 << 20]
    monkeypatch.setattr(limits, "_resident", lambda: rss[0])
    monkeypatch.setattr(limits, "_BUDGET_EVERY_S", 0.0)
    with limits.memory_budget(10_000):
        with limits.memory_budget(1):            # an inner budget never loosens (nor replaces) the outer
            rss[0] += 16 << 20
            limits.check()
    with limits.memory_budget(1):
        rss[0] += 512 << 10
        limits.check()                           # half a megabyte: within the budget
        rss[0] += 1 << 20
        with pytest.raises(limits.MemoryBudgetExceeded) as ei:
            limits.check()
        assert ei.value.code == "E153"
    limits.check()                               # outside the block: no budget


@pytest.mark.parametrize("backend", ["pypdf", "pdfium"])
def test_text_the_reader_returns_is_capped(tmp_path, backend):
    pytest.importorskip("pypdfium2") if backend == "pdfium" else None
    p = G.shared_page_text(tmp_path / "shared.pdf", pages=4, lines=100)   # 4 x 10,000 characters
    assert _code(unmark.parse_file, p, backend=backend, content_limits=ContentLimits(max_doc_chars=25_000)) == "E258"
    assert unmark.parse_file(p, backend=backend, content_limits=ContentLimits(max_doc_chars=50_000)).page_count == 4
