import json

import pytest

from unmark.cli import main
from unmark.errors import TermsError
from unmark.terms import read_alignment_file
from unmark.terms.inputs import pair_folder

from .conftest import DATA

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh" datatype="plaintext"/>
<body>
<tu><prop type="x-unmark-symbol">A/RES/73/195</prop><prop type="x-unmark-paragraph">3</prop>
<tuv xml:lang="zh-CN"><seg>会员国应当打击偷运移民。</seg></tuv><tuv xml:lang="en"><seg>Member States should combat the smuggling of migrants.</seg></tuv></tu>
<tu><tuv xml:lang="zh"><seg>只有中文</seg></tuv></tu>
</body></tmx>"""


def test_tmx_reader(tmp_path):
    p = tmp_path / "a.tmx"
    p.write_text(TMX, encoding="utf-8")
    pairs = read_alignment_file(p, "zh", "en")
    assert len(pairs) == 1
    a, b = pairs[0]
    assert a.symbol == "A/RES/73/195" and a.paragraph == "3" and b.text.startswith("Member States")


def test_tsv_and_jsonl_readers(tmp_path):
    t = tmp_path / "a.tsv"
    t.write_text("zh\ten\tsymbol\n会员国\tMember States\tA/1\n\t\t\n", encoding="utf-8")
    assert [(a.text, b.text, a.symbol) for a, b in read_alignment_file(t, "zh", "en")] == [("会员国", "Member States", "A/1")]
    t2 = tmp_path / "b.tsv"
    t2.write_text("source\ttarget\n秘书长\tSecretary-General\n", encoding="utf-8")
    assert read_alignment_file(t2, "zh", "en")[0][1].text == "Secretary-General"
    j = tmp_path / "a.jsonl"
    rows = [{"cells": {"zh": {"text": "秘书长", "symbol": "A/2", "paragraph": 4}, "en": {"text": "Secretary-General"}}, "confidence": 0.9},
            {"cells": {"zh": {"text": "无"}, "en": None}}]
    j.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    pairs = read_alignment_file(j, "zh", "en")
    assert len(pairs) == 1 and pairs[0][0].paragraph == "4" and pairs[0][0].symbol == "A/2"


def test_bad_inputs_are_coded(tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(TermsError) as e:
        read_alignment_file(bad, "zh", "en")
    assert e.value.code == "E412"
    with pytest.raises(TermsError) as e:
        read_alignment_file(tmp_path / "x.docx", "zh", "en")
    assert e.value.code == "E414"


def test_alignment_file_in_other_languages_is_a_coded_error(tmp_path):
    tmx = tmp_path / "zh_fr.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>偷运移民</seg></tuv><tuv xml:lang="fr-FR"><seg>trafic illicite de migrants</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    with pytest.raises(TermsError) as e:
        read_alignment_file(tmx, "zh", "en")
    assert e.value.code == "E418" and "fr, zh" in str(e.value)
    assert len(read_alignment_file(tmx, "zh", "fr")) == 1


def test_folder_pairing(tmp_path):
    for n in ("r1.zh.txt", "r1.en.txt", "r2_ZH.txt", "r2_EN.txt", "lonely.zh.txt"):
        (tmp_path / n).write_text("x", encoding="utf-8")
    got = sorted((a.name, b.name) for a, b in pair_folder(tmp_path, "zh", "en"))
    assert got == [("r1.zh.txt", "r1.en.txt"), ("r2_ZH.txt", "r2_EN.txt")]


def test_cli_terms_and_check(tmp_path, capsys):
    zh, en = str(DATA / "un_style.zh.txt"), str(DATA / "un_style.en.txt")
    out = tmp_path / "g.tbx"
    assert main(["terms", "--aligned", zh, en, "-o", str(out), "--max", "5"]) == 0
    assert out.read_text(encoding="utf-8").count("<conceptEntry") == 5
    csv = tmp_path / "g.csv"
    assert main(["terms", "--aligned", zh, en, "-o", str(csv), "--glossary", str(out)]) == 0
    assert csv.read_text(encoding="utf-8-sig").count(",known") == 5
    rep = tmp_path / "r.html"
    assert main(["check", "--glossary", str(csv), "--aligned", zh, en, "-o", str(rep)]) == 0
    assert rep.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    assert main(["check", "--glossary", str(csv), "--aligned", zh, en]) == 0
    assert capsys.readouterr().out.startswith("source term\texpected target")


def test_cli_errors_exit_nonzero(tmp_path, capsys):
    assert main(["terms", str(tmp_path / "missing.pdf"), str(tmp_path / "other.pdf"), "-o", str(tmp_path / "g.tbx")]) == 1
    assert "E410" in capsys.readouterr().err
    assert main(["terms", "-o", str(tmp_path / "g.tbx")]) == 1


def test_reads_what_the_aligner_writes(tmp_path, pairs):
    """Round trip through unmark.io's TMX/TSV/JSONL writers."""
    from unmark.align.types import AlignedRow, Alignment, Segment
    from unmark.io import sheets, tmx

    rows = tuple(AlignedRow({"zh": Segment("zh", a.text, "A/1", 2, str(i)), "en": Segment("en", b.text, "A/1", 2, str(i))})
                 for i, (a, b) in enumerate(pairs, 1))
    al = Alignment(("zh", "en"), rows, level="sentence")
    for name, write in (("a.tmx", tmx.write_tmx), ("a.tsv", sheets.write_tsv), ("a.jsonl", sheets.write_jsonl)):
        path = tmp_path / name
        write(al, path)
        got = read_alignment_file(path, "zh", "en")
        assert [(x.text, y.text) for x, y in got] == [(a.text, b.text) for a, b in pairs], name
        assert got[3][0].paragraph == "4" and got[3][0].page == 2, name
