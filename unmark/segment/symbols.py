"""Inline document symbols (A/RES/73/195), sales numbers (E.18.IV.9) and URLs.
Patterns are data: ``resources/core/symbols.toml``."""
from __future__ import annotations

import bisect
import functools

import regex as re

from ..errors import ResourceError
from ..model import SymbolRef
from ..resources import load_toml

KINDS = ("url", "sales", "document")


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, "re.Pattern[str]"]:
    d = load_toml("core/symbols.toml")
    try:
        return {k: re.compile(d["patterns"][k]) for k in KINDS}
    except (KeyError, re.error) as exc:
        raise ResourceError(f"core/symbols.toml: {exc}", code="E602") from exc


def find_symbols(text: str, item: int | None = None) -> list[SymbolRef]:
    """Non-overlapping references in ``text``; URLs first, then sales numbers, then symbols."""
    return [SymbolRef(s, a, b, kind, item) for s, a, b, kind in symbol_spans(text)]


@functools.lru_cache(maxsize=4096)  # a block's text is searched before and after its markers go
def symbol_spans(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """(text, start, end, kind) of each reference :func:`find_symbols` finds, as plain tuples."""
    # the spans taken by earlier kinds, sorted and never overlapping (so their ends rise with their
    # starts): a match overlaps one of them iff the last span starting before its end ends after
    # its start; a binary search, not a scan (a text of 50,000 symbols would take minutes)
    starts: list[int] = []
    ends: list[int] = []
    out: list[tuple[str, int, int, str]] = []
    for kind in KINDS:
        found: list[tuple[str, int, int, str]] = []
        for m in patterns()[kind].finditer(text):
            a, b = m.span()
            s = m.group()
            if kind != "url" and not any(c.isdigit() for c in s):
                continue
            i = bisect.bisect_left(starts, b)
            if i and ends[i - 1] > a:
                continue
            found.append((s, a, b, kind))   # finditer: matches of one kind never overlap each other
        if found:
            out = sorted(out + found, key=lambda r: r[1])
            starts = [r[1] for r in out]
            ends = [r[2] for r in out]
    out.sort(key=lambda r: r[1])
    return tuple(out)
