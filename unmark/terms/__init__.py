"""Terminology: bilingual glossary extraction from aligned UN documents, exports (TBX-Basic v3,
CSV, XLSX, OmegaT, JSON) and term-consistency checks.

    >>> from unmark.terms import extract_terms, TermOptions
    >>> g = extract_terms(alignment, src_lang="zh", tgt_lang="en")      # doctest: +SKIP
    >>> g.to_tbx("glossary.tbx")                                         # doctest: +SKIP
"""
from .check import Finding, check_consistency
from .extract import extract_terms
from .glossary import Example, Glossary, TermEntry
from .options import CheckOptions, TermOptions
from .readers import as_pairs, load_known, read_alignment_file, read_parallel_text

__all__ = [
    "CheckOptions",
    "Example",
    "Finding",
    "Glossary",
    "TermEntry",
    "TermOptions",
    "as_pairs",
    "check_consistency",
    "extract_terms",
    "load_known",
    "read_alignment_file",
    "read_parallel_text",
]
