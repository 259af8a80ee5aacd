"""Footnote zone for text without a separator line (pdftotext of PDFs whose footnote rule is
a drawn line, not text): the zone starts at the page-foot line that opens the next expected
footnote (``*``, then 1, 2, 3 ...), after vertical space, when the text above carries a glued
marker with that label. The footnote sequence is the prior; nothing else is guessed.
"""
from __future__ import annotations

import functools
import regex as re

import logging

from ..extract.lines import LineFacts, SrcLine, SrcPage
from ..labels import rule as label_rule
from ..lang.data import rules as lang_rules
from ..segment.footnotes import next_labels

log = logging.getLogger(__name__)

# a note opening at the page foot: a label alone on its line, or a label and its text (no letters)
NOTE_OPEN = label_rule("note.open")  # (the label grammar, resources/core/labels.toml [note] open)
_ALONE_NOTE = label_rule("alone.note")


def _marker_before(texts: list[str], label: str) -> bool:
    rx, spaced, wrapped = _marker_patterns(label)
    return any(rx.search(t) or spaced.search(t) or wrapped.match(t) for t in texts)


@functools.lru_cache(maxsize=256)
def _marker_patterns(label: str) -> tuple:
    """The ways a marker ``label`` stands in the text above its note (compiled once per label)."""
    rx = re.compile(r"(?<=\S)(?<![\d/\-(])(?<!\d\.)" + re.escape(label) + (r"(?!\*)" if label.startswith("*") else r"(?!\d)"))
    # a raised marker pdftotext set off by a space on its left and glued to the text on its right
    # ("国际移民组织 5估计", "管理。 *报告"); a number spaced on both sides ("第 5 章") is text
    spaced = re.compile(r"(?<=[^\s\d] )" + re.escape(label) + r"(?=[^\s\d.,:;*/)\]])")
    # a raised marker the typesetter wrapped to the start of the next line, glued to the Chinese
    # text that goes on ("…指出的那样，" / "12这些措施"; "12月" is a date, not a marker)
    wrapped = re.compile(r"^\s*" + re.escape(label) + label_rule("note.wrapped_next").pattern)
    return rx, spaced, wrapped


def _marker_alone(lines: list[SrcLine], idx: list[int], label: str) -> bool:
    """A raised marker the extractor printed on a line of its own (pdftotext sets a superscript
    that ends a paragraph's last line below it): the label alone on a line that follows a text
    line with no blank line between."""
    return any(lines[j].s.strip() == label and lines[j].gap_before == 0 and j > 0 and lines[j - 1].s.strip()
               and lines[j - 1].s.strip() != label for j in idx)


def _labelled_foot(rest: list[str], label: str, has_marker) -> bool:
    """Plain text without blank lines (pypdf, PyMuPDF, PDFium text): the lines from a note
    opening to the page end are notes when their labels run on in sequence (``label``, then the
    next, ...) and the text above carries a marker for every one of them (``has_marker(label)``)."""
    seq, n = None, 0
    for t in rest:
        m = NOTE_OPEN.match(t.strip())
        if m and m.group("label") in (next_labels(seq) if seq is not None else [label]):
            if not has_marker(m.group("label")):
                return False
            seq, n = m.group("label"), n + 1
    return n >= 1 and seq is not None


def mark_unseparated_notes(pages: list[SrcPage]) -> LineFacts:
    """Zone 'footnote' for page-foot note blocks that have no separator line above them (the
    caller records the zones decided)."""
    from ..lang.linebreaks import rtl_fragmented

    facts = LineFacts()
    # right-to-left text that the extractor printed one direction run per line (PyMuPDF): a number
    # alone on its line is a run of the line around it (a paragraph number, a date), not a note
    bare_ok = not rtl_fragmented([ln.s for p in pages for ln in p.lines])
    last: str | None = None
    runs_on = False  # the last note of the page before did not end: it may go on at this page's foot
    for p in pages:
        zones = facts.zones_of(p.lines)
        if "separator" in zones or "footnote" in zones:
            labels = [m.group("label") for ln, z in zip(p.lines, zones) if z == "footnote" and (m := NOTE_OPEN.match(ln.s.strip()))]
            if labels:
                last = labels[-1]
            runs_on = _note_runs_on(p.lines, facts)
            continue
        runs_on, was_on = False, runs_on
        body_idx = [i for i, (ln, z) in enumerate(zip(p.lines, zones)) if z == "body" and ln.s.strip()]
        if len(body_idx) < 2:
            continue
        start = None
        first_label = None
        for k, i in enumerate(body_idx):
            ln = p.lines[i]
            m = NOTE_OPEN.match(ln.s.strip())
            if not m or m.group("label") not in next_labels(last):
                continue
            if not bare_ok and ln.s.strip() == m.group("label"):
                continue
            if start is not None and m.group("label") != first_label:
                continue
            if k < len(body_idx) * 0.3:
                continue
            above = [p.lines[j].s for j in body_idx[:k]]

            def has_marker(label: str, above=above, idx=body_idx[:k]) -> bool:
                return _marker_before(above, label) or _marker_alone(p.lines, idx, label)

            if ln.gap_before == 0 and not ln.s.strip() == m.group("label") and not _labelled_foot(
                    [p.lines[j].s for j in body_idx[k:]], m.group("label"), has_marker):
                continue
            if not has_marker(m.group("label")):
                continue
            # a label alone on its line may be a marker the extractor printed on a line of its own
            # (pdftotext: a superscript at a line end): a later line with the same label, lower
            # on the page, is the note
            start, first_label = k, m.group("label")
            if ln.s.strip() != m.group("label"):
                break
        if start is None:
            continue
        if was_on:
            start = _continued_note_above(p.lines, body_idx, start)
        seq = last
        for i in body_idx[start:]:
            ln = p.lines[i]
            facts.set(ln, zone="footnote")
            m = NOTE_OPEN.match(ln.s.strip())
            if m and m.group("label") in next_labels(seq):
                seq = m.group("label")
        last = seq
        runs_on = _note_runs_on(p.lines, facts)
        log.debug("page %d: footnote area from line %d found by label sequence", p.number, p.lines[body_idx[start]].line)
    return facts


def _note_runs_on(lines: list[SrcLine], facts: LineFacts) -> bool:
    """The page's last note line does not end its sentence: the note goes on at the next page's foot."""
    notes = [ln.s.strip() for ln, z in zip(lines, facts.zones_of(lines)) if z == "footnote" and ln.s.strip()]
    return bool(notes) and not _NOTE_END.search(notes[-1])


def _continued_note_above(lines: list[SrcLine], body_idx: list[int], start: int) -> int:
    """Where the page's note area starts when the last note of the page before ran on: a note
    split by a page break goes on above the page's first note label, with no label of its own.
    Those lines, a block set apart from the body by blank lines, under a body line that ends its
    sentence and opening no body paragraph, are note text; ``start`` (the first note label)
    otherwise."""
    from ..lang.linebreaks import ends_sentence

    j = start
    while j > 0 and lines[body_idx[j]].gap_before == 0:
        j -= 1
    if not 0 < j < start or not ends_sentence(lines[body_idx[j - 1]].s.strip()):
        return start
    if any(_opens_body(lines[body_idx[x]].s.strip(), None) or NOTE_OPEN.match(lines[body_idx[x]].s.strip())
           for x in range(j, start)):
        return start
    return j


@functools.lru_cache(maxsize=1)
def _endnote_headings() -> list:
    from ..resources import load_toml

    # one pattern, the headings its alternatives: a line is asked once, not once per heading
    pats = load_toml("core/furniture.toml").get("endnotes", {}).get("headings", [])
    return [re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)] if pats else []


def mark_endnotes(pages: list[SrcPage], fixes: list | None = None) -> LineFacts:
    """Notes collected at the end under a "Notes" heading: every body line after the heading
    becomes footnote area (the heading is recorded in ``fixes`` when given). Returns the zones
    (and line ends) decided, for the caller to record: empty (false) when the document has no
    endnotes."""
    facts = LineFacts()
    pats = _endnote_headings()
    lines = [ln for p in pages for ln in p.lines if ln.zone in ("body", "footnote") and ln.s.strip()]
    for i, ln in enumerate(lines):
        if ln.zone != "body" or ln.page < len(pages) / 2 or not any(rx.match(ln.s.strip()) for rx in pats):
            continue
        rest = lines[i + 1 :]
        m = NOTE_OPEN.match(rest[0].s.strip()) if rest else None
        if not m or m.group("label") not in ("1", "*", "1/"):
            continue
        facts.set(ln, zone="separator")
        if fixes is not None:
            from ..model import Fix

            fixes.append(Fix("footnote.endnotes_heading", ln.page, ln.line, ln.s.strip(), "",
                             note="the heading of the endnotes"))
        for x in rest:
            facts.set(x, zone="footnote")
        log.debug("endnotes from page %d line %d", ln.page, ln.line)
        _tables_out_of_notes(rest, facts)
        return facts
    return facts


_SENTENCE_END = tuple(".!?。！？")
_CLOSERS = "”’»\"')]）」』 "
_ROW_END = _SENTENCE_END + tuple(";:；：")


def _tables_out_of_notes(lines: list[SrcLine], facts: LineFacts) -> None:
    """An endnote whose sentence ends and which then runs on into a table (most of the lines up
    to the next note indented well beyond its label: the stakeholder list after note 1 of a UPR
    summary, "Civil society / AccessNow  AccessNow (United States of America); ...") ends at that
    sentence; the table is read as body text after the last paragraph. Geometry only (PDF input:
    line sizes and x positions); thresholds in ``resources/pdf/layout.toml`` ([zones] note_table_*).
    A note whose sentence ends with a colon ("The following abbreviations are used:") keeps its
    table: the colon announces it."""
    if not lines or not all(x.size for x in lines):
        return
    from ..extract.pdf.rules import rules

    Z = rules().zones
    notes: list[list[SrcLine]] = []
    last: str | None = None
    for x in lines:
        m = NOTE_OPEN.match(x.s.strip())
        if m and m.group("label") in next_labels(last):
            notes.append([x])
            last = m.group("label")
        elif notes:
            notes[-1].append(x)
    for note in notes:
        head = note[0]
        lim = head.indent + Z["note_table_indent"] * head.size
        for i, x in enumerate(note[:-1]):
            if not (facts.hard_end(x) and x.s.rstrip(_CLOSERS).endswith(_SENTENCE_END)):
                continue
            tail = note[i + 1:]
            rows = sum(1 for y in tail if y.indent > lim)
            if rows >= Z["note_table_rows"] and rows >= Z["note_table_share"] * len(tail):
                for k, y in enumerate(tail):
                    facts.set(y, zone="body")
                    nxt = tail[k + 1] if k + 1 < len(tail) else None
                    if nxt is None:
                        facts.set(y, hard_end=True)
                    elif y.indent > lim:
                        # one block per table row: a row ends with its punctuation ("(Italy);")
                        # or where the next line starts further left (the next row); a wrapped
                        # cell goes on at its own column. Line lengths say nothing here (cells
                        # end short of the margin), and the backends' line ends differ by a few
                        # points in justified cells
                        facts.set(y, hard_end=(y.s.rstrip(_CLOSERS).endswith(_ROW_END)
                                               or nxt.indent < y.indent - 0.5 * y.size))
                    elif facts.hard_end(y) is None or nxt.indent > lim:
                        facts.set(y, hard_end=True)  # a caption above the rows ("Civil society")
                log.debug("note %s: a table of %d lines after page %d line %d read as body text",
                          head.s.split(" ", 1)[0], len(tail), x.page, x.line)
            break


# --------------------------------------------------------------------------- where the body resumes
# a numbered body paragraph ("12. Requests ...", "3．重申"), never a note label ("1/", "12 See")
_BODY_NUMBERED = label_rule("paragraph.body")
_NOTE_END = label_rule("note.line_done")


def _opens_body(text: str, lang: str | None) -> bool:
    """The line opens a body paragraph: a numbered paragraph, or a preambular or operative
    opener of a resolution in the document's language (``[linebreaks].paragraph_openers``)."""
    if _BODY_NUMBERED.match(text):
        return True
    if not lang:
        return False
    rx = lang_rules(lang).paragraph_opener
    return rx is not None and rx.match(text) is not None


def _may_open_body(text: str) -> bool:
    """The line opens a numbered paragraph or a paragraph opener of one of the six languages: only
    then does :func:`_opens_body` need the document's language (identified once, when first asked)."""
    if _BODY_NUMBERED.match(text):
        return True
    from ..lang.data import rules as lang_rules

    return any((rx := lang_rules(code).paragraph_opener) is not None and rx.match(text) is not None
               for code in ("en", "fr", "es", "ru", "zh", "ar"))


def end_note_zones(pages: list[SrcPage], lang=None, facts: LineFacts | None = None) -> tuple[list[tuple[int, int, str]], LineFacts]:
    """A footnote area ends where the body resumes. Text input has no font sizes, and text
    without form feeds (pypdf, PyMuPDF joined by newlines, copy and paste) has no page ends,
    so the area that opens at a separator would otherwise run to the end of the document.
    The area ends at (1) page furniture after the notes (a continuation mark ``/...``, a running
    header, a page label or footer: the page has turned) or (2) a line that opens a body paragraph
    (a numbered paragraph, a preambular or operative opener) right after a note that ended its
    sentence, when the notes' own labels are not numbered paragraphs. ``lang``: the language code,
    or a function that gives it (called once, when an opener is first asked). Returns the (page, line,
    reason) of every place the body resumed and the zones decided (the caller records both);
    ``facts``: decisions of the same stage to go on from (they are read first, and added to)."""
    facts = LineFacts() if facts is None else facts
    resumed: list[tuple[int, int, str]] = []
    known: list = []

    def _lang():
        # ``lang`` may be a function: the language is identified only when a line needs it
        if not known:
            known.append(lang() if callable(lang) else lang)
        return known[0]

    for p in pages:
        state = None  # None: body; 'notes': in a note area; 'turned': furniture after the notes; 'back': body again
        dotted = False
        owed = 0  # labels alone on their lines in the area, less its lines of text
        prev_note: str | None = None
        # (a line's zone is set below only when that line is reached: the page's zones read at once)
        for ln, zone in zip(p.lines, facts.zones_of(p.lines)):
            if zone == "separator":
                state, dotted, prev_note, owed = "notes", False, None, 0
                continue
            if state is None:
                if zone != "footnote":
                    continue
                state, dotted, prev_note, owed = "notes", False, None, 0  # an area found without a separator
            if zone == "furniture":
                # (labels printed apart from their texts, the texts not yet come: the page goes on)
                if state == "notes" and prev_note is not None and owed <= 0:
                    state = "turned"
                continue
            if zone != "footnote" or not ln.s.strip():
                continue
            s = ln.s.strip()
            owed += 1 if _ALONE_NOTE.match(s) else -1
            if state == "back":
                facts.set(ln, zone="body")
                continue
            if state == "turned":
                facts.set(ln, zone="body")
                resumed.append((p.number, ln.line, "page furniture after the notes"))
                state = "back"
                continue
            if prev_note is None:
                dotted = bool(_BODY_NUMBERED.match(s))
            elif not dotted and _NOTE_END.search(prev_note) and not NOTE_OPEN.match(s) and _may_open_body(s) and _opens_body(s, _lang()):
                facts.set(ln, zone="body")
                resumed.append((p.number, ln.line, "a body paragraph opens after the notes"))
                state = "back"
                continue
            prev_note = s
    return resumed, facts


#: a footnote longer than this many characters and than the body text of its pages is suspect
NOTE_LONG_CHARS = 600


def note_zone_warnings(footnotes, blocks) -> list:
    """Warnings for footnotes that may hold body text (text input, where the footnote area is
    inferred): a note that runs across a page break (W420) and a note longer than the body text
    of its pages (W421; a footnote area that never ended swallows the rest of the document)."""
    from ..model import DocWarning

    body_chars: dict[int, int] = {}
    if any(len(f.text) > NOTE_LONG_CHARS for f in footnotes):  # (only a long note is compared)
        for b in blocks:
            for mt in [b.source, *(it.source for it in b.items)]:
                for o in mt.origins:
                    body_chars[o.page] = body_chars.get(o.page, 0) + o.length
    out = []
    for f in footnotes:
        pages = f.source.pages()
        first = f.source.origins[0] if f.source.origins else None
        page, line = (first.page, first.line) if first else (None, None)
        if len(pages) > 1:
            out.append(DocWarning("W420", f"footnote {f.label} runs across a page break (pages {pages[0]}-{pages[-1]}): "
                                  "check that no body text went into it", page, line))
        body = sum(body_chars.get(p, 0) for p in pages) if len(f.text) > NOTE_LONG_CHARS else 0
        if len(f.text) > NOTE_LONG_CHARS and len(f.text) > body:
            out.append(DocWarning("W421", f"footnote {f.label} is longer than the body text of its page "
                                  f"({len(f.text)} > {body} characters): check that no body text went into it", page, line))
    return out
