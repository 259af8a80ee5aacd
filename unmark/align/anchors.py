"""Lexical anchors: language-independent tokens that survive translation.

An anchor is a string key such as ``sym:A/RES/73/195``, ``num:1994``,
``date:1994-05-11``, ``url:www.un.org/x``, ``lat:unodc`` or ``p:?``. Each kind
has a base weight (a document symbol is strong evidence, a small number or a
question mark is weak); :func:`idf_weights` multiplies it by its rarity in the
document pair, so a token seen in one paragraph of each version counts far more
than one seen everywhere.
"""
from __future__ import annotations

import itertools
import math
import unicodedata
from collections import Counter
from typing import Iterable, Sequence

import regex
from ..scripts import NON_LATIN
from ..labels import ar_ordinal_value, cn_value, item_letter_value, roman_value, rules as label_rules

# Base weight per anchor kind (before rarity).
KIND_WEIGHT = {
    "sym": 3.0,    # document symbol A/RES/73/195, sales number E.18.IV.9
    "ref": 2.0,    # resolution / decision number 73/195
    "url": 3.0,
    "date": 2.5,   # full date normalised to Y-M-D
    "ym": 1.2,     # year + month
    "num": 1.2,    # number with 3+ digits or a decimal part
    "year": 1.5,
    "small": 0.35, # number below 100 on its own: weak (hunalign's failure mode)
    "lat": 1.2,    # Latin-script word kept inside non-Latin text (acronyms, names)
    "para": 1.0,   # paragraph number (document structure)
    "head": 0.8,   # heading number (I., 一., أولا)
    "item": 0.25,  # sub-item label like (a): weak alone
    "fn": 1.0,     # footnote label
    "p": 0.3,      # punctuation class (? ! quote ...), sentence level only
}

_URL = regex.compile(r"(?i)(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>\"'）)\]，。；]+")
_SYMBOL = regex.compile(
    r"(?<![\p{L}\p{N}/])(?:[A-Z]{1,8}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+|[A-Z]\.\d{2}\.[IVXL]+\.[A-Z]?\.?\d+)"
)
_NUMBER = regex.compile(
    r"(?<![A-Za-z\d])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|(?<![A-Za-z\d])\d+(?:[.,]\d+)?(?!\d)"
)
# resolution / decision numbers: 73/195, 5/1, 48/246
_REF = regex.compile(r"(?<![A-Za-z\d/.])(\d{1,3})/(\d{1,4})(?![A-Za-z\d/]|\.\d)")
_LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9\-']*[A-Za-z0-9]|[A-Z]")
_DIGIT = regex.compile(r"\d")
_UPPER = regex.compile(r"[A-Z]")

_MONTHS = {
    # English, French, Spanish, Russian (nominative + genitive stems), Arabic (both naming systems)
    1: ("january", "janvier", "enero", "январ", "يناير", "كانون الثاني"),
    2: ("february", "février", "febrero", "феврал", "فبراير", "شباط"),
    3: ("march", "mars", "marzo", "март", "مارس", "آذار"),
    4: ("april", "avril", "abril", "апрел", "أبريل", "نيسان"),
    5: ("may", "mai", "mayo", "ма", "مايو", "أيار"),
    6: ("june", "juin", "junio", "июн", "يونيه", "يونيو", "حزيران"),
    7: ("july", "juillet", "julio", "июл", "يوليه", "يوليو", "تموز"),
    8: ("august", "août", "agosto", "август", "أغسطس", "آب"),
    9: ("september", "septembre", "septiembre", "сентябр", "سبتمبر", "أيلول"),
    10: ("october", "octobre", "octubre", "октябр", "أكتوبر", "تشرين الأول"),
    11: ("november", "novembre", "noviembre", "ноябр", "نوفمبر", "تشرين الثاني"),
    12: ("december", "décembre", "diciembre", "декабр", "ديسمبر", "كانون الأول"),
}
_MONTH_ALT = "|".join(
    sorted((regex.escape(n) for names in _MONTHS.values() for n in names), key=len, reverse=True)
)
_DATE_DMY = regex.compile(
    rf"(?i)(?<!\d)(\d{{1,2}})(?:er|\.)?\s+(?:de\s+)?(?P<mon>{_MONTH_ALT})[\p{{L}}/]*\s+(?:de\s+)?(\d{{4}})(?!\d)"
)
_DATE_MDY = regex.compile(rf"(?i)\b(?P<mon>{_MONTH_ALT})[\p{{L}}]*\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")
_DATE_MY = regex.compile(rf"(?i)\b(?P<mon>{_MONTH_ALT})[\p{{L}}/]*\s+(?:de\s+)?(\d{{4}})(?!\d)")
_DATE_ZH = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")

_PUNCT = {
    "?": "?", "？": "?", "¿": "?", "؟": "?",
    "!": "!", "！": "!", "¡": "!",
    "“": "q", "”": "q", "「": "q", "」": "q", "『": "q", "』": "q", '"': "q", "«": "q", "»": "q", "„": "q",
    "…": "…", ":": ":", "：": ":", ";": ";", "；": ";", "(": "(", "（": "(", "%": "%", "％": "%",
}


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _month_number(name: str) -> int | None:
    low = name.lower()
    for num, names in _MONTHS.items():
        for n in names:
            if low.startswith(n) or n.startswith(low):
                return num
    return None


def normalise(text: str) -> str:
    """NFKC (full-width digits and Latin letters become ASCII)."""
    return unicodedata.normalize("NFKC", text)


def _number_key(raw: str) -> tuple[str, str]:
    digits = regex.sub(r"[^\d]", "", raw)
    core = digits.lstrip("0") or "0"
    if len(core) >= 3 or regex.search(r"[.,]\d{1,2}$", raw):
        if len(core) == 4 and core.isdecimal() and 1900 <= int(core) <= 2099 and not regex.search(r"[.,]", raw):
            return "year", core
        return "num", core
    return "small", core


def _dates(text: str) -> list[str]:
    out: list[str] = []
    for m in _DATE_ZH.finditer(text):
        try:  # int() refuses digits of scripts newer than Python's Unicode tables (regex's \d takes them)
            y, mo, d = m.group(1), int(m.group(2)), m.group(3)
            out.append(f"date:{y}-{mo:02d}-{int(d):02d}" if d else f"ym:{y}-{mo:02d}")
        except ValueError:
            continue
    covered: list[tuple[int, int]] = []
    for pat, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy")):
        for m in pat.finditer(text):
            mon = _month_number(m.group("mon"))
            if mon is None:
                continue
            try:
                d, y = int(m.group(1 if order == "dmy" else 2)), m.group(3)
            except ValueError:
                continue
            if 1 <= d <= 31:
                out.append(f"date:{y}-{mon:02d}-{d:02d}")
                covered.append(m.span())
    for m in _DATE_MY.finditer(text):
        if covered and _inside(m.start(), covered):
            continue
        mon = _month_number(m.group("mon"))
        if mon is not None and len(m.group("mon")) >= 3:
            out.append(f"ym:{m.group(2)}-{mon:02d}")
    return out


def extract(text: str, *, punctuation: bool = False, all_latin: bool | None = None) -> list[str]:
    """Anchor keys of one text, in order, with repetitions.

    ``all_latin``: emit every Latin-script word (as ``lat:``); default: only when the
    text itself is mostly non-Latin (Chinese, Russian, Arabic), otherwise only
    acronyms and words with digits/capitals inside (``UNODC``, ``COVID-19``).
    """
    t = normalise(text)
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(t) is not None
    for m in (_URL.finditer(t) if ("www" in t or "://" in t) else ()):
        keys.append("url:" + m.group(0).lower().rstrip(".,;:").split("://")[-1].removeprefix("www."))
        spans.append(m.span())
    for m in (_SYMBOL.finditer(t) if ("/" in t or (has_digit and "." in t)) else ()):
        if spans and _inside(m.start(), spans):
            continue
        keys.append("sym:" + m.group(0).rstrip(".").upper())
        spans.append(m.span())
    if has_digit:
        keys.extend(_dates(t))
        if "/" in t:
            for m in _REF.finditer(t):
                if not (spans and _inside(m.start(), spans)):
                    try:
                        keys.append(f"ref:{int(m.group(1))}/{int(m.group(2))}")
                    except ValueError:
                        continue
    for m in (_NUMBER.finditer(t) if has_digit else ()):
        if spans and _inside(m.start(), spans):
            continue
        kind, core = _number_key(m.group(0))
        keys.append(f"{kind}:{core}")
    if all_latin is None:
        all_latin = bool(NON_LATIN.search(t))
    for m in (_LATIN.finditer(t) if (all_latin or has_digit or _UPPER.search(t)) else ()):
        if spans and _inside(m.start(), spans):
            continue
        w = m.group(0)
        if all_latin:
            if len(w) >= 2 or w.isupper():
                keys.append("lat:" + w.lower())
        elif len(w) >= 2 and not (w.isalpha() and w.islower()) and \
                (sum(map(str.isupper, w)) >= 2 or any(map(str.isdigit, w))):
            # (a plain lower-case word has neither capitals nor digits: most words skip the counts)
            keys.append("lat:" + w.lower())
    if punctuation:
        keys.extend(_punctuation(t))
    return keys


def _punctuation(t: str) -> list[str]:
    keys = ["p:" + k for k in map(_PUNCT.get, t) if k is not None]
    if "..." in t:
        keys.append("p:…")
    return keys


def punctuation_keys(text: str) -> list[str]:
    """The punctuation keys :func:`extract` adds with ``punctuation=True`` (so
    ``extract(t, punctuation=True) == extract(t) + punctuation_keys(t)``)."""
    return _punctuation(normalise(text))


def kind(key: str) -> str:
    return key.split(":", 1)[0]


def shared_vocabulary(src: Iterable[Sequence[str]], tgt: Iterable[Sequence[str]]) -> set[str]:
    """Keys seen on both sides: only those can anchor anything."""
    a = {k for ks in src for k in ks}
    b = {k for ks in tgt for k in ks}
    return a & b


def idf_weights(src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], vocab: set[str]) -> dict[str, float]:
    """Weight of each shared key: base weight of its kind times its rarity.

    Rarity is ``log(1 + N / df)`` with ``df`` the number of units (sentences or
    blocks, both sides) that contain the key, normalised so a key found in one
    unit on each side has rarity 1.
    """
    df: Counter[str] = Counter()
    df.update(itertools.chain.from_iterable(set(ks) for ks in itertools.chain(src, tgt)))
    df = Counter({k: c for k, c in df.items() if k in vocab})
    n = max(1, len(src) + len(tgt))
    top = math.log(1 + n / 2)
    out = {}
    for k, c in df.items():
        rarity = math.log(1 + n / c) / top if top > 0 else 1.0
        out[k] = KIND_WEIGHT.get(kind(k), 1.0) * rarity
    return out


# --------------------------------------------------------------------------- labels
def label_value(label: str | None) -> str | None:
    """Language-neutral value of a paragraph, heading or item label:
    ``I.``/``一.``/``أولا-`` -> ``1``; ``(a)``/``а)``/``(أ)`` -> ``a``; ``12.`` -> ``12``."""
    if not label:
        return None
    core = label_rules().value_strip.sub("", normalise(label))
    if not core:
        return None
    if core.isdecimal():
        return str(int(core))
    for conv in (roman_value, cn_value):
        v = conv(core)
        if v is not None:
            return str(v)
    v = ar_ordinal_value(core)
    if v is not None:
        return str(v)
    return item_letter_value(core) or core.lower()
