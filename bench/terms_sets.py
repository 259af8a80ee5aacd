"""Aligned evaluation sets for the terminology benchmarks, assembled from real UN text in
``../shared/corpus`` (never copied into the repository):

- ``unpc-zh-en``: the UN Parallel Corpus v1.0 dev set, 4,000 zh-en sentence pairs (the Chinese side
  is word-tokenised; spaces between CJK characters are removed first).
- ``huridocs-en-ru``: the UPR report ohchr_1 in English and Russian, human paragraph alignment.
- ``huridocs-en-es``: the plan_1 document in English and Spanish, human paragraph alignment.
- ``ga55100-zh-fr`` / ``-zh-ru`` / ``-zh-ar``: resolution 55/100, line-aligned (14 lines: a smoke set).
- ``ga55100-en-ru`` / ``-en-es``: the same resolution, English with Russian or Spanish: held out from
  the rules of the alphabetic pairs (a small check on a document never looked at).
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/corpus")

SETS = {
    "unpc-zh-en": ("zh", "en"),
    "huridocs-en-ru": ("en", "ru"),
    "huridocs-en-es": ("en", "es"),
    "ga55100-zh-fr": ("zh", "fr"),
    "ga55100-zh-ru": ("zh", "ru"),
    "ga55100-zh-ar": ("zh", "ar"),
    # held out from the en-ru / en-es work (never looked at while writing the rules)
    "ga55100-en-ru": ("en", "ru"),
    "ga55100-en-es": ("en", "es"),
}


def available() -> bool:
    return SHARED.is_dir()


def load_set(name: str) -> tuple[list[tuple[str, str]], str, str]:
    """(aligned text pairs, source language, target language) of an evaluation set."""
    from unmark.terms.tokenize import join_cjk

    src, tgt = SETS[name]
    if name == "unpc-zh-en":
        d = SHARED / "unpc-dev"
        zh = (d / "UNv1.0.devset.zh.tok").read_text(encoding="utf-8").splitlines()
        en = (d / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
        return [(join_cjk(a), b) for a, b in zip(zh, en)], src, tgt
    if name.startswith("huridocs-"):
        stem = {"huridocs-en-ru": "ohchr_1_en_ru", "huridocs-en-es": "plan_1_en_es"}[name]
        data = json.loads((SHARED / "huridocs" / "labels" / f"{stem}.json").read_text(encoding="utf-8"))
        pairs = [(p["main_language"], p["other_language"]) for p in data["paragraphs"]
                 if p.get("main_language") and p.get("other_language")]
        return pairs, src, tgt
    if name.startswith("ga55100-"):
        d = SHARED / "un_ga_55_100"
        a = (d / f"{src}.txt").read_text(encoding="utf-8").splitlines()
        b = (d / f"{tgt}.txt").read_text(encoding="utf-8").splitlines()
        return [(x, y) for x, y in zip(a, b) if x.strip() and y.strip()], src, tgt
    raise KeyError(name)
