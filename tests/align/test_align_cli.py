"""``unmark align`` on JSON documents and ``--presplit`` beads."""
from __future__ import annotations

import json

import pytest

from unmark.cli import main

from align_cases import EN_SENTENCES, GOLD, ZH_SENTENCES


def _write_docs(tmp_path, *docs):
    paths = []
    for d in docs:
        p = tmp_path / f"{d.language}.json"
        p.write_text(d.to_json(), encoding="utf-8")
        paths.append(str(p))
    return paths


def test_presplit_beads_to_stdout(tmp_path, capsys):
    s, t = tmp_path / "zh.txt", tmp_path / "en.txt"
    s.write_text("\n".join(ZH_SENTENCES) + "\n", encoding="utf-8")
    t.write_text("\n".join(EN_SENTENCES) + "\n", encoding="utf-8")
    rc = main(["align", "--presplit", str(s), str(t), "--src-lang", "zh", "--tgt-lang", "en", "--format", "beads"])
    assert rc == 0
    lines = capsys.readouterr().out.splitlines()
    expect = ["[" + ",".join(map(str, a)) + "]:[" + ",".join(map(str, b)) + "]" for a, b in GOLD]
    assert lines == expect


def test_presplit_to_file(tmp_path):
    s, t, o = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "beads.txt"
    s.write_text("一。\n二。\n", encoding="utf-8")
    t.write_text("One.\nTwo.\n", encoding="utf-8")
    assert main(["align", "--presplit", str(s), str(t), "-o", str(o)]) == 0
    assert o.read_text(encoding="utf-8") == "[0]:[0]\n[1]:[1]\n"


@pytest.mark.parametrize("ext", ["tmx", "tsv", "xlsx", "jsonl", "html"])
def test_align_json_documents(tmp_path, zh_doc, en_doc, ext):
    paths = _write_docs(tmp_path, zh_doc, en_doc)
    out = tmp_path / f"out.{ext}"
    rc = main(["align", *paths, "-o", str(out), "--level", "sentence", "--xml-lang", "en=en-GB"])
    assert rc == 0 and out.exists() and out.stat().st_size > 200
    if ext == "tmx":
        assert 'xml:lang="en-GB"' in out.read_text(encoding="utf-8")
    if ext == "jsonl":
        rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert set(rec["cells"]) == {"zh", "en"}


def test_three_way_with_langs(tmp_path, zh_doc, en_doc, fr_doc):
    paths = _write_docs(tmp_path, zh_doc, en_doc, fr_doc)
    out = tmp_path / "three.jsonl"
    assert main(["align", *paths, "-o", str(out), "--langs", "zh,en,fr"]) == 0
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert list(rec["cells"]) == ["zh", "en", "fr"]


def test_usage_errors(tmp_path, zh_doc, capsys):
    paths = _write_docs(tmp_path, zh_doc)
    assert main(["align", paths[0], paths[0]]) == 1  # no -o
    assert "E306" in capsys.readouterr().err
    assert main(["align", paths[0], paths[0], "-o", str(tmp_path / "x.docx")]) == 1
    assert main(["align", "--presplit", str(tmp_path / "missing.txt"), paths[0]]) == 1


def test_presplit_rows_are_calibrated(tmp_path):
    """--presplit writes the calibrated probability (sentence model) and flags below its threshold."""
    from unmark.align import align_sentences
    from unmark.align import calibrate as cal

    s, t, o = tmp_path / "zh.txt", tmp_path / "en.txt", tmp_path / "out.jsonl"
    s.write_text("\n".join(ZH_SENTENCES) + "\n", encoding="utf-8")
    t.write_text("\n".join(EN_SENTENCES) + "\n", encoding="utf-8")
    assert main(["align", "--presplit", str(s), str(t), "--src-lang", "zh", "--tgt-lang", "en", "-o", str(o)]) == 0
    rows = [json.loads(x) for x in o.read_text(encoding="utf-8").splitlines()]
    want = align_sentences(ZH_SENTENCES, EN_SENTENCES, "zh", "en", calibrated=True)
    assert [r["confidence"] for r in rows] == [round(c, 3) for *_, c in want]
    thr = cal.threshold("sentence")
    assert [r["low_confidence"] for r in rows] == [r["confidence"] < thr for r in rows]
