"""The furniture grammar: what a page header, footer, page label, job number, barcode or
document-symbol line is, from its words (``resources/core/furniture.toml``, loaded and validated
once: E601/E602).

One home for the PDF layout's stages (``extract.pdf.layout``) and the text cleaner
(``clean.layout``), which both ask it; it sits below both and imports neither.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from ..errors import ResourceError
from ..resources import load_toml

RULES_FILE = "core/furniture.toml"


@dataclass(frozen=True)
class FurnitureRules:
    tokens: dict[str, "re.Pattern[str]"]
    strong: frozenset[str]
    rule_for_kind: dict[str, str]
    separator: "re.Pattern[str]"
    annotation: "re.Pattern[str]"
    recycle: "re.Pattern[str]"
    recycle_from_end: "re.Pattern[str]"   # the same pattern, reversed: matched at the end (it ends with $)


def _anchored_at_end(pattern: str) -> str:
    """``pattern`` if every match of it ends at the end of the text (it ends with ``$`` and has
    no ``|`` outside brackets): then a reversed match, tried at the end only, finds what a search
    finds. Else a coded error: the rule says the mark stands at the end of the line."""
    depth, in_class, escaped, top_alt = 0, False, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            top_alt = True
    if not pattern.endswith("$") or pattern.endswith("\\$") or top_alt:
        raise ResourceError(f"{RULES_FILE}: [recycle].pattern must end with $ and have no | outside a group", code="E602")
    return pattern


@functools.lru_cache(maxsize=1)
def rules() -> FurnitureRules:
    data = load_toml(RULES_FILE)
    try:
        toks = {k: re.compile(rf"^(?:{v})$") for k, v in data["tokens"].items()}
        strong = frozenset(data["strong"]["kinds"])
        unknown = strong - set(toks)
        if unknown:
            raise ResourceError(f"{RULES_FILE}: strong kinds without a token pattern: {sorted(unknown)}", code="E602")
        return FurnitureRules(
            tokens=toks,
            strong=strong,
            rule_for_kind=dict(data["rule_for_kind"]),
            separator=re.compile(data["separator"]["pattern"]),
            annotation=re.compile(data["annotation"]["pattern"]),
            recycle=re.compile(data["recycle"]["pattern"]),
            recycle_from_end=re.compile(_anchored_at_end(data["recycle"]["pattern"]), re.REVERSE),
        )
    except (KeyError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid furniture rules: {exc}", code="E602") from exc


CELL_GAP = re.compile(r"\s{3,}")   # cells of a line set apart by wide spacing
_SPACED_SLASH = re.compile(r"(\d)\s*/\s*(\d)")
MAX_FURNITURE_CHARS = 90  # furniture lines are short: longer lines are not even tokenised
MAX_FURNITURE_TOKENS = 8


def furniture_tokens(text: str) -> list[str]:
    """The words of a furniture candidate line, a "5 / 14" page label as one word."""
    if "/" not in text:
        return text.split()  # no "5 / 14" to join: the cells' words are the line's words
    out: list[str] = []
    for c in CELL_GAP.split(text.strip()):
        # "5/14" style labels may be written with spaces around the slash
        out += _SPACED_SLASH.sub(r"\1/\2", c).split()
    return out


_JOINT = re.compile(r"[–—]|-(?=[A-Z][A-Za-z]{0,9}(?:\.\d+)?/)")


def primary_symbol(tok: str) -> str:
    """The document's own symbol in a symbol token: without a note mark (A/75/123* -> A/75/123)
    and, for a joint document, the first of the joined symbols (A/74/760–S/2020/214 -> A/74/760)."""
    return _JOINT.split(tok.rstrip("*"), maxsplit=1)[0].rstrip(".")


@functools.lru_cache(maxsize=8192)  # words repeat; the rules are loaded once
def token_kind(tok: str) -> str | None:
    for kind, rx in rules().tokens.items():
        if rx.match(tok):
            return kind
    return None


def furniture_kind(text: str, position: str = "middle", doc_symbol: str | None = None) -> str | None:
    """Rule id if the whole line is page furniture, else None.

    ``position`` is 'top', 'bottom' or 'middle' of the page's content lines.
    """
    if len(text) > MAX_FURNITURE_CHARS and sum(len(w) + 1 for w in text.split()) > MAX_FURNITURE_CHARS:
        return None
    # whether the mark is there is asked at the end only (the pattern ends with \s*$: a reversed
    # match is anchored there); where it starts, from the start, as the pattern means it
    m = rules().recycle.search(text) if rules().recycle_from_end.match(text) else None
    if m is not None:
        text = text[: m.start()]
        if not text.strip():
            return "furniture.recycle"
    if len(text.split()) - 2 * text.count("/") > MAX_FURNITURE_TOKENS:
        return None  # too many tokens however "5 / 14" is joined (the common case: a line of prose)
    toks = furniture_tokens(text)
    if not toks or len(toks) > MAX_FURNITURE_TOKENS:
        return None
    kinds = []
    for t in toks:
        k = token_kind(t)
        if k is None:
            return None
        kinds.append(k)
    r = rules()
    strong = [k for k in kinds if k in r.strong]
    if "page_word" in kinds and "page_number" in kinds and len(toks) <= 3:
        strong.append("page_label")  # "Page 2", "第 2 页"
    if not strong:
        return None
    if set(strong) == {"symbol"}:
        syms = [t for t, k in zip(toks, kinds) if k == "symbol"]
        if not (position in ("top", "bottom") or (doc_symbol and doc_symbol in syms)):
            return None
    for k in ("job_number", "barcode", "page_label", "continuation", "symbol"):
        if k in strong:
            return r.rule_for_kind.get(k, f"furniture.{k}")
    return None  # pragma: no cover
