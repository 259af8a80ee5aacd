"""Golden line-break cases from human labels (tests/data/linebreaks, made by
bench/make_linebreak_golden.py from the huridocs PDFs): for each extractor's text, with and without
the language given, at least 98% of the labelled boundaries are decided right, no labelled body
paragraph ends up in a footnote, and every input character is accounted for."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import unmark
from unmark.evaluate import unaccounted_text, units_by_line

DATA = Path(__file__).resolve().parent / "data" / "linebreaks"
CASES = sorted(p.name[: -len(".labels.json")] for p in DATA.glob("*.labels.json"))


def test_every_extractor_has_cases():
    extractors = {c.rsplit(".", 1)[1] for c in CASES}
    assert {"pdftotext", "pdftotext-layout", "pypdf", "pymupdf"} <= extractors
    # right-to-left text through every extractor too (each reorders and splits lines its own way)
    arabic = {c.rsplit(".", 1)[1] for c in CASES
              if json.loads((DATA / f"{c}.labels.json").read_text(encoding="utf-8"))["lang"] == "ar"}
    assert arabic == extractors


@pytest.mark.parametrize("mode", ["auto", "lang"])
@pytest.mark.parametrize("case", CASES)
def test_labelled_boundaries(case, mode):
    text = (DATA / f"{case}.txt").read_text(encoding="utf-8")
    gold = json.loads((DATA / f"{case}.labels.json").read_text(encoding="utf-8"))
    doc = unmark.parse(text, lang=gold["lang"] if mode == "lang" else "auto")
    units = units_by_line(doc)
    scored = [b for b in gold["boundaries"] if b["label"] in ("soft", "hard")]
    assert len(scored) >= (20 if gold["lang"] == "ar" else 50)  # (the Arabic case is a two-page resolution)
    wrong = []
    for b in scored:
        soft = bool(units.get(b["a"], set()) & units.get(b["b"], set()))
        if soft != (b["label"] == "soft"):
            wrong.append((b["label"], b["a"], b["b"]))
    assert len(wrong) <= 0.02 * len(scored), wrong
    # labelled lines are body text: none of them is read as a footnote
    notes = {f"footnotes[{i}]" for i in range(len(doc.footnotes))}
    lines = text.split("\n")
    in_notes = [b["a"] for b in scored if units.get(b["a"], set()) & notes
                and not lines[b["a"] - 1].strip()[:1].isdigit()]
    assert not in_notes, in_notes[:5]


@pytest.mark.parametrize("case", CASES)
def test_no_text_lost(case):
    text = (DATA / f"{case}.txt").read_text(encoding="utf-8")
    doc = unmark.parse(text)
    assert unaccounted_text(text, doc) == []
