"""Which languages a ``terms`` / ``check`` run reads: detected from the inputs when not given,
checked against the inputs when given -- never a silent 0-entry glossary because the default
zh -> en did not fit an en-es pair or line-parallel files given in the other order.

Documents (PDF, text, unmark JSON) are read once through the shared loader and cached, so the
detection costs no second parse; line-parallel text files are identified from a sample.
"""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Sequence

from ..errors import TermsError

log = logging.getLogger(__name__)

ALIGNMENT_EXTS = (".tmx", ".tsv", ".jsonl")
SAMPLE_BYTES = 65536


@functools.lru_cache(maxsize=16)
def _doc_cached(path: str, mtime: float, lang: str | None):
    from ..loader import load_document

    return load_document(path, lang=lang)


def document(path: str | os.PathLike, lang: str | None = None):
    """The document at ``path`` (read once per run); ``lang`` forces its language when the detected
    one differs."""
    p = str(path)
    doc = _doc_cached(p, os.stat(p).st_mtime, None)
    if lang and doc.language and doc.language != lang:
        doc = _doc_cached(p, os.stat(p).st_mtime, lang)
    return doc


def text_language(path: str | os.PathLike) -> str | None:
    """Language of a text file from its first 64 KB (None when nothing decides)."""
    from ..lang.identify import identify

    try:
        with open(path, "rb") as fh:
            sample = fh.read(SAMPLE_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    return identify(sample, default=None)


def _detect(inputs: Sequence[str], aligned: Sequence[Sequence[str]]) -> tuple[str | None, str | None, str] | None:
    """(language of the first source, of the first target, what was looked at) or None."""
    if aligned:
        a, b = aligned[0]
        return text_language(a), text_language(b), f"{Path(a).name} and {Path(b).name}"
    docs = [p for p in inputs if Path(p).is_file() and Path(p).suffix.lower() not in ALIGNMENT_EXTS]
    if len(docs) >= 2:
        a, b = docs[0], docs[1]
        return document(a).language, document(b).language, f"{Path(a).name} and {Path(b).name}"
    return None


def resolve_languages(src: str | None, tgt: str | None, inputs: Sequence[str] = (),
                      aligned: Sequence[Sequence[str]] = (), *, default: tuple[str, str] = ("zh", "en")) -> tuple[str, str]:
    """(source, target) languages of a terms/check run.

    Given languages are checked against the first input pair (E423 names what was found); missing
    ones are detected from it; with alignment files or folders only, the default pair is used.
    """
    found = _detect(inputs, aligned)
    if found is None:
        return src or default[0], tgt or default[1]
    fa, fb, what = found
    if src and tgt:
        if fa and fb and (fa, fb) != (src, tgt) and fa != fb:
            hint = ("the inputs come in the other order: give the source first, or " if (fa, fb) == (tgt, src) else "")
            raise TermsError(f"the inputs {what} are {fa} and {fb}, not {src} and {tgt}: "
                             f"{hint}set --src-lang {fa} --tgt-lang {fb}", code="E423")
        return src, tgt
    s, t = src or fa, tgt or fb
    if not s or not t:
        raise TermsError(f"cannot tell the languages of {what} (found: {fa or '?'} and {fb or '?'}): "
                         "set --src-lang and --tgt-lang", code="E424")
    if not src or not tgt:
        log.info("languages detected from %s: %s -> %s", what, s, t)
    return s, t
