"""Layout from geometry: runs -> lines in reading order; the zone and line-break rules by geometry.

Input: :class:`RawPage` objects from either backend (same run format). :func:`layout` gives the
:class:`~unmark.extract.lines.SrcPage` list the core reads, every line in the body with its
geometry (``SrcLine.geom``), and the page :class:`Geometry`:

1. :func:`page_lines`: runs grouped by baseline (a raised, smaller run belongs to the line
   it sits on), split into columns at very wide gaps, text joined with spaces from gaps,
   label->text TAB gaps made one space, superscript footnote markers recorded.
2. :func:`furniture_zones` (:func:`mark_furniture`, :func:`mark_logo`): ``/Artifact`` lines,
   barcode fonts, furniture patterns, lines repeated in the header/footer bands (digits folded;
   odd and even pages counted apart), the first page's logo letters: the page furniture, asked
   once of the measured lines and kept as :attr:`Geometry.furniture` (nothing is recorded here).
3. :func:`join_masthead_cells`, :func:`_masthead_order`: page 1's stacked masthead cells
   joined (a furniture line is never a cell), the masthead read column by column.

The parse's PDF stages (``pipeline``: pdf_furniture, pdf_notes, pdf_breaks) then ask
:func:`furniture_facts` (which records :attr:`Geometry.furniture`; :func:`masthead_hints`:
symbol, job number), :func:`note_facts`, :func:`break_facts`, which return LineFacts:

4. :func:`mark_notes`: the footnote zone below a text or drawn separator, else small-font
   labelled lines at the page foot.
5. :func:`breaks`: ``gap_before`` from the baseline step and ``hard_end`` from the right
   margin, indentation, labels, font changes (zone by zone); :func:`heading_hints`.
"""
from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

import regex as re

from ...lang.normalize import fold_arabic_presentation_forms
from ...scripts import CJK_GLYPH, RTL_CHAR
from ...model import BBox, Fix, Link, MappedText, Origin
from ...rules.furniture import furniture_kind, furniture_tokens, token_kind
from ...rules.masthead import match_masthead
from ..lines import LineFacts, SrcLine, SrcPage
from .bidi import is_rtl_char, logical_runs, mirror, rtl_share
from .rounding import round1, round2
from .rules import PdfRules, rules
from .runs import RawPage, Run

log = logging.getLogger(__name__)

FINAL = tuple(".;:!?。．；：！？,，、")
CLOSERS = "”’」』）)》>\"'*0123456789 "
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class PLine:
    page: int
    y: float
    x0: float
    x1: float
    size: float
    text: str
    bold: bool = False
    artifact: bool = False
    barcode: bool = False
    markers: list = field(default_factory=list)
    label_gap: bool = False
    note_label: bool = False    # opens with a raised small label (a footnote's first line)
    text_x: float = 0.0
    first_word: str = ""
    small: bool = False         # the whole line is smaller than its neighbours (set later)
    zone: str = "body"
    rule: str = ""              # why it left the body
    gap_before: int = 0
    hard_end: bool | None = None
    page_start: bool = False
    heading_hint: int | None = None
    rtl: bool = False           # a right-to-left page: x is mirrored (width - x)
    ltr: bool = False           # ... and this line holds no right-to-left letter (job line, masthead cell)
    index: int = -1             # place on its page as measured (top to bottom), before the masthead order


# --------------------------------------------------------------------------- 1. lines
def _dominant(runs: list[Run]) -> tuple[float, float]:
    """(size, baseline) of the runs carrying most characters among the largest ones."""
    r = runs[0]
    if len(runs) == 1 or len({(x.size, x.y) for x in runs}) == 1:
        return round1(r.size), round1(r.y)   # one size and baseline: nothing to weigh
    big = max([r.size for r in runs])
    lim = 0.8 * big
    exact: dict = {}   # runs of a line mostly share size and baseline: round each pair once
    for r in runs:
        if r.size >= lim:
            k = (r.size, r.y)
            exact[k] = exact.get(k, 0) + (len(r.text.strip()) or 1)
    if not exact:  # no size compares (NaN): all runs count
        for r in runs:
            k = (r.size, r.y)
            exact[k] = exact.get(k, 0) + (len(r.text.strip()) or 1)
    w: dict = {}
    for (size, y), n in exact.items():   # first-seen order of the rounded keys is kept
        k = (round1(size), round1(y))
        w[k] = w.get(k, 0) + n
    # the first key with the highest weight, as Counter.most_common(1) picks it
    return max(w.items(), key=itemgetter(1))[0]


def _cluster(runs: list[Run], R: PdfRules) -> list[list[Run]]:
    tol = R.lines["same_baseline"]
    small = R.lines["small_size"]
    groups: list[list[Run]] = []
    gy: list[float] = []
    gs: list[float] = []
    for r in sorted(runs, key=_Y):
        if groups and abs(r.y - gy[-1]) <= tol * max(r.size, gs[-1]):
            groups[-1].append(r)
            if r.size > gs[-1]:
                gs[-1], gy[-1] = r.size, r.y
        else:
            groups.append([r])
            gy.append(r.y)
            gs.append(r.size)
    # raised small groups join the line they sit on (the next one down); gs[i] is the largest
    # size of group i, found as max() finds it (the first of the largest, in run order)
    out: list[list[Run]] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        if i + 1 < len(groups):
            nxt = groups[i + 1]
            gsz = gs[i]
            # cheap test first: the line's dominant size is at most its largest (rounded)
            if gsz > small * round1(gs[i + 1]):
                if out and _wrapped_marker(g, out[-1], R):
                    _append_marker(g, out[-1])
                else:
                    out.append(g)
                i += 1
                continue
            gyy = min([r.y for r in g])
            nsz, ny = _dominant(nxt)
            # a note label may hang left of its text by a few em
            lo, hi = min(r.x0 for r in nxt) - R.lines["hang_label"] * nsz, max(r.x1 for r in nxt) + nsz
            if (
                gsz <= R.lines["small_size"] * nsz
                and 0 < ny - gyy <= R.lines["raised_max"] * nsz
                and all(lo <= r.x0 <= hi for r in g)
            ):
                groups[i + 1] = merged = g + nxt
                gs[i + 1] = max([r.size for r in merged])
                i += 1
                continue
        if out and _wrapped_marker(g, out[-1], R):
            _append_marker(g, out[-1])
        else:
            out.append(g)
        i += 1
    return out


def _append_marker(g: list[Run], prev: list[Run]) -> None:
    """A note marker the typesetter pushed alone onto the next line belongs at the end of the
    line above ("…的需求。" / "⁶"): drawn there, raised."""
    psz, py = _dominant(prev)
    x = max(r.x1 for r in prev)
    for r in g:
        w = r.x1 - r.x0
        prev.append(Run(r.text, x, py - 0.4 * psz, x + w, r.size, r.font, r.artifact, r.bold))
        x += w


def _wrapped_marker(g: list[Run], prev: list[Run], R: PdfRules) -> bool:
    """``g`` is a lone line of small marker glyphs ("6", "12", "*") at the line start just below
    ``prev``, a line of body text."""
    if len(g) > 3:
        return False
    match = R.marker.match
    for r in g:
        t = r.text.strip()
        if t and match(t) is None:
            return False
    psz, py = _dominant(prev)
    gsz = max(r.size for r in g)
    gy = min(r.y for r in g)
    return (gsz <= R.lines["small_size"] * psz and 0 < gy - py <= 1.9 * psz
            and min(r.x0 for r in g) <= min(r.x0 for r in prev) + 3 * psz)


def _is_cjk(ch: str) -> bool:
    """The (first) character is CJK (:data:`unmark.scripts.CJK_GLYPH`, one character class)."""
    # nothing below U+1100 (Hangul Jamo) is CJK: no look-up for Latin, Cyrillic, Arabic
    if not ch or ch < _CJK_FLOOR:
        return False
    c = ch[0]
    known = _CJK_KNOWN.get(c)
    if known is None:
        known = _CJK_KNOWN[c] = CJK_GLYPH.match(c) is not None
    return known


_CJK_FLOOR = chr(0x1100)   # Hangul Jamo: no character below it is CJK
_CJK_KNOWN: dict[str, bool] = {}   # character -> CJK_GLYPH matches it (asked for every run and line)


def _make_line(page: int, runs: list[Run], R: PdfRules) -> PLine:
    size, base = _dominant(runs)
    L = R.lines
    small_lim = L["small_size"] * size
    raised_lim = L["raised_min"] * size
    space_lim = L["space_gap"] * size
    label_lim = L["label_gap"] * size
    cjk_lim = L["space_gap_cjk"] * size
    marker_rx = R.marker.match
    label_rx = R.label.match
    last = len(runs) - 1
    parts: list[str] = []
    markers: list[tuple[int, str]] = []
    n = 0
    prev: Run | None = None
    first: Run | None = None
    prev_marker = first_marker = False
    label_gap = False
    text_x = runs[0].x0
    bold_chars = chars = 0
    artifact = True
    ink: list[Run] = []
    for k, r in enumerate(runs):
        if not r.artifact:
            artifact = False
        t = r.text
        ts = t.strip()
        if not ts:
            # a space drawn as its own run: a word gap
            if parts and not parts[-1].endswith(" "):
                parts.append(" ")
                n += 1
            continue
        ink.append(r)
        small = r.size <= small_lim
        raised = small and base - r.y >= raised_lim
        is_marker = (raised or (small and ts in "*†‡**")) and marker_rx(ts) is not None
        if prev is not None:
            gap = r.x0 - prev.x1
            ptxt = parts[-1] if parts else ""
            sep = ""
            t0 = t[:1]
            spaced = gap >= space_lim or prev.text[-1:].isspace() or t0.isspace()
            if spaced and text_x == runs[0].x0 and (
                    label_rx(prev.text.strip()) if prev is first else len(parts) <= 5 and label_rx("".join(parts).strip())):
                # (a label drawn in pieces, "（" "a" "）", counts as one)
                # label, then a TAB or a space: one space; the text starts here
                label_gap = gap >= label_lim
                text_x = r.x0
                sep = " "
            elif is_marker:
                sep = ""
            elif ptxt[-1:].isspace() or t0.isspace():
                sep = ""
            elif _is_cjk(ptxt[-1:]) and _is_cjk(t0):
                # between two CJK characters a gap is justification (a line spread to the
                # margin), never a space: Chinese writes no spaces, and a typed one is a glyph
                sep = ""
            elif _is_cjk(ptxt[-1:]) or _is_cjk(t0):
                # CJK text writes its spaces as glyphs; full-width punctuation has
                # blank room in its own box
                sep = " " if gap > cjk_lim else ""
            elif ts in ("-", "\u00ad") and k == last:
                sep = ""  # a line-end hyphen drawn on its own
            elif gap > space_lim:
                sep = " "
            elif prev_marker and prev is first:
                sep = " "
            if sep and not (parts and parts[-1].endswith(" ")):
                parts.append(sep)
                n += 1
        if is_marker:
            lead = len(t) - len(t.lstrip())
            # a raised label first on its line opens a note in the note area, or is a body
            # marker that wrapped to the line start ("…的那样，" / "¹²这些措施"): kept, the
            # marker finder decides
            markers.append((n + lead, ts))
        parts.append(t)
        n += len(t)
        nc = len(ts)
        chars += nc
        if r.bold:
            bold_chars += nc
        if prev is None:
            first = r
            prev_marker = first_marker = is_marker
        prev = r
    text = "".join(parts)
    # normalise whitespace, keeping marker offsets valid
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    text = stripped.rstrip()
    markers = [(o - shift, lab) for o, lab in markers if 0 <= o - shift < len(text)]
    if "  " in text or "\t" in text:
        text, markers = _squeeze(text, markers)
    barcode = R.barcode_font
    return PLine(
        page, base, ink[0].x0, max(map(_X1, ink)), size, text,
        chars > 0 and bold_chars * 2 > chars, artifact,
        _matches(barcode, ink[0].font) and all(_matches(barcode, r.font) for r in ink), markers,
        label_gap, first_marker, text_x, _first_word(text),
    )


_X1 = attrgetter("x1")
_Y = attrgetter("y")
_EMPTY = MappedText("", ())


@functools.lru_cache(maxsize=1024)
def _matches(rx: "re.Pattern[str]", text: str) -> bool:
    """``rx.search(text)``, remembered (font names repeat on every line)."""
    return rx.search(text) is not None


def _first_word(text: str) -> str:
    """The first word as the typesetter saw it (no-break spaces bind)."""
    t = text.lstrip()
    if not t:
        return ""
    if _is_cjk(t[0]):
        return t[0]
    w = t.split(" ", 1)[0].split("\t", 1)[0]   # (up to the first space or tab)
    if max(w) < _CJK_FLOOR:
        return w  # (no CJK character below U+1100)
    for i, ch in enumerate(w):
        if _is_cjk(ch):
            return w[:i + 1]  # "2.重申…": the label and the first ideograph (typesetters differ on the break)
    return w


def _squeeze(text: str, markers: list) -> tuple[str, list]:
    out = []
    remap = []
    prev_sp = False
    for ch in text:
        sp = ch in " \t\xa0"
        remap.append(len(out))
        if sp and prev_sp:
            continue
        out.append(" " if sp else ch)
        prev_sp = sp
    return "".join(out), [(remap[o], lab) for o, lab in markers]


_DEDUP_DX = 1.5


def _dedup(runs: list[Run]) -> list[Run]:
    """Drop runs drawn twice at (almost) the same place: fake bold by overprinting.

    Linear: priors of one text and baseline are kept in cells of 1.5 pt along x, so a run is
    compared with the (at most one) prior in its cell and the two next to it, whatever the
    number of identical runs on the line."""
    seen: dict[tuple, dict[int, Run]] = {}
    out = []
    for r in runs:
        t = r.text.strip()
        if t:
            key = (t, round(r.y))
            cells = seen.get(key)
            cell = int(r.x0 // _DEDUP_DX)
            if cells is None:
                seen[key] = {cell: r}
            else:
                dup = False
                for c in (cell - 1, cell, cell + 1):
                    p = cells.get(c)
                    if p is not None and abs(p.x0 - r.x0) < _DEDUP_DX and abs(p.y - r.y) < _DEDUP_DX:
                        dup = True
                        break
                if dup:
                    continue
                cells.setdefault(cell, r)
        out.append(r)
    return out


def page_lines(raw: RawPage, R: PdfRules | None = None) -> list[PLine]:
    R = R or rules()
    runs = _dedup(raw.runs)
    if not any(r.text.strip() for r in runs):
        return []
    rtl = page_is_rtl(runs, R)
    if rtl:
        # mirrored, a right-to-left page reads like a left-to-right one
        runs = mirror(runs, raw.width)
    lines: list[PLine] = []
    col = R.lines["column_gap"]
    for g in _cluster(runs, R):
        g.sort(key=lambda r: r.x0)
        seg = [g[0]]
        y = g[0].y
        splittable = (raw.number == 1 and y < R.zones["masthead_band"] * raw.height) or not (
            R.zones["header_band"] * raw.height <= y <= R.zones["footer_band"] * raw.height)
        for r in g[1:]:
            if splittable and r.x0 - seg[-1].x1 > col * min(r.size, seg[-1].size):
                if any(x.text.strip() for x in seg):
                    lines.append(_line(raw, seg, R, rtl))
                seg = [r]
            else:
                seg.append(r)
        if any(x.text.strip() for x in seg):
            lines.append(_line(raw, seg, R, rtl))
    lines.sort(key=lambda ln: (round(ln.y, 0), ln.x0))
    for k, ln in enumerate(lines):
        ln.index = k
    return lines


def page_is_rtl(runs: list[Run], R: PdfRules) -> bool:
    """Most letters of the page's content (not ``/Artifact``) are right-to-left ones."""
    texts = [x.text for x in runs if not x.artifact]
    if not RTL_CHAR.search("".join(texts)):
        return False
    r, l_ = rtl_share(texts)
    return r > 0 and r >= R.lines["rtl_share"] * (r + l_)


def _line(raw: RawPage, seg: list[Run], R: PdfRules, rtl: bool) -> PLine:
    if not rtl:
        return _make_line(raw.number, seg, R)
    pieces = logical_runs(seg, raw.width)
    for p in pieces:
        p.text = fold_arabic_presentation_forms(p.text)
    ln = _make_line(raw.number, [p for p in pieces if p.text], R)
    ln.rtl = True
    ln.ltr = not any(is_rtl_char(ch) for ch in ln.text)
    m = R.label_rtl.match(ln.text)
    if m:
        # label + space: the same paragraph start a TAB after a label marks elsewhere
        ln.label_gap = True
        ln.text_x = ln.x0 + (ln.x1 - ln.x0) * m.end() / max(len(ln.text), 1)
    return ln


# --------------------------------------------------------------------------- 2. furniture
def _fold(text: str) -> str:
    return _WS.sub(" ", _DIGITS.sub("#", text)).strip().lower()


def mark_furniture(pages: list[list[PLine]], heights: list[float], R: PdfRules, doc_tagged: bool) -> dict[int, str]:
    """The page furniture: ``id(line)`` -> the rule that found it (the lines do not change)."""
    Z = R.zones
    out: dict[int, str] = {}
    # repeated header/footer lines per parity
    counts: dict[int, Counter] = {0: Counter(), 1: Counter()}
    totals = Counter()
    every = Counter()
    edge_n = int(Z["edge_lines"])
    edges: list[set[int]] = []
    for pi, lines in enumerate(pages):
        h = heights[pi]
        par = (pi + 1) % 2
        totals[par] += 1
        seen = set()
        edge = _edge_lines(lines, edge_n)
        edges.append(edge)
        for ln in lines:
            if id(ln) in edge and (ln.y < Z["header_band"] * h or ln.y > Z["footer_band"] * h):
                key = _repeat_key(ln, h)
                if key not in seen:
                    seen.add(key)
                    counts[par][key] += 1
                    every[key] += 1
    npages = len(pages)
    for pi, lines in enumerate(pages):
        h = heights[pi]
        par = (pi + 1) % 2
        repeated: list[PLine] = []
        for ln in lines:
            if id(ln) in out:
                continue
            if ln.artifact:
                if pi == 0 and ln.y < Z["masthead_band"] * h and not R.is_furniture_text(ln.text):
                    # the first-page header holds the masthead: the core reads it
                    continue
                out[id(ln)] = "pdf.artifact"
                continue
            if ln.barcode:
                out[id(ln)] = "pdf.barcode"
                continue
            in_band = ln.y < Z["header_band"] * h or ln.y > Z["footer_band"] * h
            if not in_band:
                continue
            if R.is_furniture_text(ln.text):
                out[id(ln)] = "pdf.furniture_pattern"
                continue
            if id(ln) in edges[pi]:
                # the core's patterns (symbol, 5/14, job number, barcode) at the page edge
                kind = furniture_kind(ln.text, "top" if ln.y < h / 2 else "bottom")
                if kind is not None:
                    out[id(ln)] = kind
                    continue
            key = _repeat_key(ln, h)
            if ln.note_label or id(ln) not in edges[pi]:
                continue  # "5 Ibid." on several pages is a footnote, not a running footer
            if npages >= 2 and every[key] >= 2 and (
                (counts[par][key] >= 2 and counts[par][key] >= Z["repeat_share"] * totals[par])
                or every[key] >= Z["repeat_share"] * npages
            ):
                repeated.append(ln)
        for ln in _set_apart(lines, repeated, h, out):
            out[id(ln)] = "pdf.running_header" if ln.y < h / 2 else "pdf.running_footer"
    return out


def _set_apart(lines: list[PLine], cands: list[PLine], h: float, furniture: dict[int, str]) -> list[PLine]:
    """Candidates that stand apart from the text: a clear gap (more than a line step)
    between them and the nearest other line towards the middle of the page. A footnote
    line that happens to repeat sits in the flow of its note."""
    ids = {id(c) for c in cands}
    others = [ln for ln in lines if id(ln) not in ids and id(ln) not in furniture]
    out = []
    for c in cands:
        if c.y > h / 2:
            near = [c.y - o.y for o in others if o.y < c.y]
        else:
            near = [o.y - c.y for o in others if o.y > c.y]
        if not near or min(near) > 1.6 * c.size:
            out.append(c)
    return out


def _repeat_key(ln: PLine, h: float) -> tuple:
    """Running headers and footers come from one template: same text (digits folded) at
    the same height on every page. Footnote lines that happen to repeat move about."""
    return ("t" if ln.y < h / 2 else "b", _fold(ln.text), round(ln.y / 3.0))


def _edge_lines(lines: list[PLine], n: int) -> set[int]:
    """ids of the lines on the first ``n`` and the last ``n`` baselines of a page: where
    running headers and footers sit (footnote lines repeated across pages do not)."""
    ys = sorted({round(ln.y) for ln in lines})
    keep = set(ys[:n]) | set(ys[-n:])
    return {id(ln) for ln in lines if round(ln.y) in keep}


# --------------------------------------------------------------------------- 3. footnotes
def mark_notes(body: list[PLine], raw: RawPage, body_size: float, R: PdfRules) -> dict[int, str]:
    """The footnote zone of a page from its body lines in reading order: ``id(line)`` ->
    "separator" or "footnote" (the lines do not change)."""
    Z = R.zones
    out: dict[int, str] = {}
    if len(body) < 2:
        return out
    sep_y = None
    for ln in body:
        if R.separator.match(ln.text) and ln.y > Z["separator_min_y"] * raw.height:
            out[id(ln)] = "separator"
            sep_y = ln.y
            break
    if sep_y is None and raw.rules:
        left = min(ln.x0 for ln in body)
        right = max(ln.x1 for ln in body)
        width = max(right - left, 1.0)
        cands = [
            r for r in raw.rules
            if r.x1 - r.x0 <= Z["separator_max_width"] * width and r.y > Z["separator_min_y"] * raw.height
        ]
        for r in sorted(cands, key=lambda r: r.y):
            below = [ln for ln in body if ln.y > r.y]
            above = [ln for ln in body if ln.y < r.y]
            if below and above and min(ln.size for ln in below) < body_size * 0.98 + 0.01:
                sep_y = r.y
                break
    if sep_y is not None:
        for ln in body:
            if ln.y > sep_y and id(ln) not in out:
                out[id(ln)] = "footnote"
        return out
    # no separator: smaller labelled lines at the foot of the page
    tail: list[PLine] = []
    for ln in reversed(body):
        if ln.size <= R.zones["note_size"] * body_size:
            tail.append(ln)
        else:
            break
    tail.reverse()
    if tail and len(tail) < len(body):
        start = next((i for i, ln in enumerate(tail) if _note_start(ln, R)), None)
        if start is not None:
            for ln in tail[start:]:
                out[id(ln)] = "footnote"
    return out



def _note_start(ln: PLine, R: PdfRules) -> bool:
    head = ln.text.split(" ", 1)[0]
    # the label may touch a Chinese note text ("1第217 A(III)号决议。": a raised label, no space)
    return bool(R.marker.match(head)) or bool(R.note_slash.match(head)) or bool(R.note_head.match(ln.text))


# --------------------------------------------------------------------------- 4. masthead
def _is_word_line(t: str) -> bool:
    """A short big line that is words, not a logo glyph: Chinese characters ("大会") or a
    masthead field such as an organ in any language."""
    return any(_is_cjk(c) and c.isalpha() for c in t) or match_masthead(t) is not None


def mark_logo(lines: list[PLine], height: float, body_size: float, R: PdfRules, furniture: dict[int, str]) -> None:
    """Page 1: big logo letters at the top (not words) are furniture (added to ``furniture``)."""
    band = R.zones["masthead_band"] * height
    for ln in lines:
        if id(ln) in furniture or ln.y >= band:
            continue
        t = ln.text.strip()
        if len(t) <= 2 and ln.size >= R.zones["logo_size"] * body_size and not _is_word_line(t):
            furniture[id(ln)] = "pdf.masthead_logo"


def join_masthead_cells(lines: list[PLine], height: float, body_size: float, R: PdfRules, furniture: Collection[int]) -> set[int]:
    """Page 1: masthead cells stacked on two lines ('UNITED' / 'NATIONS', 'Distr.' / 'GENERAL')
    become one line: in ``lines`` the first one is replaced by a copy with both texts and the
    width of both (the measured line does not change). ``furniture``: the places
    (:attr:`PLine.index`) of page 1's furniture lines, never a cell. Returns the places (:attr:`PLine.index`) of the lines joined
    into the one above."""
    band = R.zones["masthead_band"] * height
    top = [_copy(ln) for ln in lines if ln.index not in furniture and ln.y < band]
    joined: set[int] = set()
    grown: set[int] = set()
    for i, a in enumerate(top):
        for first, second in R.masthead_joins:
            if not first.match(a.text.strip()):
                continue
            for b in top[i + 1:]:
                if b.index not in joined and abs(b.x0 - a.x0) < 2 * body_size and 0 < b.y - a.y < 3 * a.size and second.match(b.text.strip()):
                    a.text = a.text.strip() + " " + b.text.strip()
                    a.x1 = max(a.x1, b.x1)
                    joined.add(b.index)
                    grown.add(a.index)
                    break
    if grown:
        new = {ln.index: ln for ln in top if ln.index in grown}
        lines[:] = [new.get(ln.index, ln) for ln in lines]
    return joined


def _stacked_cells(lines: list[PLine], height: float, R: PdfRules) -> bool:
    """Page 1 may hold stacked masthead cells: some line at the top opens a cell pair, another
    closes one (else nothing can join, whatever is furniture)."""
    band = R.zones["masthead_band"] * height
    top = [ln.text.strip() for ln in lines if ln.y < band]
    return any(any(first.match(t) for t in top) and any(second.match(t) for t in top)
               for first, second in R.masthead_joins)


def masthead_hints(lines: list[SrcLine], height: float, R: PdfRules, hints: dict) -> None:
    """Page 1: a document symbol alone on a masthead line, a job number in the lower half."""
    band = R.zones["masthead_band"] * height
    for ln in lines:
        if ln.geom.y >= band:
            continue
        toks = furniture_tokens(ln.raw)
        if len(toks) == 1 and token_kind(toks[0]) == "symbol":
            hints.setdefault("symbol", toks[0])
    for ln in lines:
        m = R.job_number.search(ln.raw)
        if m and ln.geom.y > height / 2:
            hints.setdefault("job_number", m.group("value"))


def _masthead_order(lines: list[PLine], raw: RawPage, band: float, joined: set[int]) -> None:
    """Read the masthead column by column: left cells, then the right-hand cells
    (symbol, Distr., date, Original), down to the last right-hand cell."""
    mid = raw.width / 2
    # on a (mirrored) right-to-left page the masthead cells are the left-to-right lines
    # (symbol, Distr., date, Original): a ragged Arabic title may also start past the middle
    right = [ln for ln in lines if ln.y < band and ln.x0 > mid and ln.index not in joined
             and (ln.ltr or not ln.rtl)]
    if not right:
        return
    end = max(ln.y for ln in right)
    region = [ln for ln in lines if ln.y <= end + 0.1]
    rest = [ln for ln in lines if ln.y > end + 0.1]
    region.sort(key=lambda ln: (ln.x0 > mid, ln.y, ln.x0))
    lines[:] = region + rest


# --------------------------------------------------------------------------- 5. breaks
def _first_word_width(ln: PLine) -> float:
    t = ln.text
    if not t:
        return 0.0
    per = (ln.x1 - ln.x0) / max(len(t), 1)
    if _is_cjk(t[0]):
        return ln.size
    return (len(ln.first_word) + 1) * per


def _pitch_ratio(pages: list[list[PLine]]) -> float:
    ratios = []
    for lines in pages:
        body = [ln for ln in lines if ln.zone == "body"]
        for a, b in zip(body, body[1:]):
            d = b.y - a.y
            if d > 0 and abs(a.size - b.size) < 0.5:
                ratios.append(d / a.size)
    if not ratios:
        return 1.2
    ratios.sort()
    return ratios[len(ratios) // 3]  # lower third: the usual step inside paragraphs


def _margins(lines: list[PLine]) -> tuple[float, float]:
    body = [ln for ln in lines if ln.zone == "body"]
    if not body:
        return 0.0, 0.0
    xs = Counter(round(ln.x0) for ln in body)
    left = xs.most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in body)
    right = rights[min(len(rights) - 1, int(len(rights) * 0.9))]
    return float(left), right


def _rtl_margins(lines: list[PLine], P: dict) -> tuple[float, float, bool]:
    """Margins of a mirrored right-to-left page, and whether its lines are flush only at
    their end (ragged at the start: LibreOffice's "start" alignment of Arabic paragraphs
    lays them flush left). The right margin is the most common line end when enough lines
    share it (the masthead cells of an Arabic page stand out beyond the text)."""
    left, right = _margins(lines)
    body = [ln for ln in lines if ln.zone == "body"]
    if not body:
        return left, right, False
    (end, n_end), = Counter(round(ln.x1) for ln in body).most_common(1)
    if n_end >= P["flush_share"] * len(body):
        right = float(end)
    n_start = sum(1 for ln in body if abs(ln.x0 - left) < 1.0)
    ragged = n_end >= P["flush_share"] * len(body) and n_start < P["flush_share"] * len(body)
    return left, right, ragged


def breaks(pages: list[list[PLine]], R: PdfRules) -> None:
    P = R.paragraphs
    ratio = _pitch_ratio(pages)
    margins = []
    for lines in pages:
        if lines and lines[0].rtl:
            left, right, ragged = _rtl_margins(lines, P)
            margins.append((left, right, ragged))
        else:
            margins.append(_margins(lines))
    for zone in ("body", "footnote"):
        seq: list[tuple[int, PLine]] = []
        for pi, lines in enumerate(pages):
            zl = [ln for ln in lines if ln.zone == zone]
            for k, ln in enumerate(zl):
                if k == 0:
                    ln.page_start = zone == "body"
                else:
                    prev = zl[k - 1]
                    step = ln.y - prev.y
                    expect = ratio * max(ln.size, prev.size)
                    if step > P["gap_factor"] * expect:
                        ln.gap_before = max(1, int(round(step / expect - 1)))
                seq.append((pi, ln))
        for k, (pi, ln) in enumerate(seq):
            if k + 1 == len(seq):
                ln.hard_end = True
                break
            pj, nx = seq[k + 1]
            ln.hard_end = _hard_end(ln, nx, margins[pi], margins[pj], pi == pj, R)


def _hard_end(a: PLine, b: PLine, ma: tuple, mb: tuple, same_page: bool, R: PdfRules) -> bool:
    P = R.paragraphs
    if same_page and b.gap_before > 0:
        return True
    if b.label_gap:
        return True
    if abs(a.size - b.size) > 0.9 or a.bold != b.bold:
        return True
    # indentation, relative to each page's left margin (UN pages mirror)
    a_text = a.text_x - ma[0]
    b_x = b.x0 - mb[0]
    mid = (ma[0] + ma[1]) / 2
    right_aligned = same_page and a.x0 > mid and b.x0 > mid and abs(a.x1 - b.x1) < 0.15 * b.size
    if a.ltr and (a.x1 - a.x0) < (1 - P["short_line"]) * max(ma[1] - ma[0], 1.0):
        return True  # a short left-to-right line on a right-to-left page (masthead cell)
    if len(ma) > 2 and ma[2] and abs(a.x1 - b.x1) < 0.15 * b.size:
        pass  # a right-to-left page ragged at the line starts: indentation tells nothing
    elif right_aligned:
        pass  # a right-aligned block (signature, place and date): ragged on the left
    elif b_x > a_text + P["indent_step"] * b.size and b_x > (a.x0 - ma[0]) + P["indent_step"] * b.size:
        # unless this line opens with a label and the next one hangs under its text
        # (the label may be followed by a tab gap, a space, an ideographic space or nothing)
        # (a next line that opens with its own spaced label is a new item; "(a)正式…" glued to
        # its text may be an inline enumeration wrapped to the line start: the room decides)
        b_lab = R.label_start.match(b.text)
        b_spaced = b_lab is not None and (b.label_gap or b.text[b_lab.end():b_lab.end() + 1] == " "
                                          or b_lab.group()[-1:] in " \u3000")
        hanging = R.label_start.match(a.text) is not None and not b_spaced and b_x <= a_text + P["hang_max"] * b.size
        if not hanging:
            return True
    # a sentence end, then a paragraph label at the same left edge ("…自由；" / "2.重申…")
    # (a last line that happens to fill its line leaves no room to tell)
    # (after ；/： only a paragraph number or a bullet: "强调：(a)正式…" enumerates inline)
    ender = a.text.rstrip(CLOSERS)[-1:]
    lab = R.label_start.match(b.text)
    if (lab and ender and ender in "。？！.?!；：;:" and b.x0 - mb[0] <= (a.x0 - ma[0]) + 0.5 * b.size
            and (ender in "。？！.?!" or not lab.group().lstrip().startswith(("(", "（")))):
        return True
    # would the next line's first word have fitted at the end of this one?
    room = ma[1] - a.x1
    fits = room > _first_word_width(b) + P["fit_slack"] * a.size
    if room > P["short_line"] * max(ma[1] - ma[0], 1.0) and fits:
        return True  # (a URL longer than the room left is pushed to the next line of the same paragraph)
    if fits and a.text.rstrip(CLOSERS).endswith(FINAL):
        return True
    return False


def heading_hints(pages: list[list[PLine]], body_size: float) -> None:
    for lines in pages:
        for ln in lines:
            if ln.zone == "body" and ln.bold:
                ln.heading_hint = 1 if ln.size >= 1.3 * body_size else 2 if ln.size >= 1.1 * body_size else 3


def body_size_of(pages: list[list[PLine]]) -> float:
    w: Counter = Counter()
    for lines in pages:
        for ln in lines:
            w[round1(ln.size)] += len(ln.text)
    return w.most_common(1)[0][0] if w else 10.0


# --------------------------------------------------------------------------- assembly
@dataclass(frozen=True, eq=False)
class PageGeometry:
    """What the layout measured on one page, beyond its lines: its size, the rules drawn on
    it (a footnote separator), its link boxes, and every line as measured, top to bottom,
    before the masthead cells were joined (:attr:`PLine.index` is the place in ``measured``)."""

    number: int
    width: float
    height: float
    rules: tuple
    links: tuple
    measured: tuple[PLine, ...]


@dataclass(frozen=True, eq=False)
class Geometry:
    """The geometry of a PDF the zone and line-break stages read (``Extracted.geometry``)."""

    pages: tuple[PageGeometry, ...]
    body_size: float
    tagged: bool
    #: the page furniture among the measured lines (:func:`furniture_zones`), (page position in
    #: ``pages``, :attr:`PLine.index`) -> the rule that found it. Measured once, with the lines,
    #: because the reading order needs it (a stacked masthead cell is never furniture); the
    #: stage ``pdf_furniture`` records it (:func:`furniture_facts`).
    furniture: Mapping[tuple[int, int], str]


def to_src(pages: list[list[PLine]], raws: list[RawPage], fixes: list[Fix], joined: set[int]) -> list[SrcPage]:
    """The lines as :class:`SrcLine`, numbered in reading order, each with its geometry
    (``SrcLine.geom``), all in the body: the zone and line-break stages decide the rest.
    A masthead cell joined into the line above keeps its number and leaves a fix."""
    out: list[SrcPage] = []
    for p, (lines, raw) in enumerate(zip(pages, raws)):
        src: list[SrcLine] = []
        num = raw.number
        width = raw.width
        for i, ln in enumerate(lines, start=1):
            if p == 0 and ln.index in joined:
                fixes.append(Fix("pdf.masthead_join", raw.number, i, ln.text, "", note="joined to the masthead line above"))
                continue
            fs, y, t = ln.size, ln.y, ln.text
            bx0, bx1 = (width - ln.x1, width - ln.x0) if ln.rtl else (ln.x0, ln.x1)
            src.append(SrcLine(
                num, i, MappedText(t, (Origin(0, len(t), num, i, 0),)) if t else _EMPTY, t,
                round2(ln.x0), 0, None, "body", False, fs, ln.bold,
                BBox(num, round2(bx0), round2(y - 0.8 * fs), round2(bx1), round2(y + 0.25 * fs)),
                list(ln.markers), None, ln,
            ))
        out.append(SrcPage(raw.number, src, [], raw.width, raw.height))
    return out


def _place_links(lines: list[SrcLine], pg: PageGeometry) -> list[Link]:
    """Each link annotation to the line its box overlaps most."""
    links = []
    for lk in pg.links:
        best, bo = None, 0.0
        for sl in lines:
            b = sl.bbox
            ox = min(b.x1, lk.x1) - max(b.x0, lk.x0)
            oy = min(b.y1, lk.y1) - max(b.y0, lk.y0)
            if ox > 0 and oy > 0 and ox * oy > bo:
                best, bo = sl, ox * oy
        links.append(Link(lk.uri, pg.number, best.line if best else None, "pdf"))
    return links


def _text_separator(text: str) -> bool:
    return bool(rules().separator.match(text))


def layout(raws: list[RawPage], R: PdfRules | None = None) -> tuple[list[SrcPage], list[Fix], Geometry]:
    """Lines from the runs of each page, in reading order (the masthead read column by column,
    its stacked cells joined), with their geometry: pages of :class:`SrcLine`, the fixes of
    the joins, and the :class:`Geometry` the zone and line-break stages read
    (:func:`furniture_facts`, :func:`note_facts`, :func:`break_facts`)."""
    from ...limits import check

    R = R or rules()
    pages = []
    for raw in raws:
        check()  # the parse deadline, page by page
        pages.append(page_lines(raw, R))
    measured = tuple(PageGeometry(raw.number, raw.width, raw.height, tuple(raw.rules), tuple(raw.links), tuple(lines))
                     for raw, lines in zip(raws, pages))
    body_size, tagged = body_size_of(pages), any(raw.tagged for raw in raws)
    geometry = Geometry(measured, body_size, tagged, furniture_zones(measured, body_size, tagged, R))
    pages = [list(lines) for lines in pages]
    joined: set[int] = set()
    if pages:
        if _stacked_cells(pages[0], raws[0].height, R):
            # a stacked masthead cell is never page furniture
            first = {i for (p, i) in geometry.furniture if p == 0}
            joined = join_masthead_cells(pages[0], raws[0].height, body_size, R, first)
        _masthead_order(pages[0], raws[0], R.zones["masthead_band"] * raws[0].height, joined)
    fixes: list[Fix] = []
    return to_src(pages, raws, fixes, joined), fixes, geometry


# --------------------------------------------------------------------------- the stages' questions
# The zone and line-break stages of the parse (pipeline: pdf_furniture, pdf_notes, pdf_breaks)
# ask these. Each works on its own copies of the measured lines (the rules above set a copy's
# zone and breaks as they go) and returns its decisions about the SrcLines as LineFacts: the
# lines and their geometry do not change.
_PLINE_FIELDS = attrgetter(*PLine.__dataclass_fields__)


def _copy(ln: PLine) -> PLine:
    return PLine(*_PLINE_FIELDS(ln))


def _work(ln: SrcLine) -> PLine:
    """A copy of a line's geometry in the zone the stages so far decided for it (the line
    breaks are set on the copy)."""
    w = _copy(ln.geom)
    w.zone = ln.zone
    return w


def furniture_zones(pages: tuple[PageGeometry, ...], body_size: float, tagged: bool, R: PdfRules) -> dict[tuple[int, int], str]:
    """The page furniture among the measured lines, (page position, :attr:`PLine.index`) -> the
    rule that found it: marked-content artifacts, barcode fonts, furniture patterns, lines
    repeated at one place on most pages, the first page's logo letters (:attr:`Geometry.furniture`)."""
    lines = [list(pg.measured) for pg in pages]
    furniture = mark_furniture(lines, [pg.height for pg in pages], R, tagged)
    if lines:
        mark_logo(lines[0], pages[0].height, body_size, R, furniture)
    return {(p, ln.index): furniture[id(ln)] for p, ls in enumerate(lines) for ln in ls if id(ln) in furniture}


def furniture_facts(pages: list[SrcPage], geometry: Geometry, R: PdfRules | None = None) -> tuple[LineFacts, list[Fix], dict]:
    """Page furniture by geometry (:attr:`Geometry.furniture`): the zones, a fix for every line
    that leaves the text (under the core's rule id when the core knows the kind: furniture.header,
    .job_number ...; else the PDF rule that found it), and the symbol and job number the first
    page shows."""
    R = R or rules()
    furniture = geometry.furniture
    facts = LineFacts()
    fixes: list[Fix] = []
    for k, (p, pg) in enumerate(zip(pages, geometry.pages)):
        for ln in p.lines:
            rule = furniture.get((k, ln.geom.index))
            if rule is None:
                continue
            facts.set(ln, zone="furniture", markers=[])
            kind = furniture_kind(ln.raw, "top" if ln.geom.y < pg.height / 2 else "bottom")
            fixes.append(Fix(kind or rule, p.number, ln.line, ln.raw, "", note="" if kind is None else rule))
    hints: dict = {}
    if pages:
        masthead_hints(pages[0].lines, geometry.pages[0].height, R, hints)
        for ln in pages[0].lines:
            if facts.zone(ln) == "furniture":
                m = R.job_number.search(ln.raw)
                if m:
                    hints.setdefault("job_number", m.group("value"))
    return facts, fixes, hints


def note_facts(pages: list[SrcPage], geometry: Geometry, R: PdfRules | None = None) -> tuple[LineFacts, list[SrcPage]]:
    """The footnote zone of each page (:func:`mark_notes`: below a drawn or typed separator,
    else smaller labelled lines at the page foot), and the pages without the furniture under a
    typed separator (the core would read it as notes), each link on the line it covers."""
    from ...limits import check

    R = R or rules()
    facts = LineFacts()
    out: list[SrcPage] = []
    for p, pg in zip(pages, geometry.pages):
        check()
        notes = mark_notes([ln.geom for ln in p.lines if ln.zone == "body"], pg, geometry.body_size, R)
        keep: list[SrcLine] = []
        text_sep = False
        for ln in p.lines:
            zone = notes.get(id(ln.geom), ln.zone)
            if zone != ln.zone:
                facts.set(ln, zone=zone, markers=[])
            if zone == "separator" and _text_separator(ln.raw):
                text_sep = True
            if zone == "furniture" and text_sep:
                continue
            keep.append(ln)
        out.append(SrcPage(p.number, keep, _place_links(keep, pg), p.width, p.height))
    return facts, out


def break_facts(pages: list[SrcPage], geometry: Geometry, R: PdfRules | None = None) -> LineFacts:
    """Line breaks by geometry, zone by zone (:func:`breaks`: gap before, hard line end, page
    start), and the heading level a bold body line's size suggests."""
    R = R or rules()
    # (only lines of the body and the notes take part; the rest keep their defaults)
    lines = [[ln for ln in p.lines if ln.zone in ("body", "footnote")] for p in pages]
    work = [[_work(ln) for ln in ls] for ls in lines]
    breaks(work, R)
    heading_hints(work, geometry.body_size)
    facts = LineFacts()
    for ls, wl in zip(lines, work):
        for ln, w in zip(ls, wl):
            f = {}
            if w.gap_before != ln.gap_before:
                f["gap_before"] = w.gap_before
            if w.hard_end != ln.hard_end:
                f["hard_end"] = w.hard_end
            if w.page_start != ln.page_start:
                f["page_start"] = w.page_start
            if w.heading_hint != ln.heading_hint:
                f["heading_hint"] = w.heading_hint
            if f:
                facts.set(ln, **f)
    return facts
