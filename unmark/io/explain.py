"""``unmark explain``: one line per fix, with the source location and the rule."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..model import Document


def _show(s: str) -> str:
    return repr(s)[1:-1] if s else "∅"


def explain_lines(doc: Document, rules: set[str] | None = None) -> list[str]:
    out = []
    for f in doc.fixes:
        if rules and not any(f.rule == r or f.rule.startswith(r + ".") for r in rules):
            continue
        where = f"p{f.page if f.page is not None else '?'}:l{f.line if f.line is not None else '?'}"
        if f.col is not None and f.col >= 0:
            where += f":c{f.col}"
        note = f"  ({f.note})" if f.note else ""
        out.append(f"{where:<16} {f.rule:<24} {_show(f.before)} -> {_show(f.after)}{note}")
    return out


def summary(doc: Document) -> list[str]:
    c = Counter(f.rule for f in doc.fixes)
    return [f"{n:6d}  {rule}" for rule, n in sorted(c.items())]
