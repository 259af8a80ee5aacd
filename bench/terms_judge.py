"""Judgement samples of a glossary for a reviewer who did not write the extractor.

    python bench/terms_judge.py                       # unpc-zh-en, huridocs-en-ru, huridocs-en-es
    python bench/terms_judge.py --set unpc-zh-en --set huridocs-en-ru
    python bench/terms_judge.py --reuse bench/results/terms_judge_round3 --reuse bench/results/terms_judge_round2 \
        --reuse bench/results/terms_judge_previous

For each set it extracts the glossary (default options, the same as ``unmark terms``) and writes
``bench/results/terms_judge_<set>_top100.tsv`` (ranks 1-100) and ``..._rand100.tsv`` (100 ranks drawn
with the fixed seed 15 from ranks 101-1000, or all of them when fewer exist), in rank order. Each row
carries the entry and up to three aligned contexts (source line, target line) where both terms occur,
and an empty ``verdict`` column for the reviewer: OK, PARTIAL or WRONG (the rubric, docs/glossary.md,
is repeated in the header lines starting with '#'). ``bench/terms_judged.py`` turns the filled files
into ``bench/results/terms_judged.json``. Only the main list is sampled (status term or name);
entries of status ``general`` follow the main list in the glossary and are not sampled.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from terms_sets import SETS, available, load_set  # noqa: E402

RESULTS = HERE / "results"
SEED = 15
# the sets a reviewer judges (the 14-line resolution sets are smoke tests: too small to judge)
JUDGED_SETS = ("unpc-zh-en", "huridocs-en-ru", "huridocs-en-es")
COLUMNS = ("rank", "verdict", "note", "source term", "target term", "acronym", "status", "frequency",
           "context 1 (source)", "context 1 (target)", "context 2 (source)", "context 2 (target)",
           "context 3 (source)", "context 3 (target)")
RUBRIC = [
    "# Judge each row as a UN terminologist building a glossary for translators: read the contexts, not only the terms.",
    "# verdict: OK = a term or fixed name of the domain a translator would enter, and the target is its correct, complete",
    "#   equivalent in the form the UN uses (number, capitals, official name; countries/organisations/places: their UN name as the corpus uses it).",
    "# PARTIAL = the equivalence is right but the boundaries are off on either side (truncated or over-extended), the form is",
    "#   wrong (number, capitals, article), or the pair is correct but too general to deserve an entry (政府/Government, 冲突/conflict).",
    "# WRONG = not equivalent, a fragment that is not a term, or a wrong acronym attached.",
    "# Fill the 'verdict' column with OK, PARTIAL or WRONG (a short reason in 'note' helps); leave the other columns as they are.",
]


def clean(s: str | None) -> str:
    return " ".join((s or "").replace("\t", " ").split())


def sample_ranks(n: int, seed: int = SEED) -> tuple[list[int], list[int]]:
    """0-based indexes of the first 100 and of a seeded random 100 of ranks 101-1000."""
    top = list(range(min(100, n)))
    pool = list(range(100, min(1000, n)))
    rand = sorted(random.Random(seed).sample(pool, min(100, len(pool))))
    return top, rand


REUSED = "[verdict reused: the same entry (source, target, acronym, status) was judged in the previous sample]"


def previous_verdicts(folder: Path, name: str) -> dict[tuple[str, str, str, str], tuple[str, str]]:
    """(source, target, acronym, status) -> (verdict, note) from the judged TSVs of a set in ``folder``."""
    out: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    for path in sorted(folder.glob(f"terms_judge_{name}_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.startswith("rank\t"):
                continue
            cols = line.split("\t")
            if len(cols) < 8 or cols[1] not in ("OK", "PARTIAL", "WRONG"):
                continue
            note = cols[2].replace(REUSED, "").strip()
            for old in (" [verdict carried over from the first review of the same entry]",):
                note = note.replace(old, "")
            out.setdefault((cols[3], cols[4], cols[5], cols[6]), (cols[1], note.strip()))
    return out


def write_sample(path: Path, name: str, entries, idx: list[int], what: str, src: str, tgt: str,
                 reuse: dict | None = None) -> int:
    """Write one sample; returns how many rows got a reused verdict."""
    reused = 0
    lines = [f"# {name} ({src}-{tgt}): {what}; regenerate with: python bench/terms_judge.py --set {name}"] + RUBRIC
    lines.append("\t".join(COLUMNS))
    for i in idx:
        e = entries[i]
        ctx: list[str] = []
        for ex in e.examples[:3]:
            ctx += [clean(ex.source_text), clean(ex.target_text)]
        ctx += [""] * (6 - len(ctx))
        key = (clean(e.source), clean(e.target), clean(e.acronym), e.status)
        verdict, note = "", ""
        if reuse and key in reuse:
            verdict, note = reuse[key]
            note = f"{note} {REUSED}".strip()
            reused += 1
        row = [str(i + 1), verdict, note, *key[:3], e.status, str(e.frequency)] + ctx
        lines.append("\t".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return reused


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", default=[], choices=sorted(SETS))
    ap.add_argument("--out", default=str(RESULTS), help="folder of the TSV files (default bench/results)")
    ap.add_argument("--reuse", action="append", default=[], metavar="DIR",
                    help="copy the verdict of an identical entry (source, target, acronym, status) from the judged "
                         "TSVs of the same set in DIR, marked as reused in the note (repeatable: the first DIR "
                         "holding the entry wins, so give the most recent round first)")
    args = ap.parse_args(argv)
    if not available():
        print("SKIP: ../shared/corpus not found (the shared corpus is not beside the repository)")
        return 0
    from unmark.terms import TermOptions, extract_terms

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.set or list(JUDGED_SETS):
        pairs, src, tgt = load_set(name)
        g = extract_terms(pairs, src, tgt, TermOptions(examples=3))
        main_list = [e for e in g.entries if e.status != "general"]
        top, rand = sample_ranks(len(main_list))
        reuse = None
        if args.reuse:
            reuse = {}
            for folder in reversed(args.reuse):         # earlier folders on the command line win
                reuse.update(previous_verdicts(Path(folder), name))
        n1 = write_sample(out / f"terms_judge_{name}_top100.tsv", name, main_list, top, "ranks 1-100", src, tgt, reuse)
        n2 = write_sample(out / f"terms_judge_{name}_rand100.tsv", name, main_list, rand,
                          f"random {len(rand)} of ranks 101-{min(1000, len(main_list))} (seed {SEED})", src, tgt, reuse)
        print(f"{name}: {len(pairs)} pairs, {len(g.entries)} entries ({len(main_list)} in the main list) -> "
              f"{out}/terms_judge_{name}_{{top100,rand100}}.tsv; reused verdicts: top100 {n1}/{len(top)}, "
              f"rand100 {n2}/{len(rand)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
