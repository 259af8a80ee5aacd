"""One-off converter: the real seed text (CTOC/COP/WG.7/2020/2, Chinese, as Tika extracted it)
-> an unpdf document JSON (bench/producers/docs/ctoc_wg7_zh.json).

    python bench/producers/seed_to_doc.py [--shared ../shared]

The seed parses 78/78 as text; its blocks, items, footnote markers and notes are written out
as unpdf input and then checked by hand (the JSON is committed; re-running overwrites it).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import unmark  # noqa: E402


def with_markers(text: str, refs) -> str:
    out, last = [], 0
    for r in sorted(refs, key=lambda r: r.offset):
        out.append(text[last:r.offset])
        out.append(f"[^{r.label}]")
        last = r.offset
    out.append(text[last:])
    return "".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    seed = Path(a.shared) / "corpus/seed/CTOC_COP_WG.7_2020_2.zh.txt"
    if not seed.is_file():
        print(f"SKIP: {seed} not found (needs the shared corpus)")
        return 0
    doc = unmark.parse(seed.read_text(encoding="utf-8"), lang="zh", sentences=False)
    blocks = []
    for b in doc.blocks:
        if b.type == "front":
            continue
        if b.type == "heading":
            h = {"type": "heading", "text": with_markers(b.text, b.footnote_refs)}
            if b.label:
                h["label"] = b.label
            else:
                h["level"] = 4
            blocks.append(h)
            continue
        p = {"type": "paragraph", "number": b.number,
             "text": with_markers(b.text, [r for r in b.footnote_refs if r.item is None])}
        if b.items:
            items = []
            for i, it in enumerate(b.items):
                t = with_markers(it.text, [r for r in it.footnote_refs if r.item == i])
                items.append(t if it.label.startswith("(") else {"label": it.label, "text": t})
            p["items"] = items
        blocks.append(p)
    notes = {f.label: f.text for f in doc.footnotes}
    out = {
        "_source": "CTOC/COP/WG.7/2020/2 (Chinese), real text from the seed; masthead fields as in the original",
        "symbol": "CTOC/COP/WG.7/2020/2",
        "job_number": "V.20-03080",
        "lang": "zh",
        "original_lang": "en",
        "date": "8 July 2020",
        "distribution": "General",
        "organ": "联合国打击跨国有组织犯罪公约缔约方会议",
        "front": [
            "偷运移民问题工作组",
            "2020 年 9 月 8 日和 9 日，维也纳",
            "临时议程[^*]项目 2",
            {"text": doc.metadata.agenda_title, "role": "meta"},
        ],
        "title": doc.metadata.title,
        "subtitle": doc.metadata.subtitle,
        "blocks": blocks,
        "footnotes": notes,
        "artifacts": {"broken_fields": [{"text": "错误!超链接引用无效。", "footnote": "3", "after": "可查阅"}]},
    }
    dst = ROOT / "bench/producers/docs/ctoc_wg7_zh.json"
    dst.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {dst}: {len(blocks)} blocks, {len(notes)} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
