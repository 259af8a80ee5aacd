"""terms/check on a fresh user's inputs: languages detected from the inputs (or a coded error that
names what was found), never a 0-entry glossary with exit 0; check reads every format terms writes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from unmark.cli import main

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
ZH, EN = str(EX / "A_RES_55_100.zh.txt"), str(EX / "A_RES_55_100.en.txt")
PDF_EN, PDF_ES = str(EX / "plan_1.en.pdf"), str(EX / "plan_1.es.pdf")


def test_en_es_pdf_pair_without_language_flags(tmp_path, capsys):
    out = tmp_path / "g.json"
    assert main(["terms", PDF_EN, PDF_ES, "-o", str(out)]) == 0
    g = json.loads(out.read_text(encoding="utf-8"))
    assert (g["source_lang"], g["target_lang"]) == ("en", "es") and len(g["entries"]) > 5
    assert "(en -> es)" in capsys.readouterr().err


def test_given_languages_that_contradict_the_inputs_are_e423(tmp_path, capsys):
    out = tmp_path / "g.tsv"
    assert main(["terms", PDF_EN, PDF_ES, "--src-lang", "zh", "--tgt-lang", "en", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "E423" in err and "en and es" in err and not out.exists()
    # line-parallel files given en then zh, with the zh -> en flags
    assert main(["terms", "--aligned", EN, ZH, "--src-lang", "zh", "--tgt-lang", "en", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "E423" in err and "other order" in err and not out.exists()


def test_aligned_files_in_the_other_order_are_detected(tmp_path, capsys):
    out = tmp_path / "g.tsv"
    assert main(["terms", "--aligned", EN, ZH, "-o", str(out)]) == 0
    assert "(en -> zh)" in capsys.readouterr().err and out.stat().st_size > 0


def test_nothing_found_is_an_error_not_an_empty_glossary(tmp_path, capsys):
    a, b = tmp_path / "a.zh.txt", tmp_path / "b.en.txt"
    a.write_text("会议。\n", encoding="utf-8")
    b.write_text("Meeting.\n", encoding="utf-8")
    out = tmp_path / "g.tsv"
    assert main(["terms", "--aligned", str(a), str(b), "--src-lang", "zh", "--tgt-lang", "en", "-o", str(out)]) == 1
    assert "E425" in capsys.readouterr().err and not out.exists()


@pytest.fixture(scope="module")
def glossary():
    from unmark.terms import extract_terms
    from unmark.terms.readers import read_parallel_text

    return extract_terms(read_parallel_text(ZH, EN, "zh", "en"), "zh", "en")


@pytest.mark.parametrize("ext", [".tbx", ".csv", ".xlsx", ".tsv", ".json"])
def test_check_reads_every_format_terms_writes(tmp_path, glossary, ext, capsys):
    from unmark.terms import load_known

    g = tmp_path / f"g{ext}"
    glossary.save(g)
    known = load_known(g, "zh", "en")
    assert sorted((e.source, e.target) for e in known) == sorted((e.source, e.target) for e in glossary.entries)
    rep = tmp_path / "r.tsv"
    assert main(["check", "--glossary", str(g), "--aligned", ZH, EN, "-o", str(rep)]) == 0, capsys.readouterr().err
    assert rep.read_text(encoding="utf-8").startswith("\ufeff") or rep.stat().st_size > 0
