"""Right-to-left lines (Arabic): from the drawing order of a PDF to logical order.

A PDF draws glyphs where they stand on the page; both backends hand over each run's text
in *visual* order (left to right as drawn; pdfium's text page is re-sorted by character
origin, see :mod:`.backend_pdfium`). For a right-to-left page the layout step mirrors the
geometry (``x -> width - x``), so a right-to-left line reads left to right like any other
line, and :func:`logical_runs` rebuilds each line's runs in logical order:

1. the line's characters are read right to left (the whole visual line reversed);
2. left-to-right islands (Latin words, numbers, ``A/80/229/Corr.1``, ``80/186``) come out
   of step 1 back to front and are turned round again. An island is a stretch of ``L``,
   ``EN`` or ``AN`` characters (Unicode bidi classes) joined across neutrals the way the
   Unicode bidi algorithm resolves them: a single separator between two digits (W4, W5)
   or any neutrals between two stretches when either holds a strong left-to-right letter
   (W7, N1); numbers separated by a space stay
   apart (in an Arabic line "12 45" is drawn "45 12");
3. consecutive characters of one run become one piece, a :class:`Run` whose geometry
   reads in logical order (inside an island, left to right within the island's box).

A line with no right-to-left character that would break into more than one island is an
embedded left-to-right line (a job line ``26-11342 (A) 200726``): it keeps its left-to-right
order inside its box.

Not handled: explicit embeddings and overrides, mirrored brackets drawn without a
ToUnicode map back to the logical character, numbers with Arabic-Indic digits next to
European ones.
"""
from __future__ import annotations

import unicodedata

from .runs import Run

_STRONG_R = frozenset(("R", "AL"))
_LTRISH = frozenset(("L", "EN", "AN"))
_SEP = frozenset(("CS", "ES", "ET"))
_CLS: dict[str, str] = {}


def bidi_class(ch: str) -> str:
    c = _CLS.get(ch)
    if c is None:
        c = unicodedata.bidirectional(ch) or "ON"
        if c == "NSM":
            c = "R"  # marks ride on Arabic letters here (a mark on a Latin letter: rare in UN text)
        elif c in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN", "B", "S", "WS"):
            c = "WS"
        _CLS[ch] = c
    return c


def is_rtl_char(ch: str) -> bool:
    return bidi_class(ch) in _STRONG_R


def rtl_share(texts) -> tuple[int, int]:
    """(right-to-left letters, left-to-right letters) in the given strings."""
    r = l_ = 0
    for t in texts:
        for ch in t:
            c = bidi_class(ch)
            if c == "L":
                l_ += 1
            elif c in _STRONG_R and ch.isalpha():
                r += 1
    return r, l_


def _islands(cls: list[str]) -> list[tuple[int, int]]:
    """Spans [a, b) of the logical-order class list that are left-to-right islands
    (their characters still stand back to front)."""
    n = len(cls)
    tokens: list[list[int]] = []  # [start, end) of stretches of L/EN/AN
    i = 0
    while i < n:
        if cls[i] in _LTRISH:
            j = i
            while j < n and cls[j] in _LTRISH:
                j += 1
            tokens.append([i, j])
            i = j
        else:
            i += 1
    if not tokens:
        return []
    out: list[list[int]] = [list(tokens[0])]
    has_l = "L" in cls[tokens[0][0]:tokens[0][1]]
    for a, b in tokens[1:]:
        pb = out[-1][1]
        between = cls[pb:a]
        join = False
        if "R" in between or "AL" in between:
            join = False
        elif len(between) == 1 and between[0] in _SEP and cls[pb - 1] in ("EN", "AN") and cls[a] in ("EN", "AN"):
            join = True   # 80/186, 2/2, 1.5, 26-11342
        elif has_l or "L" in cls[a:b]:
            # neutrals between left-to-right letters (digits after a letter count as one):
            # the stretches stand back to front here, so either side may hold the letter
            join = True
        if join:
            out[-1][1] = b
            has_l = has_l or "L" in cls[a:b]
        else:
            out.append([a, b])
            has_l = "L" in cls[a:b]
    return [(a, b) for a, b in out]


def logical_runs(runs: list[Run], width: float) -> list[Run]:
    """Runs of one line on a mirrored right-to-left page (geometry ``x -> width - x``,
    sorted by the mirrored ``x0``; texts still in visual order) in logical order."""
    # every character with (run index, index in the run's visual text), read right to left
    chars: list[tuple[str, int, int]] = []
    for ri, r in enumerate(runs):
        t = r.text
        for ci in range(len(t) - 1, -1, -1):
            chars.append((t[ci], ri, ci))
    if not chars:
        return runs
    cls = [bidi_class(ch) for ch, _, _ in chars]
    isl = _islands(cls)
    has_r = any(c in _STRONG_R for c in cls)
    if not has_r and len(isl) > 1:
        # an embedded left-to-right line: its visual order is its logical order
        isl = [(0, len(chars))]
    in_island = [False] * len(chars)
    for a, b in isl:
        chars[a:b] = chars[a:b][::-1]
        for k in range(a, b):
            in_island[k] = True
    # group consecutive characters of one run (and one side of an island boundary)
    pieces: list[tuple[int, list[int], bool, int]] = []  # (run, visual indices, island, island no.)
    isl_no = [-1] * len(chars)
    for no, (a, b) in enumerate(isl):
        for k in range(a, b):
            isl_no[k] = no
    for k, (_, ri, ci) in enumerate(chars):
        if pieces and pieces[-1][0] == ri and pieces[-1][3] == isl_no[k]:
            pieces[-1][1].append(ci)
        else:
            pieces.append((ri, [ci], in_island[k], isl_no[k]))
    # real (unmirrored) extent of each piece, from its share of its run
    def real_span(ri: int, idx: list[int]) -> tuple[float, float]:
        r = runs[ri]
        n = max(len(r.text), 1)
        rx0, rx1 = width - r.x1, width - r.x0   # the run's real box
        step = (rx1 - rx0) / n
        return rx0 + step * min(idx), rx0 + step * (max(idx) + 1)

    spans = [real_span(ri, idx) for ri, idx, _, _ in pieces]
    isl_box: dict[int, tuple[float, float]] = {}
    for (ri, idx, isl_, no), (a, b) in zip(pieces, spans):
        if isl_:
            lo, hi = isl_box.get(no, (a, b))
            isl_box[no] = (min(lo, a), max(hi, b))
    out: list[Run] = []
    for (ri, idx, isl_, no), (a, b) in zip(pieces, spans):
        r = runs[ri]
        if out and all(bidi_class(r.text[i]) == "R" and unicodedata.combining(r.text[i]) for i in idx):
            # marks drawn on their own (shadda, fatha over a letter of the run before):
            # they belong to the letter just read, their position says nothing about gaps
            out[-1].text += "".join(r.text[i] for i in idx)
            continue
        t = r.text
        if isl_:
            text = "".join(t[i] for i in idx)
            lo, hi = isl_box[no]
            x0 = (width - hi) + (a - lo)
            x1 = x0 + (b - a)
        else:
            text = "".join(t[i] for i in idx)
            x0, x1 = width - b, width - a
        out.append(Run(text, x0, r.y, x1, r.size, r.font, r.artifact, r.bold))
    return out


def mirror(runs: list[Run], width: float) -> list[Run]:
    return [Run(r.text, width - r.x1, r.y, width - r.x0, r.size, r.font, r.artifact, r.bold) for r in runs]
