"""`unmark check` on real en-ru (and en-es) UN text: how many findings are only inflection.

    python bench/bench_terms_check.py

For each huridocs pair (human paragraph alignment, ../shared/corpus/huridocs) the glossary is
extracted from the same text (default options) and checked against it, once matching target terms
as written (plural folding only) and once with lemmas (the default). A finding is counted as
*inflection* when every word of the expected target is present in the target segment up to its
ending (the same first letters, the word minus its last three letters but at least four, and a length within three letters): Италия / Италии /
Италию. Target: inflection findings <= 5% of the findings (en-ru). Writes bench/results/terms_check.json.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from benchutil import table, write_results  # noqa: E402
from terms_sets import available, load_set  # noqa: E402

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-]*")


def stem_prefix(w: str) -> str:
    w = w.lower()
    return w[: max(4, len(w) - 3)] if len(w) > 4 else w


def is_inflection(expected: str, target_text: str) -> bool:
    """Every expected word is in the segment with another ending only (same stem, length within 3:
    Италии for Италия, not законодательство for закон)."""
    words = [m.group().lower() for m in WORD.finditer(target_text)]
    exp = [m.group().lower() for m in WORD.finditer(expected)]
    return bool(exp) and all(any(w.startswith(stem_prefix(x)) and abs(len(w) - len(x)) <= 3 for w in words) for x in exp)


def main() -> int:
    if not available():
        print("SKIP: ../shared/corpus not found (the shared corpus is not beside the repository)")
        return 0
    from unmark.terms import CheckOptions, check_consistency, extract_terms

    rows = []
    for name in ("huridocs-en-ru", "huridocs-en-es"):
        pairs, src, tgt = load_set(name)
        g = extract_terms(pairs, src, tgt)
        for mode, inflect in (("as written", False), ("lemmas (default)", True)):
            t0 = time.perf_counter()
            f = check_consistency(g, pairs, options=CheckOptions(inflection_insensitive=inflect))
            secs = time.perf_counter() - t0
            infl = sum(is_inflection(x.expected_target, x.target_text) for x in f)
            share = infl / len(f) if f else 0.0
            rows.append([name, mode, len(g.entries), len(f), infl, round(share, 3),
                         "met" if share <= 0.05 else "missed", round(secs, 2)])
            print("\t".join(map(str, rows[-1])))
    write_results(
        "terms_check",
        [table("inflection", "Term check on real UN text: findings that are only inflection",
               ["set", "target matching", "glossary entries", "findings", "inflection findings",
                "inflection share", "target <= 5%", "seconds"], rows)],
        notes=["glossary extracted from the same aligned text, then checked against it",
               "inflection: every expected word found in the target segment up to its ending"],
        command="python bench/bench_terms_check.py",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
