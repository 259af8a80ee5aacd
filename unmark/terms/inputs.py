"""Gather aligned segment pairs from what the command line names: document pairs, folders,
alignment files and line-parallel text."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ..align.types import Segment
from ..errors import TermsError
from .readers import (
    ALIGNMENT_EXTS,
    align_documents,
    read_alignment_file,
    read_parallel_text,
)

log = logging.getLogger(__name__)

DOC_EXTS = (".pdf", ".txt", ".json", ".md")


def _lang_of(name: str, langs: Sequence[str]) -> str | None:
    """Language code written in a file name: report.zh.pdf, report_ZH.pdf, report-en.txt, zh/report.pdf."""
    low = name.lower()
    for lang in langs:
        if re.search(rf"(?:^|[._\-/\\]){lang}(?:[._\-/\\]|$)", low):
            return lang
    return None


def pair_folder(folder: Path, src: str, tgt: str) -> list[tuple[Path, Path]]:
    """Documents of a folder paired by name once the language code is removed."""
    groups: dict[str, dict[str, Path]] = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in DOC_EXTS + ALIGNMENT_EXTS:
            continue
        rel = str(p.relative_to(folder))
        lang = _lang_of(rel, (src, tgt))
        if lang is None:
            continue
        stem = re.sub(rf"(?i)(?:^|[._\-/\\]){lang}(?=[._\-/\\]|$)", "", rel)
        stem = os.path.splitext(stem)[0]
        groups.setdefault(stem, {})[lang] = p
    out = [(g[src], g[tgt]) for g in groups.values() if src in g and tgt in g]
    if not out:
        raise TermsError(f"no {src}/{tgt} document pairs found in folder (name files like report.{src}.pdf / report.{tgt}.pdf)",
                         code="E421", path=str(folder))
    return out


def gather_pairs(inputs: Sequence[str], src: str, tgt: str, *, aligned: Sequence[Sequence[str]] = (),
                 alignment_files: Sequence[str] = ()) -> list[tuple[Segment, Segment]]:
    pairs: list[tuple[Segment, Segment]] = []
    for f in alignment_files:
        pairs += read_alignment_file(f, src, tgt)
    for a, b in aligned:
        pairs += read_parallel_text(a, b, src, tgt)
    docs: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for a, b in pair_folder(p, src, tgt):
                if a.suffix.lower() in ALIGNMENT_EXTS:
                    pairs += read_alignment_file(a, src, tgt)
                else:
                    pairs += align_documents(a, b, src, tgt)
        elif p.suffix.lower() in ALIGNMENT_EXTS:
            pairs += read_alignment_file(p, src, tgt)
        elif p.is_file():
            docs.append(p)
        else:
            raise TermsError(f"input not found: {p}", code="E410", path=str(p))
    if len(docs) % 2:
        raise TermsError("documents must come in pairs (source then target): got an odd number", code="E422")
    for a, b in zip(docs[::2], docs[1::2]):
        pairs += align_documents(a, b, src, tgt)
    if not pairs:
        raise TermsError("nothing to read: give document pairs, --alignment FILE or --aligned SRC TGT", code="E407")
    log.info("%d aligned pairs gathered", len(pairs))
    return pairs
