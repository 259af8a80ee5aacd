"""The review page (self-contained, escaped, valid) and the corrections it exports, replayed by
``unmark.align.review`` and ``unmark align --apply``."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from unmark.align import align
from unmark.align.review import (alignment_from_page, apply_corrections, document_hash, load_corrections,
                                 replay)
from unmark.align.types import AlignedRow, Alignment, Segment
from unmark.cli import main
from unmark.errors import AlignmentError
from unmark.io.review_html import script_json, to_html
from unmark.io.tmx import to_tmx

from test_align_cli import _write_docs


def _table() -> Alignment:
    def seg(lang, text, par, page=1):
        return Segment(lang, text, symbol="A/RES/1", page=page, paragraph=par, block_index=int(par), source="x")

    rows = (
        AlignedRow({"zh": seg("zh", "第一段。", "1"), "en": seg("en", "First paragraph.", "1")}, 0.9),
        AlignedRow({"zh": seg("zh", "第二段。第三段。", "2"), "en": seg("en", "Second.", "2")}, 0.3, "1-1"),
        AlignedRow({"zh": None, "en": seg("en", "Third.", "3", 2)}, 0.0, "0-1"),
        AlignedRow({"zh": seg("zh", "第四段。", "4", 2), "en": seg("en", "Fourth.", "4", 2)}, 0.8),
    )
    return Alignment(("zh", "en"), rows, "sentence", (), {"low_confidence": 0.5})


HOSTILE = "</script><script>alert(1)</script> <!-- \x00\x01\x1f\x7f\x85\ufffe\uffff\ud800 & \u2028"


def test_page_is_self_contained_escaped_and_free_of_control_characters(zh_doc, ar_doc):
    al = align(zh_doc, ar_doc)
    rows = list(al.rows)
    rows[0] = replace(rows[0], cells={**rows[0].cells, "zh": replace(rows[0].cells["zh"], text=HOSTILE)})
    al = Alignment(al.langs, tuple(rows), al.level, ({"code": "W301", "message": "<b>x</b>\x01"},), al.meta)
    page = to_html(al)
    # nothing outside the file: no src/href to anything but the page itself, no link element
    markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert not re.search(r"<(link|img|iframe|object)\b", markup, re.I)
    assert not re.search(r"\b(src|href)\s*=", markup, re.I)
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|WebSocket|sendBeacon", page)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page  # and a CSP that forbids fetching anything
    # exactly two scripts, the data and the code, and the hostile text cannot close either
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "alert(1)" in page and "<script>alert" not in page
    # no character HTML forbids
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", page)
    page.encode("utf-8")  # no lone surrogate
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "W301" in page
    # the CJK and Arabic font fallbacks
    assert '"Noto Sans CJK SC"' in page and '"Noto Naskh Arabic"' in page and "Microsoft YaHei" in page
    # the data round-trips: the page holds the alignment exactly (text, provenance, hash)
    m = re.search(r'<script type="application/json" id="unmark-data">(.*?)</script>', page, re.S)
    data = json.loads(m.group(1))
    assert data["rows"][0]["cells"][0]["text"] == HOSTILE
    assert data["document"] == document_hash(al) and data["langs"] == ["zh", "ar"]
    assert data["xml_langs"] == {"zh": "zh-CN", "ar": "ar-SA"}


def test_page_parses_as_html_without_errors(tmp_path):
    etree = pytest.importorskip("lxml.etree")
    page = to_html(_table())
    doc = etree.fromstring(page.encode("utf-8"), etree.HTMLParser(recover=False))
    assert doc.find(".//table") is not None and doc.find(".//tbody[@id='rows']") is not None


def test_script_json_escapes():
    s = script_json({"t": "a</script>\x01\ufffe\u2028"})
    assert "<" not in s and "\x01" not in s and "\ufffe" not in s and json.loads(s)["t"] == "a</script>\x01\ufffe\u2028"


def test_page_round_trip_via_file(tmp_path):
    al = _table()
    p = tmp_path / "r.html"
    al.write(str(p))
    back = alignment_from_page(p)
    assert document_hash(back) == document_hash(al) and back.rows == al.rows and back.level == "sentence"
    bad = tmp_path / "other.html"
    bad.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(AlignmentError) as ei:
        alignment_from_page(bad)
    assert ei.value.code == "E323"


def test_operations_replay():
    al = _table()
    ops = [
        {"op": "split", "row": 1, "at": {"zh": 4}},               # 第二段。 | 第三段。 (en stays up)
        {"op": "edit", "row": 2, "lang": "en", "text": "Third."},  # the new lower row gets its English
        {"op": "merge", "row": 3},                                 # the 0-1 row with the next
        {"op": "review", "row": 0, "value": True},
        {"op": "edit", "row": 3, "lang": "zh", "text": "  "},      # blank text empties the cell
    ]
    fixed = apply_corrections(al, ops)
    t = [(r.text("zh"), r.text("en")) for r in fixed.rows]
    assert t == [("第一段。", "First paragraph."), ("第二段。", "Second."), ("第三段。", "Third."),
                 ("", "Third. Fourth.")]
    assert [r.kind for r in fixed.rows] == ["1-1", "1-1", "1-1", "0-2"]
    assert fixed.rows[3].cells["zh"] is None
    # the merged English keeps both labels and the first page; human-checked rows score 1.0
    assert fixed.rows[3].cells["en"].paragraph == "3+4" and fixed.rows[3].cells["en"].page == 2
    assert [r.confidence for r in fixed.rows] == [1.0, 1.0, 1.0, 1.0]
    # un-reviewing restores the original score
    again = apply_corrections(al, ops[:4] + [{"op": "review", "row": 0, "value": False}])
    assert again.rows[0].confidence == 0.9
    # the split keeps the provenance on both halves
    assert fixed.rows[2].cells["zh"].paragraph == "2" and fixed.rows[2].cells["zh"].page == 1


def test_paragraph_merge_joins_with_newline_and_split_counts_code_points():
    al = replace(_table(), level="paragraph")
    rows = replay(al, [{"op": "merge", "row": 0}])
    assert rows[0].cells["zh"].text == "第一段。\n第二段。第三段。" and rows[0].kind == "2-2"
    emoji = replace(al, rows=(AlignedRow({"zh": Segment("zh", "😀ab"), "en": Segment("en", "x")}),))
    rows = replay(emoji, [{"op": "split", "row": 0, "at": {"zh": 1}}])
    assert rows[0].cells["zh"].text == "😀" and rows[1].cells["zh"].text == "ab"


@pytest.mark.parametrize("op, detail", [
    ({"op": "explode", "row": 0}, "unknown operation"),
    ({"op": "merge", "row": 3}, "row 3"),
    ({"op": "edit", "row": 9, "lang": "en", "text": "x"}, "row 9"),
    ({"op": "edit", "row": 0, "lang": "de", "text": "x"}, "language 'de'"),
    ({"op": "split", "row": 0, "at": {"en": 99}}, "outside"),
    ({"op": "split", "row": 0}, "needs 'at'"),
])
def test_bad_operations_are_E322(op, detail):
    with pytest.raises(AlignmentError) as ei:
        apply_corrections(_table(), [op])
    assert ei.value.code == "E322" and detail in str(ei.value)


def test_corrections_file_errors(tmp_path):
    al = _table()
    p = tmp_path / "c.json"
    for text in ("{not json", json.dumps({"operations": []}), json.dumps({"format": "x"})):
        p.write_text(text, encoding="utf-8")
        with pytest.raises(AlignmentError) as ei:
            load_corrections(p)
        assert ei.value.code == "E320"
    with pytest.raises(AlignmentError) as ei:
        load_corrections(tmp_path / "missing.json")
    assert ei.value.code == "E320"
    other = {"format": "unmark-corrections", "version": 1, "document": "0" * 16, "operations": []}
    with pytest.raises(AlignmentError) as ei:
        apply_corrections(al, other)
    assert ei.value.code == "E321"
    assert apply_corrections(al, {**other, "document": document_hash(al)}).rows == al.rows


def test_cli_apply_on_documents_and_on_the_page_gives_the_same_tmx(tmp_path, zh_doc, en_doc, capsys):
    paths = _write_docs(tmp_path, zh_doc, en_doc)
    page = tmp_path / "review.html"
    assert main(["align", *paths, "--level", "sentence", "-o", str(page)]) == 0
    al = alignment_from_page(page)
    corr = {"format": "unmark-corrections", "version": 1, "document": document_hash(al),
            "operations": [{"op": "merge", "row": 2}, {"op": "edit", "row": 0, "lang": "en", "text": "UN"}]}
    cp = tmp_path / "corrections.json"
    cp.write_text(json.dumps(corr), encoding="utf-8")
    a, b = tmp_path / "a.tmx", tmp_path / "b.tmx"
    assert main(["align", *paths, "--level", "sentence", "--apply", str(cp), "-o", str(a)]) == 0
    assert main(["align", str(page), "--apply", str(cp), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes() == to_tmx(apply_corrections(al, corr)).encode("utf-8")
    assert "<seg>UN</seg>" in a.read_text(encoding="utf-8")
    for ext in ("tsv", "xlsx", "jsonl", "html"):
        out = tmp_path / f"fixed.{ext}"
        assert main(["align", str(page), "--apply", str(cp), "-o", str(out)]) == 0 and out.stat().st_size > 100
    # a different alignment (paragraph level) refuses the corrections
    capsys.readouterr()
    assert main(["align", *paths, "--apply", str(cp), "-o", str(tmp_path / "c.tmx")]) != 0
    assert "E321" in capsys.readouterr().err and not (tmp_path / "c.tmx").exists()
    # a page without --apply is a usage error
    assert main(["align", str(page), "-o", str(tmp_path / "d.tmx")]) != 0


def test_cli_apply_on_the_jsonl_alignment_gives_the_page_tmx(tmp_path, zh_doc, en_doc, capsys):
    """The JSONL that align writes is a full original: the corrections replayed on it give the same
    bytes as on the page, in every format align writes."""
    from unmark.align.review import alignment_from_jsonl

    paths = _write_docs(tmp_path, zh_doc, en_doc)
    page, jl = tmp_path / "review.html", tmp_path / "orig.jsonl"
    assert main(["align", *paths, "--level", "sentence", "-o", str(page)]) == 0
    assert main(["align", *paths, "--level", "sentence", "-o", str(jl)]) == 0
    al = alignment_from_page(page)
    back = alignment_from_jsonl(jl)
    assert back.rows == al.rows and back.langs == al.langs and back.level == "sentence"
    assert document_hash(back) == document_hash(al)
    assert back.meta["low_confidence"] == al.meta["low_confidence"]
    corr = {"format": "unmark-corrections", "version": 1, "document": document_hash(al),
            "operations": [{"op": "split", "row": 1, "at": {"en": 3}}, {"op": "merge", "row": 3},
                           {"op": "edit", "row": 0, "lang": "zh", "text": "联合国"}]}
    cp = tmp_path / "corrections.json"
    cp.write_text(json.dumps(corr), encoding="utf-8")
    for ext in ("tmx", "tsv", "xlsx", "jsonl", "html"):
        a, b = tmp_path / f"page.{ext}", tmp_path / f"jsonl.{ext}"
        assert main(["align", str(page), "--apply", str(cp), "-o", str(a)]) == 0
        assert main(["align", str(jl), "--apply", str(cp), "-o", str(b)]) == 0
        if ext == "html":  # the page is named after its file
            assert a.read_text(encoding="utf-8").replace('"name":"page"', '"name":"jsonl"') == \
                b.read_text(encoding="utf-8")
        elif ext != "xlsx":  # an XLSX zip carries its write time
            assert a.read_bytes() == b.read_bytes(), ext
    assert "<seg>联合国</seg>" in (tmp_path / "jsonl.tmx").read_text(encoding="utf-8")
    # the corrected JSONL is another alignment: replaying the same corrections on it is refused
    capsys.readouterr()
    assert main(["align", str(tmp_path / "jsonl.jsonl"), "--apply", str(cp), "-o", str(tmp_path / "x.tmx")]) != 0
    assert "E321" in capsys.readouterr().err and not (tmp_path / "x.tmx").exists()


def test_jsonl_threshold_is_the_one_written(tmp_path):
    from unmark.align.review import alignment_from_jsonl
    from unmark.io.sheets import write_jsonl

    al = _table()
    for low in (0.5, 0.85, 0.2):
        p = tmp_path / f"t{low}.jsonl"
        write_jsonl(al, p, low)
        back = alignment_from_jsonl(p)
        thr = back.meta["low_confidence"]
        assert [r.confidence < thr for r in back.rows] == [r.confidence < low for r in al.rows]


@pytest.mark.parametrize("content, detail", [
    ("", "holds no rows"),
    ("not json\n", "line 1: not JSON"),
    ('{"row": 1}\n', "line 1: no 'cells'"),
    ('{"cells": {"zh": null, "en": {"text": "a"}}, "kind": "0-1", "confidence": 2}\n', "confidence"),
    ('{"cells": {"zh": null, "en": {"text": "a"}}, "kind": "0-1", "confidence": 0.5}\n'
     '{"cells": {"zh": null, "fr": {"text": "a"}}, "kind": "0-1", "confidence": 0.5}\n', "line 2: languages"),
    ('{"cells": {"en": {"text": "a", "colour": 1}}, "kind": "1", "confidence": 0.5}\n', "not a segment"),
])
def test_bad_jsonl_original_is_E324(tmp_path, content, detail, capsys):
    p = tmp_path / "orig.jsonl"
    p.write_text(content, encoding="utf-8")
    cp = tmp_path / "c.json"
    cp.write_text(json.dumps({"format": "unmark-corrections", "version": 1, "operations": []}), encoding="utf-8")
    out = tmp_path / "out.tmx"
    assert main(["align", str(p), "--apply", str(cp), "-o", str(out)]) != 0
    err = capsys.readouterr().err
    assert "E324" in err and detail in err and not out.exists()


@pytest.mark.parametrize("ext", ["tmx", "tsv", "xlsx"])
def test_lossy_original_is_E325_naming_the_supported_ones(tmp_path, ext, capsys):
    p = tmp_path / f"orig.{ext}"
    _table().write(str(p))
    cp = tmp_path / "c.json"
    cp.write_text(json.dumps({"format": "unmark-corrections", "version": 1, "operations": []}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for argv in (["align", str(p), "--apply", str(cp), "-o", str(out)], ["align", str(p), "-o", str(out)]):
        capsys.readouterr()
        assert main(argv) != 0
        err = capsys.readouterr().err
        assert "E325" in err and ".html" in err and ".jsonl" in err and not out.exists()
