"""The one document model every stage reads and returns.

A :class:`Document` is immutable once built. Every piece of output text is a
:class:`MappedText`: the string plus :class:`Origin` runs saying, for every
character, which source page, line and column it came from (``col == -1`` marks
a character the cleaner inserted, such as the space restored when two lines are
joined). Every change the cleaner made is a :class:`Fix` with its rule id and
source location, so ``unmark explain`` can show where each edit came from.

Page numbers are 1-based physical pages of the source. Line numbers are 1-based:
for text input the line of the input file, for PDF input the line on the page.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any, Iterable, Iterator, NamedTuple

from .errors import InputError

SCHEMA_VERSION = "1.0"
_OFFSET = attrgetter("offset")


# --------------------------------------------------------------------------- provenance
class Origin(NamedTuple):
    """A run of ``length`` output characters starting at ``offset``, taken from
    source ``page``/``line`` starting at column ``col`` (``-1``: inserted).

    Immutable (a named tuple: every edit of a text makes several, and a tuple is the cheapest
    immutable record Python builds)."""

    offset: int
    length: int
    page: int
    line: int
    col: int

    def to_list(self) -> list[int]:
        return [self.offset, self.length, self.page, self.line, self.col]


# ``Origin(...)`` without the named tuple's own ``__new__`` (a Python function): the same tuple, made
# where every edit of a text makes several
_tuple_new = tuple.__new__


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string whose every character knows its source page, line and column."""

    text: str
    origins: tuple[Origin, ...] = ()

    # ---- construction
    @classmethod
    def from_source(cls, text: str, page: int, line: int, col: int = 0) -> "MappedText":
        if not text:
            return cls("", ())
        return cls(text, (_tuple_new(Origin, (0, len(text), page, line, col)),))

    @classmethod
    def inserted(cls, text: str, page: int, line: int) -> "MappedText":
        if not text:
            return cls("", ())
        return cls(text, (_tuple_new(Origin, (0, len(text), page, line, -1)),))

    @classmethod
    def join(cls, parts: Iterable["MappedText"]) -> "MappedText":
        texts: list[str] = []
        origins: list[Origin] = []
        pos = 0
        for p in parts:
            if not p.text:
                continue
            texts.append(p.text)
            if pos:
                origins += [_tuple_new(Origin, (o[0] + pos, o[1], o[2], o[3], o[4])) for o in p.origins]
            else:
                origins += p.origins
            pos += len(p.text)
        return cls("".join(texts), _merge(origins))

    def __add__(self, other: "MappedText") -> "MappedText":
        return MappedText.join((self, other))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.text

    # ---- queries
    def locate(self, i: int) -> tuple[int, int, int]:
        """(page, line, col) of output character ``i`` (col -1 if inserted)."""
        if not self.origins:
            raise IndexError("empty text")
        k = max(0, bisect.bisect_right(self.origins, i, key=_OFFSET) - 1)
        o = self.origins[k]
        col = -1 if o.col < 0 else o.col + (i - o.offset)
        return o.page, o.line, col

    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({o.page for o in self.origins}))

    def lines(self) -> tuple[tuple[int, int], ...]:
        seen: dict[tuple[int, int], None] = {}
        for o in self.origins:
            seen.setdefault((o.page, o.line), None)
        return tuple(seen)

    # ---- edits (return new objects)
    def slice(self, a: int, b: int | None = None) -> "MappedText":
        n = len(self.text)
        b = n if b is None else b
        a, b = max(0, a), min(n, b)
        if a >= b:
            return MappedText("", ())
        out: list[Origin] = []
        for o in self.origins:
            s, e = max(a, o.offset), min(b, o.offset + o.length)
            if s < e:
                col = -1 if o.col < 0 else o.col + (s - o.offset)
                out.append(_tuple_new(Origin, (s - a, e - s, o.page, o.line, col)))
        return MappedText(self.text[a:b], tuple(out))

    def replace_span(self, a: int, b: int, new: str) -> "MappedText":
        """Replace ``text[a:b]`` by ``new``; new characters point at the first replaced
        source character (or the character before, for a pure insertion)."""
        if new:
            anchor = a if a < len(self.text) else max(0, a - 1)
            if self.text:
                page, line, col = self.locate(anchor)
            else:
                page, line, col = 0, 0, -1
            if b - a == len(new) and col >= 0:
                mid = MappedText.from_source(new, page, line, col)
            else:
                mid = MappedText.inserted(new, page, line)
        else:
            mid = MappedText("", ())
        return MappedText.join((self.slice(0, a), mid, self.slice(b)))

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> "MappedText":
        """Apply many span edits ``(a, b, new)`` in one pass: ``text[a:b]`` becomes ``new``.

        The spans are in text order. The result, text and origins, is the same as calling
        :meth:`replace_span` for each edit from the last to the first, but the cost is linear in the
        length of the text rather than one rebuild of the whole text per edit. Overlapping spans
        (rare: two matches that claim one space) are applied that way, one by one."""
        edits = list(edits)
        if not edits:
            return self
        n = len(self.text)
        prev_a, overlap = n, False
        for a, b, _ in reversed(edits):
            if not 0 <= a <= b <= n or a > prev_a:
                raise ValueError(f"edits must be in text order and inside the text: {(a, b)}")
            overlap = overlap or b > prev_a
            prev_a = a
        if overlap:
            out = self
            for a, b, new in reversed(edits):
                out = out.replace_span(a, b, new)
            return out
        parts: list[MappedText] = []  # built from the end, reversed at the end
        # the first character of what follows the edit being applied, as replace_span from the end
        # would see it (the anchor of a pure insertion): a source offset, or the run just inserted
        tail_pos: int | None = None
        tail_first: tuple[int, int, int] | None = None
        end = n
        for a, b, new in reversed(edits):
            if b < end:
                parts.append(self._piece(b, end))
                tail_pos, tail_first = b, None
            if new:
                if a < b:
                    page, line, col = self.locate(a)
                elif tail_first is not None:
                    page, line, col = tail_first
                elif tail_pos is not None:
                    page, line, col = self.locate(tail_pos)
                elif a > 0:
                    page, line, col = self.locate(a - 1)
                else:
                    page, line, col = 0, 0, -1
                if b - a == len(new) and col >= 0:
                    mid = MappedText.from_source(new, page, line, col)
                    tail_first = (page, line, col)
                else:
                    mid = MappedText.inserted(new, page, line)
                    tail_first = (page, line, -1)
                tail_pos = None
                parts.append(mid)
            end = a
        if end > 0:
            parts.append(self._piece(0, end))
        parts.reverse()
        return MappedText.join(parts)

    def _piece(self, a: int, b: int) -> "MappedText":
        """``slice(a, b)`` for ``0 <= a < b <= len``, visiting only the runs it overlaps."""
        origins = self.origins
        k = max(0, bisect.bisect_right(origins, a, key=_OFFSET) - 1)
        out: list[Origin] = []
        for i in range(k, len(origins)):
            o = origins[i]
            if o.offset >= b:
                break
            s, e = max(a, o.offset), min(b, o.offset + o.length)
            if s < e:
                col = -1 if o.col < 0 else o.col + (s - o.offset)
                out.append(_tuple_new(Origin, (s - a, e - s, o.page, o.line, col)))
        return MappedText(self.text[a:b], tuple(out))

    def strip(self) -> "MappedText":
        t = self.text
        a = len(t) - len(t.lstrip())
        b = len(t.rstrip())
        return self.slice(a, b) if (a or b != len(t)) else self

    def origins_list(self) -> list[list[int]]:
        return [o.to_list() for o in self.origins]


def _merge(origins: list[Origin]) -> tuple[Origin, ...]:
    """Merge adjacent runs that continue each other."""
    out: list[Origin] = []
    for o in origins:
        if out:
            p = out[-1]
            if (
                p.page == o.page
                and p.line == o.line
                and p.offset + p.length == o.offset
                and ((p.col < 0 and o.col < 0) or (p.col >= 0 and p.col + p.length == o.col))
            ):
                out[-1] = _tuple_new(Origin, (p.offset, p.length + o.length, p.page, p.line, p.col))
                continue
        out.append(o)
    return tuple(out)


# --------------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class Fix:
    """One edit the cleaner made: which rule, where in the source, text before and after."""

    rule: str
    page: int | None
    line: int | None
    before: str
    after: str
    col: int | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = {"rule": self.rule, "page": self.page, "line": self.line, "before": self.before, "after": self.after}
        if self.col is not None:
            d["col"] = self.col
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True, slots=True)
class DocWarning:
    """A recoverable problem, with a stable code (W1xx text, W2xx pdf, W3xx align, ...)."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "page": self.page, "line": self.line}


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A footnote marker found in a block: the marker followed ``text[:offset]``.
    ``item`` is the index of the sub-item carrying it, or None for the block text."""

    label: str
    offset: int
    item: int | None = None
    page: int | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "offset": self.offset, "item": self.item, "page": self.page, "line": self.line}


@dataclass(frozen=True, slots=True)
class SymbolRef:
    """An inline reference: ``kind`` is 'document' (A/RES/73/195), 'sales' (E.18.IV.9) or 'url'."""

    text: str
    start: int
    end: int
    kind: str
    item: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "item": self.item}


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink target (from an annotation line or a PDF link annotation)."""

    uri: str
    page: int | None = None
    line: int | None = None
    source: str = "annotation"

    def to_dict(self) -> dict[str, Any]:
        return {"uri": self.uri, "page": self.page, "line": self.line, "source": self.source}


class BBox(NamedTuple):
    """A box on a page, in points from the top left (a named tuple, like :class:`Origin`)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def to_list(self) -> list[float]:
        return [self.page, round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Item:
    """A sub-item of a paragraph: ``(a)``, ``(i)``, ``-``, ... (``text`` without its label)."""

    label: str
    source: MappedText
    level: int = 1
    footnote_refs: tuple[FootnoteRef, ...] = ()
    sentences: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text

    def to_dict(self, provenance: bool = True, *, lists: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "label": self.label,
            "level": self.level,
            "text": self.text,
            "footnote_refs": [r.label for r in self.footnote_refs],
            "sentences": [list(s) for s in self.sentences] if lists else self.sentences,
        }
        if provenance:
            d["source"] = self.source.origins_list() if lists else self.source.origins
        return d


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of the body in reading order.

    ``type``: 'front' (masthead/front-matter line), 'heading', 'paragraph' (numbered or not)
    or 'item' (a free-standing list item outside any paragraph).
    ``role`` refines front blocks: organ, session, meeting, agenda, agenda_title, title,
    subtitle, other.
    """

    type: str
    source: MappedText
    label: str | None = None
    number: int | None = None
    level: int | None = None
    role: str | None = None
    items: tuple[Item, ...] = ()
    footnote_refs: tuple[FootnoteRef, ...] = ()
    symbols: tuple[SymbolRef, ...] = ()
    links: tuple[Link, ...] = ()
    lang: str | None = None
    sentences: tuple[Span, ...] = ()
    bboxes: tuple[BBox, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def pages(self) -> tuple[int, ...]:
        ps = set(self.source.pages())
        for it in self.items:
            ps.update(it.source.pages())
        return tuple(sorted(ps))

    def full_text(self, sep: str = "\n") -> str:
        """Block text followed by its items (with labels), one per line."""
        parts = [self.text] if self.text else []
        parts += [f"{it.label} {it.text}" for it in self.items]
        return sep.join(parts)

    def all_footnote_labels(self) -> list[str]:
        labels = [r.label for r in self.footnote_refs]
        for it in self.items:
            labels += [r.label for r in it.footnote_refs]
        return labels

    def to_dict(self, provenance: bool = True, *, lists: bool = True) -> dict[str, Any]:
        """The block as JSON values; ``lists=False``: the spans and source runs as the tuples the
        block holds (the same JSON, without a list object made for each sentence and run)."""
        d: dict[str, Any] = {
            "type": self.type,
            "role": self.role,
            "label": self.label,
            "number": self.number,
            "level": self.level,
            "text": self.text,
            "items": [it.to_dict(provenance, lists=lists) for it in self.items],
            "footnote_refs": [r.label for r in self.footnote_refs],
            "footnote_ref_offsets": [r.to_dict() for r in self.footnote_refs],
            "symbols": [s.to_dict() for s in self.symbols],
            "links": [lk.to_dict() for lk in self.links],
            "lang": self.lang,
            "sentences": [list(s) for s in self.sentences] if lists else self.sentences,
            "pages": list(self.pages),
        }
        if self.bboxes:
            d["bboxes"] = [b.to_list() for b in self.bboxes]
        if provenance:
            d["source"] = self.source.origins_list() if lists else self.source.origins
        return d


@dataclass(frozen=True, slots=True)
class Footnote:
    label: str
    source: MappedText
    links: tuple[Link, ...] = ()
    symbols: tuple[SymbolRef, ...] = ()
    sentences: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def pages(self) -> tuple[int, ...]:
        return self.source.pages()

    def to_dict(self, provenance: bool = True, *, lists: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "label": self.label,
            "text": self.text,
            "links": [lk.uri for lk in self.links],
            "link_details": [lk.to_dict() for lk in self.links],
            "symbols": [s.to_dict() for s in self.symbols],
            "pages": list(self.pages),
        }
        if provenance:
            d["source"] = self.source.origins_list() if lists else self.source.origins
        return d


METADATA_KEYS = (
    "symbol",
    "job_number",
    "language",
    "distribution",
    "date",
    "original_language",
    "organ",
    "session",
    "meeting",
    "agenda_item",
    "agenda_title",
    "title",
    "subtitle",
)


@dataclass(frozen=True, slots=True)
class Metadata:
    symbol: str | None = None
    job_number: str | None = None
    language: str | None = None
    distribution: str | None = None
    date: str | None = None
    original_language: str | None = None
    organ: str | None = None
    session: str | None = None
    meeting: str | None = None
    agenda_item: str | None = None
    agenda_title: str | None = None
    title: str | None = None
    subtitle: str | None = None
    #: every UN document symbol in the document: its own symbol first (when known), then each
    #: document symbol the text cites (in order of first appearance, once each)
    symbols_all: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in METADATA_KEYS}
        d["symbols_all"] = list(self.symbols_all)
        return d


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed UN document. Immutable; stages return new instances (``dataclasses.replace``).

    Attributes:
        metadata: symbol, job number, date, organ, session, agenda item, title … read from the front matter.
        blocks: the body in reading order: ``front`` blocks (masthead, title lines), headings, numbered
            paragraphs (with their sub-items) and unnumbered ones.
        footnotes: the notes, each with its label and text; the markers are on the blocks
            (``Block.footnote_refs``).
        fixes: every change the cleaner made (rule id, page, line, before, after); ``explain()`` lists them.
        warnings: recoverable problems (``DocWarning`` with a code such as ``W110``), never a silent ``None``.
        language: the document language (``zh``, ``en``, ``fr``, ``es``, ``ru``, ``ar``).
        source_name: the file name, when the input came from a file.
        input_kind: ``"text"`` or ``"pdf"``.
        page_count: pages of the source.
        backend: the PDF backend that read it (``"pypdf"`` or ``"pdfium"``), ``None`` for text.

    Every output text (``Block.source``, ``Item.source``, ``Footnote.source``) is a ``MappedText`` that
    knows the page, line and column of each of its characters.
    """

    metadata: Metadata
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    fixes: tuple[Fix, ...] = ()
    warnings: tuple[DocWarning, ...] = ()
    language: str | None = None
    source_name: str | None = None
    input_kind: str = "text"  # 'text' | 'pdf'
    page_count: int = 0
    backend: str | None = None

    # ---- convenience
    def paragraphs(self) -> list[Block]:
        """The numbered and unnumbered body paragraphs (blocks of type ``paragraph``), in order."""
        return [b for b in self.blocks if b.type == "paragraph"]

    def headings(self) -> list[Block]:
        """The headings (blocks of type ``heading``; ``Block.level`` 1–4), in order."""
        return [b for b in self.blocks if b.type == "heading"]

    def footnote(self, label: str) -> Footnote | None:
        """The footnote with this label (``"3"``, ``"*"``), or ``None`` when the document has none."""
        for f in self.footnotes:
            if f.label == label:
                return f
        return None

    def iter_texts(self) -> Iterator[tuple[str, MappedText]]:
        """Every output text with a locator ('blocks[3]', 'blocks[3].items[1]', 'footnotes[0]')."""
        for i, b in enumerate(self.blocks):
            yield f"blocks[{i}]", b.source
            for j, it in enumerate(b.items):
                yield f"blocks[{i}].items[{j}]", it.source
        for i, f in enumerate(self.footnotes):
            yield f"footnotes[{i}]", f.source

    # ---- outputs
    def to_dict(self, provenance: bool = True, *, lists: bool = True) -> dict[str, Any]:
        """The document as the public JSON contract (``schema`` "1.0", see docs/json-contract.md).

        Args:
            provenance: keep the per-character ``source`` runs (page, line, column of every character).
            lists: arrays as lists (the default); False: the sentence spans and source runs as the
                tuples the document holds (what :meth:`to_json` encodes: the same JSON, without a
                new object for each sentence and run).
        """
        return {
            "schema": SCHEMA_VERSION,
            "source": self.source_name,
            "input_kind": self.input_kind,
            "backend": self.backend,
            "page_count": self.page_count,
            "language": self.language,
            "metadata": self.metadata.to_dict(),
            "blocks": [b.to_dict(provenance, lists=lists) for b in self.blocks],
            "footnotes": [f.to_dict(provenance, lists=lists) for f in self.footnotes],
            "fixes": [f.to_dict() for f in self.fixes],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, indent: int | None = 1, provenance: bool = True) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 characters kept, not escaped): the text of
        ``json.dumps(doc.to_dict(provenance), ensure_ascii=False, indent=indent)``, in bounded
        memory (:func:`json_text`)."""
        return json_text(self.to_dict(provenance, lists=False), indent)

    def to_markdown(self) -> str:
        """Markdown: the metadata as a table, headings as ``#`` levels, numbered paragraphs with their labels, items as
        lists, footnote markers as ``[^label]`` with the notes at the end."""
        from .io.markdown import to_markdown

        return to_markdown(self)

    def text(self) -> str:
        """Plain clean text: one block per paragraph, items on their own lines, footnotes at the end."""
        from .io.plaintext import to_text

        return to_text(self)

    def explain(self) -> list[str]:
        """One human-readable line per fix: where it came from, the rule, before -> after."""
        from .io.explain import explain_lines

        return explain_lines(self)

    def with_(self, **changes: Any) -> "Document":
        """A copy with some fields replaced (the document itself never changes)."""
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return document_from_dict(d)


# --------------------------------------------------------------------------- writing the JSON
_JSON_BATCH = 1 << 14  # encoder pieces joined at a time


def json_text(value: Any, indent: int | None = 1, end: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent) + end``, the same text, in bounded
    memory. ``json.dumps`` with an indent collects every piece the encoder yields (a number, a
    separator: five pieces for each ``[start, end]`` sentence span) in one list before joining
    them; a document of millions of sentences made 1 GB of pieces for a 230 MB text. Here the
    pieces are joined a batch at a time, and :func:`unmark.limits.check` runs between batches: the
    deadline of ``unmark parse`` and batch, which covers rendering, and a memory budget where the
    caller opens one around it."""
    from itertools import islice

    from .limits import check

    pieces = json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(value)
    parts: list[str] = []
    while True:
        batch = list(islice(pieces, _JSON_BATCH))
        if not batch:
            break
        parts.append("".join(batch))
        check()
    if end:
        parts.append(end)
    return parts[0] if len(parts) == 1 else "".join(parts)  # (no pieces at all: never, a value is at least one)


# --------------------------------------------------------------------------- reading the JSON back
def _mt_from_json(text: str, src: list | None) -> MappedText:
    if not src:
        return MappedText(text, (Origin(0, len(text), 0, 0, -1),) if text else ())
    return MappedText(text, tuple(Origin(*o) for o in src))


def _refs_from_json(d: dict, item: int | None) -> tuple[FootnoteRef, ...]:
    det = d.get("footnote_ref_offsets")
    if det:
        return tuple(FootnoteRef(r["label"], r["offset"], r.get("item"), r.get("page"), r.get("line")) for r in det if r.get("item") == item)
    return tuple(FootnoteRef(lbl, len(d.get("text", "")), item) for lbl in d.get("footnote_refs", []))


def document_from_dict(d: dict[str, Any]) -> Document:
    """A :class:`Document` from its JSON contract (:meth:`Document.to_dict`); E109 when it is not one."""
    try:
        meta = d.get("metadata", {})
        md = Metadata(**{k: meta.get(k) for k in METADATA_KEYS}, symbols_all=tuple(meta.get("symbols_all", ())))
        blocks = []
        for b in d["blocks"]:
            refs_all = b.get("footnote_ref_offsets") or []
            items = []
            for j, it in enumerate(b.get("items", [])):
                irefs = tuple(
                    FootnoteRef(r["label"], r["offset"], j, r.get("page"), r.get("line")) for r in refs_all if r.get("item") == j
                ) or tuple(FootnoteRef(lbl, len(it.get("text", "")), j) for lbl in it.get("footnote_refs", []))
                items.append(
                    Item(it.get("label", ""), _mt_from_json(it.get("text", ""), it.get("source")), it.get("level", 1), irefs,
                         tuple(tuple(s) for s in it.get("sentences", [])))
                )
            blocks.append(
                Block(
                    type=b["type"],
                    source=_mt_from_json(b.get("text", ""), b.get("source")),
                    label=b.get("label"),
                    number=b.get("number"),
                    level=b.get("level"),
                    role=b.get("role"),
                    items=tuple(items),
                    footnote_refs=_refs_from_json(b, None),
                    symbols=tuple(SymbolRef(s["text"], s["start"], s["end"], s["kind"], s.get("item")) for s in b.get("symbols", [])),
                    links=tuple(Link(lk["uri"], lk.get("page"), lk.get("line"), lk.get("source", "annotation")) for lk in b.get("links", [])),
                    lang=b.get("lang"),
                    sentences=tuple(tuple(s) for s in b.get("sentences", [])),
                    bboxes=tuple(BBox(*bb) for bb in b.get("bboxes", [])),
                )
            )
        notes = []
        for f in d.get("footnotes", []):
            det = f.get("link_details") or [{"uri": u} for u in f.get("links", [])]
            notes.append(
                Footnote(
                    f["label"],
                    _mt_from_json(f.get("text", ""), f.get("source")),
                    tuple(Link(x["uri"], x.get("page"), x.get("line"), x.get("source", "annotation")) for x in det),
                    tuple(SymbolRef(s["text"], s["start"], s["end"], s["kind"], s.get("item")) for s in f.get("symbols", [])),
                )
            )
        return Document(
            metadata=md,
            blocks=tuple(blocks),
            footnotes=tuple(notes),
            fixes=tuple(Fix(x["rule"], x.get("page"), x.get("line"), x.get("before", ""), x.get("after", ""), x.get("col"), x.get("note", "")) for x in d.get("fixes", [])),
            warnings=tuple(DocWarning(w["code"], w["message"], w.get("page"), w.get("line")) for w in d.get("warnings", [])),
            language=d.get("language"),
            source_name=d.get("source"),
            input_kind=d.get("input_kind", "text"),
            page_count=d.get("page_count", 0),
            backend=d.get("backend"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not an unmark document JSON: {exc}", code="E109") from exc
