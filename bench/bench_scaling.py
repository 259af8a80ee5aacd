"""Does parse time grow linearly with the input? Doubles a text input from 10 KB to 1.25 MB.

Three shapes of repeated UN prose (with the doubled spaces layout extraction leaves):
  one_line     no newline at all (text pasted without breaks, a long table row)
  many_lines   the same prose wrapped at 80 characters (one long run of lines)
  many_blocks  numbered paragraphs of ~400 characters separated by blank lines
Each size is timed several times after a warm-up parse, in CPU time of this process (the cores are
shared: wall-clock time would measure the other processes too), and the fastest run counts. Target: each doubling at most 2.2x the time.

Run: python3 bench/bench_scaling.py [--max-kb 1280] [--check]   (--check: exit 1 if a doubling
costs more than 2.2x). Writes bench/results/bench_scaling.json.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import unmark  # noqa: E402
from benchutil import table, write_results  # noqa: E402

LIMIT = 2.2
PROSE = ("The General Assembly,  recalling its resolution 54/1 of 8 October 1999, decides to include in the "
         "provisional agenda of its  fifty-fifth session the item entitled “Human rights and extreme poverty”. ")


def one_line(n: int) -> str:
    return (PROSE * (n // len(PROSE) + 1))[:n]


def many_lines(n: int) -> str:
    t = one_line(n)
    return "\n".join(t[i:i + 80] for i in range(0, len(t), 80))


def many_blocks(n: int) -> str:
    out, size, k = [], 0, 1
    while size < n:
        p = f"{k}. {PROSE * 2}"
        out.append(p)
        size += len(p) + 2
        k += 1
    return "\n\n".join(out)


SHAPES = {"one_line": one_line, "many_lines": many_lines, "many_blocks": many_blocks}


def timed(text: str, budget: float = 2.0, most: int = 9) -> float:
    """Fastest of up to ``most`` parses, stopping once ``budget`` seconds are spent (at least three
    runs; each after a full garbage collection and with the collector paused, so that what is timed
is the parse and not when a collection of the whole heap happens to fall)."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < 3 or (runs < most and spent < budget):
        gc.collect()
        gc.disable()  # a full collection lands at sizes set by allocation counts, not by the algorithm
        try:
            t0 = time.process_time()
            unmark.parse_text(text)
            dt = time.process_time() - t0
        finally:
            gc.enable()
        best, spent, runs = min(best, dt), spent + dt, runs + 1
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description="parse time against input size")
    ap.add_argument("--max-kb", type=int, default=1280)
    ap.add_argument("--check", action="store_true", help="exit 1 if a doubling costs more than 2.2x")
    args = ap.parse_args()
    sizes = []
    kb = 10
    while kb <= args.max_kb:
        sizes.append(kb)
        kb *= 2
    unmark.parse_text(many_blocks(20_000))  # warm-up: rule files, language data
    rows, worst = [], {}
    for shape, make in SHAPES.items():
        prev = None
        for kb in sizes:
            text = make(kb * 1024)
            secs = timed(text)
            ratio = round(secs / prev, 2) if prev else None
            prev = secs
            rows.append([shape, kb, round(secs, 4), ratio])
            if ratio is not None:
                worst[shape] = max(worst.get(shape, 0.0), ratio)
            print(f"{shape:12s} {kb:5d} KB {secs:8.3f} s  x{ratio}", file=sys.stderr)
    out = write_results(
        "bench_scaling",
        [table("sizes", "Parse CPU time (fastest run) as the text input doubles",
               ["shape", "KB", "CPU seconds", "x previous size"], rows),
         table("worst", f"Worst doubling per shape (target at most {LIMIT}x)",
               ["shape", "worst ratio", "within target"], [[s, r, r <= LIMIT] for s, r in worst.items()])],
        notes=[
            "CPU time of the parsing process, fastest of at least three runs per size, each after a garbage "
            "collection and with the cyclic collector paused during the parse (a full collection of the heap "
            "falls at sizes set by allocation counts and made single doublings read 3x); the cores are "
            "shared, so a doubling can still read high now and then (run again).",
            "Before edits were applied in one pass (MappedText.edit), one line of this prose took 0.21 s at "
            "26 KB and 0.94 s at 52 KB (4.4x per doubling, growing with the square of the length): "
            "pipeline._squeeze_spaces rebuilt the whole text once per doubled space. Measured on the same "
            "machine with the tree before the change.",
        ],
    )
    print(f"wrote {out}", file=sys.stderr)
    bad = [s for s, r in worst.items() if r > LIMIT]
    return 1 if (args.check and bad) else 0


if __name__ == "__main__":
    sys.exit(main())
