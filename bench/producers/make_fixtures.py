"""Pick a stratified sample of the producer matrix as test fixtures (small PDFs + truth + the
text pdftotext makes of them), into tests/pdf/fixtures/producers/.

    python bench/producers/make_fixtures.py [--out /tmp/unmark-producers] [--n 36]

Every value of every axis appears at least once; short documents (the resolution, the letter,
the Secretary-General's report) are preferred so the fixtures stay small. Run
bench/bench_producers.py first (it generates the variants into --out).
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

from bench_producers import DOCS, variants  # noqa: E402
from score import expected_metadata  # noqa: E402

DEST = ROOT / "tests" / "pdf" / "fixtures" / "producers"
SMALL = ("ares55_100", "letter_s", "sg_conferences")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/unmark-producers")
    ap.add_argument("--n", type=int, default=36)
    ap.add_argument("--max-kb", type=int, default=200)
    a = ap.parse_args(argv)
    src = Path(a.out)
    docs = {p.stem.removesuffix("_zh"): json.loads(p.read_text()) for p in sorted(DOCS.glob("*_zh.json"))}
    from bench_producers import vid

    vs = [v for v in variants(docs, True) if v["doc"] in SMALL]
    have = [v for v in vs if (src / (vid(v) + ".pdf")).exists() and (src / (vid(v) + ".pdf")).stat().st_size < a.max_kb * 1024]
    chosen: list[dict] = []
    need = {(k, str(v[k])) for v in have for k in v if k not in ("tagged",)}
    # the unpdf PDFs embed their fonts (~100 KB): the two engines on the two shortest documents
    unpdf = [v for v in have if v["producer"] != "cjkpdf"]
    for eng, doc, form in (("unpdf-lo", "ares55_100", "fullwidth"), ("unpdf-wl", "ares55_100", "fullstop"),
                           ("unpdf-lo", "letter_s", "ascii"), ("unpdf-wl", "letter_s", "fullwidth"),
                           ("unpdf-wt", "letter_s", "fullstop")):
        pick = next((v for v in unpdf if v["producer"] == eng and v["doc"] == doc and v["labels"] == form), None)
        if pick is not None:
            chosen.append(pick)
            have.remove(pick)
            need -= {(k, str(pick[k])) for k in pick}
    have = [v for v in have if v["producer"] == "cjkpdf"]
    while need and len(chosen) < a.n:
        best = max(have, key=lambda v: (len({(k, str(v[k])) for k in v if k != "tagged"} & need), -len(chosen)))
        gain = {(k, str(best[k])) for k in best if k != "tagged"} & need
        if not gain:
            break
        chosen.append(best)
        have.remove(best)
        need -= gain
    for v in sorted(have, key=lambda v: v["producer"] != "cjkpdf"):  # fill up with the small cjkpdf files
        if len(chosen) >= a.n:
            break
        if v["producer"] == "cjkpdf" and sum(1 for c in chosen if c["doc"] == v["doc"]) < a.n // 3 + 1:
            chosen.append(v)
    if DEST.exists():
        shutil.rmtree(DEST)
    DEST.mkdir(parents=True)
    for v in chosen:
        name = vid(v)
        pdf = src / (name + ".pdf")
        truth = json.loads((src / (name + ".truth.json")).read_text())
        truth["variant"] = v
        truth["expected_metadata"] = expected_metadata(docs[v["doc"]])
        short = f"{v['doc']}.{chosen.index(v):02d}"
        shutil.copy(pdf, DEST / f"{short}.pdf")
        (DEST / f"{short}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=None) + "\n")
        txt = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True).stdout
        (DEST / f"{short}.pdftotext.txt").write_bytes(txt)
    total = sum(p.stat().st_size for p in DEST.iterdir())
    print(f"{len(chosen)} fixtures, {total / 1024:.0f} KB in {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
