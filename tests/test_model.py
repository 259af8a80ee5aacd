from __future__ import annotations

import json

from unmark.model import Document, MappedText


def test_mapped_text_edits_keep_provenance():
    a = MappedText.from_source("abc def", 1, 10)
    b = MappedText.from_source("ghi", 2, 3, col=4)
    j = MappedText.join([a, MappedText.inserted(" ", 1, 10), b])
    assert j.text == "abc def ghi"
    assert j.locate(0) == (1, 10, 0)
    assert j.locate(7) == (1, 10, -1)
    assert j.locate(9) == (2, 3, 5)
    r = j.replace_span(4, 7, "")
    assert r.text == "abc  ghi" and r.locate(5) == (2, 3, 4)
    s = j.slice(8)
    assert s.text == "ghi" and s.locate(0) == (2, 3, 4)
    assert sum(o.length for o in j.origins) == len(j.text)


def test_json_round_trip(seed_doc):
    d = seed_doc.to_dict()
    again = Document.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert again.to_dict() == d


def test_json_contract_shape(seed_doc):
    d = seed_doc.to_dict()
    assert {"language", "metadata", "blocks", "footnotes", "fixes", "warnings"} <= set(d)
    assert {"symbol", "job_number", "language", "distribution", "date", "original_language", "session",
            "agenda_item", "title"} <= set(d["metadata"])
    para = next(b for b in d["blocks"] if b["type"] == "paragraph" and b["items"])
    assert {"type", "label", "number", "text", "items", "footnote_refs"} <= set(para)
    assert not para["text"].startswith(str(para["number"]))
    assert {"label", "text"} <= set(para["items"][0]) and not para["items"][0]["text"].startswith("(")
    assert {"label", "text", "links"} <= set(d["footnotes"][0])
    assert {"rule", "page", "line", "before", "after"} <= set(d["fixes"][0])
    assert {b["type"] for b in d["blocks"]} <= {"front", "heading", "paragraph", "item"}


def test_markdown_and_text(seed_doc):
    md = seed_doc.to_markdown()
    assert "## 一. 导言" in md and "[^1]" in md and "[^star]:" in md
    assert "1\\. 本背景文件" in md
    txt = seed_doc.text()
    assert "(a) 缔约国如何加强" in txt and "V.20-03080" not in txt


def test_explain_lines(seed_doc):
    lines = seed_doc.explain()
    assert any("artifact.broken_field" in ln and "p3:l215" in ln for ln in lines)
    assert len(lines) == len(seed_doc.fixes)
