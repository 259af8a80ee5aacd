"""The line-break benchmark's reading of the human labels (bench/linebreak_labels.py): the masthead
scored by the metadata fields unmark outputs for it, and layout cells of short lines judged by
their own lines only."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import unmark

_spec = importlib.util.spec_from_file_location("linebreak_labels", Path(__file__).resolve().parents[1] / "bench/linebreak_labels.py")
L = sys.modules.setdefault("linebreak_labels", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(L)

MASTHEAD = """General Assembly Distr.: General
4 May 2030
Original: French
Seventy-ninth session
Agenda item 12
Report of the Economic and Social Council
The General Assembly,
Recalling its resolution 78/1 of 3 October 2029 on the improvement of the documentation of
its sessions and the work of its Main Committees,
"""


def test_masthead_fields_are_units_of_their_own():
    doc = unmark.parse(MASTHEAD, lang="en")
    block = L.units_by_line(doc)
    assert block[2] & block[3], "unmark keeps the masthead lines in one block"
    fields = L.masthead_fields(doc, block)
    # read as the fields unmark outputs (date, original language): two units, one break between
    assert not L.predicted_soft(fields, 2, 3)
    assert doc.metadata.date == "4 May 2030" and doc.metadata.original_language == "French"
    # a wrap of the body keeps its one unit
    assert L.predicted_soft(fields, 8, 9)


def test_a_cell_is_judged_by_its_own_lines():
    lines = ["Distr.: General", "14 August 2019", "Original: English",
             "1. The present report was prepared pursuant to Human Rights Council resolutions 5/1 and",
             "16/21, taking into consideration the periodicity of the universal periodic review."]
    paras = ["Distr.: General 14 August 2019 Original: English", " ".join(lines[3:])]
    bounds, _ = L.label_boundaries(lines, paras)
    assert [b.label for b in bounds] == ["soft", "soft", "hard", "soft"]
    # the masthead paragraph is a cell of short lines: the long first line of the next paragraph
    # (after the hard break) is not its line
    assert L.cell_paragraphs(lines, bounds) == {0}
