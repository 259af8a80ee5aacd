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

import regex

from ..labels import rule as label_rule
from ..scripts import HAN_OR_KANA, LATIN, LATIN_CHAR, lower_without_marks

Bead = tuple[list[int], list[int], float]

# (the label grammar's: resources/core/labels.toml)
_TAIL = label_rule("align.glued_tail")
_HEAD_PREFIX = label_rule("align.glued_prefix")
_LEAD = label_rule("align.lead")
_LEAD_IN = label_rule("align.lead_in")
_GLUED_LEAD_IN = label_rule("align.glued_lead_in")
_LABELLED = label_rule("align.labelled_line")
# a word of the Latin script long enough to carry a cognate (Recalling / Recordando / Rappelant)
_LATIN_WORD = regex.compile(LATIN + "{5,}")
_INNER = label_rule("align.inner_number")
# what ends a sentence before a paragraph number glued after it
_SENTENCE_END = frozenset(".!?。！？;；…»”\"")


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


def _cognate_keys(text: str) -> list[str]:
    """The 3- and 5-letter beginnings of a text's long Latin-script words: cognates of two languages
    that write in Latin letters share them (recalling / recordando / rappelant; decision / decisión)."""
    out = []
    for w in _LATIN_WORD.findall(text):
        f = lower_without_marks(w)
        out += ["c3:" + f[:3], "c5:" + f[:5]]
    return out


def cognate_vectors(src: Sequence[str], tgt: Sequence[str]):
    """Hashed, rarity-weighted cognate vectors of both sides when both write mostly in Latin letters
    (en, fr, es), else None."""
    from . import anchors, sentence

    def latin(texts: Sequence[str]) -> bool:
        body = "".join(texts)[:5000]  # (the script of a version shows in its first pages)
        letters = sum(map(str.isalpha, body))
        return letters > 0 and len(LATIN_CHAR.findall(body)) > 0.5 * letters

    if not src or not tgt or not latin(src) or not latin(tgt):
        return None
    ka, kb = [_cognate_keys(t) for t in src], [_cognate_keys(t) for t in tgt]
    w = anchors.idf_weights(ka, kb, anchors.shared_vocabulary(ka, kb))
    return sentence._hash_vectors(ka, w, 4096), sentence._hash_vectors(kb, w, 4096)


def cosine(u: dict[int, float], v: dict[int, float]) -> float:
    """Cosine of two hashed vectors given as {slot: weight} (0 when they share nothing)."""
    if not u or not v:
        return 0.0
    if len(u) > len(v):
        u, v = v, u
    dot = sum(w * v.get(k, 0.0) for k, w in u.items())
    if dot <= 0.0:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in u.values()) * sum(w * w for w in v.values()))


def sparse_row(X, r: int) -> dict[int, float]:
    """Row ``r`` of a :class:`unmark.align.sentence.Sparse` matrix as {slot: weight}."""
    p, q = int(X.indptr[r]), int(X.indptr[r + 1])
    out: dict[int, float] = {}
    for slot, w in zip(X.slots[p:q].tolist(), X.weights[p:q].tolist()):
        out[slot] = out.get(slot, 0.0) + w
    return out


# how much better a unit's words must match the neighbouring row's other side than its own row's, and
# how well at least, for it to move there
EVIDENCE_MARGIN = 0.3


def _word_vectors(texts: tuple[Sequence[str], Sequence[str]], langs: tuple[str | None, str | None]):
    """Word evidence the aligner's length and anchor model does not weigh on its own row: cognates when
    both versions write in Latin letters, else the bilingual dictionary for Chinese-English (when
    installed); None when there is neither."""
    vec = cognate_vectors(*texts)
    if vec is None and all(langs):
        from . import sentence

        vec = sentence.dictionary_vectors(texts[0], texts[1], langs[0], langs[1])
    return vec


def _evidence_pass(rows: list[list], texts: tuple[Sequence[str], Sequence[str]],
                   per_bead: dict[str, list[float]], langs: tuple[str | None, str | None],
                   parts: tuple[Sequence[str], Sequence[str]] | None = None) -> list[list]:
    """A unit at the boundary of two rows moves into the neighbouring row when its words match that
    row's other side much better than its own row's other side (:func:`_word_vectors`): "Recordando …"
    left as a skip beside "Recalling …" ↔ "Teniendo en cuenta …"; a heading kept apart in one version
    and glued to the next row's text in the other. A row left with one side empty becomes a skip. The
    unit's figures, symbols and names must not side with its own row, and it never leaves its part
    (``parts``: body or notes, per unit)."""
    from .anchors import extract
    n = len(rows)
    if n < 2:
        return rows
    vec = None
    done: set[int] = set()
    for k in range(n - 1):
        if k in done or k + 1 in done:
            continue
        for x in (0, 1):
            y = 1 - x
            a, b = rows[k], rows[k + 1]
            # the last unit of row k going down, the first unit of row k+1 going up
            for src_row, dst_row, unit in ((k, k + 1, a[x][-1] if a[x] else None),
                                           (k + 1, k, b[x][0] if b[x] else None)):
                if unit is None or not rows[dst_row][y] or src_row in done:
                    continue
                if parts is not None and any(parts[x][unit] != parts[z][i] for z in (0, 1) for i in rows[dst_row][z]):
                    continue
                if vec is None:
                    vec = _word_vectors(texts, langs) or False
                if vec is False:
                    return rows
                u = sparse_row(vec[x], unit)
                there = cosine(u, _sum_rows(vec[y], rows[dst_row][y]))
                here = cosine(u, _sum_rows(vec[y], rows[src_row][y])) if rows[src_row][y] else 0.0
                if there >= EVIDENCE_MARGIN and there - here >= EVIDENCE_MARGIN:
                    keys = set(extract(texts[x][unit]))

                    def shared(ids: Sequence[int]) -> int:
                        return len(keys & set().union(*(extract(texts[y][j]) for j in ids))) if keys and ids else 0

                    if shared(rows[src_row][y]) > shared(rows[dst_row][y]):
                        continue
                    rows[src_row][x] = [i for i in rows[src_row][x] if i != unit]
                    rows[dst_row][x] = rows[dst_row][x] + [unit] if dst_row < src_row else [unit] + rows[dst_row][x]
                    # (a skip that a unit joins takes the score of the row the unit came from)
                    was_skip = not rows[dst_row][0] or not rows[dst_row][1] or rows[dst_row][x] == [unit]
                    rows[dst_row][2] = rows[src_row][2] if was_skip else min(rows[dst_row][2], rows[src_row][2])
                    for f in per_bead.values():
                        f[k] = f[k + 1] = min(f[k], f[k + 1])
                    done.update((k, k + 1))
                    break
            if k in done:
                break
    keep = [k for k, row in enumerate(rows) if row[0] or row[1]]
    for key, v in per_bead.items():
        per_bead[key] = [v[k] for k in keep]
    return [rows[k] for k in keep]


def _sum_rows(X, ids: Sequence[int]) -> dict[int, float]:
    out: dict[int, float] = {}
    for i in ids:
        for slot, w in sparse_row(X, i).items():
            out[slot] = out.get(slot, 0.0) + w
    return out


def _lead_number(text: str) -> str | None:
    v = _lead_value(text)
    return v if v and v.isdigit() else None


def paragraph_numbers(text: str) -> set[str]:
    """The paragraph numbers a unit holds: the one it starts with, one glued after a short heading at its
    start (``Дети 67. В СП5``), and each one that starts a paragraph glued after a sentence end inside it
    (``… the law. 88. Some submissions``)."""
    out = set()
    lead = _lead_number(text)
    if lead:
        out.add(lead)
    m = _HEAD_PREFIX.match(text)
    if m and not _LEAD.match(text):
        out.add(str(int("".join(ch for ch in m.group(0)[m.end(1):] if ch.isdigit()))))
    for m in _INNER.finditer(text):
        # after a sentence end, before a word that does not go on in lower case ("para. 78. of" is a reference)
        if text[: m.start() + 1].rstrip()[-1:] in _SENTENCE_END and not text[m.end():m.end() + 1].islower():
            out.add(str(int(m.group(1))))
    return out


def _side_numbers(texts: Sequence[str], ids: Sequence[int]) -> set[str]:
    return set().union(*(paragraph_numbers(texts[i]) for i in ids)) if ids else set()


def _number_pass(rows: list[list], texts: tuple[Sequence[str], Sequence[str]],
                 per_bead: dict[str, list[float]]) -> list[list]:
    """Paragraph numbers put right (rows as [src ids, tgt ids, score]; ``per_bead`` kept in step):

    * a skipped unit whose paragraph number the neighbouring row holds on its other side only (glued
      there after a sentence end, or leading one of its units) joins that row;
    * then, in a row a unit joined, a unit at the other end of a side whose paragraph numbers the other
      side all lacks, while the other units of that side agree with it, leaves as a skip (the paragraph
      lost in the other version that the aligner took into the row instead)."""
    n = len(rows)
    done: set[int] = set()
    joined: set[int] = set()
    for k in range(n):
        if k in done or bool(rows[k][0]) == bool(rows[k][1]):
            continue
        x = 0 if rows[k][0] else 1
        mine = rows[k][x]
        num = _lead_number(texts[x][mine[0]])
        if num is None:
            continue
        for q in (k - 1, k + 1):
            if not 0 <= q < n or q in done or not rows[q][0] or not rows[q][1]:
                continue
            if num in _side_numbers(texts[1 - x], rows[q][1 - x]) and num not in _side_numbers(texts[x], rows[q][x]):
                rows[q][x] = rows[q][x] + mine if q < k else mine + rows[q][x]
                rows[k][x] = []
                for v in per_bead.values():
                    v[q] = min(v[q], v[k])
                done.update((k, q))
                joined.add(q)
                break
    out: list[list] = []
    keep: list[int] = []
    for k, row in enumerate(rows):
        if not row[0] and not row[1]:
            continue
        before: list[list] = []
        after: list[list] = []
        if k in joined:
            for x in (0, 1):
                units = row[x]
                other = _side_numbers(texts[1 - x], row[1 - x])
                nums = [paragraph_numbers(texts[x][i]) for i in units]
                for end in (0, -1):
                    rest = nums[1:] if end == 0 else nums[:-1]
                    if len(units) >= 2 and nums[end] and not nums[end] & other and any(rest) and \
                            all(m <= other for m in rest):
                        lone = [units[end]]
                        (before if end == 0 else after).append([lone, [], 0.0] if x == 0 else [[], lone, 0.0])
                        units = units[1:] if end == 0 else units[:-1]
                        nums = nums[1:] if end == 0 else nums[:-1]
                row[x] = units
        for r in before + [row] + after:
            out.append(r)
            keep.append(k)
    for key, v in per_bead.items():
        per_bead[key] = [v[k] for k in keep]
    return out


def repair(beads: Sequence[Bead], src: Sequence[str], tgt: Sequence[str],
           stats: dict | None = None, langs: tuple[str | None, str | None] = (None, None),
           parts: tuple[Sequence[str], Sequence[str]] | None = None) -> list[Bead]:
    """The beads with every lone heading of :func:`moved_headings` moved into the row that holds its
    translation (a row left empty disappears), then paragraph numbers put right
    (:func:`_number_pass`). ``stats``: per-bead lists (posterior, boundary …) kept in step; a changed
    row takes the lower figure of the two rows (its score: the lower of the two rows' scores when the
    heading came from a two-sided row); a unit split off as a skip keeps its row's figures."""
    moves = moved_headings(beads, src, tgt)
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
    rows = _number_pass(rows, (src, tgt), per_bead)
    rows = _evidence_pass(rows, (src, tgt), per_bead, langs, parts)
    if [(s, t) for s, t, _ in rows] == [(list(s), list(t)) for s, t, _ in beads]:
        return list(beads)  # nothing moved
    if stats is not None:
        stats.update(per_bead)
    return [(s, t, c if s and t else 0.0) for s, t, c in rows]
