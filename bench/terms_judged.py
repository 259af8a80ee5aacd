"""Judged precision of the glossaries from the reviewer's filled samples.

    python bench/terms_judged.py        # reads bench/results/terms_judge_*_{top100,rand100}.tsv

Per file: how many rows carry a verdict, the counts of OK / PARTIAL / WRONG, the OK share and the
OK+PARTIAL share over the judged rows, against the targets (first 100: OK >= 95%; ranks 101-1000:
OK >= 85%; both: OK+PARTIAL >= 99%). Writes ``bench/results/terms_judged.json``. Rows without a
verdict are reported as not judged and left out of the shares.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchutil import table, write_results  # noqa: E402

RESULTS = HERE / "results"
PREVIOUS = RESULTS / "terms_judge_round4"     # the samples judged in the previous round, kept as they were
ROUND3 = RESULTS / "terms_judge_round3"       # the third round, kept as they were
ROUND2 = RESULTS / "terms_judge_round2"       # the second round, kept as they were
ROUND1 = RESULTS / "terms_judge_previous"     # the first round (an earlier session), kept as they were
TARGETS = {"top100": (0.95, 0.99), "rand100": (0.85, 0.99)}
VERDICTS = ("OK", "PARTIAL", "WRONG")


REUSED_MARK = "[verdict reused:"


def read_verdicts(path: Path) -> tuple[Counter, int, list[str]]:
    """(verdict counts, plus "reused": rows whose verdict was reused for an identical entry; rows; problems)."""
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
        note = cols[header.index("note")] if len(cols) > header.index("note") else ""
        if REUSED_MARK in note:
            counts["reused"] += 1
    return counts, rows, bad


def table_rows(folder: Path, notes: list[str]) -> list[list]:
    rows = []
    for path in sorted(folder.glob("terms_judge_*_*.tsv")):
        stem = path.stem[len("terms_judge_"):]
        name, _, sample = stem.rpartition("_")
        if sample not in TARGETS:
            continue
        counts, n, bad = read_verdicts(path)
        notes += bad
        judged = sum(counts[v] for v in VERDICTS)
        ok = counts["OK"] / judged if judged else None
        okp = (counts["OK"] + counts["PARTIAL"]) / judged if judged else None
        t_ok, t_okp = TARGETS[sample]
        met = None if ok is None else (ok >= t_ok and okp >= t_okp)
        state = "not judged" if met is None else (f"pending ({judged}/{n} judged)" if judged < n
                                                  else ("met" if met else "missed"))
        rows.append([name, sample, n, judged, counts["reused"], counts["OK"], counts["PARTIAL"], counts["WRONG"],
                     None if ok is None else round(ok, 3), None if okp is None else round(okp, 3),
                     f">= {t_ok:.2f} / >= {t_okp:.2f}", state])
    return rows


def main() -> int:
    notes: list[str] = []
    rows = table_rows(RESULTS, notes)
    previous = table_rows(PREVIOUS, []) if PREVIOUS.is_dir() else []
    round3 = table_rows(ROUND3, []) if ROUND3.is_dir() else []
    round2 = table_rows(ROUND2, []) if ROUND2.is_dir() else []
    round1 = table_rows(ROUND1, []) if ROUND1.is_dir() else []
    if not rows:
        notes.append("no judgement files: run python bench/terms_judge.py first")
    columns = ["set", "sample", "rows", "judged", "of which reused", "OK", "PARTIAL", "WRONG", "OK share",
               "OK+PARTIAL share", "target (OK / OK+PARTIAL)", "targets"]
    write_results(
        "terms_judged",
        [table("judged", "Judged glossary samples (reviewer verdicts, rubric in docs/glossary.md)", columns, rows),
         table("previous", "Previous round's judged samples (round 4, bench/results/terms_judge_round4/)", columns, previous),
         table("round3", "Third round's judged samples (bench/results/terms_judge_round3/)", columns, round3),
         table("round2", "Second round's judged samples (bench/results/terms_judge_round2/)", columns, round2),
         table("round1", "First round's judged samples (bench/results/terms_judge_previous/)", columns, round1)],
        notes=notes + ["top100: ranks 1-100 of the main list; rand100: 100 ranks drawn with seed 15 from 101-1000",
                       "shares are over the judged rows; a reviewer who did not write the extractor fills the verdicts",
                       "reused: verdicts copied from the previous judged sample for a byte-identical entry "
                       "(source, target, acronym, status), marked in the note"],
        command="python bench/terms_judged.py",
        out_dir=RESULTS,
    )
    for r in rows:
        print("\t".join("" if x is None else str(x) for x in r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
