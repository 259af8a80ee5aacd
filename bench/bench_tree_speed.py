"""Parse speed of two checkouts side by side (before/after a refactoring), in CPU time.

    python bench/bench_tree_speed.py BEFORE_DIR AFTER_DIR [--rounds 3] [--label NAME]

Each round runs, in a fresh process per checkout (alternating which goes first), unmark.parse over
this repository's PDFs (tests/pdf/fixtures, both backends) plus the huridocs PDFs, and the text
inputs (tests/data/pdftotext, the seed, GA 55/100 in six languages); per file the best of two runs
in CPU time of the process (the cores are shared: wall-clock time would measure the other
processes too). The table gives the range over rounds. Writes bench/results/<--name>.json.
Documents in ../shared are skipped when it is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from benchutil import table, write_results  # noqa: E402

SHARED = ROOT.parent / "shared"

_CHILD = r"""
import gc, json, sys, time
from pathlib import Path
tree, root, shared = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
sys.path.insert(0, str(tree))
import unmark
from unmark.pipeline import ParseOptions
pdfs = sorted((root / "tests/pdf/fixtures").glob("*.pdf")) + sorted((shared / "corpus/huridocs/pdfs").glob("*.pdf"))
texts = (sorted((root / "tests/data/pdftotext").glob("*.txt")) + [root / "examples/CTOC_COP_WG.7_2020_2.zh.txt"]
         + sorted((shared / "corpus/un_ga_55_100").glob("*.txt")))
unmark.parse(texts[0])
def best(fn):
    b = float("inf")
    for _ in range(2):
        gc.collect(); t0 = time.process_time(); fn(); b = min(b, time.process_time() - t0)
    return b
out = {
    "pdf pypdf": sum(best(lambda p=p: unmark.parse(p, options=ParseOptions(backend="pypdf"))) for p in pdfs),
    "pdf pdfium": sum(best(lambda p=p: unmark.parse(p, options=ParseOptions(backend="pdfium"))) for p in pdfs),
    "text": sum(best(lambda p=p: unmark.parse(p)) for p in texts),
}
print(json.dumps(out))
"""


def run(tree: Path) -> dict:
    res = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(ROOT), str(SHARED)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description="parse CPU time of two checkouts")
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--label", default="before/after")
    ap.add_argument("--name", default="bench_tree_speed", help="results file name (bench/results/NAME.json)")
    args = ap.parse_args()
    trees = {"before": Path(args.before).resolve(), "after": Path(args.after).resolve()}
    got: dict[str, list[dict]] = {"before": [], "after": []}
    for r in range(args.rounds):
        order = ("before", "after") if r % 2 == 0 else ("after", "before")
        for name in order:
            got[name].append(run(trees[name]))
            print(f"round {r + 1} {name}: {got[name][-1]}", file=sys.stderr)
    rows = []
    for key in got["before"][0]:
        b = [x[key] for x in got["before"]]
        a = [x[key] for x in got["after"]]
        rows.append([key, f"{min(b):.3f}-{max(b):.3f}", f"{min(a):.3f}-{max(a):.3f}", round(min(a) / min(b), 3)])
    out = write_results(
        args.name,
        [table("cpu", f"Parse CPU seconds, range over {args.rounds} rounds ({args.label})",
               ["input", "before", "after", "after/before (fastest)"], rows)],
        notes=[f"before: {trees['before']}", f"after: {trees['after']}",
               "Per file the best of two parses in process CPU time, summed; one fresh process per "
               "checkout and round, alternating which goes first."],
    )
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
