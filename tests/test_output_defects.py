"""Output defects found on a fresh machine, each pinned by a test."""
from __future__ import annotations

from pathlib import Path

import unmark
from unmark.cli import main

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
SEED = EX / "CTOC_COP_WG.7_2020_2.zh.txt"


def test_markdown_bullet_items_are_one_list_marker():
    doc = unmark.parse_text("1. The Working Group recommends that States:\n– strengthen cooperation;\n"
                            "- share information;\n• train staff.\n(a) report on progress;\n")
    md = doc.to_markdown()
    assert "- strengthen cooperation;" in md and "- share information;" in md and "- train staff." in md
    assert "- – " not in md and "- - " not in md and "- • " not in md
    assert "- (a) report on progress;" in md  # a real label stays


def test_sheet_page_numbers_are_integers_blank_when_missing(tmp_path):
    from unmark.align.types import AlignedRow, Alignment, Segment
    from unmark.io.sheets import to_tsv, to_xlsx_bytes

    al = Alignment(("zh", "en"), (
        AlignedRow({"zh": Segment("zh", "甲", page=3, paragraph="1"), "en": Segment("en", "A", page=3, paragraph="1")}),
        AlignedRow({"zh": Segment("zh", "乙", page=4, paragraph="2"), "en": None}, kind="1-0"),
    ))
    rows = [ln.split("\t") for ln in to_tsv(al).splitlines()]
    head = rows[0]
    zi, ei = head.index("zh_page"), head.index("en_page")
    assert [r[zi] for r in rows[1:]] == ["3", "4"] and [r[ei] for r in rows[1:]] == ["3", ""]
    p = tmp_path / "a.xlsx"
    p.write_bytes(to_xlsx_bytes(al))
    import openpyxl

    ws = openpyxl.load_workbook(p).active
    hd = [c.value for c in ws[1]]
    vals = [(r[hd.index("zh_page")].value, r[hd.index("en_page")].value) for r in ws.iter_rows(min_row=2)]
    assert vals == [(3, 3), (4, None)]


def test_glossary_provenance_of_line_parallel_input(tmp_path, capsys):
    zh, en = EX / "A_RES_55_100.zh.txt", EX / "A_RES_55_100.en.txt"
    out = tmp_path / "g.tsv"
    assert main(["terms", "--aligned", str(zh), str(en), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "line " in text and "para. " not in text
    assert f"{zh.name} / {en.name}" in text  # each side's own file


def test_symbols_all_holds_the_documents_own_symbol():
    doc = unmark.parse(SEED)
    m = doc.metadata
    assert m.symbol == "CTOC/COP/WG.7/2020/2"
    assert m.symbols_all[0] == m.symbol and "CTOC/COP/WG.7/2019/4" in m.symbols_all
    assert len(set(m.symbols_all)) == len(m.symbols_all)


def test_plain_text_format(tmp_path, capsys):
    out = tmp_path / "x.txt"
    assert main(["parse", str(EX / "plan_1.en.pdf"), "--format", "plain", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\f" not in text and not any(ln != ln.rstrip() for ln in text.splitlines())
    assert "A/RES/48/246" in text and "\n\n" in text
