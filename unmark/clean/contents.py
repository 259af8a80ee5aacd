"""Table of contents: the "Contents" list of a report repeats its headings with dot leaders and
page numbers. Its lines leave the body (zone ``contents``), each recorded as a fix.

Rules as data: ``resources/core/contents.toml`` (patterns, limits, examples).
"""
from __future__ import annotations

import functools
import logging
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


class _Lazy:
    """``[item(i) for i in range(n)]``, each item computed when first read (a table of contents is
    looked for on the first pages only; most lines are never read)."""

    def __init__(self, item, n: int):
        self.item, self.n, self.cache = item, n, {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self[i] for i in range(*key.indices(self.n))]
        got = self.cache.get(key)
        if got is None:
            got = self.cache[key] = self.item(key)
        return got


def _is_entry(s: str, r: ContentsRules) -> bool:
    """A contents entry (a leader needs dots, an ellipsis or middle dots, so most lines are
    settled without the regex)."""
    return bool(s) and ("..." in s or ". ." in s or "…" in s or "··" in s) and r.entry.match(s) is not None


def contents_span(texts: list[str], pages: list[int] | None = None) -> tuple[int, int] | None:
    """(start, end) indices of the table of contents in ``texts`` (body lines in reading order), or None."""
    r = rules()
    pages = pages or [1] * len(texts)
    # only the first pages can open a table of contents: read no further than needed
    stop = next((i for i, p in enumerate(pages) if p > r.max_page), len(texts))
    norm = _Lazy(lambda i: _norm(texts[i]), len(texts))
    is_entry = _Lazy(lambda i: _is_entry(norm[i], r), len(texts))
    for i, s in enumerate(norm[:stop]):
        headed = r.heading.match(s) is not None
        run = is_entry[i:i + r.min_run]
        if not headed and not (len(run) == r.min_run and all(run)):
            continue
        j = i + 1 if headed else i
        bare = False
        entries = 0
        while j < len(norm):
            t = norm[j]
            if not t:
                j += 1
                continue
            if r.columns.match(t):
                bare = bare or headed
            elif is_entry[j] or (bare and r.bare_entry.match(t)):
                entries += 1
            elif not any(is_entry[j + 1:j + 1 + r.lookahead]):
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
