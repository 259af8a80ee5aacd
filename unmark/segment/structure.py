"""Body lines -> blocks: headings (labelled and un-labelled), numbered paragraphs with their
sub-items, un-numbered paragraphs and free-standing items.

Decisions, in order:
1. Is there a paragraph break before this line? The source says so (a trailing-space hard
   break, a blank line, a PDF gap) or, for plain text, the line-break classifier decides.
2. After a break, a label opens a block: ``12.`` is a paragraph when it is the next number
   in the document's paragraph sequence (the prior), otherwise a level-3 heading when the
   line stands alone; ``一.``/``IV.`` open chapters, ``A.`` sections; ``(a)``, ``(i)``, ``-``
   open sub-items of the current paragraph.
3. A short line standing alone, without closing punctuation, is an un-numbered heading.
4. Anything else after a break is an un-numbered paragraph; without a break, a continuation.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..extract.lines import SrcLine
from ..lang.data import rules as lang_rules
from ..model import DocWarning, MappedText
from .join import HAN
from ..labels import LabelMatch, chapter_value, is_bullet, match_annex, match_label, match_named_heading, rule as label_rule, rules as label_rules

log = logging.getLogger(__name__)

FINAL_PUNCT = tuple("。．.;；:：!?！？")
CLOSERS = "”’」』）)》>\"'"


@dataclass
class PartBuilder:
    label: str | None
    level: int
    lines: list[MappedText] = field(default_factory=list)
    src: list[SrcLine] = field(default_factory=list)


@dataclass
class BlockBuilder:
    type: str
    label: str | None = None
    number: int | None = None
    level: int | None = None
    role: str | None = None
    text: PartBuilder = field(default_factory=lambda: PartBuilder(None, 0))
    items: list[PartBuilder] = field(default_factory=list)

    def current(self) -> PartBuilder:
        return self.items[-1] if self.items else self.text

    def first_line(self) -> SrcLine | None:
        if self.text.src:
            return self.text.src[0]
        return self.items[0].src[0] if self.items and self.items[0].src else None


def ends_final(text: str) -> bool:
    t = text.rstrip().rstrip(CLOSERS)
    return bool(t) and t.endswith(FINAL_PUNCT)


def ends_on_function_word(text: str, lang: str) -> bool:
    """A line ending on "the", "of", "de", "и" ... never ends a paragraph or a title."""
    if lang not in ("en", "fr", "es", "ru"):
        return False
    words = text.rsplit(None, 1)  # (the last word only)
    if not words:
        return False
    fw = lang_rules(lang).function_words  # a broken language file raises E601/E602
    return words[-1].lower() in fw and words[-1].isalpha()


_GLUED_MARKER = label_rule("note.line_end")  # a footnote marker glued at the line end


def heading_like(text: str) -> bool:
    """Short, no closing punctuation: a title line."""
    r = label_rules()
    t = text.strip()
    if not t:
        return False
    cjk = len(HAN.findall(t)) > len(t) / 3
    limit = r.max_len_cjk if cjk else r.max_len_latin
    if len(t) > limit:
        return False
    t2 = _GLUED_MARKER.sub("", t)  # a glued footnote marker does not count
    if not t2:
        return False  # a number alone (a footnote marker printed on a line of its own) titles nothing
    if r.no_final.search(t2.rstrip(CLOSERS)) or r.no_final.search(t.rstrip()):
        return False
    if not cjk and t[:1].islower():
        return False
    if r.not_heading.search(t):
        return False
    return True


def _signs(nxt: SrcLine | None) -> bool:
    """The next line is a signature line ("（签名）", "(Signed)"): this short line ("常驻代表",
    "Permanent Representative") belongs to the signature block, it heads nothing."""
    return nxt is not None and label_rules().not_heading.search(nxt.stripped()) is not None


def _isolated(prev: SrcLine | None, ln: SrcLine, nxt: SrcLine | None) -> bool:
    before = prev is None or ln.gap_before > 0 or ln.page_start or (prev.zone != "body")
    after = nxt is None or nxt.gap_before > 0 or nxt.page_start
    return before and after


class Segmenter:
    """Turns the body lines of a document into block builders."""

    def __init__(self, lang: str, hard_break=None):
        self.lang = lang
        self.blocks: list[BlockBuilder] = []
        self.warnings: list[DocWarning] = []
        self.expected_para = 1
        self.last_chapter = 0
        self.last_section = "@"  # before "A"
        self.hard_break = hard_break
        self._next: dict[int, SrcLine] = {}
        # numbering restarted at 1 inside a run (a miscast sub-heading "1." or a list):
        # the number the run expected then, and the blocks opened since
        self.resume_at: int | None = None
        self.restart: list[BlockBuilder] = []

    # ---- break detection
    def is_break(self, prev: SrcLine | None, ln: SrcLine) -> bool:
        if prev is None or not self.blocks:
            return True
        if ln.gap_before > 0 and not ln.page_start:
            return True
        if prev.hard_end is not None:
            return prev.hard_end
        if self.blocks[-1].type == "heading" and match_label(ln.stripped()) is not None:
            return True  # a heading does not run on into a labelled line
        if self._first_line_indent(prev, ln):
            return True
        if self._next_item(ln):
            return True  # the next label of the open item series ("(b)" after "(a) …；")
        if (self.hard_break is not None and ends_final(prev.s) and self._next_opens_block(self._next.get(id(ln)))
                and heading_like(ln.stripped())):
            return True  # plain text: a heading line between a sentence end and the paragraph the run expects
        if self._ends_on_function_word(prev):
            return False
        if self.hard_break is not None:
            return bool(self.hard_break(prev, ln))
        return ends_final(prev.s) and (match_label(ln.stripped()) is not None or ln.gap_before > 0)

    def _next_item(self, ln: SrcLine) -> bool:
        """``ln`` opens with the letter label that follows the current block's last item label
        (``(a)`` -> ``(b)``, ``（a）`` -> ``（b）``), whatever the spacing around it."""
        items = self.blocks[-1].items
        last = items[-1].label if items else None
        if not last or len(last) != 3 or not ("a" <= last[1] < "z"):
            return False
        want = last[0] + chr(ord(last[1]) + 1) + last[2]
        return ln.stripped().startswith(want)

    def _would_spoil_heading(self, mt: MappedText) -> bool:
        """A wrapped heading goes on only while the whole still reads as a heading."""
        b = self.blocks[-1] if self.blocks else None
        if b is None or b.type != "heading" or b.items:
            return False
        so_far = " ".join(x.text for x in b.text.lines)
        return not heading_like(f"{so_far} {mt.text}")

    def _ends_on_function_word(self, prev: SrcLine) -> bool:
        return ends_on_function_word(prev.s, self.lang)

    def _first_line_indent(self, prev: SrcLine, ln: SrcLine) -> bool:
        """First-line-indent layout: a line indented past both neighbours opens a paragraph
        (hanging layouts indent the continuation lines instead, so they never match)."""
        nxt = self._next.get(id(ln))
        if nxt is None or nxt.page != ln.page or prev.page != ln.page or ln.page_start:
            return False
        if match_label(prev.stripped()) is not None:
            return False  # a hanging label: its continuation lines are indented
        return ln.indent >= prev.indent + 2 and abs(nxt.indent - prev.indent) <= 1 and ln.indent >= nxt.indent + 2

    # ---- main
    def feed(self, lines: list[SrcLine]) -> list[BlockBuilder]:
        body = [ln for ln in lines if ln.zone == "body" and ln.s.strip()]
        self._next = {id(a): b for a, b in zip(body, body[1:])}
        for i, ln in enumerate(body):
            prev = body[i - 1] if i else None
            nxt = body[i + 1] if i + 1 < len(body) else None
            mt = ln.text.strip()
            if self.is_break(prev, ln) or self._would_spoil_heading(mt):
                self.start(ln, mt, prev, nxt)
            else:
                self.blocks[-1].current().lines.append(mt)
                self.blocks[-1].current().src.append(ln)
        return self.blocks

    def start(self, ln: SrcLine, mt: MappedText, prev: SrcLine | None, nxt: SrcLine | None) -> None:
        text = mt.text
        if match_annex(text):
            # an annex numbers its own paragraphs, chapters and sections
            self.expected_para, self.last_chapter, self.last_section = 1, 0, "@"
            self.resume_at, self.restart = None, []
            return self._heading(ln, mt, None, 1)
        if match_named_heading(text):
            return self._heading(ln, mt, None, 1)
        lab = match_label(text)
        alone = _isolated(prev, ln, nxt)
        if lab is not None:
            rest = text[lab.end:]
            if lab.kind == "paragraph":
                n = int(lab.num)
                nxt_num = self._next_paragraph_number(nxt)
                # (whether the rest reads as a title is asked only when the answer matters)
                if n == self.expected_para and not ((alone and ln.heading_hint or nxt_num == n) and heading_like(rest)):
                    return self._para(ln, mt, lab, n)
                # a heading: a short own line, in a numbering that differs from the paragraph run,
                # standing apart, marked as a heading by the PDF, or followed by the paragraph the
                # run expects ("1. 偷运移民及其主要路线" before "8. 偷运移民是…")
                if (alone or ln.heading_hint or nxt_num in (self.expected_para, n)) and heading_like(rest):
                    return self._heading(ln, mt, lab, 3)
                if self.resume_at is not None and self.resume_at <= n <= self.resume_at + 2 and n != self.expected_para:
                    return self._resume(ln, mt, lab, n)
                if n > self.expected_para and n <= self.expected_para + 3 or n == 1:
                    self.warnings.append(DocWarning("W110", f"paragraph numbering jumps from {self.expected_para - 1} to {n}", ln.page, ln.line))
                    if n == 1 and self.expected_para > 2:
                        self.resume_at, self.restart = self.expected_para, []
                    self._para(ln, mt, lab, n)
                    if self.resume_at is not None and n == 1:
                        self.restart.append(self.blocks[-1])
                    return None
                # a number that fits no sequence: treat as text
            elif lab.kind == "chapter":
                v = chapter_value(lab.num)
                is_letter = lab.num in ("I", "V", "X", "L", "C") and lab.num == chr(ord(self.last_section) + 1)
                if is_letter and (v is None or v != self.last_chapter + 1):
                    return self._heading(ln, mt, lab, 2, section=lab.num)
                if v is not None and heading_like(rest):
                    self.last_chapter = v
                    self.last_section = "@"
                    return self._heading(ln, mt, lab, 1)
            elif lab.kind == "section":
                if heading_like(rest):
                    return self._heading(ln, mt, lab, 2, section=lab.num)
            else:
                return self._item(ln, mt, lab)
        if heading_like(text) and (alone or self._next_opens_block(nxt)) and not _signs(nxt):
            return self._heading(ln, mt, None, 4)
        b = BlockBuilder("paragraph")
        b.text.lines.append(mt)
        b.text.src.append(ln)
        self.blocks.append(b)

    def _next_paragraph_number(self, nxt: SrcLine | None) -> int | None:
        """The number of the paragraph label the next line opens with, if any."""
        if nxt is None:
            return None
        lab = match_label(nxt.stripped())
        return int(lab.num) if lab is not None and lab.kind == "paragraph" else None

    def _next_opens_block(self, nxt: SrcLine | None) -> bool:
        """The next line opens the paragraph the run expects, a chapter or a section: the line
        before it stands on its own, whatever the spacing (pdftotext keeps none)."""
        if nxt is None:
            return False
        t = nxt.stripped()
        lab = match_label(t)
        if lab is None:
            return match_annex(t)
        if lab.kind == "paragraph":
            return int(lab.num) == self.expected_para
        return lab.kind in ("chapter", "section")

    def _resume(self, ln: SrcLine, mt: MappedText, lab: LabelMatch, n: int) -> None:
        """The paragraph run goes on after a restart at 1: the restart was a miscast line.
        Heading-like restarted blocks become level-3 headings; the run resumes, with a warning."""
        fixed = 0
        for b in self.restart:
            text = " ".join(x.text for x in b.text.lines)
            if b.type == "paragraph" and not b.items and len(b.text.lines) == 1 and heading_like(text):
                b.type, b.level, b.number = "heading", 3, None
                fixed += 1
        first = self.restart[0].first_line() if self.restart else None
        where = f"page {first.page}, line {first.line}" if first is not None else "earlier"
        self.warnings.append(DocWarning(
            "W400", f"paragraph numbering resumes at {n} after a restart at 1 ({where}); "
                    f"{fixed} restarted line(s) read as heading(s)", ln.page, ln.line))
        self.resume_at, self.restart = None, []
        self._para(ln, mt, lab, n)

    def _para(self, ln: SrcLine, mt: MappedText, lab: LabelMatch, n: int) -> None:
        if self.resume_at is not None and n > self.resume_at + 2:
            self.resume_at, self.restart = None, []  # a real restart (an annex without its heading)
        b = BlockBuilder("paragraph", label=lab.label, number=n)
        b.text.lines.append(mt.slice(lab.end))
        b.text.src.append(ln)
        self.blocks.append(b)
        self.expected_para = n + 1

    def _heading(self, ln: SrcLine, mt: MappedText, lab: LabelMatch | None, level: int, section: str | None = None) -> None:
        if section is not None:
            self.last_section = section
        b = BlockBuilder("heading", label=lab.label if lab else None, level=level)
        b.text.lines.append(mt.slice(lab.end) if lab else mt)
        b.text.src.append(ln)
        self.blocks.append(b)

    def _item(self, ln: SrcLine, mt: MappedText, lab: LabelMatch) -> None:
        host = self.blocks[-1] if self.blocks and self.blocks[-1].type in ("paragraph", "item") else None
        level = 1
        if lab.kind == "roman" and host is not None:
            latin = label_rules().item_latin.match
            prev_letters = [it.label for it in host.items if it.label and latin(it.label)]
            last = prev_letters[-1] if prev_letters else None
            # (i) after (h) is a letter; (v) after (u) too
            if last and len(last) == 3 and ord(lab.num[0]) == ord(last[1]) + 1 and len(lab.num) == 1:
                level = 1
            elif prev_letters:
                level = 2
        elif lab.kind == "bullet" and host is not None and host.items and host.items[-1].level >= 1:
            level = host.items[-1].level if host.items[-1].label == lab.label else host.items[-1].level + 1
            if is_bullet(host.items[-1].label):
                level = host.items[-1].level
        if host is None:
            host = BlockBuilder("item")
            self.blocks.append(host)
        part = PartBuilder(lab.label, level)
        part.lines.append(mt.slice(lab.end))
        part.src.append(ln)
        host.items.append(part)


def merge_label_lines(lines: list[SrcLine], zone: str = "body") -> list[SrcLine]:
    """A label printed alone on its line (pdftotext puts a TAB-separated label on a line of its
    own) is joined to the text line that follows it on the same page."""
    rx = label_rules().alone_body if zone == "body" else label_rules().alone_note
    out: list[SrcLine] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.s.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and rx.match(s)
            and nxt.page == ln.page
            and nxt.s.strip()
            and not rx.match(nxt.s.strip())
            and match_label(nxt.s.strip()) is None
        ):
            label = ln.text.strip()
            merged = MappedText.join([label, MappedText.inserted(" ", ln.page, ln.line), nxt.text.strip()])
            out.append(
                SrcLine(page=ln.page, line=ln.line, text=merged, raw=ln.raw, indent=ln.indent, gap_before=ln.gap_before,
                        hard_end=nxt.hard_end, zone=ln.zone, page_start=ln.page_start, size=nxt.size, bold=nxt.bold,
                        bbox=nxt.bbox, markers=[(o + len(label.text) + 1, lb) for o, lb in nxt.markers],
                        heading_hint=ln.heading_hint or nxt.heading_hint)
            )
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


__all__ = ["Segmenter", "BlockBuilder", "PartBuilder", "heading_like", "ends_final", "merge_label_lines"]
