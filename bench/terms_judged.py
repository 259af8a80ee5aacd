"""Judged precision of the glossaries from the reviewer's filled samples.

    python bench/terms_judged.py        # reads bench/results/terms_judge_*_{top100,rand100}.tsv

Per file: how many rows carry a verdict, the counts of OK / PARTIAL / WRONG, the OK share and the
OK+PARTIAL share over the judged rows, against the targets (first 100: OK >= 95%; ranks 101-1000:
OK >= 85%; both: OK+PARTIAL >= 99%). Writes ``bench/results/terms_judged.json``. Rows without a
verdict are reported as not judged and left out of the shares.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TARGETS = {"top100": (0.95, 0.99), "rand100": (0.85, 0.99)}
VERDICTS = ("OK", "PARTIAL", "WRONG")


def read_verdicts(path: Path) -> tuple[Counter, int, list[str]]:
    counts: Counter = Counter()
    rows = 0
    bad: list[str] = []
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        rows += 1
        v = cols[header.index("verdict")].strip().upper() if len(cols) > header.index("verdict") else ""
        if not v:
            continue
        if v not in VERDICTS:
            bad.append(f"{path.name} rank {cols[0]}: unknown verdict {v!r}")
            continue
        counts[v] += 1
    return counts, rows, bad


def main() -> int:
    rows, notes = [], []
    for path in sorted(RESULTS.glob("terms_judge_*_*.tsv")):
        stem = path.stem[len("terms_judge_"):]
        name, _, sample = stem.rpartition("_")
        if sample not in TARGETS:
            continue
        counts, n, bad = read_verdicts(path)
        notes += bad
        judged = sum(counts.values())
        ok = counts["OK"] / judged if judged else None
        okp = (counts["OK"] + counts["PARTIAL"]) / judged if judged else None
        t_ok, t_okp = TARGETS[sample]
        met = None if ok is None else (ok >= t_ok and okp >= t_okp)
        rows.append([name, sample, n, judged, counts["OK"], counts["PARTIAL"], counts["WRONG"],
                     None if ok is None else round(ok, 3), None if okp is None else round(okp, 3),
                     f">= {t_ok:.2f} / >= {t_okp:.2f}", "not judged" if met is None else ("met" if met else "missed")])
    if not rows:
        notes.append("no judgement files: run python bench/terms_judge.py first")
    res = {
        "name": "terms_judged",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": datetime.date.today().isoformat(),
        "command": "python bench/terms_judged.py",
        "tables": [{"id": "judged", "title": "Judged glossary samples (reviewer verdicts, rubric in docs/glossary.md)",
                    "columns": ["set", "sample", "rows", "judged", "OK", "PARTIAL", "WRONG", "OK share",
                                "OK+PARTIAL share", "target (OK / OK+PARTIAL)", "targets"],
                    "rows": rows}],
        "notes": notes + ["top100: ranks 1-100 of the main list; rand100: 100 ranks drawn with seed 15 from 101-1000",
                          "shares are over the judged rows; a reviewer who did not write the extractor fills the verdicts"],
    }
    (RESULTS / "terms_judged.json").write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for r in rows:
        print("\t".join("" if x is None else str(x) for x in r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
