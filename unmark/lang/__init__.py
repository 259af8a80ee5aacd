"""Per-language rules for the six UN languages (ar, zh, en, fr, es, ru), as pure functions.

Rule data lives in ``resources/lang/<xx>.toml`` (abbreviations, terminators, labels, dates,
compounds) with examples that the tests run. See docs/languages.md.
"""
from __future__ import annotations

from .data import LANGUAGES, LangRules, find_date, match_label, rules
from .hyphen import dehyphenate_join, document_vocabulary, join_lines, keep_hyphen, wordfreq_available
from .identify import identify, identify_block, identify_document, looks_like_language
from .linebreaks import display_width, hard_breaks, is_hard_break, line_break_context
from .normalize import detokenize_zh, fold_arabic_presentation_forms, french_spacing
from .sentences import sentence_texts, split_sentences

__all__ = [
    "LANGUAGES",
    "LangRules",
    "rules",
    "match_label",
    "find_date",
    "identify",
    "identify_document",
    "looks_like_language",
    "identify_block",
    "split_sentences",
    "sentence_texts",
    "keep_hyphen",
    "join_lines",
    "dehyphenate_join",
    "document_vocabulary",
    "wordfreq_available",
    "is_hard_break",
    "line_break_context",
    "hard_breaks",
    "display_width",
    "fold_arabic_presentation_forms",
    "french_spacing",
    "detokenize_zh",
]
