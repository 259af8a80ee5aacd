"""Footnotes and their markers.

Footnote texts come from the footnote zone of each page (below the separator). A line opens
a new footnote when it starts with the next expected label (``*``, then 1, 2, 3 ...: the
sequence is the prior), otherwise it continues the previous footnote (also across pages).

Markers in the text are found by the same sequence: the next expected label, glued to the
text before it (``坐大。1``, ``台风海燕2或``, ``migrants.3 The``), not part of a number, a
symbol or a URL, on the page where its footnote is printed. Real numbers are spaced or
adjoin digits, so they do not match.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

import regex as re

from ..extract.lines import SrcLine
from ..labels import rule as label_rule
from ..model import DocWarning, Fix, MappedText
from ..scripts import RTL_CHAR
from .join import is_cjk

log = logging.getLogger(__name__)

#: the label that opens a footnote's text: asterisks, a number, an older "1/", or a letter (the
#: label grammar, resources/core/labels.toml [note] start)
NOTE_START = label_rule("note.start")
_ALONE_NOTE = label_rule("alone.note")


@dataclass
class NoteBuilder:
    label: str
    page: int
    lines: list[MappedText] = field(default_factory=list)
    src: list[SrcLine] = field(default_factory=list)


def next_labels(label: str | None) -> list[str]:
    """Labels that may follow ``label`` in a footnote sequence."""
    if label is None:
        return ["*", "1", "a", "1/"]
    if label.startswith("*"):
        return [label + "*", "1", "a", "1/"]
    if label.isdigit():
        return [str(int(label) + 1)]
    if label.endswith("/") and label[:-1].isdigit():  # older documents: "1/", "2/"
        return [f"{int(label[:-1]) + 1}/"]
    if len(label) == 1 and label.isalpha():
        return [chr(ord(label) + 1)]
    return []


_RTL = RTL_CHAR


def _at_continuation_indent(ln: SrcLine, notes: list[NoteBuilder]) -> bool:
    """The line starts where the previous note's wrapped lines start on this page, and not
    where that note's label stood: a wrapped line that happens to begin with a number
    ("…2020 年 5 月" / "27 日。"), not a new note."""
    if not notes or not notes[-1].src or _RTL.search(ln.s):
        return False  # (right-to-left lines are right-aligned: their left edge says nothing)
    src = notes[-1].src
    first = src[0]
    # the note's last wrapped line on this page (its lines are in reading order: the last one, mostly)
    cont = next((src[k] for k in range(len(src) - 1, 0, -1) if src[k].page == ln.page), None)
    alone = _ALONE_NOTE
    if (first.bbox is None and first.page == ln.page and ln.indent > first.indent + 2 and alone.match(first.raw.strip())
            and not alone.match(ln.raw.strip())):
        # text whose notes print their labels alone on a line (pdftotext of hanging notes): a line
        # with text, indented deeper than the labels, is note text, whatever it starts with
        return True
    if first.page != ln.page:
        return cont is not None and abs(cont.indent - ln.indent) < 0.5 and ln.bbox is not None
    if abs(first.indent - ln.indent) < 0.5:
        return False
    if cont is not None:
        return abs(cont.indent - ln.indent) < 0.5
    return ln.bbox is not None and ln.indent > first.indent + 2  # PDF geometry: hanging note text


_NOTE_TEXT_END = label_rule("note.text_end")


def _gap_scores(texts: list[str], gaps: list[bool]) -> list[int]:
    """How likely one note ends and the next begins before each of ``texts`` (note text lines in
    reading order; ``gaps[i]``: blank lines before line ``i``): the line before ends its sentence,
    the line does not go on in lower case, the line before ends short of the notes' width, a blank
    line between them. (Index 0 is never asked.)"""
    width = max(len(t) for t in texts)
    out = [0]
    for i in range(1, len(texts)):
        a, b = texts[i - 1].rstrip(), texts[i].lstrip()
        low = b[:1].islower()
        out.append(2 * bool(_NOTE_TEXT_END.search(a)) + (not low) - 3 * low + (len(a) < 0.8 * width) + gaps[i])
    return out


def _starts(texts: list[str], gaps: list[bool], fixed: list[int | None]) -> list[int] | None:
    """The first text line of each note on a page: ``fixed[j]`` where label ``j`` was printed with
    its text, else the best places between the neighbours' (:func:`_gap_scores`); the first note
    begins at the first text line unless its label carries its own. ``None``: no room."""
    score = _gap_scores(texts, gaps)
    pos = list(fixed)
    if pos[0] is None:
        pos[0] = 0
    j = 1
    while j < len(pos):
        if pos[j] is not None:
            if pos[j] <= pos[j - 1]:
                return None
            j += 1
            continue
        e = j
        while e < len(pos) and pos[e] is None:
            e += 1
        lo, hi = pos[j - 1] + 1, (pos[e] if e < len(pos) else len(texts))
        want = e - j
        if hi - lo < want:
            return None
        best = sorted(range(lo, hi), key=lambda i: (-score[i], i))[:want]
        pos[j:e] = sorted(best)
        j = e
    return pos


@functools.lru_cache(maxsize=2)
def _alone_in_lines(pattern: str, flags: int) -> "re.Pattern[str]":
    return re.compile(pattern, flags | re.MULTILINE)


def labels_apart(lines: list[SrcLine], fixes: list[Fix] | None) -> list[SrcLine]:
    """Text input whose note labels were printed apart from their notes' text (plain pdftotext
    prints a column of labels -- ``*``, ``1``, ``2`` -- before or after the column of note texts):
    on such a page, each label is put before its own note's text, the notes told apart by
    :func:`_starts`. A page is read so when its labels, in sequence, include two alone on their
    lines with no text between them (or one alone after every text), and it has a text line for
    each label. Other pages are left as they are. Each page so read is a fix ``notes.labels_apart``."""
    alone = _ALONE_NOTE
    if any(ln.bbox is not None for ln in lines):
        return lines  # (PDF input: the layout put each label on its note's line)
    notes = [ln for ln in lines if ln.zone == "footnote"]
    # (most documents print no label alone on its line: one search over the note lines says so)
    if not notes or _alone_in_lines(alone.pattern, alone.flags).search("\n".join(ln.s.strip() for ln in notes)) is None:
        return lines
    by_page: dict[int, list[SrcLine]] = {}
    for ln in notes:
        if ln.s.strip():
            by_page.setdefault(ln.page, []).append(ln)
    moved: dict[int, list[SrcLine]] = {}
    last: str | None = None  # the last label of the pages before
    for page, ls in by_page.items():
        bare = [alone.match(x.s.strip()) is not None for x in ls]
        texts = [x for x, b in zip(ls, bare) if not b]
        labels: list[str] = []
        fixed: list[int | None] = []
        label_line: list[SrcLine | None] = []
        for x, b in zip(ls, bare):
            m = None if b else NOTE_START.match(x.s.strip())
            if not b and m is None:
                continue
            lab = x.s.strip() if b else m.group("label")
            if lab not in next_labels(labels[-1] if labels else last) and not (not labels and lab in next_labels(None)):
                break
            labels.append(lab)
            fixed.append(None if b else texts.index(x))
            label_line.append(x if b else None)
        else:
            last = labels[-1] if labels else last
            if not (any(a and b for a, b in zip(bare, bare[1:])) or bare[-1]):
                continue
            if len(labels) < 2 or not texts:
                continue
            pos = _starts([x.s.strip() for x in texts], [x.gap_before > 0 for x in texts], fixed)
            if pos is None:
                continue
            order: list[SrcLine] = list(texts[:pos[0]])  # (a note going on from the page before)
            for j, lab_ln in enumerate(label_line):
                if lab_ln is not None:
                    order.append(lab_ln)
                order.extend(texts[pos[j]:pos[j + 1] if j + 1 < len(pos) else len(texts)])
            moved[page] = order
            if fixes is not None:
                fixes.append(Fix("notes.labels_apart", page, ls[0].line, "", "",
                                 note=f"note labels printed apart from their texts: {', '.join(labels)}"))
    if not moved:
        return lines
    out: list[SrcLine] = []
    done: set[int] = set()
    for ln in lines:
        if ln.page in moved and ln.zone == "footnote" and ln.s.strip():
            if ln.page not in done:
                out.extend(moved[ln.page])
                done.add(ln.page)
            continue
        out.append(ln)
    return out


def collect_footnotes(lines: list[SrcLine], warnings: list[DocWarning]) -> list[NoteBuilder]:
    notes: list[NoteBuilder] = []
    last: str | None = None
    for ln in lines:
        if ln.zone != "footnote" or not ln.s.strip():
            continue
        mt = ln.text.strip()
        m = NOTE_START.match(mt.text)
        label = m.group("label") if m else None
        expected = next_labels(last)
        ok = label is not None and label in expected
        if ok and label.isdigit() and _at_continuation_indent(ln, notes):
            ok = False
        if m and not ok and label is not None and label.isdigit() and last is not None and last.isdigit():
            # a skipped number: accept if the line is indented like a note start and close in sequence
            if (int(last) < int(label) <= int(last) + 2 and (ln.indent > 0 or ln.gap_before > 0)
                    and not _at_continuation_indent(ln, notes)):
                warnings.append(DocWarning("W121", f"footnote {int(last) + 1} missing; found {label}", ln.page, ln.line))
                ok = True
        if m and ok:
            nb = NoteBuilder(label, ln.page)
            nb.lines.append(mt.slice(m.end()))
            nb.src.append(ln)
            notes.append(nb)
            last = label
        elif notes:
            notes[-1].lines.append(mt)
            notes[-1].src.append(ln)
        else:
            warnings.append(DocWarning("W122", "text in the footnote area before any footnote label", ln.page, ln.line))
            nb = NoteBuilder("?", ln.page)
            nb.lines.append(mt)
            nb.src.append(ln)
            notes.append(nb)
            last = None
    return notes


# ---------------------------------------------------------------- markers in text
@dataclass
class TextSlot:
    """One text of the document (a block text or an item) in reading order."""

    key: tuple  # (block index, item index or None)
    text: MappedText
    protected: list[tuple[int, int]] = field(default_factory=list)  # symbol/URL spans
    index: dict | None = None


_TOKENS = label_rule("note.in_text")  # a marker in running text (the label grammar, [note] in_text)


def _raised_in_cjk(t: str, a: int, b: int) -> bool:
    """A marker inside Chinese text that the text tool set off by a space on its left only
    ("国际移民组织 5估计", "管理。 *报告"): the raised marker, glued to the text that follows it
    (a number of the text stands between spaces on both sides: "共 5 个")."""
    return a >= 2 and t[a - 1] == " " and is_cjk(t[a - 2]) and b < len(t) and is_cjk(t[b])


def _digit_ok(t: str, a: int, b: int) -> bool:
    """Can the digits t[a:b] be a glued footnote marker (not part of a number, code or date)?"""
    if a == 0:
        return False
    before = t[a - 1]
    after = t[b] if b < len(t) else ""
    spaced_after_stop = (
        before == " " and a >= 3 and t[a - 2] in ".;:," and t[a - 3].isalpha()
        and (b >= len(t) or (t[b] == " " and b + 1 < len(t) and t[b + 1].isupper()))
    )
    spaced_after_cjk_stop = (
        before == " " and a >= 2 and t[a - 2] in "。；，：！？”）》」』" and (after == "" or is_cjk(after) or after == " ")
    )
    after_resolution = (  # "resolution 53/7.1 In it": a marker after a resolution number ending a sentence
        before == "." and re.search(r"\d/\d{1,4}\.$", t[max(0, a - 12):a]) is not None
        and b + 1 < len(t) and t[b] == " " and t[b + 1].isupper()
    )
    if spaced_after_stop or spaced_after_cjk_stop or after_resolution or _raised_in_cjk(t, a, b):
        pass  # "structured text. 4 The pilot", "困难。 3一些": a space before a raised marker
    elif before in " \t\u3000-–/.,:#№$€£%+(（[" or before.isdigit():
        # "migrants.3 The" is allowed: a period after a word, then the marker
        if not (before in ".,:" and a >= 2 and t[a - 2].isalpha() and (after == "" or after in " \u3000" or is_cjk(after))):
            return False
    if after and (after.isdigit() or (after.isascii() and after.isalpha())):
        return False
    if after in ("/", ".") and b + 1 < len(t) and t[b + 1].isdigit():
        return False
    return after not in ("%", "°")


def _date_spans(t: str) -> list[tuple[int, int]]:
    """Chinese dates ("2024年7月1日", resources/lang/zh.toml [dates]): their numbers are no
    glued markers ("7月1日" is the first of July, not note 1)."""
    if "月" not in t:
        return []
    from ..lang.data import rules as lang_rules

    rx = lang_rules("zh").date_pattern
    return [m.span() for m in rx.finditer(t)] if rx is not None else []


def _index(slot: TextSlot) -> dict[str, list[tuple[int, int]]]:
    """Every admissible marker position of a text, by label (computed once per text)."""
    t = slot.text.text
    out: dict[str, list[tuple[int, int]]] = {}
    dates: list[tuple[int, int]] | None = None  # (found when a token first needs them)
    for m in _TOKENS.finditer(t):
        a, b = m.span()
        tok = m.group()
        if any(pa <= a < pb for pa, pb in slot.protected):
            continue
        if tok.endswith("/"):
            label = tok[1:]  # older documents: "Haiti 1/ and"
        elif tok.startswith("*"):
            label = tok if a > 0 and (t[a - 1] not in " \t" or _raised_in_cjk(t, a, b)) else None
        else:
            label = tok if _digit_ok(t, a, b) else None
        if label is None:
            continue
        if dates is None:
            dates = _date_spans(t)
        if not any(pa <= a < pb for pa, pb in dates):
            out.setdefault(label, []).append((a, b))
    return out


#: what a marker the PDF showed as a superscript may be, read from its first character
_SEEN_TOKEN = label_rule("note.seen")


def _seen_index(slot: TextSlot, known: dict[tuple[int, int], set[int]]) -> dict[str, list[tuple[int, int]]]:
    """Marker positions of a text that the PDF drew as raised small glyphs (``known``:
    columns per (page, line)). Geometry has the last word: such a marker may follow a number,
    a closing quote, a percent sign or a symbol (``2016.30``, ``hands’.39``, ``4%.50``,
    ``46/2017164``), which the plain-text rules of :func:`_digit_ok` must refuse."""
    t = slot.text.text
    out: dict[str, list[tuple[int, int]]] = {}
    for o in slot.text.origins:
        cols = known.get((o.page, o.line)) if o.col >= 0 else None
        if not cols:
            continue
        for c in cols:
            if not o.col <= c < o.col + o.length:
                continue
            a = o.offset + c - o.col
            m = _SEEN_TOKEN.match(t, a)
            if m is None or a == 0:
                continue
            b = m.end()
            after = t[b] if b < len(t) else ""
            if after.isascii() and after.isalpha():
                continue  # "CO2e", a digit inside a word or code
            out.setdefault(m.group(), []).append((a, b))
    for v in out.values():
        v.sort()
    return out


def _candidates(slot: TextSlot, label: str, known: dict[tuple[int, int], set[int]] | None = None) -> list[tuple[int, int]]:
    if slot.index is None:
        slot.index = _seen_index(slot, known) if known else _index(slot)
    return slot.index.get(label, [])


def find_markers(
    slots: list[TextSlot],
    labels: list[tuple[str, int]],
    warnings: list[DocWarning],
    known: set[tuple[int, int, int]] | None = None,
) -> dict[tuple, list[tuple[int, int, str]]]:
    """Assign each footnote label (with the page its note is printed on) to one marker position.

    ``known`` holds the (page, line, col) of marker glyphs the PDF showed as superscripts;
    when given, only those positions can be markers, and the text around them is not
    second-guessed (:func:`_seen_index`).
    Returns, per slot key, a list of (start, end, label) spans to remove.
    """
    found: dict[tuple, list[tuple[int, int, str]]] = {}
    by_line: dict[tuple[int, int], set[int]] | None = None
    if known:
        by_line = {}
        for p, li, co in known:
            by_line.setdefault((p, li), set()).add(co)
    pos = (0, 0)  # (slot index, offset): markers come in reading order
    for label, page in labels:
        best = None
        for strict in (True, False):
            # strict: markers come in reading order, so no slot before the last marker's can hold it
            for si in range(pos[0] if strict else 0, len(slots)):
                slot = slots[si]
                for a, b in _candidates(slot, label, by_line):
                    if (si, a) < pos and strict:
                        continue
                    p, li, co = slot.text.locate(a)
                    if page is not None and strict and p != page:
                        continue
                    if page is not None and not strict and abs(p - page) > 1:
                        continue
                    if any(a < y and x < b for x, y, _ in found.get(slot.key, [])):
                        continue
                    best = (si, a, b)
                    break
                if best:
                    break
            if best:
                break
        if best is None:
            warnings.append(DocWarning("W120", f"marker of footnote {label} not found in the text", page, None))
            continue
        si, a, b = best
        found.setdefault(slots[si].key, []).append((a, b, label))
        pos = max(pos, (si, b))
    return found


def _marker_end(t: str, a: int, b: int) -> int:
    """End of what a marker removal takes: the marker, plus the space it leaves between
    two CJK characters or a doubled space."""
    if b < len(t) and t[b] == " " and a > 0 and is_cjk(t[a - 1]) and b + 1 < len(t) and is_cjk(t[b + 1]):
        return b + 1
    if a > 0 and t[a - 1] == " " and b < len(t) and t[b] == " ":
        return b + 1
    return b


def remove_markers(
    mt: MappedText, spans: list[tuple[int, int, str]], fixes: list[Fix]
) -> tuple[MappedText, list[tuple[str, int, int, int]]]:
    """Remove marker spans. Returns the new text and (label, offset in the new text, page, line)
    per marker, in text order."""
    t = mt.text
    cuts = sorted((a, _marker_end(t, a, b), label) for a, b, label in spans)
    refs = []
    removed = 0
    for a, end, label in cuts:
        page, line, col = mt.locate(a)
        ctx_a = max(0, a - 8)
        fixes.append(Fix("footnote.marker", page, line, t[ctx_a:end], t[ctx_a:a], col=col, note=f"footnote {label}"))
        refs.append((label, a - removed, page, line))
        removed += end - a
    return mt.edit((a, end, "") for a, end, _ in cuts), refs


__all__ = ["collect_footnotes", "labels_apart", "find_markers", "remove_markers", "TextSlot", "NoteBuilder"]
