"""Alignment (provisional)."""
from .sentence import align as _align_sentences


def align_sentences(src, tgt, src_lang=None, tgt_lang=None, embed=False):
    return _align_sentences(src, tgt, src_lang, tgt_lang, embed=embed)
