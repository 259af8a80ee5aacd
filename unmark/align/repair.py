"""Headings the aligner put one row off, found from the text and moved back.

A heading kept as a unit of its own in one version and glued to a paragraph in the other (the
segmentation of one side missed the break) is the commonest wrong paragraph row: the aligner pairs the
paragraphs and leaves the lone heading in the neighbouring row, so both rows are wrong. The shapes:

* glued to the **end** of one side's paragraph (``… services . Mеньшинства и коренные народы``) while the
  next row's other side starts with that heading as a unit of its own;
* glued to the **start** of one side's paragraph, before its number (``Дети 67. В СП5 …``) while the row
  before ends with the heading on the other side;
* a **label** split from its heading (``三.`` | ``提议`` ↔ ``III. Proposals``);
* a **lead-in line** (``The General Assembly,``, ``大会，``: short, ending with a comma or a colon) glued
  to the start of the paragraph it leads, or to the end of the line before it, in one version;
* a **labelled line** (``反对：美利坚合众国`` / ``Against: United States of America``) glued to the line
  before or after it in one version: the counts of labelled lines of two neighbouring rows disagree.

:func:`moved_headings` finds them; :func:`repair` moves the lone heading (label, lead-in) into the row that
holds its translation, so both rows become right. The patterns are the label grammar's
(``align.glued_tail``, ``align.glued_prefix``, ``align.lead_in``, ``align.glued_lead_in``,
``align.labelled_line``).
"""
from __future__ import annotations

import math
from typing import Sequence

from ..labels import rule as label_rule
from ..scripts import HAN_OR_KANA

Bead = tuple[list[int], list[int], float]

# (the label grammar's: resources/core/labels.toml)
_TAIL = label_rule("align.glued_tail")
_HEAD_PREFIX = label_rule("align.glued_prefix")
_LEAD = label_rule("align.lead")
_LEAD_IN = label_rule("align.lead_in")
_GLUED_LEAD_IN = label_rule("align.glued_lead_in")
_LABELLED = label_rule("align.labelled_line")


def _length(text: str) -> int:
    return len("".join(text.split()))


def end_class(text: str) -> str:
    """``L`` when ``text`` ends with a letter, ``P`` with punctuation, ``""`` with a digit or nothing."""
    t = text.rstrip()
    if not t:
        return ""
    ch = t[-1]
    if ch.isalpha():
        return "L"
    return "" if ch.isdigit() else "P"


def heading_like(text: str) -> bool:
    """A short unit that does not end like a sentence and is not mostly digits (a heading, not a job
    number or a page label)."""
    t = text.strip()
    n = _length(t)
    return 0 < n <= 60 and end_class(t) == "L" and sum(ch.isdigit() for ch in t) < 0.3 * n


def glued_tail(text: str) -> bool:
    """``text`` ends with a short unpunctuated tail after a sentence (not after a label: ``二. 现状`` is
    a heading, not a glued one)."""
    m = _TAIL.search(text.rstrip())
    return bool(m) and end_class(text) == "L" and any(ch.isalpha() for ch in m.group(1)) and \
        _length(text[: m.start()]) >= 15 and len(m.group(1)) < 0.5 * len(text)


def glued_prefix(text: str) -> bool:
    """``text`` starts with a short unlabelled prefix before a paragraph number."""
    return bool(_HEAD_PREFIX.match(text)) and not _LEAD.match(text)


def _label_only(text: str) -> str | None:
    """The value of a unit that is nothing but a label (``三.``, ``12.``, ``(b)``), else None."""
    from .anchors import label_value

    m = _LEAD.match(text)
    return label_value(m.group(0)) if m and not text[m.end():].strip() else None


def _lead_value(text: str) -> str | None:
    from .anchors import label_value

    m = _LEAD.match(text)
    return label_value(m.group(0)) if m else None


def _short(text: str) -> bool:
    """Short enough for a lead-in: 40 characters, 12 in Chinese or Japanese (denser)."""
    han = len(HAN_OR_KANA.findall(text))
    return _length(text) <= (12 if han * 2 > _length(text) else 40)


def lead_in(text: str) -> bool:
    """A lead-in line of its own (``The General Assembly,``, ``大会，``, ``In favour:``)."""
    return bool(_LEAD_IN.match(text)) and _short(text)


def glued_lead_in(text: str) -> bool:
    """A lead-in glued to the start of a paragraph (``La Asamblea General, Reafirmando …``): the rest
    is at least twice as long as the lead-in."""
    m = _GLUED_LEAD_IN.match(text)
    return bool(m) and _short(m.group(1)) and _length(text[m.end(1):]) >= 2 * _length(m.group(1))


def _labelled_lines(text: str) -> int:
    # (every labelled line has a colon: most units have none and skip the pattern)
    return len(_LABELLED.findall(text)) if ":" in text or "：" in text else 0


def furniture(text: str) -> bool:
    """A unit that is no running text: a job number, a page label, a barcode line (fewer than three
    letters, or a fifth as many digits as letters)."""
    letters = sum(map(str.isalpha, text))
    return letters < 3 or sum(map(str.isdigit, text)) >= 0.2 * letters


def _labelled_moves(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str]) -> list[tuple[int, ...]]:
    """Labelled lines (``In favour: …``, ``反对：…``) one row off: two neighbouring two-sided rows whose
    counts of labelled lines disagree in opposite directions, and the unit at their boundary that
    starts with one brings both closer to agreement when it moves (a line glued to its neighbour in
    one version; a line lost in one version leaves the counts apart) -- with the furniture between it
    and the boundary (a job number left between two lines)."""
    texts = (src, tgt)
    cnt = [[sum(_labelled_lines(texts[x][i]) for i in b[x]) for x in (0, 1)] for b in beads]
    out: list[tuple[int, ...]] = []
    lengths = ([_length(t) for t in src], [_length(t) for t in tgt])
    for k in range(len(beads) - 1):
        a, b = beads[k], beads[k + 1]
        if not (a[0] and a[1] and b[0] and b[1]):
            continue
        found: list[tuple[int, ...]] = []
        for x in (0, 1):
            y = 1 - x
            f = 0  # furniture at the start of the next row's side, then its first unit of text
            while f < len(b[x]) - 1 and furniture(texts[x][b[x][f]]):
                f += 1
            first = texts[x][b[x][f]]
            h = _labelled_lines(first)
            if len(b[x]) > f + 1 and h and _LABELLED.match(first.lstrip()) and \
                    cnt[k][y] - cnt[k][x] >= h and cnt[k + 1][x] - cnt[k + 1][y] >= h:
                found.append((k + 1, x, k) if f == 0 else (k + 1, x, k, f + 1))
            f = 0  # furniture at the end of this row's side, then its last unit of text
            while f < len(a[x]) - 1 and furniture(texts[x][a[x][-1 - f]]):
                f += 1
            last = texts[x][a[x][-1 - f]]
            h = _labelled_lines(last)
            if h and _LABELLED.match(last.lstrip()) and (f == 0 or len(a[x]) > f + 1) and \
                    cnt[k][x] - cnt[k][y] >= h and cnt[k + 1][y] - cnt[k + 1][x] >= h:
                found.append((k, x, k + 1) if f == 0 else (k, x, k + 1, f + 1))
        if found:
            # two moves that each make the counts agree (a line of each version one row off the other
            # way): the one after which both rows' lengths fit the pair's ratio best
            out.append(min(found, key=lambda m: _misfit(beads, m, lengths)))
    return out


def _misfit(beads: Sequence[Bead], move: tuple[int, ...], lengths: tuple[list[int], list[int]]) -> float:
    """How far the two rows a move touches are from the pair's length ratio after it (the sum of the
    squared log ratios against the pair's)."""
    src_row, side, dst_row, *count = move
    n = count[0] if count else 1
    rows = {r: [list(beads[r][0]), list(beads[r][1])] for r in (src_row, dst_row)}
    units = rows[src_row][side]
    moved = units[:n] if dst_row < src_row else units[-n:]
    rows[src_row][side] = units[n:] if dst_row < src_row else units[:-n]
    rows[dst_row][side] = rows[dst_row][side] + moved if dst_row < src_row else moved + rows[dst_row][side]
    ratio = math.log((sum(lengths[1]) + 1.0) / (sum(lengths[0]) + 1.0))
    return sum((math.log((sum(lengths[1][j] for j in t) + 1.0) / (sum(lengths[0][i] for i in s) + 1.0)) - ratio) ** 2
               for s, t in rows.values())


def moved_headings(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str]) -> list[tuple[int, ...]]:
    """Each lone heading (or heading label) one row off: ``(row it sits in, side 0/1, row it belongs
    to)``, and a fourth figure when more than one unit moves (the units at that end of the side)."""
    n = len(beads)
    out = []
    texts = (src, tgt)
    for k, bead in enumerate(beads):
        for x in (0, 1):
            y = 1 - x
            mine, other, tx, ty = bead[x], bead[y], texts[x], texts[y]
            if not mine:
                continue
            # (the other side's own last/first unit may be that heading: then it is in the right row)
            if k + 1 < n and glued_tail(tx[mine[-1]]) and not (other and glued_tail(ty[other[-1]])) and \
                    not (len(other) > 1 and heading_like(ty[other[-1]])):
                nxt = beads[k + 1][y]
                if nxt and heading_like(ty[nxt[0]]):
                    out.append((k + 1, y, k))
            # a label split from its heading (``三.`` | ``提议`` ↔ ``III. Proposals``), left at the end
            # of the row before the one whose other side starts with it
            lab = _label_only(tx[mine[-1]]) if len(mine) > 1 else None
            if lab and k + 1 < n and beads[k + 1][y] and _lead_value(ty[beads[k + 1][y][0]]) == lab and \
                    lab not in {_lead_value(ty[j]) for j in other}:
                out.append((k, x, k + 1))
            # a lead-in line glued to the start of one side's paragraph while the row before ends with
            # it on the other side; or glued to the end of one side's last unit (after a heading without
            # a sentence end) while the next row's other side starts with it
            if k > 0 and glued_lead_in(tx[mine[0]]) and not (other and lead_in(ty[other[0]])):
                prv, prv_x = beads[k - 1][y], beads[k - 1][x]
                if prv and lead_in(ty[prv[-1]]) and not (prv_x and lead_in(tx[prv_x[-1]])):
                    out.append((k - 1, y, k))
            if k + 1 < n and other and tx[mine[-1]].rstrip()[-1:] in ",，:：" and not lead_in(tx[mine[-1]]) and \
                    end_class(ty[other[-1]]) == "L":
                nxt = beads[k + 1][y]
                if len(nxt) > 1 and lead_in(ty[nxt[0]]):
                    out.append((k + 1, y, k))
            if k > 0 and glued_prefix(tx[mine[0]]) and not (other and glued_prefix(ty[other[0]])) and \
                    not (len(other) > 1 and heading_like(ty[other[0]])):
                prv = beads[k - 1][y]
                if prv and heading_like(ty[prv[-1]]):
                    out.append((k - 1, y, k))
    return out + _labelled_moves(beads, src, tgt)


def repair(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str],
           stats: dict | None = None) -> list[Bead]:
    """The beads with every lone heading of :func:`moved_headings` moved into the row that holds its
    translation (a row left empty disappears). ``stats``: per-bead lists (posterior, boundary …) kept
    in step; a changed row takes the lower figure of the two rows (its score: the lower of the two
    rows' scores when the heading came from a two-sided row)."""
    moves = moved_headings(beads, src, tgt)
    if not moves:
        return list(beads)
    rows = [[list(s), list(t), c] for s, t, c in beads]
    per_bead = {k: list(v) for k, v in (stats or {}).items() if isinstance(v, list) and len(v) == len(beads)}
    done: set[int] = set()
    for src_row, side, dst_row, *count in moves:
        if src_row in done or dst_row in done:
            continue
        units = rows[src_row][side]
        n = count[0] if count else 1
        if len(units) < n or not n:
            continue
        both = bool(rows[src_row][0] and rows[src_row][1])
        if dst_row < src_row:
            rows[dst_row][side].extend(units[:n])
            del units[:n]
        else:
            rows[dst_row][side][:0] = units[-n:]
            del units[-n:]
        if both:  # (a skip's score says nothing about the row it joins)
            rows[dst_row][2] = min(rows[dst_row][2], rows[src_row][2])
        for v in per_bead.values():
            v[dst_row] = v[src_row] = min(v[dst_row], v[src_row])
        done.update((src_row, dst_row))
    keep = [k for k, (s, t, _) in enumerate(rows) if s or t]
    if stats is not None:
        for key, v in per_bead.items():
            stats[key] = [v[k] for k in keep]
    return [(rows[k][0], rows[k][1], rows[k][2] if rows[k][0] and rows[k][1] else 0.0) for k in keep]
