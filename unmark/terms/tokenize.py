"""Tokenisation for term candidates: Chinese with a private jieba ``Tokenizer`` loaded with the UN
user dictionary, other languages with spaCy blank tokenizers.

Both return :class:`Tokenized`: ``chunks`` (runs of tokens between punctuation, symbols and titles,
inside which n-grams are built) and ``titles`` (``《…》`` titles in Chinese; in Latin-script text,
nothing: capitalised titles come out of the n-grams).
"""
from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass

import regex

from ..errors import TermsError
from ..scripts import CJK_PUNCTUATION, CURLY_QUOTES, FULLWIDTH_FORMS, HAN_BMP
from .lexicon import check_lang, pattern, states, user_dictionary_zh

log = logging.getLogger(__name__)

_CJK = HAN_BMP
_CJK_RE = regex.compile(f"[{_CJK}]")
# CJK punctuation, full-width forms, book-title marks and the curly quotes Chinese text uses
_ZH_MARKS = CJK_PUNCTUATION + FULLWIDTH_FORMS + "《》" + CURLY_QUOTES
_ZH_SPACE_RE = regex.compile(rf"(?<=[{_CJK}{_ZH_MARKS}])[ \t\u3000]+(?=[{_CJK}{_ZH_MARKS}])")
_WORDCHAR_RE = regex.compile(r"[\p{L}\p{N}]")
_LETTER_RE = regex.compile(r"\p{L}")
_PUNCT_RE = regex.compile(r"[\p{P}\p{S}]")
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Tokenized:
    chunks: tuple[tuple[str, ...], ...]
    titles: tuple[str, ...] = ()
    tags: tuple[tuple[str, ...], ...] | None = None   # part-of-speech per token (Chinese only)


_ZH_PUNCT_SPACE_RE = regex.compile(rf"(?<=[{_ZH_MARKS}])[ \t\u3000]+|[ \t\u3000]+(?=[{_ZH_MARKS}])")


_ZH_DIGIT_SPACE_RE = regex.compile(rf"(?<=[0-9])[ \t\u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u3000]+(?=[0-9])")
# a hyphen the tokeniser spaced between two Han characters joins one name (纳戈尔诺 - 卡拉巴赫)
_ZH_HYPHEN_SPACE_RE = regex.compile(rf"(?<=[{_CJK}])[ \t\u3000]+-[ \t\u3000]+(?=[{_CJK}])")


def join_cjk(text: str) -> str:
    """Remove spaces between CJK characters, around CJK punctuation and between a digit and a CJK
    character (word-tokenised corpora such as the UNPC ``.zh.tok``: "2015 年 后" -> "2015年后"), and
    around a single hyphen between Han characters ("纳戈尔诺 - 卡拉巴赫" -> "纳戈尔诺-卡拉巴赫", as UN
    Chinese writes the name); spaces between Latin words and digits stay."""
    text = _ZH_HYPHEN_SPACE_RE.sub("-", text)
    return _ZH_DIGIT_SPACE_RE.sub("", _ZH_PUNCT_SPACE_RE.sub("", _ZH_SPACE_RE.sub("", text)))


def has_cjk(s: str) -> bool:
    return bool(_CJK_RE.search(s))


def is_wordlike(tok: str) -> bool:
    return bool(_WORDCHAR_RE.search(tok))


def has_letter(tok: str) -> bool:
    return bool(_LETTER_RE.search(tok))


# --------------------------------------------------------------------------- masking
def mask_spans(text: str, lang: str) -> list[tuple[str, str]]:
    """Split ``text`` into ("text"|"title"|"symbol", piece) spans; titles only for Chinese."""
    spans: list[tuple[int, int, str]] = []
    if lang == "zh":
        spans += [(m.start(), m.end(), "title") for m in pattern("title_zh").finditer(text)]
    for m in pattern("symbol").finditer(text):
        if not any(a <= m.start() < b for a, b, _ in spans):
            spans.append((m.start(), m.end(), "symbol"))
    spans.sort()
    out: list[tuple[str, str]] = []
    pos = 0
    for a, b, kind in spans:
        if a > pos:
            out.append(("text", text[pos:a]))
        out.append((kind, text[a:b]))
        pos = b
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


# --------------------------------------------------------------------------- Chinese
@functools.lru_cache(maxsize=4)
def zh_tokenizer(use_user_dict: bool = True, use_state_names: bool = True):
    """A private jieba Tokenizer (never the global one) with the UN user dictionary and the names of
    the UN Member States (as place names, ``ns``) added."""
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a dependency
        raise TermsError("jieba is not installed (it is a dependency of unmark-undocs: pip install jieba)", code="E403") from exc
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    with _lock:
        tk.initialize()
        if use_user_dict:
            for word, freq, tag in user_dictionary_zh():
                tk.add_word(word, freq, tag)
        if use_state_names:
            for zh_forms, _ in states():
                for word in zh_forms:
                    tk.add_word(word, max(2000, tk.FREQ.get(word) or 0), "ns")
    return tk


@functools.lru_cache(maxsize=4)
def zh_pos_tokenizer(use_user_dict: bool = True, use_state_names: bool = True):
    """jieba's part-of-speech segmenter wrapped around our private Tokenizer."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(zh_tokenizer(use_user_dict, use_state_names))


def tokenize_zh(text: str, use_user_dict: bool = True, use_state_names: bool = True) -> Tokenized:
    pt = zh_pos_tokenizer(use_user_dict, use_state_names)
    text = join_cjk(text)
    chunks: list[tuple[str, ...]] = []
    tags: list[tuple[str, ...]] = []
    titles: list[str] = []
    for kind, piece in mask_spans(text, "zh"):
        if kind == "title":
            titles.append(piece)
            continue
        if kind == "symbol":
            continue
        cur: list[str] = []
        cur_tags: list[str] = []
        with _lock:
            toks = [(p.word, p.flag) for p in pt.cut(piece, HMM=True)]
        for tok, flag in toks:
            tok = tok.strip()
            if tok and is_wordlike(tok) and not _PUNCT_RE.search(tok):
                cur.append(tok)
                cur_tags.append(flag)
            else:
                if cur:
                    chunks.append(tuple(cur))
                    tags.append(tuple(cur_tags))
                cur, cur_tags = [], []
        if cur:
            chunks.append(tuple(cur))
            tags.append(tuple(cur_tags))
    return Tokenized(tuple(chunks), tuple(titles), tuple(tags))


# --------------------------------------------------------------------------- Latin-script (and Cyrillic)
@functools.lru_cache(maxsize=8)
def spacy_tokenizer(lang: str):
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise TermsError("spaCy is not installed (it is a dependency of unmark-undocs: pip install spacy)", code="E403") from exc
    return spacy.blank(lang).tokenizer


_GLUE = {"-", "‐", "‑", "/", "'s", "’s", "'", "’"}


def _glued_tokens(doc, stop: frozenset[str] = frozenset()) -> list[str]:
    """spaCy tokens with hyphen/slash compounds re-joined (Secretary-General, HIV/AIDS, UN-Women).
    A compound broken at its hyphen by a line end of the extraction ("non- refoulement",
    "Уголовно- процессуальном") is one word again; a suspended hyphen before a function word of
    ``stop`` ("pre- and post-natal") stays as written."""
    out: list[str] = []
    glue_next = False
    for tok in doc:
        t = tok.text
        if (out and len(out[-1]) > 2 and out[-1][-1] in "-‐‑" and out[-1][-2].isalpha()
                and t[:1].islower() and t.isalpha() and t not in stop):
            out[-1] += t
            glue_next = False
            continue
        if out and (glue_next or (t in _GLUE and not doc[tok.i - 1].whitespace_)):
            if t in ("'s", "’s"):
                out.append(t)  # possessive stays a token: "Children 's Fund" -> shown as Children's
            else:
                out[-1] += t
            glue_next = t in ("-", "‐", "‑", "/") and not tok.whitespace_
            continue
        out.append(t)
        glue_next = False
    return out


def tokenize_latin(text: str, lang: str) -> Tokenized:
    from .lexicon import stopwords

    tok = spacy_tokenizer(lang)
    stop = stopwords(lang)
    chunks: list[tuple[str, ...]] = []
    for kind, piece in mask_spans(text, lang):
        if kind != "text":
            continue
        cur: list[str] = []
        for t in _glued_tokens(tok(piece), stop):
            if t in ("'s", "’s") or (is_wordlike(t) and not regex.fullmatch(r"[\p{P}\p{S}]+", t)):
                cur.append(t)
            else:
                if cur:
                    chunks.append(tuple(cur))
                cur = []
        if cur:
            chunks.append(tuple(cur))
    return Tokenized(tuple(chunks), ())


def tokenize(text: str, lang: str, *, use_user_dict: bool = True, use_state_names: bool = True) -> Tokenized:
    lang = check_lang(lang)
    if lang == "zh":
        return tokenize_zh(text, use_user_dict, use_state_names)
    return tokenize_latin(text, lang)
