"""Text that was never wrapped at a page width (one paragraph per line: text saved from Word,
UN corpora in line format): every line is its own block, in every language, and the six
versions align row by row. Real document: A/RES/55/100 in ../shared/corpus/un_ga_55_100
(skipped when ../shared is absent); the generated cases run everywhere."""
from __future__ import annotations

from pathlib import Path

import pytest

import unmark
from unmark.extract.text import extract_text, unwrapped

GA = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "un_ga_55_100"
LANGS = ("zh", "en", "fr", "es", "ru", "ar")
needs_ga = pytest.mark.skipif(not GA.is_dir(), reason=f"{GA} not found (../shared corpus)")


def _first_line(block) -> int:
    src = block.source if block.text else block.items[0].source
    return src.lines()[0][1]


@needs_ga
@pytest.mark.parametrize("lang", LANGS)
def test_one_block_per_line_of_a_real_resolution(lang):
    path = GA / f"{lang}.txt"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()]
    assert unwrapped(lines)
    doc = unmark.parse(str(path))
    content = [i for i, ln in enumerate(lines, 1) if ln.strip()]
    assert [_first_line(b) for b in doc.blocks] == content
    # the operative paragraphs keep their numbers (Chinese "1．" has a full-width full stop)
    numbered = [b for b in doc.blocks if b.type == "paragraph" and b.number]
    assert [b.number for b in numbered][-4:] == [1, 2, 3, 4]


@needs_ga
def test_six_versions_align_line_by_line():
    from unmark.align import align

    docs = [unmark.parse(str(GA / f"{lg}.txt")) for lg in LANGS]
    table = align(*docs)
    rows = table.rows
    assert len(rows) == len(docs[0].blocks)
    for k, row in enumerate(rows):
        cells = [row.cells.get(lg) for lg in LANGS]
        assert [c.block_index if c is not None else None for c in cells] == [k] * len(LANGS), row


def test_wrapped_text_is_not_taken_for_unwrapped():
    wrapped = ("1. The Conference of the Parties to the United Nations Convention against\n"
               "Transnational Organized Crime, at its tenth session, decided that the\n"
               "working group would meet in Vienna.\n") * 5
    assert not unwrapped(wrapped.splitlines())
    ex = extract_text(wrapped)
    assert all(ln.hard_end is None for p in ex.pages for ln in p.lines)


def test_long_lines_each_make_a_paragraph():
    para = "The Working Group recommended that States parties strengthen cooperation " * 5
    text = f"Recalling its resolution 54/169,\n{para}\n{para.upper()}\nStressing that {para}\n"
    doc = unmark.parse_text(text, options=unmark.ParseOptions(lang="en"))
    assert len(doc.blocks) == 4
