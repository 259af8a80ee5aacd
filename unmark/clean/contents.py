"""Table of contents: the "Contents" list of a report repeats its headings with dot leaders and
page numbers. Its lines leave the body (zone ``contents``), each recorded as a fix.

Rules as data: ``resources/core/contents.toml`` (patterns, limits, examples).
"""
from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re as _stdre
from dataclasses import dataclass

import regex as re

from ..errors import ResourceError
from ..extract.lines import LineFacts, SrcLine, SrcPage
from ..model import Fix
from ..resources import load_toml

log = logging.getLogger(__name__)

RULES_FILE = "core/contents.toml"


@dataclass(frozen=True)
class ContentsRules:
    heading: "re.Pattern[str]"
    columns: "re.Pattern[str]"
    entry: "re.Pattern[str]"
    bare_entry: "re.Pattern[str]"
    heading_rule: str
    entry_rule: str
    max_page: int
    min_run: int
    lookahead: int


@functools.lru_cache(maxsize=1)
def rules() -> ContentsRules:
    data = load_toml(RULES_FILE)
    try:
        r = data["rules"]
        out = ContentsRules(
            heading=re.compile(r["heading"]), columns=re.compile(r["columns"]), entry=re.compile(r["entry"]),
            bare_entry=re.compile(r["bare_entry"]), heading_rule=str(r["heading_rule"]),
            entry_rule=str(r["entry_rule"]), max_page=int(r["max_page"]), min_run=int(r["min_run"]),
            lookahead=int(r["lookahead"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid contents rules: {exc}", code="E602") from exc
    if out.min_run < 2 or out.lookahead < 1 or out.max_page < 1:
        raise ResourceError(f"{RULES_FILE}: min_run >= 2, lookahead >= 1 and max_page >= 1 are required", code="E602")
    return out


def _norm(s: str) -> str:
    return " ".join(s.split())


def _is_entry(s: str, r: ContentsRules) -> bool:
    """A contents entry (a leader needs dots, an ellipsis or middle dots, so most lines are
    settled without the regex)."""
    return bool(s) and ("..." in s or ". ." in s or "…" in s or "··" in s) and r.entry.match(s) is not None


# a leader as :func:`_is_entry` first asks for it, in normalised text (one space between words;
# the standard library's engine: a plain search, several times faster than ``regex`` on it)
_LEADER = _stdre.compile(r"\.\.\.|\. \.|…|··")


@functools.lru_cache(maxsize=4)
def _by_line(pattern: str, flags: int) -> "re.Pattern[str]":
    """``pattern`` (matched against one whole line) to be searched for in lines joined by newlines."""
    return re.compile(pattern, flags | re.MULTILINE)


def contents_span(texts: list[str], pages: list[int] | None = None) -> tuple[int, int] | None:
    """(start, end) indices of the table of contents in ``texts`` (body lines in reading order), or None."""
    r = rules()
    n = len(texts)
    pages = pages or [1] * n
    # only the first pages can open a table of contents: read no further than needed
    stop = next((i for i, p in enumerate(pages) if p > r.max_page), n)
    first = [" ".join(t.split()) for t in texts[:stop]]
    # the lines that may open a heading or an entry, found in one pass over the first pages' lines
    # joined (each then asked as before; a line not found is neither)
    joined = "\n".join(first)
    starts = [0, *itertools.accumulate(len(s) + 1 for s in first)]
    line_of = functools.partial(bisect.bisect_right, starts)
    may_head = {line_of(m.start()) - 1 for m in _by_line(r.heading.pattern, r.heading.flags).finditer(joined, overlapped=True)}
    may_lead = {line_of(m.start()) - 1 for m in _LEADER.finditer(joined)}
    if not may_head and not may_lead:
        return None
    norm: dict[int, str] = {}
    entry: dict[int, bool] = {}

    def nm(i: int) -> str:
        if i < stop:
            return first[i]
        s = norm.get(i)
        if s is None:
            s = norm[i] = _norm(texts[i])
        return s

    def is_entry(i: int) -> bool:
        v = entry.get(i)
        if v is None:
            v = entry[i] = (i >= stop or i in may_lead) and _is_entry(nm(i), r)
        return v

    min_run = r.min_run
    for i in sorted(may_head | may_lead):
        headed = i in may_head and r.heading.match(first[i]) is not None
        if not headed and not (i + min_run <= n and all(is_entry(k) for k in range(i, i + min_run))):
            continue
        j = i + 1 if headed else i
        bare = False
        entries = 0
        while j < n:
            t = nm(j)
            if not t:
                j += 1
                continue
            if r.columns.match(t):
                bare = bare or headed
            elif is_entry(j) or (bare and r.bare_entry.match(t)):
                entries += 1
            elif not any(is_entry(k) for k in range(j + 1, min(n, j + 1 + r.lookahead))):
                break
            j += 1
        if entries:
            return i, j
    return None


def mark_contents(pages: list[SrcPage]) -> tuple[list[Fix], LineFacts]:
    """The lines of a table of contents go to zone 'contents': the fixes say which, the facts
    hold the zones (the caller records them)."""
    r = rules()
    body: list[SrcLine] = [ln for p in pages for ln in p.lines if ln.zone == "body" and ln.s.strip()]
    span = contents_span([ln.s for ln in body], [ln.page for ln in body])
    facts = LineFacts()
    if span is None:
        return [], facts
    fixes = []
    a, b = span
    for k, ln in enumerate(body[a:b]):
        facts.set(ln, zone="contents")
        rule = r.heading_rule if k == 0 and r.heading.match(_norm(ln.s)) else r.entry_rule
        fixes.append(Fix(rule, ln.page, ln.line, ln.s.strip(), "", note="table of contents"))
    log.debug("table of contents: %d lines", b - a)
    return fixes, facts
