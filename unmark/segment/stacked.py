"""Labels that plain pdftotext printed stacked, apart from their texts (text input).

pdftotext's plain mode prints the page's left column of labels as lines of their own. Where two
labels stand at the same height band they come out stacked before the texts they number: a
paragraph label and the chapter label of the heading that follows the paragraph

    5.          <- paragraph 5
    III.        <- chapter III, whose title comes after paragraph 5's text
    A pilot project carried out in 2024 ...
    Proposals
    6.
    In the light of the above ...

or two chapter labels whose titles are further apart (``I.`` / ``II.`` / ``Introduction`` /
paragraphs 1 and 2 / ``Current situation``). The first label of such a stack numbers the text right
after it; each later one is put before its own text, found in reading order by the label's class:
a chapter or section label (``III.``, ``A.``) before the next title line that stands alone without a
label (short, no closing punctuation, a labelled line or a blank line after it); a paragraph label
(``5.``) before the next line that opens a paragraph without a label (right after such a title,
or after a blank line that follows a sentence end). A stack is read so only when its labels are
of two classes, or of one class in sequence (``I.``, ``II.``), and every label finds its text on
the page before a label of its own class comes; otherwise the lines are left as they are. Each
label so moved is a fix ``text.labels_stacked`` on its line (the label, and the line it now numbers).
"""
from __future__ import annotations

import dataclasses
import functools

import regex as re

from ..extract.lines import SrcLine
from ..labels import chapter_value, match_label, rule as label_rule, rules as label_rules
from ..model import Fix
from .structure import ends_final, heading_like

_MOVABLE = ("paragraph", "chapter", "section")  # (item and bullet labels stay where they are)
_HEADING_KINDS = ("chapter", "section")
_GLUED_MARKER = label_rule("note.line_end")   # a footnote marker glued at the line end


@functools.lru_cache(maxsize=1)
def _two_alone() -> "re.Pattern[str]":
    """Two labels alone on consecutive lines, searched in the lines joined by newlines."""
    rx = label_rules().alone_body
    inner = rx.pattern[1:-1] if rx.pattern.startswith("^") and rx.pattern.endswith("$") else rx.pattern
    return re.compile(rf"^(?:{inner})\n(?:{inner})$", rx.flags | re.MULTILINE)


def _kind(label: str) -> str | None:
    m = match_label(label + " x")
    return m.kind if m is not None and m.label == label else None


def _value(kind: str, label: str) -> int | None:
    num = label.rstrip(".．、")
    if kind == "paragraph":
        return int(num) if num.isdigit() else None
    if kind == "chapter":
        return chapter_value(num)
    if kind == "section":
        return ord(num) if len(num) == 1 else None
    return None


def _in_sequence(kinds: list[str], labels: list[str]) -> bool:
    """Labels of one class each the next of the one before (``I.``, ``II.``; ``1.``, ``2.``)."""
    vals = [_value(k, lab) for k, lab in zip(kinds, labels)]
    return all(a is not None and b == a + 1 for a, b in zip(vals, vals[1:]))


def _ends_sentence(s: str) -> bool:
    return ends_final(_GLUED_MARKER.sub("", s))


def _labelled(s: str, alone) -> str | None:
    """The class of the label the line is or opens with (None: no label)."""
    if alone(s):
        return _kind(s) or "other"
    m = match_label(s)
    return m.kind if m is not None else None


def _title_line(lines: list[SrcLine], k: int, alone) -> bool:
    """Line ``k`` is a title standing alone without a label: short, no closing punctuation, after
    a blank line or a sentence end, and before a labelled line or a blank line."""
    s = lines[k].stripped()
    if not heading_like(s) or _labelled(s, alone):
        return False
    prev = lines[k - 1] if k else None
    if not (prev is None or lines[k].gap_before > 0 or _ends_sentence(prev.stripped())):
        return False
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return nxt is None or nxt.page != lines[k].page or nxt.gap_before > 0 or _labelled(nxt.stripped(), alone) is not None


def _homes(lines: list[SrcLine], start: int, kinds: list[str], alone) -> list[int] | None:
    """For the second and later labels of a stack ending before ``start``, the line each goes
    before (None: some label finds none)."""
    page = lines[start].page
    homes: list[int] = []
    k, after_title = start, False
    for kind in kinds:
        k += 1
        while True:
            if k >= len(lines) or lines[k].page != page:
                return None
            s = lines[k].stripped()
            own = _labelled(s, alone)
            if own == kind:
                return None  # the next label of its class came first: not this layout
            if own is None:
                if kind in _HEADING_KINDS and _title_line(lines, k, alone):
                    break
                if kind == "paragraph" and (after_title and k == homes[-1] + 1 if homes else False):
                    break
                if (kind == "paragraph" and lines[k].gap_before > 0 and k > 0
                        and _ends_sentence(lines[k - 1].stripped()) and not _title_line(lines, k, alone)):
                    break
            k += 1
        after_title = kind in _HEADING_KINDS
        homes.append(k)
    return homes


def stacked_labels(lines: list[SrcLine], fixes: list[Fix] | None = None) -> list[SrcLine]:
    """``lines`` (body lines of text input, in reading order) with the labels of each stack read
    as above put before their own texts; the same list when there is none."""
    if not lines or any(ln.bbox is not None for ln in lines):
        return lines  # (PDF input: the layout put each label on its text's line)
    texts = [ln.stripped() for ln in lines]
    if _two_alone().search("\n".join(texts)) is None:
        return lines
    alone = label_rules().alone_body.match
    moves: dict[int, int] = {}  # index of a label line -> index of the line it goes before
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].page == lines[i].page and alone(texts[j]):
            j += 1
        if j - i < 2 or j >= len(lines) or lines[j].page != lines[i].page:
            i = max(j, i + 1)
            continue
        labels = texts[i:j]
        kinds = [_kind(s) for s in labels]
        first_ok = kinds[0] not in _HEADING_KINDS or _title_line(lines, j, alone)
        if (all(k in _MOVABLE for k in kinds) and first_ok
                and (len(set(kinds)) > 1 or _in_sequence(kinds, labels))):
            homes = _homes(lines, j, kinds[1:], alone)
            if homes is not None:
                for n, h in enumerate(homes, start=i + 1):
                    moves[n] = h
                if fixes is not None:  # (one per label moved: it leaves its line for its text's)
                    for n, h in enumerate(homes, start=i + 1):
                        fixes.append(Fix("text.labels_stacked", lines[n].page, lines[n].line, texts[n], "",
                                         note=f"labels printed stacked ({', '.join(labels)}): {texts[n]} numbers "
                                              f"{texts[h][:40]!r} (line {lines[h].line}); {labels[0]} the text after them"))
        i = j
    if not moves:
        return lines
    before: dict[int, list[SrcLine]] = {}
    for n, h in moves.items():
        # (the label opens its text's unit: the blank lines before it are the text's)
        before.setdefault(h, []).append(dataclasses.replace(lines[n], gap_before=lines[h].gap_before))
    out: list[SrcLine] = []
    for k, ln in enumerate(lines):
        if k in moves:
            continue
        out.extend(before.get(k, ()))
        out.append(ln)
    return out


__all__ = ["stacked_labels"]
