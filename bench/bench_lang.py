#!/usr/bin/env python
"""Benchmark of unmark.lang against real UN text, with naive baselines in the same run.

(a) line breaks: human labels (../shared/corpus/linebreaks) + a held-out set built from the
    huridocs PDFs (pypdf text, labels from the human paragraph alignments)
(b) sentence boundaries: F1 on paragraphs of 3-6 consecutive real UNPC sentences (en, zh),
    and cross-language agreement of sentence counts on the six-language resolution
(c) language identification per block on the six-language resolution

Usage: python bench/bench_lang.py [--shared PATH]
Exits 1 when a floor is missed, 0 (with a message) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unmark.lang import (  # noqa: E402
    LANGUAGES,
    detokenize_zh,
    identify,
    identify_block,
    identify_document,
    is_hard_break,
    keep_hyphen,
    line_break_context,
    split_sentences,
    wordfreq_available,
)
from unmark.lang.sentences import split_with_rules  # noqa: E402
from unmark.lang.data import rules  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from benchutil import table as result_table, write_results  # noqa: E402

FLOORS = {"linebreak_dev": 0.99, "sentence_f1": 0.98, "langid_blocks": 1.0}


# ----------------------------------------------------------------------------- helpers
TABLES: list[dict] = []   # every table printed, for bench/results/lang.json


def table(title: str, header: list[str], rows: list[list], id: str = "") -> None:
    TABLES.append(result_table(id or f"t{len(TABLES) + 1}", title, header, [list(r) for r in rows]))
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(f"\n## {title}")
    print(line.format(*header))
    print(line.format(*["-" * w for w in widths]))
    for r in rows:
        print(line.format(*[str(x) for x in r]))


def naive_hard(prev: str, nxt: str) -> bool:
    """Baseline: a break is hard when the line ends with sentence punctuation."""
    return bool(re.search(r"[.!?:;。！？：；]\s*$", prev))


# ----------------------------------------------------------------------------- (a) line breaks
def linebreak_dev(shared: Path) -> tuple[list[str], dict[int, bool]]:
    rec = json.loads((shared / "corpus/linebreaks/un_linebreaks_dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    lines = rec["raw_text"].split("\n")
    return lines, dict(enumerate(rec["is_hard_linebreak"]))


def _norm(s: str) -> str:
    # footnote markers are in the PDF text but not in the labels: drop digits and spaces
    return re.sub(r"[\s\d]+", "", s)


def linebreak_huridocs(shared: Path, pdf: str, lang: str, label_file: str):
    """Lines of a real UN PDF (pypdf) and hard/soft labels derived from the human paragraph
    alignment: a break inside a labelled paragraph is soft, the break after its last line hard.
    Breaks outside any located paragraph (furniture, footnotes) are not labelled."""
    from pypdf import PdfReader

    data = json.loads((shared / "corpus/huridocs/labels" / label_file).read_text(encoding="utf-8"))
    key = "main_language" if data["main_language"] == lang else "other_language"
    paras = list(dict.fromkeys(p[key] for p in data["paragraphs"] if p.get(key, "").strip()))
    reader = PdfReader(str(shared / "corpus/huridocs/pdfs" / pdf))
    lines: list[str] = []
    for page in reader.pages:
        lines += [l for l in (page.extract_text() or "").split("\n") if l.strip()]
    stream, ends = "", []
    for l in lines:
        stream += _norm(l)
        ends.append(len(stream))
    end_line = {e: i for i, e in enumerate(ends)}
    start_line = {0: 0} | {e: i + 1 for i, e in enumerate(ends[:-1])}
    labels: dict[int, bool] = {}
    found = 0
    for p in paras:
        np_ = _norm(p)
        pos = stream.find(np_)
        if pos < 0 or pos not in start_line or pos + len(np_) not in end_line:
            continue
        found += 1
        a, b = start_line[pos], end_line[pos + len(np_)]
        for i in range(a, b):
            labels[i] = False
        if b < len(lines) - 1:
            labels[b] = True
    return lines, labels, found, len(paras)


def score_breaks(lines: list[str], labels: dict[int, bool], lang: str):
    ctx = line_break_context(lines)
    ours = sum(is_hard_break(lines[i], lines[i + 1], lang, context=ctx) == h for i, h in labels.items())
    naive = sum(naive_hard(lines[i], lines[i + 1]) == h for i, h in labels.items())
    allhard = sum(h for h in labels.values())
    front = sum(1 for i in labels if lines[i].strip() in ctx["front_matter"])
    ours_body = [is_hard_break(lines[i], lines[i + 1], lang, context=ctx) == h
                 for i, h in labels.items() if lines[i].strip() not in ctx["front_matter"]]
    return ours, naive, allhard, len(labels), sum(ours_body), len(ours_body), front


def bench_linebreaks(shared: Path) -> tuple[list[list], float]:
    rows = []
    lines, labels = linebreak_dev(shared)
    o, nv, ah, n, ob, nb, _ = score_breaks(lines, labels, "en")
    dev_acc = o / n
    rows.append(["dev (linebreaks, en)", n, f"{o / n:.1%}", f"{nv / n:.1%}", f"{ah / n:.1%}", f"{ob}/{nb}"])
    for pdf, lang, lab in [
        ("plan_1_en.pdf", "en", "plan_1_en_es.json"),
        ("plan_1_es.pdf", "es", "plan_1_en_es.json"),
        ("ohchr_1_en.pdf", "en", "ohchr_1_en_ru.json"),
        ("ohchr_1_ru.pdf", "ru", "ohchr_1_en_ru.json"),
    ]:
        try:
            lines, labels, found, total = linebreak_huridocs(shared, pdf, lang, lab)
        except Exception as exc:  # pypdf missing or file unreadable
            rows.append([f"held-out {pdf}", "-", f"skipped ({exc.__class__.__name__})", "", "", ""])
            continue
        o, nv, ah, n, ob, nb, _ = score_breaks(lines, labels, lang)
        rows.append([f"held-out {pdf} ({lang}, {found}/{total} paras)", n, f"{o / n:.1%}", f"{nv / n:.1%}",
                     f"{ah / n:.1%}", f"{ob}/{nb} = {ob / max(nb, 1):.1%}"])
    return rows, dev_acc


def bench_hyphens(shared: Path):
    """Line-end hyphens in the held-out PDFs whose truth the human paragraph text shows."""
    rows = []
    for pdf, lang, lab in [("plan_1_en.pdf", "en", "plan_1_en_es.json"), ("plan_1_es.pdf", "es", "plan_1_en_es.json"),
                           ("ohchr_1_en.pdf", "en", "ohchr_1_en_ru.json"), ("ohchr_1_ru.pdf", "ru", "ohchr_1_en_ru.json")]:
        try:
            lines, _, _, _ = linebreak_huridocs(shared, pdf, lang, lab)
        except Exception:
            continue
        data = json.loads((shared / "corpus/huridocs/labels" / lab).read_text(encoding="utf-8"))
        key = "main_language" if data["main_language"] == lang else "other_language"
        truth_text = " ".join(p[key] for p in data["paragraphs"])
        n = ours = naive = 0
        for a, b in zip(lines, lines[1:]):
            a = a.rstrip()
            if not (a.endswith("-") and len(a) > 1 and not a[-2].isspace() and b.split()):
                continue
            lw, rw = a.split()[-1], b.split()[0]
            stem, right = lw[:-1], rw.rstrip(".,;:)")
            if f"{stem}-{right}" in truth_text:
                truth = True
            elif f"{stem}{right}" in truth_text:
                truth = False
            else:
                continue
            n += 1
            ours += keep_hyphen(lw, rw, lang) == truth
            naive += truth is False  # naive: always remove a line-end hyphen
        rows.append([pdf, lang, n, f"{ours}/{n}", f"{naive}/{n}"])
    return rows


# ----------------------------------------------------------------------------- (b) sentences
_FINAL = {"en": re.compile(r"[.?!][\"'”’)\]]*$"), "zh": re.compile(r"[。！？][”’」』）》)]*$")}


def unpc_paragraphs(shared: Path, lang: str, seed: int = 0):
    """Paragraphs of 3-6 consecutive real UNPC sentences with the gold boundary offsets.
    Only sentences that end with a sentence terminator are used (headings and list items
    ending with ; or : are separate blocks in real documents)."""
    name = "UNv1.0.devset.en" if lang == "en" else "UNv1.0.devset.zh.tok"
    raw = (shared / "corpus/unpc-dev" / name).read_text(encoding="utf-8").splitlines()
    sents = [detokenize_zh(s) if lang == "zh" else s.strip() for s in raw]
    sents = [s for s in sents if s and _FINAL[lang].search(s)]
    rng = random.Random(seed)
    sep = "" if lang == "zh" else " "
    paras, i = [], 0
    while i < len(sents):
        k = rng.randint(3, 6)
        chunk = sents[i:i + k]
        i += k
        text, gold, pos = "", set(), 0
        for j, s in enumerate(chunk):
            if j:
                text += sep
            text += s
            if j < len(chunk) - 1:
                gold.add(len(text))
        paras.append((text, gold))
    return paras, len(sents), len(raw)


def internal_semicolons(shared: Path) -> tuple[int, int]:
    raw = (shared / "corpus/unpc-dev/UNv1.0.devset.zh.tok").read_text(encoding="utf-8").splitlines()
    zh = [detokenize_zh(s) for s in raw]
    return sum("；" in s.rstrip("；") for s in zh), sum(s.endswith("；") for s in zh)


def halves(paras):
    h = len(paras) // 2
    return paras[:h], paras[h:]


def f1(paras, splitter) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for text, gold in paras:
        pred = {e for _, e in splitter(text)[:-1]}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def naive_splitter(lang: str):
    rx = re.compile(r"(?<=[。！？])" if lang == "zh" else r"(?<=[.?!])\s+(?=[A-Z\"“(])")

    def split(text: str):
        spans, start = [], 0
        for m in rx.finditer(text):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(text)))
        return [(s, e) for s, e in spans if e > s]

    return split


def spacy_splitter(lang: str):
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")

    def split(text: str):
        doc = nlp(text)
        return [(s.start_char, s.end_char) for s in doc.sents]

    return split


def with_semicolon(lang: str):
    """Variant of our rules with "；" as an extra terminator (to measure the decision)."""
    import dataclasses

    base = rules(lang)
    alt = dataclasses.replace(base, terminators=base.terminators | {"；"})

    return lambda text: split_with_rules(text, lang, alt)


def bench_sentences(shared: Path):
    rows, f1s = [], {}
    for lang in ("en", "zh"):
        paras, used, total = unpc_paragraphs(shared, lang)
        nb = sum(len(g) for _, g in paras)
        systems = [("unmark rules", lambda t, l=lang: split_sentences(t, l)),
                   ("naive regex", naive_splitter(lang))]
        try:
            systems.append(("spaCy blank+sentencizer", spacy_splitter(lang)))
        except Exception as exc:  # pragma: no cover
            rows.append([lang, "spaCy", f"unavailable: {exc}", "", "", ""])
        if lang == "zh":
            systems.append(("unmark rules + '；' ends", with_semicolon(lang)))
        for name, fn in systems:
            t0 = time.perf_counter()
            p, r, f = f1(paras, fn)
            dt = time.perf_counter() - t0
            rows.append([f"UNPC {lang} ({len(paras)} paras, {nb} boundaries, {used}/{total} sents)", name,
                         f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", f"{dt:.2f}s"])
            if name == "unmark rules":
                f1s[lang] = f
                first, second = halves(paras)
                rows.append(["  first half / second half", name, "", "",
                             f"{f1(first, fn)[2]:.4f} / {f1(second, fn)[2]:.4f}", ""])
    return rows, f1s


def resolution_lines(shared: Path) -> dict[str, list[str]]:
    out = {}
    for lang in LANGUAGES:
        p = shared / "corpus/un_ga_55_100" / f"{lang}.txt"
        out[lang] = [l for l in p.read_text(encoding="utf-8").split("\n") if l.strip()]
    return out


def bench_resolution_sentences(shared: Path):
    docs = resolution_lines(shared)
    n = min(len(v) for v in docs.values())
    rows = []
    for name in ("unmark rules", "spaCy blank+sentencizer", "naive regex"):
        counts = {}
        for lang, lines in docs.items():
            if name == "unmark rules":
                fn = lambda t, l=lang: split_sentences(t, l)  # noqa: E731
            elif name == "naive regex":
                fn = naive_splitter("zh" if lang == "zh" else "en")
            else:
                try:
                    fn = spacy_splitter(lang)
                except Exception:
                    fn = None
            counts[lang] = [len(fn(l)) if fn else -1 for l in lines[:n]]
        agree = sum(1 for i in range(n) if len({counts[l][i] for l in LANGUAGES}) == 1)
        total = {l: sum(counts[l]) for l in LANGUAGES}
        rows.append([name, f"{agree}/{n}", " ".join(f"{l}:{total[l]}" for l in LANGUAGES)])
    return rows


# ----------------------------------------------------------------------------- (c) language id
def bench_langid(shared: Path):
    docs = resolution_lines(shared)
    rows, all_ok = [], True
    for lang, lines in docs.items():
        doc = identify_document(lines)
        blocks = [identify_block(l, doc) for l in lines]
        raw = [identify(l) for l in lines]
        ok = sum(b == lang for b in blocks)
        all_ok &= doc == lang and ok == len(lines)
        rows.append([lang, doc, f"{ok}/{len(lines)}", f"{sum(r == lang for r in raw)}/{len(lines)}",
                     f"{sum(r is None for r in raw)}"])
    return rows, all_ok


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpus").is_dir():
        print(f"bench_lang: skipped, shared corpora not found at {shared} (pass --shared PATH)")
        return 0
    print("# unmark.lang benchmark")
    print(f"machine: {platform.machine()} {platform.system()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"wordfreq {'installed' if wordfreq_available() else 'not installed'}")
    t0 = time.perf_counter()
    failures = []

    rows, dev_acc = bench_linebreaks(shared)
    table("(a) line breaks: accuracy vs human labels",
          ["set", "breaks", "unmark", "naive (ends with punct.)", "all hard", "unmark, body only"], rows, id="linebreaks")
    if dev_acc < FLOORS["linebreak_dev"]:
        failures.append(f"line breaks dev {dev_acc:.1%} < {FLOORS['linebreak_dev']:.0%}")

    table("(a') line-end hyphens in the held-out PDFs (truth from the human paragraph text)",
          ["pdf", "lang", "hyphens", "unmark keep_hyphen", "naive (always remove)"], bench_hyphens(shared), id="hyphens")

    rows, f1s = bench_sentences(shared)
    table("(b) sentence boundaries: UNPC paragraphs of 3-6 real sentences",
          ["set", "system", "P", "R", "F1", "time"], rows, id="sentences")
    inner, final = internal_semicolons(shared)
    print(f"zh '；': inside {inner} gold sentences, ending {final} gold segments (list items) -> not a terminator")
    for lang, f in f1s.items():
        if f < FLOORS["sentence_f1"]:
            failures.append(f"sentence F1 {lang} {f:.4f} < {FLOORS['sentence_f1']}")
    table("(b) six-language resolution: lines whose sentence count agrees across the 6 languages",
          ["system", "lines agreeing", "sentences per language"], bench_resolution_sentences(shared), id="resolution")

    rows, ok = bench_langid(shared)
    table("(c) language id on GA resolution 55/100 (per block)",
          ["lang", "document", "identify_block", "identify alone", "identify undecided"], rows, id="langid")
    if not ok:
        failures.append("language id not 6/6 per block")

    print(f"\ntotal time {time.perf_counter() - t0:.1f}s")
    write_results("lang", TABLES, notes=[
        f"zh '；': inside {inner} gold sentences, ending {final} gold segments (list items): not a terminator",
        ("FLOORS MISSED: " + "; ".join(failures)) if failures else
        "all floors met: " + ", ".join(f"{k} >= {v}" for k, v in FLOORS.items()),
        f"wordfreq {'installed' if wordfreq_available() else 'not installed'}"])
    if failures:
        print("FLOORS MISSED: " + "; ".join(failures))
        return 1
    print("all floors met: " + ", ".join(f"{k} >= {v}" for k, v in FLOORS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
