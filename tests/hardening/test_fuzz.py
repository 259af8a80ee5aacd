"""Fuzz (Hypothesis, bounded) over the API's entry points and every writer: a coded error or a
document, never a traceback; every output encodable, well-formed, formula-free."""
from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import unmark
from unmark.errors import UnmarkError

PIECES = ["1. ", "(a) ", "I. ", "A. ", "大会", "决定。", "The Assembly ", "decides.", "Ассамблея ", "الجمعية ",
          "=", "+", "-", "@", "<script>", "</b>", "&", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ufffe",
          "\uffff", "\ud800", "\udfff", "\u202e", "\u2028", "\t", "\r", "\n", "\n\n", "\f", " ", "x" * 300, "A/80/1",
          "https://undocs.org/A/80/1", "错误!超链接引用无效。", "Distr.: General", "*"]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join),
    st.text(min_size=1, max_size=300),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _doc(text: str, one_arg: bool):
    try:
        return unmark.parse(text) if one_arg else unmark.parse_text(text)
    except UnmarkError as exc:
        assert exc.code[0] == "E" and exc.code[1:].isdigit()
        return None


@FUZZ
@given(TEXTS, st.booleans())
@example("\U00011bf0", False)  # a digit regex knows and int() refuses (found by this test)
def test_api_gives_a_document_or_a_coded_error(text, one_arg):
    doc = _doc(text, one_arg)
    if doc is None:
        return
    for out in (doc.to_json(), doc.to_markdown(), doc.text()):
        out.encode("utf-8")
    md = doc.to_markdown()
    assert "<script" not in md and "\x01" not in md


@FUZZ
@given(TEXTS, TEXTS)
def test_every_writer_takes_fuzzed_documents(tmp_path_factory, a, b):
    from unmark.align import align
    from unmark.align.export import write
    from unmark.terms.glossary import Example, Glossary, TermEntry

    da, db = _doc(a, False), _doc(b, False)
    if da is None or db is None:
        return
    tmp = tmp_path_factory.mktemp("w")
    try:
        al = align(da, db)
    except UnmarkError:
        return
    for ext in ("tmx", "tsv", "xlsx", "jsonl", "html"):
        write(al, str(tmp / f"a.{ext}"))
    data = (tmp / "a.tmx").read_text(encoding="utf-8")
    ET.fromstring(data.split("\n", 2)[2])
    z = zipfile.ZipFile(io.BytesIO((tmp / "a.xlsx").read_bytes()))
    assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    g = Glossary("zh", "en", (TermEntry(source=a[:40] or "x", target=b[:40] or "y",
                                       examples=(Example(source_text=a[:80], target_text=b[:80]),), note=a[-20:]),))
    for ext in ("tbx", "csv", "xlsx", "tsv", "json"):
        g.save(tmp / f"g.{ext}")
    ET.fromstring((tmp / "g.tbx").read_bytes())
