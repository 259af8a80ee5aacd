"""Front matter: the masthead (to metadata) and the lines before the body (organ, session,
meeting, agenda item and its title, document title, subtitle), as 'front' blocks with a role.

Patterns are data: ``resources/core/masthead.toml`` (per language) and ``resources/core/front.toml``.
"""
from __future__ import annotations

import functools
import itertools
import logging
from dataclasses import replace

import regex as re

from ..errors import ResourceError
from ..extract.lines import SrcLine
from ..lang.linebreaks import display_width
from ..model import Fix, MappedText
from ..resources import load_toml
from ..rules.furniture import CELL_GAP, furniture_kind, primary_symbol
from ..rules.masthead import match_masthead
from ..scripts import HAN_UNIFIED_CHAR
from ..labels import match_annex, match_label, rule as label_rule
from .structure import BlockBuilder, PartBuilder, ends_final, ends_on_function_word

log = logging.getLogger(__name__)

_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*")
_FIRST_NONSPACE = re.compile(r"\S")
_LAST_NONSPACE = re.compile(r"(?r)\S")
_LONG_LINE = 10_000  # (a masthead line is a few dozen characters)


def cell_spans(s: str) -> dict[str, tuple[int, int]]:
    """{cell: span} of the runs of text in ``s`` set apart by three or more white-space characters
    (what ``_CELL`` finds). On a long line the same cells are found from the gaps between them:
    the regex engine keeps a backtracking entry for each repetition of ``_CELL``'s group and gives
    up with a ``MemoryError`` past a few million words on one line (a hostile text of one 16 MB line)."""
    if len(s) <= _LONG_LINE:
        return {m.group(): m.span() for m in _CELL.finditer(s)}
    out: dict[str, tuple[int, int]] = {}
    start = 0
    for gap in itertools.chain(CELL_GAP.finditer(s), (None,)):  # (one match object at a time)
        end = len(s) if gap is None else gap.start()
        first = _FIRST_NONSPACE.search(s, start, end)
        if first is not None:
            last = _LAST_NONSPACE.search(s, start, end).end()
            out[s[first.start():last]] = (first.start(), last)
        if gap is not None:
            start = gap.end()
    return out

METADATA_ONLY = ("organisation", "distribution", "date", "original_language", "language_line", "limited_note")


@functools.lru_cache(maxsize=1)
def prose_min_chars() -> int:
    try:
        return int(load_toml("core/front.toml")["prose"]["min_chars"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"core/front.toml: [prose].min_chars: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=1)
def organ_continues() -> "re.Pattern[str]":
    try:
        return re.compile(load_toml("core/front.toml")["organ_continues"]["pattern"])
    except (KeyError, re.error) as exc:
        raise ResourceError(f"core/front.toml: [organ_continues]: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=1)
def masthead_tail() -> "re.Pattern[str]":
    try:
        return re.compile(load_toml("core/front.toml")["masthead_tail"]["pattern"], re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise ResourceError(f"core/front.toml: [masthead_tail]: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=1)
def front_rules() -> dict[str, list["re.Pattern[str]"]]:
    data = load_toml("core/front.toml")
    try:
        return {role: [re.compile(p, re.IGNORECASE) for p in data[role]["patterns"]]
                for role in ("meeting", "subtitle", "title", "body_start")}
    except (KeyError, re.error) as exc:
        raise ResourceError(f"core/front.toml: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=8192)
def front_role(line: str) -> str | None:
    s = " ".join(line.split())
    for role, pats in front_rules().items():
        if any(rx.match(s) for rx in pats):
            return role
    return None


#: a footnote marker glued after the final punctuation ("... (see annex).1")
_NOTE_MARK_END = label_rule("note.after_stop")


def front_end(lines: list[SrcLine]) -> int:
    """Index of the first body line after the front matter (only page 1 can hold front matter):
    the first labelled line, resolution opening or annex heading, or, before it, the first
    paragraph of prose."""
    end = None
    for i, ln in enumerate(lines):
        if ln.page != 1:
            end = i
            break
        lab = match_label(ln.stripped())
        if lab and lab.kind in ("chapter", "section", "letter", "roman", "paragraph"):
            return min(i, _first_prose(lines[:i], i))
        if front_role(ln.stripped()) == "body_start" or match_annex(ln.stripped()):
            return min(i, _first_prose(lines[:i], i))
    end = len(lines) if end is None else end
    # no labelled start on page 1: front matter is what comes before the first long paragraph
    for i, ln in enumerate(lines[:end]):
        if i + 2 < len(lines) and ln.hard_end is False and lines[i + 1].hard_end is False:
            return min(i, _first_prose(lines[:i], i))
    return _first_prose(lines[:end], end)


def _stops_short(a: SrcLine, b: SrcLine) -> bool:
    """Text input (no line ends decided yet): line ``a`` stops far short of the line ``b`` below it
    at the same left edge. A line of running text runs to the margin unless it ends its
    paragraph, so ``a`` ends a group: a title above the first paragraph ("...的同文信" over
    "谨随函转递..." with no blank line between them in pdftotext's layout)."""
    if a.hard_end is not None or b.hard_end is not None:
        return False
    if len(a.s) - len(a.s.lstrip()) != len(b.s) - len(b.s.lstrip()):
        return False
    return display_width(a.stripped()) < 0.6 * display_width(b.stripped())


def _first_prose(lines: list[SrcLine], default: int) -> int:
    """Start of the first paragraph of running text before a labelled start (a letter's "I have the
    honour to transmit ..."): a group of lines (blank lines or hard ends around it) that ends a
    sentence and is long enough; ``default`` when there is none."""
    start = 0
    for i in range(len(lines) + 1):
        if (i < len(lines) and i > start and lines[i].gap_before == 0 and lines[i - 1].hard_end is not True
                and not _stops_short(lines[i - 1], lines[i])):
            continue
        group = lines[start:i]
        if group and not any(front_role(x.stripped()) or match_masthead(x.stripped()) for x in group):
            text = " ".join(x.stripped() for x in group)
            han = len(HAN_UNIFIED_CHAR.findall(text))
            if ends_final(_NOTE_MARK_END.sub("", text)) and len(text) + 2 * han >= prose_min_chars():
                return start
        start = i
    return default


def parse_front(lines: list[SrcLine], lang: str) -> tuple[list[BlockBuilder], dict[str, str], list[Fix]]:
    """Front matter: masthead fields go to metadata and, except the organisation name (the
    "United Nations" logo text, removed), also stay as one 'masthead' front block, so that the
    dates and status lines of language versions can be aligned; other lines form role blocks."""
    meta: dict[str, str] = {}
    fixes: list[Fix] = []
    groups: list[tuple[str | None, list[SrcLine]]] = []
    agenda_open = False
    skip = False
    organ_group = None  # the group that set metadata.organ (a wrapped name extends it)
    lines = list(lines)  # a line whose masthead cells are taken out is replaced here, not changed

    def masthead(x: SrcLine, fld: str, val: str) -> None:
        meta.setdefault(fld, primary_symbol(val) if fld == "symbol" else val)
        if fld == "organisation":
            fixes.append(Fix("masthead.organisation", x.page, x.line, x.stripped(), "", note="organisation name"))
            return
        for role, lns in groups:
            if role == "masthead":
                lns.append(x)
                return
        groups.append(("masthead", [x]))

    for k, ln in enumerate(lines):
        s = ln.stripped()
        if skip or not s:
            skip = False
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and match_masthead(s, lang) is None and CELL_GAP.split(s)[0] == s:
            pair = match_masthead(f"{s} {nxt.stripped()}", lang)
            if pair and pair[0] in METADATA_ONLY:
                for x in (ln, nxt):
                    masthead(x, pair[0], pair[1])
                skip = True
                continue
        cells = CELL_GAP.split(s)
        spans = cell_spans(ln.s)
        if len(cells) == 1:
            # columns pasted into one line with single spaces: "General Assembly Distr.: Limited"
            tail = masthead_tail().search(ln.s)
            if tail and ln.s[: tail.start()].strip():
                head = ln.s[: tail.start()].rstrip()
                lead = len(head) - len(head.lstrip())
                cells = [head.strip(), tail.group().strip()]
                spans = {cells[0]: (lead, len(head)), cells[1]: (tail.start() + (len(tail.group()) - len(tail.group().lstrip())), tail.end())}
        if len(cells) > 1:
            # a -layout line holding masthead columns: "United Nations        A/80/412"
            rest = []
            for cell in cells:
                a, b = spans.get(cell, (0, 0))
                mh = match_masthead(cell, lang)
                if mh and mh[0] in METADATA_ONLY:
                    masthead(replace(ln, text=ln.text.slice(a, b)), mh[0], mh[1])
                elif furniture_kind(cell, "top") == "furniture.header":
                    masthead(replace(ln, text=ln.text.slice(a, b)), "symbol", cell)
                else:
                    rest.append(cell)
            if not rest:
                continue
            named = [match_masthead(cell, lang) for cell in rest]
            if len(rest) > 1 and all(mh is not None and mh[0] == "organ" for mh in named):
                # a joint document's organ row: "General Assembly        Security Council"
                for cell, (fld, val) in zip(rest, named):
                    a, b = spans.get(cell, (0, 0))
                    meta.setdefault(fld, val)
                    groups.append(("organ", [replace(ln, text=ln.text.slice(a, b))]))
                agenda_open = False
                continue
            if len(rest) < len(cells):
                parts = []
                for cell in rest:
                    a, b = spans.get(cell, (0, 0))
                    if parts:
                        parts.append(MappedText.inserted(" ", ln.page, ln.line))
                    parts.append(ln.text.slice(a, b))
                lines[k] = ln = replace(ln, text=MappedText.join(parts))
            s = " ".join(rest)
        if (groups and groups[-1][0] in (None, "title", "subtitle", "organ") and k > 0 and ln.gap_before == 0
                and lines[k - 1].hard_end is not True and ends_on_function_word(lines[k - 1].stripped(), lang)):
            groups[-1][1].append(ln)  # "... addressed to the President of the" / "Security Council"
            continue
        if (groups and groups[-1][0] == "organ" and ln.gap_before == 0 and organ_continues().match(groups[-1][1][0].stripped())
                and match_masthead(s, lang) is None and front_role(s) is None):
            groups[-1][1].append(ln)  # "Executive Board of the United Nations" / "Development Programme, ..."
            if groups[-1] is organ_group:
                meta["organ"] = " ".join(" ".join(x.stripped() for x in organ_group[1]).split())
            continue
        if ln.zone == "masthead" and furniture_kind(s, "top") == "furniture.header":
            masthead(ln, "symbol", s)  # a symbol printed among the masthead fields
            continue
        mh = match_masthead(s, lang)
        if mh:
            fld, val = mh
            if fld in METADATA_ONLY:
                masthead(ln, fld, val)
                agenda_open = False
                continue
            first_organ = fld == "organ" and "organ" not in meta
            meta.setdefault(fld, val)
            role = {"agenda_item": "agenda"}.get(fld, fld)
            groups.append((role, [ln]))
            if first_organ:
                organ_group = groups[-1]
            agenda_open = fld == "agenda_item"
            continue
        role = front_role(s)
        if role:
            groups.append((role, [ln]))
            agenda_open = False
            continue
        if (groups and groups[-1][0] in ("subtitle", "title") and ln.gap_before == 0 and k > 0
                and lines[k - 1].hard_end is not True and not lines[k - 1].stripped().endswith(".")
                and (2 * len(lines[k - 1].stripped()) >= len(s)  # a wrapped line fills its line
                     or not any(c.isalpha() for x in groups[-1][1] for c in x.s))  # (a number printed apart)
                and not (s[:1].isupper() and front_role(lines[k - 1].stripped()) == "subtitle")):
            # (a complete subtitle line -- "South Africa:* draft resolution" -- is not wrapped:
            # a capitalised line after it is the title, "The right to development")
            groups[-1][1].append(ln)  # a wrapped title or subtitle line
            continue
        prev_hard = k > 0 and lines[k - 1].hard_end is True and bool(groups) and groups[-1][0] != "agenda_title"
        # a wrapped title keeps its type: another size or weight starts another group (PDF)
        restyled = bool(groups) and _restyled(groups[-1][1][-1], ln)
        new_group = not groups or ln.gap_before > 0 or prev_hard or restyled or groups[-1][0] not in (None, "agenda_title")
        # text input without blank lines: an agenda title that stops far short of the line below
        # it is not wrapped ("Pattern of conferences" over the document's title); a wrapped one
        # fills its line ("... questions, including" / "alternative approaches ...")
        new_group = new_group or (groups[-1][0] == "agenda_title" and k > 0 and _stops_short(lines[k - 1], ln))
        if agenda_open and groups and groups[-1][0] == "agenda" and ln.gap_before == 0 and not restyled:
            groups.append(("agenda_title", [ln]))
            agenda_open = False
        elif new_group:
            groups.append((None, [ln]))
        else:
            groups[-1][1].append(ln)
        if ln.gap_before > 0:
            agenda_open = False
    # roles of the remaining groups: the first free group is the title, the next the subtitle
    # the title is the free group just before the subtitle ("Report of the Secretary-General"),
    # else the first free group; a free group after the title is the subtitle when there is none
    roles = [r for r, _ in groups]
    title_at = None
    if "title" not in roles:
        if "subtitle" in roles:
            k = roles.index("subtitle")
            title_at = next((i for i in range(k - 1, -1, -1) if roles[i] is None), None)
        if title_at is None:
            title_at = next((i for i, r in enumerate(roles) if r is None), None)
    blocks: list[BlockBuilder] = []
    seen_title = "title" in roles
    for i, (role, lns) in enumerate(groups):
        if role is None:
            if i == title_at:
                role = "title"
            elif seen_title and "subtitle" not in roles:
                role = "subtitle"
                roles[i] = "subtitle"
            else:
                role = "other"
        if role == "title":
            seen_title = True
        b = BlockBuilder("front", role=role)
        b.text = PartBuilder(None, 0, [ln.text.strip() for ln in lns], list(lns))
        blocks.append(b)
    return blocks, meta, fixes


def _restyled(a: SrcLine, b: SrcLine) -> bool:
    """Two PDF lines in different type (size or weight): not one wrapped front-matter item."""
    if a.size is None or b.size is None:
        return False
    return abs(a.size - b.size) > 0.9 or (a.bold is not None and b.bold is not None and a.bold != b.bold)
