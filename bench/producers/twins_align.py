"""Generated zh/en twins: does every numbered Chinese paragraph pair with its English twin in
``unmark.align``? (unpdf Word-like PDFs of bench/producers/docs/*_zh.json and *_en.json)

    python bench/producers/twins_align.py [--shared ../shared] [--out /tmp/unmark-twins]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import unmark  # noqa: E402
from unmark.align import align  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default="/tmp/unmark-twins")
    a = ap.parse_args(argv)
    tool = Path(a.shared) / "tools/unpdf/unpdf.py"
    if not tool.is_file():
        print(f"SKIP: {tool} not found (needs the shared tools)")
        return 0
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    total = paired = 0
    for en_json in sorted((ROOT / "bench/producers/docs").glob("*_en.json")):
        name = en_json.stem.removesuffix("_en")
        docs = {}
        for lang in ("zh", "en"):
            pdf = out / f"{name}.{lang}.pdf"
            if not pdf.exists():
                subprocess.run([sys.executable, str(tool), str(en_json.with_name(f"{name}_{lang}.json")), "-o", str(pdf),
                                "--engine", "wordlike"], capture_output=True)
            docs[lang] = unmark.parse(str(pdf), lang=lang)
        al = align(docs["zh"], docs["en"])
        want = {i for i, b in enumerate(docs["zh"].blocks) if b.type == "paragraph" and b.number}
        got = set()
        for row in al.rows:
            z, e = row.cells.get("zh"), row.cells.get("en")
            if z is not None and e is not None and z.block_index is not None and e.block_index is not None:
                bz, be = docs["zh"].blocks[z.block_index], docs["en"].blocks[e.block_index]
                if bz.number and bz.number == be.number and bz.type == be.type == "paragraph":
                    got.add(z.block_index)
        total += len(want)
        paired += len(want & got)
        print(f"{name:16} numbered zh paragraphs {len(want):3}  paired with their twin {len(want & got):3}")
    print(f"all: {paired}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
