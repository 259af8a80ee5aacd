"""Do the review page's flags mean something? Precision and recall of the low-confidence flags
against the gold errors, per development set, before and after calibration.

Sets (read from ../shared; skipped with a message when absent):

- ``huridocs``: the human-aligned UN pairs (EN-RU, EN-ES), documents rebuilt from the labelled
  paragraphs with realistic damage (merged / split paragraphs, furniture), as in
  bench_align_paragraphs.py mode 2; paragraph level.
- ``mac-dev``: MAC-Dev zh-en sentence gold (evaluation only: read at run time, never copied);
  sentence beads of ``align_sentences``.
- ``un_ga_55_100``: the six-way resolution, line-aligned: zh with each other language and en with
  ru/es/fr, as is and damaged; paragraph level.
- ``twins``: the generated zh/en report (tools/unpdf/examples/report_{zh,en}.json): front matter,
  title, blocks, items and footnotes as units, as is and damaged; paragraph level.

A row (bead) is right when it holds whole gold units on both sides: every unit of either side
that shares a gold id with the row is in the row (so a correct 2-2 made of two gold 1-1 is right;
a skip is right when the gold skips that unit too; furniture aligned to furniture is right).

``--fit`` refits the logistic calibration on all sets (each set weighted equally) and writes
resources/align/calibration.json with the threshold: the one that reaches recall >= 0.8 of the
wrong rows on every set with the best worst-set precision. The report also gives, per set, the
figures of a model fitted on the *other* sets only (leave one set out), which is what a new
document family can expect.

    python bench/bench_align_flags.py [--fit] [--seeds 4] [--cache /tmp/flags.npz]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchutil import damage, machine  # noqa: E402
from unmark.align import calibrate as cal  # noqa: E402
from unmark.align.paragraph import paragraph_beads  # noqa: E402
from unmark.align.sentence import align as align_sentences  # noqa: E402
from unmark.model import Block, Document, MappedText, Metadata  # noqa: E402

SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "bench" / "results" / "align_flags.json"
CALIB = ROOT / "resources" / "align" / "calibration.json"
TARGET_P, TARGET_R = 0.5, 0.8


# --------------------------------------------------------------------------- labels
def labels(beads, ids_a: list[set], ids_b: list[set]) -> list[int]:
    """1 when the bead holds whole gold units on both sides (see the module docstring)."""
    owner_a: dict = {}
    owner_b: dict = {}
    for i, ids in enumerate(ids_a):
        for g in ids:
            owner_a.setdefault(g, set()).add(i)
    for j, ids in enumerate(ids_b):
        for g in ids:
            owner_b.setdefault(g, set()).add(j)
    out = []
    for s, t, _ in beads:
        G = set().union(*(ids_a[i] for i in s), *(ids_b[j] for j in t))
        need_a = set().union(*(owner_a.get(g, set()) for g in G)) if G else set()
        need_b = set().union(*(owner_b.get(g, set()) for g in G)) if G else set()
        have_a = {i for i in s if ids_a[i]}
        have_b = {j for j in t if ids_b[j]}
        out.append(int(need_a == have_a and need_b == have_b))
    return out



def _doc(texts: list[str], lang: str) -> Document:
    blocks = tuple(Block("paragraph", MappedText.from_source(t, 1 + k // 6, k + 1), lang=lang)
                   for k, t in enumerate(texts))
    return Document(Metadata(symbol="X/1", language=lang), blocks, language=lang)


def paragraph_case(ta: list[str], tb: list[str], la: str, lb: str, rng: random.Random | None, damage_a: bool,
                   damage_b: bool):
    """Beads of a paragraph alignment of (possibly damaged) unit lists, with gold labels."""
    ua = damage(ta, rng, drop=True) if damage_a and rng else [(t, {k}) for k, t in enumerate(ta)]
    ub = damage(tb, rng, drop=True) if damage_b and rng else [(t, {k}) for k, t in enumerate(tb)]
    da, db = _doc([t for t, _ in ua], la), _doc([t for t, _ in ub], lb)
    units_a, units_b, beads = paragraph_beads(da, db, la, lb)
    # block_units keeps every (non-empty) block in order, then footnotes (none here)
    assert len(units_a) == len(ua) and len(units_b) == len(ub)
    return beads, [u.text for u in units_a], [u.text for u in units_b], "paragraph", \
        labels(beads, [ids for _, ids in ua], [ids for _, ids in ub])


def _variants(ta, tb, la, lb, seeds: int):
    yield paragraph_case(ta, tb, la, lb, None, False, False)
    for seed in range(seeds):
        rng = random.Random(1000 * seed + len(ta) + 7 * len(tb))
        yield paragraph_case(ta, tb, la, lb, rng, seed % 2 == 0, seed % 2 == 1 or seed % 3 == 0)


# --------------------------------------------------------------------------- sets
def set_huridocs(seeds: int):
    d = SHARED / "corpus" / "huridocs" / "labels"
    if not d.is_dir():
        return None
    for lab in sorted(d.glob("*.json")):
        parts = lab.stem.split("_")
        main, other = parts[-2], parts[-1]
        pairs = json.loads(lab.read_text("utf-8"))["paragraphs"]
        ta = [" ".join(p["main_language"].split()) for p in pairs]
        tb = [" ".join(p["other_language"].split()) for p in pairs]
        yield from _variants(ta, tb, main, other, seeds)


def set_macdev(seeds: int):
    d = SHARED / "corpus" / "mac-dev"
    if not (d / "gold").is_dir():
        return None
    for g in sorted((d / "gold").iterdir()):
        zh = (d / "zh" / g.name).read_text(encoding="utf-8").splitlines()
        en = (d / "en" / g.name).read_text(encoding="utf-8").splitlines()
        ids_a: list[set] = [set() for _ in zh]
        ids_b: list[set] = [set() for _ in en]
        for k, line in enumerate(g.read_text(encoding="utf-8").split("\n")):
            if ":" not in line:
                continue
            s, t = line.split(":")
            for i in json.loads(s):
                ids_a[i].add(k)
            for j in json.loads(t):
                ids_b[j].add(k)
        beads = align_sentences(zh, en, "zh", "en")
        yield beads, zh, en, "sentence", labels(beads, ids_a, ids_b)


def set_un_ga(seeds: int):
    d = SHARED / "corpus" / "un_ga_55_100"
    if not (d / "zh.txt").is_file():
        return None
    text = {lg: (d / f"{lg}.txt").read_text(encoding="utf-8").splitlines() for lg in
            ("zh", "en", "fr", "es", "ru", "ar")}
    pairs = [("zh", x) for x in ("en", "fr", "es", "ru", "ar")] + [("en", x) for x in ("ru", "es", "fr")]
    for a, b in pairs:
        yield from _variants(text[a], text[b], a, b, seeds)


def _twin_units(doc: dict) -> list[str]:
    import re

    def clean(s: str) -> str:
        return re.sub(r"\[\^[^\]]*\]", "", s).strip()

    out = [clean(f["text"] if isinstance(f, dict) else f) for f in doc.get("front", [])]
    out += [clean(doc[k]) for k in ("title", "subtitle") if doc.get(k)]
    for b in doc.get("blocks", []):
        out.append(clean(((b.get("label") or "") + " " + b["text"]).strip()))
        out += [clean(it["text"] if isinstance(it, dict) else it) for it in b.get("items", [])]
    out += [clean(v) for v in doc.get("footnotes", {}).values()]
    return [t for t in out if t]


def set_twins(seeds: int):
    d = SHARED / "tools" / "unpdf" / "examples"
    if not (d / "report_zh.json").is_file():
        return None
    zh = _twin_units(json.loads((d / "report_zh.json").read_text(encoding="utf-8")))
    en = _twin_units(json.loads((d / "report_en.json").read_text(encoding="utf-8")))
    assert len(zh) == len(en), (len(zh), len(en))
    yield from _variants(zh, en, "zh", "en", 2 * seeds)


SETS = {"huridocs": set_huridocs, "mac-dev": set_macdev, "un_ga_55_100": set_un_ga, "twins": set_twins}
LEVEL = {"huridocs": "paragraph", "mac-dev": "sentence", "un_ga_55_100": "paragraph", "twins": "paragraph"}


# --------------------------------------------------------------------------- measure
def collect(seeds: int, only: list[str] | None = None) -> dict[str, dict]:
    out = {}
    for name, fn in SETS.items():
        if only and name not in only:
            continue
        gen = fn(seeds)
        if gen is None:
            print(f"SKIP {name}: not found under {SHARED} (the dev sets live in ../shared)")
            continue
        Xs, ys, raw = [], [], []
        t0 = time.perf_counter()
        for beads, src, tgt, level, lab in gen:
            Xs.append(cal.features(beads, src, tgt, level))
            ys += lab
            raw += [c for _, _, c in beads]
        out[name] = {"X": np.vstack(Xs), "y": np.array(ys, dtype=float), "raw": np.array(raw)}
        print(f"{name}: {len(ys)} rows, {int(len(ys) - sum(ys))} wrong ({time.perf_counter() - t0:.1f} s)")
    return out


def pr(flag: np.ndarray, y: np.ndarray) -> tuple[float, float, int]:
    wrong = y == 0
    tp = int((flag & wrong).sum())
    p = tp / flag.sum() if flag.sum() else (1.0 if not wrong.any() else 0.0)
    r = tp / wrong.sum() if wrong.sum() else 1.0
    return round(float(p), 3), round(float(r), 3), int(flag.sum())


def choose_threshold(probs: dict[str, np.ndarray], ys: dict[str, np.ndarray]) -> float:
    best, best_key = 0.5, None
    for thr in np.round(np.arange(0.05, 0.96, 0.01), 2):
        res = [pr(probs[n] < thr, ys[n]) for n in probs]
        ok = all(r >= TARGET_R for _, r, _ in res)
        key = (ok, min(p for p, _, _ in res) if ok else min(min(p / TARGET_P, r / TARGET_R) for p, r, _ in res))
        if best_key is None or key > best_key:
            best, best_key = float(thr), key
    return best


def fit_sets(data: dict[str, dict], names: list[str]) -> dict[str, float]:
    X = np.vstack([data[n]["X"] for n in names])
    y = np.concatenate([data[n]["y"] for n in names])
    w = np.concatenate([np.full(len(data[n]["y"]), len(y) / (len(names) * len(data[n]["y"]))) for n in names])
    return cal.fit(X, y, sample_weight=w)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--fit", action="store_true", help="refit and write resources/align/calibration.json")
    ap.add_argument("--cache", type=Path, default=None, help="keep the collected features here (npz)")
    ap.add_argument("--sets", default=None, help="comma-separated subset of " + ", ".join(SETS))
    args = ap.parse_args(argv)
    only = args.sets.split(",") if args.sets else None
    if args.cache and args.cache.exists():
        z = np.load(args.cache)
        data = {n: {"X": z[f"{n}.X"], "y": z[f"{n}.y"], "raw": z[f"{n}.raw"]} for n in json.loads(str(z["names"]))}
    else:
        data = collect(args.seeds, only)
        if args.cache:
            np.savez(args.cache, names=json.dumps(list(data)),
                     **{f"{n}.{k}": v for n, d in data.items() for k, v in d.items()})
    if not data:
        print("SKIP: no development set found (they live in ../shared)")
        return 0
    names = list(data)
    if args.fit:
        weights = fit_sets(data, names)
        probs = {n: cal.probabilities(data[n]["X"], weights) for n in names}
        ys = {n: data[n]["y"] for n in names}
        thr = choose_threshold(probs, ys)
        per_level = {}
        for level in sorted({LEVEL[n] for n in names}):
            group = [n for n in names if LEVEL[n] == level]
            per_level[level] = choose_threshold({n: probs[n] for n in group}, {n: ys[n] for n in group})
        CALIB.parent.mkdir(parents=True, exist_ok=True)
        CALIB.write_text(json.dumps({
            "about": "Logistic calibration of aligned-row confidence (unmark.align.calibrate); fitted by "
                     "bench/bench_align_flags.py --fit on " + ", ".join(names) + "; rows below the threshold of "
                     "their alignment level ('threshold' when the level has none) are flagged for review.",
            "features": list(cal.FEATURES), "weights": weights, "threshold": thr, "thresholds": per_level,
        }, indent=1) + "\n", encoding="utf-8")
        cal.model.cache_clear()
    weights = cal.model()["weights"]
    rows = []
    for n in names:
        y = data[n]["y"]
        thr = cal.threshold(LEVEL[n])
        p_raw, r_raw, f_raw = pr(data[n]["raw"] < 0.5, y)
        p_cal, r_cal, f_cal = pr(cal.probabilities(data[n]["X"], weights) < thr, y)
        others = [m for m in names if m != n]
        if others:
            w_lo = fit_sets(data, others)
            pl = {m: cal.probabilities(data[m]["X"], w_lo) for m in others}
            same = [m for m in others if LEVEL[m] == LEVEL[n]] or others
            thr_lo = choose_threshold({m: pl[m] for m in same}, {m: data[m]["y"] for m in same})
            p_lo, r_lo, _ = pr(cal.probabilities(data[n]["X"], w_lo) < thr_lo, y)
        else:
            p_lo = r_lo = float("nan")
        ok = "yes" if p_cal >= TARGET_P and r_cal >= TARGET_R else "no"
        rows.append([n, LEVEL[n], thr, len(y), int(len(y) - y.sum()), p_raw, r_raw, f_raw, p_cal, r_cal, f_cal, ok, p_lo, r_lo])
        print(f"{n:14s} rows {len(y):5d} wrong {int(len(y) - y.sum()):4d} | raw<0.5: P {p_raw:.3f} R {r_raw:.3f} "
              f"({f_raw} flags) | calibrated<{thr}: P {p_cal:.3f} R {r_cal:.3f} ({f_cal} flags) target {ok} | "
              f"leave-one-set-out P {p_lo:.3f} R {r_lo:.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "name": "align_flags",
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "command": "python bench/bench_align_flags.py" + (" --fit" if args.fit else "") + f" --seeds {args.seeds}",
        "tables": [{
            "id": "flags",
            "title": f"Flags against gold errors per development set (target: precision >= {TARGET_P} at recall >= "
                     f"{TARGET_R} of the wrong rows); raw = the aligner's score < 0.5, calibrated = probability "
                     "below the threshold of the set's alignment level",
            "columns": ["set", "level", "threshold", "rows", "wrong rows", "raw P", "raw R", "raw flags", "calibrated P",
                        "calibrated R", "calibrated flags", "target met", "leave-one-set-out P",
                        "leave-one-set-out R"],
            "rows": rows,
        }],
        "notes": [
            "A row is right when it holds whole gold units on both sides (a 2-2 of two gold 1-1 is right; a skip is "
            "right when the gold skips the unit).",
            "huridocs, un_ga_55_100 and twins are aligned as is and with damaged segmentations (merged/split "
            "paragraphs, inserted furniture; fixed seeds); mac-dev is evaluation-only data read from ../shared.",
            "Leave-one-set-out: calibration and threshold fitted on the other sets only.",
        ],
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
