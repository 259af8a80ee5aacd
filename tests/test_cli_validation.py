"""Flags are validated (a coded error, never a silently odd run), 0 means "no limit" for every
limit, warnings are summarised on stderr one line per code, align --presplit follows -o."""
from __future__ import annotations

from pathlib import Path

import pytest

from unmark.cli import main
from unmark.errors import UnmarkError

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
ZH, EN = str(EX / "A_RES_55_100.zh.txt"), str(EX / "A_RES_55_100.en.txt")
PDF_EN, PDF_ES = str(EX / "plan_1.en.pdf"), str(EX / "plan_1.es.pdf")
SEED = str(EX / "CTOC_COP_WG.7_2020_2.zh.txt")


def run(capsys, *args):
    rc = main([str(a) for a in args])
    return rc, capsys.readouterr().err


@pytest.mark.parametrize("flag", [["--timeout", "-5"], ["--max-pages", "-1"], ["--max-pages", "2.5"], ["--max-mb", "-3"]])
def test_negative_limits_are_e123(tmp_path, capsys, flag):
    rc, err = run(capsys, "parse", EN, "-o", tmp_path / "x.json", *flag)
    assert rc == 1 and "E123" in err and flag[0] in err and not (tmp_path / "x.json").exists()


def test_zero_means_no_limit_everywhere(tmp_path, capsys):
    from unmark.batch import BatchOptions
    from unmark.pipeline import ParseOptions

    o = ParseOptions(max_pages=0, timeout=0)
    assert o.max_pages is None and o.timeout is None
    b = BatchOptions(max_pages=0, timeout=0, memory_mb=0)
    assert (b.max_pages, b.timeout, b.memory_mb) == (None, None, None)
    with pytest.raises(UnmarkError) as ei:
        BatchOptions(timeout=-5)
    assert ei.value.code == "E504"
    rc, err = run(capsys, "parse", PDF_EN, "--max-pages", "0", "--timeout", "0", "-o", tmp_path / "x.json")
    assert rc == 0, err  # before: --max-pages 0 refused every PDF ("over the limit of 0")


def test_input_size_limit_has_a_flag(tmp_path, capsys):
    rc, err = run(capsys, "parse", SEED, "--max-mb", "0.01", "-o", tmp_path / "x.json")
    assert rc == 1 and "E104" in err
    assert run(capsys, "parse", SEED, "--max-mb", "1", "-o", tmp_path / "x.json")[0] == 0


def test_align_flag_validation(tmp_path, capsys):
    out = tmp_path / "a.tmx"
    rc, err = run(capsys, "align", ZH, EN, "-o", out, "--low", "5")
    assert rc == 1 and "E127" in err
    rc, err = run(capsys, "align", ZH, EN, "-o", out, "--xml-lang", "en=")
    assert rc == 1 and "E307" in err
    rc, err = run(capsys, "align", ZH, EN, "-o", out, "--xml-lang", "de=de-DE")
    assert rc == 1 and "E307" in err and "de" in err
    assert not out.exists()
    rc, err = run(capsys, "align", ZH, EN, "-o", out, "--xml-lang", "zh=zh-TW,en=en-GB")
    assert rc == 0 and 'xml:lang="zh-TW"' in out.read_text(encoding="utf-8")


def test_langs_that_relabel_a_document_are_refused(tmp_path, capsys):
    out = tmp_path / "a.tmx"
    rc, err = run(capsys, "align", PDF_EN, PDF_ES, "--langs", "en,zh", "-o", out)
    assert rc == 1 and "E124" in err and "es" in err and not out.exists()
    assert run(capsys, "align", PDF_EN, PDF_ES, "--langs", "en,es", "-o", out)[0] == 0


def test_declared_language_contradicting_the_script_warns(tmp_path, capsys):
    rc, err = run(capsys, "parse", SEED, "--lang", "en", "-o", tmp_path / "x.json")
    assert rc == 0 and "W300" in err
    rc, err = run(capsys, "parse", SEED, "--lang", "zh", "-o", tmp_path / "x.json")
    assert rc == 0 and "W300" not in err


def test_repeated_warnings_are_one_line_per_code(tmp_path, capsys):
    p = tmp_path / "jumps.txt"
    p.write_text("\n".join(f"{i * 3 + 1}. The General Assembly decides to continue the work on item {i}."
                           for i in range(300)) + "\n", encoding="utf-8")
    rc, err = run(capsys, "parse", p, "-o", tmp_path / "x.json")
    lines = [ln for ln in err.splitlines() if "W110" in ln]
    assert rc == 0 and len(lines) == 1 and "x299" in lines[0], err
    import json

    doc = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert sum(w["code"] == "W110" for w in doc["warnings"]) == 299  # every detail stays in the document


def test_explain_unknown_rule_lists_the_rules(capsys):
    rc, err = run(capsys, "explain", SEED, "--rule", "nosuchrule")
    assert rc == 1 and "E125" in err and "furniture.header" in err
    assert run(capsys, "explain", SEED, "--rule", "furniture")[0] == 0
    assert run(capsys, "explain", SEED, "--rule", "contents.entry")[0] == 0  # a known rule that did not fire


def test_presplit_output_follows_o(tmp_path, capsys):
    out = tmp_path / "p.tmx"
    rc, err = run(capsys, "align", "--presplit", ZH, EN, "-o", out)
    text = out.read_text(encoding="utf-8")
    assert rc == 0 and text.startswith("<?xml") and text.count("<tu ") >= 10 and "line 1" in text
    rc, err = run(capsys, "align", "--presplit", ZH, EN, "--format", "beads", "-o", tmp_path / "b.tmx")
    assert rc == 1 and "E306" in err and not (tmp_path / "b.tmx").exists()
    rc, _ = run(capsys, "align", "--presplit", ZH, EN, "-o", tmp_path / "b.txt")
    assert rc == 0 and (tmp_path / "b.txt").read_text().startswith("[0]:[0]")
