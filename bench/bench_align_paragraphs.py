"""Paragraph-alignment benchmark on the human-aligned UN pairs in ../shared/corpus/huridocs.

Two measurements, pair precision / recall / F1 against the human labels
(``labels/*.json``: ``paragraphs[i].main_language`` / ``other_language``):

1. PDF in, pairs out: both PDFs parsed with ``unmark.parse`` and aligned; a
   predicted pair counts when both sides match a labelled pair (normalised text
   similarity >= 0.9; one-to-one). Skipped per file, with the reason, when the
   parser is missing or fails on a PDF.
2. Aligner only: Documents built from the labelled paragraphs themselves, with
   realistic damage on one side (two paragraphs printed as one block, a paragraph
   split in two at a sentence end, running headers/job numbers inserted as
   blocks); a pair counts when it covers exactly the labelled paragraphs the
   damaged segmentation allows. Deterministic (fixed seeds).

Each missed labelled pair of mode 1 is put down to the aligner (both labelled sides exist in
the parse, as a block or a run of <= 3 consecutive blocks), to a finer pairing (consecutive
predicted pairs together make the labelled pair) or to segmentation (a labelled side does not
exist in the parse); ``-v`` lists them.

    python bench/bench_align_paragraphs.py [--corpus DIR] [--seeds 5] [-v]
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchutil import damage, table as result_table, write_results  # noqa: E402

from unmark.align import align  # noqa: E402
from unmark.align.paragraph import block_units  # noqa: E402
from unmark.model import Block, Document, MappedText, Metadata  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "huridocs"
LANG_OF = {"en": "en", "es": "es", "ru": "ru", "fr": "fr", "zh": "zh", "ar": "ar"}


def norm(s: str) -> str:
    return "".join(s.split()).lower()


def prf(tp_p: int, n_p: int, tp_r: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _langs(name: str) -> tuple[str, str, str]:
    stem = Path(name).stem            # ohchr_1_en_ru
    parts = stem.split("_")
    return "_".join(parts[:-2]), parts[-2], parts[-1]


# --------------------------------------------------------------------------- 1. PDF in, pairs out
def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.9 or sm.quick_ratio() < 0.9:
        return 0.0
    return sm.ratio()


def score_fuzzy(pred: list[tuple[str, str]], gold: list[tuple[str, str]], thr: float = 0.9):
    """(P, R, F1) over all predicted pairs, and (P, R, F1) where precision only counts predicted
    pairs whose source side is labelled at all (the labels skip headings, footnotes and some
    front matter, so unlabelled pairs can be neither right nor wrong)."""
    gp = [(norm(a), norm(b)) for a, b in gold]
    pp = [(norm(a), norm(b)) for a, b in pred]
    used: set[int] = set()
    tp = evaluable = 0
    for a, b in pp:
        labelled = any(_similar(a, ga) >= thr or (len(a) > 20 and a in ga) or (len(ga) > 20 and ga in a)
                       for ga, _ in gp)
        evaluable += labelled
        for k, (ga, gb) in enumerate(gp):
            if k in used:
                continue
            if _similar(a, ga) >= thr and _similar(b, gb) >= thr:
                used.add(k)
                tp += 1
                break
    return prf(tp, len(pp), tp, len(gp)), prf(tp, evaluable, tp, len(gp))


def _runs(texts: list[str], k: int = 3) -> list[str]:
    """Normalised texts of every run of 1..k consecutive units (what a bead of the aligner can cover)."""
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, min(len(texts), i + k) + 1):
            out.append(norm("".join(texts[i:j])))
    return out


def classify_misses(pred, gold, units_a: list[str], units_b: list[str], thr: float = 0.9):
    """Split the labelled pairs the aligner missed into 'finer' (two or three consecutive predicted
    pairs together make the labelled pair: the parse has one block per line where the labellers
    joined lines, and each part is paired correctly), 'aligner' misses (both labelled sides exist as
    a unit or a run of <= 3 consecutive units of the parsed documents, so a bead could have produced
    the pair) and 'segmentation' misses (at least one side does not exist in the parse at all: the
    parser split, joined, dropped or altered the text differently from the labellers)."""
    pp = [(norm(a), norm(b)) for a, b in pred]
    # consecutive predicted pairs joined: the aligner may have paired the parts of a labelled pair
    joined = [("".join(x for x, _ in pp[i:j]), "".join(y for _, y in pp[i:j]))
              for i in range(len(pp)) for j in range(i + 2, min(len(pp), i + 3) + 1)]
    ra, rb = _runs(units_a), _runs(units_b)
    aligner, finer, segmentation = [], [], []
    for a, b in gold:
        ga, gb = norm(a), norm(b)
        if any(_similar(x, ga) >= thr and _similar(y, gb) >= thr for x, y in pp):
            continue
        if any(_similar(x, ga) >= thr and _similar(y, gb) >= thr for x, y in joined):
            finer.append((a, b, True, True))
            continue
        ok_a = any(_similar(x, ga) >= thr for x in ra)
        ok_b = any(_similar(y, gb) >= thr for y in rb)
        (aligner if ok_a and ok_b else segmentation).append((a, b, ok_a, ok_b))
    return aligner, finer, segmentation


def run_pdf(corpus: Path, verbose: bool = False) -> list[tuple[str, tuple[float, float, float], float, int, int]]:
    try:
        import unmark
    except ImportError as exc:  # pragma: no cover
        print(f"SKIP PDF mode: unmark.parse not importable ({exc})")
        return []
    out = []
    for lab in sorted((corpus / "labels").glob("*.json")):
        doc_id, main, other = _langs(lab.name)
        pa, pb = corpus / "pdfs" / f"{doc_id}_{main}.pdf", corpus / "pdfs" / f"{doc_id}_{other}.pdf"
        if not (pa.exists() and pb.exists()):
            print(f"SKIP {lab.name}: PDF missing")
            continue
        try:
            da, db = unmark.parse(str(pa)), unmark.parse(str(pb))
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"SKIP {lab.name}: parser failed on the PDF ({type(exc).__name__}: {exc})")
            continue
        gold = [(p["main_language"], p["other_language"]) for p in json.loads(lab.read_text("utf-8"))["paragraphs"]]
        t0 = time.perf_counter()
        al = align(da, db, langs=[main, other])
        secs = time.perf_counter() - t0
        pred = [(a.text, b.text) for a, b, _ in al.pairs(main, other)]
        raw, labelled = score_fuzzy(pred, gold)
        out.append((lab.name, labelled, secs, len(pred), len(gold)))
        print(f"  {lab.name}: all predicted pairs P={raw[0]:.3f} R={raw[1]:.3f} F1={raw[2]:.3f} "
              f"(precision over labelled sources only: {labelled[0]:.3f})")
        units_a = [u.text for u in block_units(da)]
        units_b = [u.text for u in block_units(db)]
        by_aligner, by_finer, by_segmentation = classify_misses(pred, gold, units_a, units_b)
        print(f"    missed labelled pairs: {len(by_aligner)} aligner (both sides exist in the parse), "
              f"{len(by_finer)} paired finer than labelled (parts paired correctly), "
              f"{len(by_segmentation)} segmentation (a side does not exist in the parse)")
        if verbose:
            for a, b, ok_a, ok_b in by_aligner + by_finer + by_segmentation:
                where = ("finer" if any(a is f[0] for f in by_finer) else "aligner") if ok_a and ok_b else \
                    f"segmentation ({main} {'ok' if ok_a else 'absent'}, {other} {'ok' if ok_b else 'absent'})"
                print(f"      [{where}] {' '.join(a.split())[:70]!r} | {' '.join(b.split())[:70]!r}")
    return out


# --------------------------------------------------------------------------- 2. aligner only
def _doc(units: list[tuple[str, set[int]]], lang: str, symbol: str | None) -> tuple[Document, list[set[int]]]:
    blocks = tuple(Block("paragraph", MappedText.from_source(t, 1 + k // 6, k + 1), lang=lang)
                   for k, (t, _) in enumerate(units))
    return Document(Metadata(symbol=symbol, language=lang), blocks, language=lang), [ids for _, ids in units]



def ideal_groups(a_ids: list[set[int]], b_ids: list[set[int]]) -> set[frozenset[int]]:
    """The finest label-id groups both damaged segmentations allow."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ids in a_ids + b_ids:
        ids = sorted(ids)
        for x in ids[1:]:
            parent[find(x)] = find(ids[0])
        for x in ids:
            find(x)
    groups: dict[int, set[int]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    return {frozenset(g) for g in groups.values()}


def run_labels(corpus: Path, seeds: int) -> list[tuple[str, tuple[float, float, float], float, int, int]]:
    out = []
    for lab in sorted((corpus / "labels").glob("*.json")):
        _, main, other = _langs(lab.name)
        pairs = json.loads(lab.read_text("utf-8"))["paragraphs"]
        ta = [" ".join(p["main_language"].split()) for p in pairs]
        tb = [" ".join(p["other_language"].split()) for p in pairs]
        tp_p = n_p = tp_r = n_g = 0
        secs = 0.0
        for seed in range(seeds):
            rng = random.Random(1000 * seed + len(ta))
            ua = damage(ta, rng) if seed % 2 == 0 else [(t, {k}) for k, t in enumerate(ta)]
            ub = damage(tb, rng) if seed % 2 == 1 or seed == 0 else [(t, {k}) for k, t in enumerate(tb)]
            da, ida = _doc(ua, main, "X/1")
            db, idb = _doc(ub, other, "X/1")
            t0 = time.perf_counter()
            al = align(da, db, langs=[main, other])
            secs += time.perf_counter() - t0
            gold = ideal_groups(ida, idb)
            pred = []
            for r in al.rows:
                a, b = r.cells.get(main), r.cells.get(other)
                if a is None or b is None:
                    continue
                ka = _ids_of(r, main, da, ida)
                kb = _ids_of(r, other, db, idb)
                pred.append((frozenset(ka), frozenset(kb)))
            good = {p for p in pred if p[0] == p[1] and p[0] in gold}
            tp_p += sum(1 for p in pred if p[0] == p[1] and p[0] in gold)
            n_p += len(pred)
            tp_r += len({g for g, _ in good})
            n_g += len(gold)
        out.append((lab.name, prf(tp_p, n_p, tp_r, n_g), secs, n_p, n_g))
    return out


def _ids_of(row, lang: str, doc: Document, ids: list[set[int]]) -> set[int]:
    seg = row.cells[lang]
    # a segment covers consecutive blocks starting at block_index, joined by newlines
    k = seg.block_index
    n = len(seg.text.split("\n"))
    out: set[int] = set()
    for j in range(k, k + n):
        out |= ids[j]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every missed labelled pair with its cause")
    args = ap.parse_args(argv)
    if not (args.corpus / "labels").is_dir():
        print(f"SKIP: huridocs corpus not found at {args.corpus} (it lives in ../shared)")
        return 0

    results = []

    def table(title, rows, id=""):
        out = [[name, round(p, 3), round(r, 3), round(f, 3), n_p, n_g, round(secs, 2)]
               for name, (p, r, f), secs, n_p, n_g in rows]
        if rows:
            k = len(rows)
            out.append(["mean", round(sum(x[1] for x in out) / k, 3), round(sum(x[2] for x in out) / k, 3),
                        round(sum(x[3] for x in out) / k, 3), None, None, None])
        results.append(result_table(id, title, ["pair file", "P", "R", "F1", "predicted", "gold", "align s"], out))
        print(f"\n{title}")
        print(f"{'pair file':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pred':>5s} {'gold':>5s} {'align s':>8s}")
        tot = [0.0, 0.0, 0.0]
        for name, (p, r, f), secs, n_p, n_g in rows:
            print(f"{name:24s} {p:6.3f} {r:6.3f} {f:6.3f} {n_p:5d} {n_g:5d} {secs:8.2f}")
            tot = [tot[0] + p, tot[1] + r, tot[2] + f]
        if rows:
            k = len(rows)
            print(f"{'mean':24s} {tot[0] / k:6.3f} {tot[1] / k:6.3f} {tot[2] / k:6.3f}")

    if not args.no_pdf:
        table("1. PDF in, pairs out (unmark.parse + align; match >= 0.9 both sides; "
              "P over pairs with a labelled source)", run_pdf(args.corpus, args.verbose), id="pdf")
    table(f"2. aligner only: labelled paragraphs with merges/splits/furniture ({args.seeds} seeds)",
          run_labels(args.corpus, args.seeds), id="aligner")
    print("\ntarget: pair F1 >= 0.97")
    write_results("align_paragraphs", results, notes=["target: pair F1 >= 0.97"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
