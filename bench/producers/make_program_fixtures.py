"""Pick the embedded-font-program variants of the producer matrix as test fixtures: for every kind
of bench/producers/cjkembed.py one variant of the letter, and one of the resolution for every
readable kind (small PDFs + truth + the text pdftotext makes of the same PDF with ToUnicode
maps), into tests/pdf/fixtures/programs/.

    python bench/producers/make_program_fixtures.py [--out /tmp/unmark-producers]

The variants are those bench/bench_producers.py makes (same axes, same file names); missing ones
are generated here.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "bench" / "producers"))

from bench_producers import DOCS, generate, twin, variants, vid  # noqa: E402
from cjkembed import READABLE  # noqa: E402
from score import expected_metadata  # noqa: E402

DEST = ROOT / "tests" / "pdf" / "fixtures" / "programs"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/unmark-producers")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    src = Path(a.out)
    src.mkdir(parents=True, exist_ok=True)
    docs = {p.stem.removesuffix("_zh"): json.loads(p.read_text()) for p in sorted(DOCS.glob("*_zh.json"))}
    vs = [v for v in variants(docs, False) if v.get("program")]
    chosen = []
    for doc in ("letter_s", "ares55_100"):
        for v in vs:
            if v["doc"] == doc and (doc == "letter_s" or v["program"] in READABLE) and \
                    not any(c["doc"] == doc and c["program"] == v["program"] for c in chosen):
                chosen.append(v)
    if DEST.exists():
        shutil.rmtree(DEST)
    DEST.mkdir(parents=True)
    for v in chosen:
        pdf = generate(v, docs[v["doc"]], src, Path(a.shared))
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())
        truth["variant"] = v
        truth["expected_metadata"] = expected_metadata(docs[v["doc"]])
        short = f"{v['doc']}.{v['program']}"
        shutil.copy(pdf, DEST / f"{short}.pdf")
        (DEST / f"{short}.truth.json").write_text(json.dumps(truth, ensure_ascii=False) + "\n")
        txt = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(twin(pdf)), "-"], capture_output=True).stdout
        (DEST / f"{short}.pdftotext.txt").write_bytes(txt)
        print(vid(v))
    total = sum(p.stat().st_size for p in DEST.iterdir())
    print(f"{len(chosen)} fixtures, {total / 1024:.0f} KB in {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
