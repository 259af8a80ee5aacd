"""Alignment of UN document versions: paragraphs, sentences, many languages at once.

    import unmark
    from unmark.align import align
    zh, en = unmark.parse("A_RES_73_195_C.pdf"), unmark.parse("A_RES_73_195_E.pdf")
    table = align(zh, en, level="sentence")          # an Alignment: rows x languages
    table.pairs("zh", "en")                           # [(Segment, Segment, confidence)]
    from unmark.align.export import write
    write(table, "out.tmx")                           # or .tsv .xlsx .jsonl .html

``align_sentences`` aligns two plain lists of sentences and returns beads
``(source indices, target indices, confidence)`` (0-based), as Vecalign prints them.
"""
from __future__ import annotations

from typing import Sequence

from ..errors import AlignmentError
from ..model import Document
from .paragraph import LOW_CONFIDENCE, align_many
from .sentence import Params
from .sentence import align as _align_sentences
from .types import AlignedRow, Alignment, Segment

__all__ = [
    "align",
    "align_many",
    "align_sentences",
    "format_beads",
    "Alignment",
    "AlignedRow",
    "Segment",
    "Params",
    "LOW_CONFIDENCE",
]


def align(*docs: Document, level: str = "paragraph", embed: bool = False, pivot: str | int | None = None,
          langs: Sequence[str] | None = None) -> Alignment:
    """Align two or more parsed language versions of one document.

    ``level``: "paragraph" (blocks and footnotes) or "sentence" (sentences inside
    aligned paragraphs). ``embed``: add multilingual sentence embeddings
    (``pip install 'unmark-undocs[embed]'``; AlignmentError E310 otherwise). ``pivot``: the
    language (or document index) the others are aligned to; default the first.
    Different document symbols give a W301 warning in ``Alignment.warnings``.

    Returns an :class:`Alignment`: one row per aligned unit, a cell per language (a ``Segment`` with its
    text, symbol, page and paragraph label, or ``None``), a confidence and a bead kind; export it with
    :func:`unmark.align.export.write`. Raises ``AlignmentError`` (E3xx, docs/errors.md) for fewer than two
    documents, an unknown level or pivot, or when no alignment path is found.
    """
    if len(docs) == 1 and isinstance(docs[0], (list, tuple)):
        docs = tuple(docs[0])
    for d in docs:
        if not isinstance(d, Document):
            raise AlignmentError(f"align() takes Document objects, got {type(d).__name__}", code="E301")
    return align_many(docs, level=level, embed=embed, pivot=pivot, langs=langs)


def align_sentences(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None,
                    tgt_lang: str | None = None, embed: bool = False,
                    params: Params | None = None, calibrated: bool = False) -> list[tuple[list[int], list[int], float]]:
    """Align two lists of sentences: beads ``(src indices, tgt indices, confidence)``, 0-based,
    in order, covering every sentence once (``([3], [], 0.0)`` is a deletion).

    ``src_lang``/``tgt_lang``: language codes; a side given none is identified from its sentences
    (``unmark.lang.identify.identify_units``), so a French or Spanish side is never taken for
    English. Give the codes when you know them.

    ``calibrated``: the confidence is the calibrated probability that the bead is right (the
    sentence-level model of ``resources/align/calibration.json``, flag below
    ``calibrate.threshold("sentence")``), as ``unmark align --presplit`` writes it; otherwise the
    aligner's own length/evidence score."""
    src, tgt = list(src), list(tgt)
    if not calibrated:
        return _align_sentences(src, tgt, src_lang, tgt_lang, embed=embed, params=params)
    from .calibrate import calibrate

    from .anchors import extract

    st: dict = {}
    # the anchor keys the aligner extracts by itself, found once for the aligner and the calibration
    keys = ([extract(t, punctuation=True) for t in src], [extract(t, punctuation=True) for t in tgt])
    beads = _align_sentences(src, tgt, src_lang, tgt_lang, embed=embed, params=params, stats=st, keys=keys)
    return calibrate(beads, src, tgt, "sentence", posterior=st["posterior"], boundary=st["boundary"], keys=keys,
                     langs=(src_lang, tgt_lang))


def format_beads(beads: Sequence[tuple[Sequence[int], Sequence[int], float]]) -> str:
    """Vecalign bead lines: ``[0]:[0,1]`` one per line."""
    def idx(xs: Sequence[int]) -> str:
        return "[" + ",".join(str(x) for x in xs) + "]"

    return "".join(f"{idx(s)}:{idx(t)}\n" for s, t, *_ in beads)
