"""parse(): source -> :class:`unmark.model.Document`.

An extractor (``extract.text`` or ``extract.pdf``) turns the source into pages of lines (PDF: with
their geometry); then the stages in :data:`STAGES` run top to bottom, each a function from a
:class:`ParseState` to a new one (PDF zones and line breaks, zones, language, front matter,
structure, footnotes, joins, markers, blocks, sentences, links, metadata); :func:`build_document`
runs them (:func:`run_stages`) and assembles the document. A stage named in
``ParseOptions.disable`` is skipped. docs/architecture.md describes the stages and the layers.
"""
from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import dataclass, field, fields, replace as _dc_replace
from operator import attrgetter
from pathlib import Path
from typing import Callable

import regex as re

from .clean.artifacts import glyph_artifact_regex, map_pua, remove_bidi_controls, remove_broken_fields, unknown_pua
from .clean.contents import mark_contents
from .clean.layout import guess_doc_symbol, mark_zones
from .clean.notes_zone import end_note_zones, mark_endnotes, mark_unseparated_notes, note_zone_warnings
from .errors import InputError, InputNotFoundError, UnmarkError
from .limits import (DEFAULT_BUILD_MEMORY_MB, DEFAULT_MAX_FILE_MB, DEFAULT_MAX_LINES, DEFAULT_MEMORY_MB, ContentLimits,
                     check, deadline, exhaustion_is_coded, grow_for_text, memory_budget)
from .extract.lines import Extracted, LineFacts, SrcLine
from .extract.text import DEFAULT_MAX_BYTES, decode, extract_text
from .model import (
    Block,
    DocWarning,
    Document,
    Fix,
    Footnote,
    FootnoteRef,
    Item,
    Link,
    MappedText,
    SymbolRef,
    Metadata,
)
from .extract.pdf import extract_pdf, prepare_reader
from .extract.pdf import layout as pdf_layout
from .lang import identify_block, identify_document, is_hard_break, line_break_context, looks_like_language, split_sentences
from .lang.linebreaks import marker_gap_bridges
from .segment.footnotes import NoteBuilder, TextSlot, collect_footnotes, find_markers, labels_apart, remove_markers
from .segment.front import METADATA_ONLY, front_end, parse_front
from .rules.masthead import match_masthead
from .segment.join import URL_SCHEME, JoinContext, cjk_spacing_majority, join_parts, vocabulary_of
from .segment.stacked import stacked_labels
from .segment.structure import BlockBuilder, PartBuilder, Segmenter, merge_label_lines
from .segment.symbols import find_symbols, symbol_spans

log = logging.getLogger(__name__)

LANGS = ("auto", "zh", "en", "fr", "es", "ru", "ar")


@dataclass(frozen=True)
class ParseOptions:
    """Options of :func:`parse`; the CLI builds the same object.

    Attributes:
        lang: the document language, ``"auto"`` (detected) or one of zh, en, fr, es, ru, ar.
        backend: PDF extraction backend, ``"pypdf"`` (default) or ``"pdfium"`` (the ``pdfium`` extra).
        max_pages: refuse PDFs with more pages than this (error E206); ``None`` or 0: no limit.
        timeout: seconds allowed per input, reading and building (E207 for a PDF, E152 for text);
            ``"auto"`` (the default): 120 s, or 2 s a PDF page / 120 s a megabyte of text when
            that is more (far above any real document: docs/limits-and-security.md); ``None`` or 0:
            no limit.
        max_bytes: size limit of the input (error E104); ``None`` or 0: no limit. Negative limits: E123.
        sentences: split blocks into sentences (``Block.sentences``); turn off for speed.
        max_file_mb: refuse PDFs larger than this (E104); ``None``: no limit.
        memory_mb: address-space limit of the PDF reader process (E250); ``None``: no limit.
        isolate: run the PDF reader in its own process: ``"auto"`` (PDFium always, pypdf when there
            is a deadline, the default one included), ``"always"`` or ``"never"``. See docs/limits-and-security.md.
        content_limits: :class:`unmark.limits.ContentLimits` checked before PDFium parses a page
            (E252-E255), and on the text the reader returns (E257, E258).
        build_memory_mb: how much this process may grow while the document is built (E153;
            default 400 MB); ``None`` or 0: no limit.
        max_lines: refuse a text input with more lines (E154; default 150,000); ``None`` or 0: no limit.

    Raises:
        InputError: E107 for an unknown language.
    """

    lang: str = "auto"
    backend: str = "pypdf"            # PDF backend: 'pypdf' | 'pdfium'
    max_pages: int | None = None      # PDF: refuse/limit documents longer than this
    timeout: float | str | None = "auto"  # seconds per input: reading and building ("auto": the default deadline)
    max_bytes: int = DEFAULT_MAX_BYTES
    sentences: bool = True            # segment sentences (False: the same as disabling "sentences")
    disable: tuple[str, ...] = ()     # names of stages to skip (STAGE_NAMES)
    # limits (docs/limits-and-security.md): the timeout above covers reading and building
    max_file_mb: float | None = DEFAULT_MAX_FILE_MB   # PDF: refuse larger files (E104)
    memory_mb: int | None = DEFAULT_MEMORY_MB         # PDF reader process: address-space limit (E250)
    isolate: str = "auto"             # PDF reader in its own process: auto (pdfium, or a timeout) | always | never
    content_limits: ContentLimits = field(default_factory=ContentLimits)  # PDF: E252-E255 before PDFium parses a page
    build_memory_mb: float | None = DEFAULT_BUILD_MEMORY_MB  # growth of this process while the document is built (E153)
    max_lines: int | None = DEFAULT_MAX_LINES          # text: refuse more lines (E154)

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise InputError(f"unknown language {self.lang!r}; use one of {', '.join(LANGS)}", code="E107")
        from .limits import apply as apply_limits  # None or 0: no limit; negative: E123

        apply_limits(self, "max_pages", "timeout", "max_bytes", "build_memory_mb", "max_lines",
                     integer=("max_pages", "max_bytes", "max_lines"))
        if self.max_bytes is None:
            object.__setattr__(self, "max_bytes", float("inf"))
        if isinstance(self.disable, str):
            object.__setattr__(self, "disable", (self.disable,))
        unknown = [s for s in self.disable if s not in STAGE_NAMES]
        if unknown:
            raise InputError(f"unknown parse stage {unknown[0]!r}; the stages are {', '.join(STAGE_NAMES)}", code="E610")


@functools.lru_cache(maxsize=8)
def _default_options(lang: str) -> ParseOptions:
    return ParseOptions(lang=lang)


def _options(lang: str, kw: dict) -> ParseOptions:
    """``ParseOptions(lang=lang, **kw)``; the options of a call that sets nothing but the language are
    made once per language (they are frozen) and not again for every document."""
    if not kw and isinstance(lang, str):
        return _default_options(lang)
    return ParseOptions(lang=lang, **kw)


# --------------------------------------------------------------------------- entry points
def parse(src: str | os.PathLike | bytes | None = None, lang: str = "auto", *, text: str | None = None,
          options: ParseOptions | None = None, **kw) -> Document:
    """Parse a UN document into a :class:`unmark.model.Document`.

    Extracts the text (PDF or text another tool pulled out), cleans every artifact (each fix recorded),
    segments front matter, headings, numbered paragraphs, items, footnotes, symbols and sentences.

    Args:
        src: a path (``os.PathLike``, or a ``str`` naming an existing file: PDF or text), or raw bytes.
            A plain ``str`` is read as a path only when that is unambiguous (:func:`classify_str`): a
            string with a line break is text; a one-line string naming an existing file is that file; a
            one-line string that looks like a file name (it ends in ``.pdf``, ``.txt`` or ``.text``) but
            names no file is error E105; any other one-line string is text. The file system is never
            asked about a string too long to be a path (no ``OSError`` such as "File name too long").
        text: the document itself as a string (never a path; the same as :func:`parse_text`).
        lang: document language, ``"auto"`` or zh, en, fr, es, ru, ar (a shortcut for ``options``).
        options: a :class:`ParseOptions`; when given, ``lang`` and ``kw`` are ignored.
        **kw: any other :class:`ParseOptions` field (``backend="pdfium"``, ``max_pages=500``, ``timeout=30``).

    Returns:
        The immutable document; recoverable problems are in ``Document.warnings``.

    Raises:
        UnmarkError: a subclass with a stable ``code`` (E1xx input, E2xx PDF, E6xx rule files);
            see docs/errors.md.

    Example:
        >>> doc = unmark.parse("examples/CTOC_COP_WG.7_2020_2.zh.txt")   # doctest: +SKIP
        >>> doc.metadata.symbol                                           # doctest: +SKIP
        'CTOC/COP/WG.7/2020/2'
    """
    opts = options or _options(lang, kw)
    if text is not None:
        if src is not None:
            raise InputError("give either a source or text=, not both", code="E150")
        if not isinstance(text, str):
            raise InputError(f"text= takes a str, not a {type(text).__name__}", code="E151")
        return parse_text(text, options=opts)
    if isinstance(src, (bytes, bytearray, memoryview)):
        return parse_bytes(bytes(src), options=opts)
    if isinstance(src, os.PathLike):
        return parse_file(src, options=opts)
    if isinstance(src, str):
        kind = classify_str(src)
        if kind == "path":
            return parse_file(src, options=opts)
        if kind == "missing":
            raise InputNotFoundError(
                f"no such file: {_printable_name(src)} (to parse the string itself, use unmark.parse_text "
                f"or parse(text=...))", code="E105", path=_printable_name(src))
        return parse_text(src, options=opts)
    if src is None:
        raise InputError("nothing to parse: give a path, bytes or text=", code="E150")
    raise InputError(f"cannot parse a {type(src).__name__}", code="E100")


_PATH_MAX = 4096
_FILE_NAME = re.compile(r"\.(?:pdf|txt|text)$", re.I)


def classify_str(s: str) -> str:
    """How :func:`parse` reads a one-argument ``str``: ``"text"``, ``"path"`` (an existing file)
    or ``"missing"`` (looks like a file name, names none). Asks the file system only about a
    string that can be a path: one line, no NUL, at most 4,096 bytes, each part at most 255."""
    if "\n" in s or "\r" in s or "\x00" in s or "\f" in s:
        return "text"
    try:
        raw = os.fsencode(s)
    except (UnicodeError, ValueError):
        return "text"
    if not raw.strip() or len(raw) > _PATH_MAX or any(len(part) > 255 for part in raw.split(b"/")):
        return "text"
    try:
        if os.path.isfile(raw):
            return "path"
    except (OSError, ValueError):  # pragma: no cover - isfile swallows these on CPython
        return "text"
    if _FILE_NAME.search(s) and len(s) < 1024:
        return "missing"
    return "text"


def parse_file(path: str | os.PathLike, lang: str = "auto", *, options: ParseOptions | None = None, **kw) -> Document:
    """Parse the PDF or text file at ``path`` (told apart by its first bytes, not its name), never the
    string itself.

    Raises E105 when the file does not exist, E120 for a directory or device, E104 over the size limit.
    """
    opts = options or _options(lang, kw)
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"a path is a str or os.PathLike, not a {type(path).__name__}", code="E151")
    p = Path(path)
    if "\x00" in str(p):
        raise InputNotFoundError("no such file: the path holds a NUL character", code="E105", path=_printable_name(repr(str(p))))
    try:
        is_file = p.is_file()
        exists = is_file or p.exists()
    except OSError as exc:  # a name too long for the file system, a loop of links...
        raise InputNotFoundError(f"no such file: {exc.strerror}", code="E105", path=_printable_name(str(p))) from exc
    if not is_file:
        if exists:
            what = "a directory" if p.is_dir() else "not a regular file"
            raise InputError(f"{_printable_name(str(p))} is {what}; give a PDF or text file", code="E120",
                             path=_printable_name(str(p)))
        raise InputNotFoundError(f"no such file: {_printable_name(str(p))}", code="E105", path=_printable_name(str(p)))
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", code="E108", path=str(p)) from exc
    name = _printable_name(str(p))
    if b"%PDF-" in head:
        return parse_pdf(p, options=opts, name=name)
    if p.suffix.lower() == ".pdf" and head.strip():
        from .errors import PdfError

        raise PdfError("not a PDF file (no %PDF- header), whatever its name says", code="E203", path=name)
    if size > opts.max_bytes:
        raise UnmarkError(
            f"input is {size / 1e6:.1f} MB, over the limit of {opts.max_bytes / 1e6:.1f} MB", code="E104", path=str(p)
        )
    return parse_bytes(p.read_bytes(), options=opts, name=name)


def _printable_name(name: str) -> str:
    """A file name that can be written as UTF-8 (undecodable bytes of the name become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def parse_bytes(data: bytes, *, options: ParseOptions | None = None, name: str | None = None) -> Document:
    """Parse a PDF or encoded text given as bytes (a PDF is recognised by its ``%PDF-`` header; the
    text encoding is detected). ``name`` is used in messages and as ``Document.source_name``."""
    opts = options or ParseOptions()
    if data[:1024].find(b"%PDF-") >= 0:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            tmp.write(data)
            tmp.flush()
            return parse_pdf(Path(tmp.name), options=opts, name=name)
    text, warns = decode(data, max_bytes=opts.max_bytes, name=name)
    doc = parse_text(text, options=opts, name=name)
    return doc.with_(warnings=tuple(warns) + doc.warnings) if warns else doc


def parse_text(text: str, lang: str = "auto", *, options: ParseOptions | None = None, name: str | None = None,
               **kw) -> Document:
    """Parse text that another tool pulled out of a UN document (Tika, pdftotext, copy-paste, Word):
    the document itself, never a path.

    The layout (form feeds, Tika's blank-line style, plain or unwrapped lines) is recognised from the text;
    see docs/text-input.md. Lone surrogates become U+FFFD and control characters are removed, each recorded
    as a fix (:func:`unmark.safe.clean_input`). Raises E101 for empty text, E104 over the size limit.
    """
    opts = options or _options(lang, kw)
    if not isinstance(text, str):
        raise InputError(f"parse_text takes a str, not a {type(text).__name__}", code="E151", path=name)
    if not text.strip():
        from .errors import EmptyInputError

        raise EmptyInputError("input is empty", code="E101", path=name)
    if len(text.encode("utf-8", "surrogatepass")) > opts.max_bytes:
        from .errors import InputTooLargeError

        raise InputTooLargeError("input is over the size limit", code="E104", path=name)
    from .safe import clean_input

    text, input_fixes = clean_input(text)
    if opts.max_lines is not None:  # every line costs the caller memory before the build checks it
        n = text.count("\n") + text.count("\r") + text.count("\f") + 1 - text.count("\r\n")
        if n > opts.max_lines:
            from .errors import InputTooLargeError

            raise InputTooLargeError(f"the text has {n:,} lines, over the limit of {opts.max_lines:,} "
                                     f"(ParseOptions.max_lines)", code="E154", path=name)
    with deadline(opts.timeout, "E152"), memory_budget(opts.build_memory_mb), exhaustion_is_coded():
        grow_for_text(len(text))  # the default deadline grows with the text
        ex = extract_text(text, name=name)
        if input_fixes:
            line_page = {ln.line: p.number for p in ex.pages for ln in p.lines}
            ex.fixes = [Fix(f.rule, line_page.get(f.line), f.line, f.before, f.after, f.col, f.note)
                        for f in input_fixes] + list(ex.fixes)
        return build_document(ex, opts, name=name)


def parse_pdf(path: Path, *, options: ParseOptions | None = None, name: str | None = None) -> Document:
    """Parse a PDF with the backend of ``options`` (see docs/pdf.md); errors are ``PdfError`` E2xx."""
    opts = options or ParseOptions()
    prepare_reader(opts.backend, opts.timeout, opts.isolate, opts.memory_mb)  # start-up is not the file's time
    with deadline(opts.timeout, "E207"), memory_budget(opts.build_memory_mb), exhaustion_is_coded():
        ex = extract_pdf(path, backend=opts.backend, max_pages=opts.max_pages, timeout=opts.timeout,
                         isolate=opts.isolate, memory_mb=opts.memory_mb, max_file_mb=opts.max_file_mb,
                         content_limits=opts.content_limits)
        return build_document(ex, opts, name=name or str(path))


# --------------------------------------------------------------------------- stage helpers
def _line_break_classifier(lang: str, lines: list[SrcLine]) -> Callable[[SrcLine, SrcLine], bool]:
    ctx = line_break_context([ln.s.strip() for ln in lines])

    def classify(prev: SrcLine, ln: SrcLine) -> bool:
        return is_hard_break(prev.s.strip(), ln.s.strip(), lang, context=ctx)

    return classify


def _bridge_marker_gaps(lines: list[SrcLine], lang: str, decided: LineFacts) -> tuple[Fix, ...]:
    """Plain text: the blank line after a footnote marker printed on its own line mid-sentence is
    no paragraph end (lang.linebreaks.marker_gap_bridges); the line after it loses its gap
    (decided in ``decided``)."""
    out = []
    for k in marker_gap_bridges([ln.stripped() for ln in lines], [ln.gap_before for ln in lines], lang):
        ln = lines[k]
        if ln.page_start or lines[k - 1].page != ln.page:
            continue
        decided.set(ln, gap_before=0)
        out.append(Fix("text.marker_gap", ln.page, ln.line, "", "",
                       note="a footnote marker on a line of its own, a blank line after it: the sentence goes on"))
    return tuple(out)


_SPACES = re.compile(r"\s+")
_UNDOCS_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:undocs\.org|documents\.un\.org)/(?:(?:en|zh|fr|es|ru|ar)/)?(.+)$")


def _links_for(text: str, links: list[Link]) -> list[Link]:
    out = []
    norm_t = _SPACES.sub("", text)
    for lk in links:
        u = lk.uri
        core = URL_SCHEME.sub("", u).rstrip("/")
        hit = core and core in norm_t
        if not hit:
            m = _UNDOCS_URL.match(u)
            if m:
                sym = m.group(1).rstrip("/")
                tail = sym.split("/", 2)[-1] if sym.count("/") >= 2 else sym
                hit = sym in norm_t or (len(tail) >= 4 and tail in norm_t)
        if hit:
            out.append(lk)
    return out


def _is_masthead_field(ln: SrcLine, lang: str) -> bool:
    """A status field of the masthead cell (distribution, date, languages), not the organisation name."""
    mh = match_masthead(ln.s.strip(), lang)
    return mh is not None and mh[0] in METADATA_ONLY and mh[0] != "organisation"


def _symbol_inside_masthead(front: list[SrcLine], all_lines: list[SrcLine], symbol: str | None, lang: str,
                            fixes: list[Fix], facts: LineFacts) -> list[SrcLine]:
    """The symbol printed between two masthead fields ("Distr. GENERAL / A/RES/48/246 / 11 May 1994",
    the 1994 layout) belongs to the masthead block as printed: its line goes back from the running
    header furniture into the front lines (its furniture fix is withdrawn), in reading order. A
    symbol printed above the fields (the modern top bar) stays furniture."""
    if not symbol or not front:
        return front
    page1 = [ln for ln in all_lines if ln.page == 1 and ln.s.strip()]
    ids = {id(ln) for ln in front}
    back: set[int] = set()
    for k, ln in enumerate(page1):
        if ln.zone != "furniture" or ln.s.strip() != symbol or k == 0 or k + 1 >= len(page1):
            continue
        prev, nxt = page1[k - 1], page1[k + 1]
        if id(prev) in ids and id(nxt) in ids and _is_masthead_field(prev, lang) and _is_masthead_field(nxt, lang):
            back.add(id(ln))
            facts.set(ln, zone="masthead")
            fixes[:] = [f for f in fixes if not (f.rule == "furniture.header" and f.page == ln.page and f.line == ln.line)]
    if not back:
        return front
    # the front matter reads the symbol's line as a masthead line now; the line itself is
    # recorded in zone "masthead" with the stage's other decisions
    return [replace(ln, zone="masthead") if id(ln) in back else ln for ln in page1 if id(ln) in ids or id(ln) in back] + [
        ln for ln in front if ln.page != 1]


# --------------------------------------------------------------------------- the stages
@dataclass(frozen=True)
class ParseState:
    """What the stages of :func:`build_document` have found so far.

    Each stage reads a state and returns a new one (``dataclasses.replace``) with the fields it
    decides; a field a stage has not reached yet holds its empty value. A stage does not change
    the source lines of ``ex``: the per-line facts it decides (zone, hard line end, page start,
    gap, heading hint, markers, text) go in ``decided``, and :func:`run_stage` records them on
    the lines once, after it. The PDF stages return a new ``ex``: the metadata page 1 shows
    (pdf_furniture), the pages without the lines set aside and with their links (pdf_notes)."""

    ex: Extracted
    opts: ParseOptions
    name: str | None = None
    fixes: tuple[Fix, ...] = ()
    warnings: tuple[DocWarning, ...] = ()
    doc_symbol: str | None = None                        # furniture: the symbol the page tops print
    hints: dict = field(default_factory=dict)            # furniture: metadata seen in the furniture
    endnotes: bool = False                               # endnotes: notes gathered at the end
    body: tuple[SrcLine, ...] = ()                       # lines: body lines in reading order
    front_count: int = 0                                 # front: how many body lines are front matter
    note_lines: tuple[SrcLine, ...] = ()                 # lines: footnote lines
    lang: str = "en"                                     # language: the document language
    front_meta: dict = field(default_factory=dict)       # front: masthead fields
    builders: tuple[BlockBuilder, ...] = ()              # front + structure: blocks as lines
    notes: tuple[NoteBuilder, ...] = ()                  # footnotes: notes as lines
    texts: tuple[_Built, ...] = ()                       # joins: block and item texts
    note_texts: tuple[MappedText, ...] = ()              # joins: footnote texts
    refs: dict = field(default_factory=dict)             # markers: (block, item) -> FootnoteRefs
    blocks: tuple[Block, ...] = ()                       # blocks
    footnotes: tuple[Footnote, ...] = ()                 # blocks
    metadata: Metadata = field(default_factory=Metadata)  # metadata
    decided: LineFacts = field(default_factory=LineFacts)  # per-line facts of the last stage (run_stage records them)

    @property
    def lines(self) -> list[SrcLine]:
        return [ln for p in self.ex.pages for ln in p.lines]


_STATE_FIELDS = frozenset(f.name for f in fields(ParseState))
_PLAIN: dict[type, tuple | None] = {}  # class -> (field index by name, getter of all fields), or None


def _plain_fields(cls: type) -> tuple | None:
    """For a dataclass built from its fields alone (every field in ``__init__``, by position, no
    ``__post_init__``): each field's index, one getter of all of them and, for a class with slots,
    the slots' setters (a copy is then filled in without running ``__init__``); else None."""
    if cls not in _PLAIN:
        fs = fields(cls)
        plain = all(f.init and not f.kw_only for f in fs) and not hasattr(cls, "__post_init__") and len(fs) > 1
        names = tuple(f.name for f in fs)
        slots = [getattr(cls, n, None) for n in names]
        setters = (tuple(d.__set__ for d in slots)
                   if all(type(d).__name__ == "member_descriptor" for d in slots) else None)
        _PLAIN[cls] = ({n: i for i, n in enumerate(names)}, attrgetter(*names), setters) if plain else None
    return _PLAIN[cls]


def replace(obj, /, **changes):
    """``dataclasses.replace``, cheaper where every parse calls it many times: a
    :class:`ParseState` (every stage makes one or two; 25 fields) is copied field for field without
    running its ``__init__`` again; a block or an item (one per block for its sentences) is built
    from its fields by position. The same objects, at a fraction of the cost, which text input of a
    few pages feels."""
    cls = type(obj)
    if cls is ParseState:
        unknown = changes.keys() - _STATE_FIELDS
        if unknown:
            raise TypeError(f"ParseState has no field {sorted(unknown)[0]!r}")
        new = object.__new__(ParseState)
        state = new.__dict__  # frozen: the fields are written to the instance dictionary directly
        state.update(obj.__dict__)
        state.update(changes)
        return new
    plain = _plain_fields(cls)
    if plain is None or not changes.keys() <= plain[0].keys():
        return _dc_replace(obj, **changes)
    index, get, setters = plain
    if setters is not None:
        new = object.__new__(cls)
        for put, value in zip(setters, get(obj)):
            put(new, value)
        for name, value in changes.items():
            setters[index[name]](new, value)
        return new
    values = list(get(obj))
    for name, value in changes.items():
        values[index[name]] = value
    return cls(*values)


@dataclass(frozen=True)
class _Built:
    """A block's joined text and item texts, beside the lines it was built from."""

    builder: BlockBuilder
    text: MappedText
    items: tuple[MappedText, ...] = ()


def stage_pdf_furniture(st: ParseState) -> ParseState:
    """PDF: page furniture by geometry (marked-content artifacts, barcode fonts, the core's
    furniture patterns at the page edges, lines repeated at one place on most pages, the first
    page's logo letters), a fix for each; the symbol and job number the first page shows."""
    if st.ex.geometry is None:
        return st
    decided, fixes, hints = pdf_layout.furniture_facts(st.ex.pages, st.ex.geometry)
    ex = replace(st.ex, metadata_hints={**st.ex.metadata_hints, **hints})
    return replace(st, ex=ex, fixes=st.fixes + tuple(fixes), decided=decided)


def stage_pdf_notes(st: ParseState) -> ParseState:
    """PDF: the footnote zone of each page (below a drawn or typed separator, else smaller
    labelled lines at the page foot); furniture under a typed separator set aside; each link
    annotation on the line it covers."""
    if st.ex.geometry is None:
        return st
    decided, pages = pdf_layout.note_facts(st.ex.pages, st.ex.geometry)
    return replace(st, ex=replace(st.ex, pages=pages), decided=decided)


def stage_pdf_breaks(st: ParseState) -> ParseState:
    """PDF: line breaks by geometry, zone by zone (the gap before a line, a hard line end from
    the right margin, indentation, labels and font changes; the first body line of a page),
    and heading levels from bold sizes."""
    if st.ex.geometry is None:
        return st
    return replace(st, decided=pdf_layout.break_facts(st.ex.pages, st.ex.geometry))


def stage_glyphs(st: ParseState) -> ParseState:
    """Private-use glyphs mapped to their characters, direction controls removed, line by line."""
    fixes, warnings = list(st.fixes), list(st.warnings)
    unknown: set[str] = set()
    glyphs = glyph_artifact_regex().search
    decided = LineFacts()
    for ln in st.lines:
        if not glyphs(ln.text.text):
            continue
        text = ln.text
        new, fx = map_pua(text)
        if fx:
            text = new
            fixes += fx
        new, fx = remove_bidi_controls(text)
        if fx:
            text = new
            fixes += fx
        if text is not ln.text:
            decided.set(ln, text=text)
        unknown.update(unknown_pua(text.text))
    for ch in sorted(unknown):
        warnings.append(DocWarning("W101", f"unmapped private-use character U+{ord(ch):04X} left in the text"))
    return replace(st, fixes=tuple(fixes), warnings=tuple(warnings), decided=decided)


def stage_furniture(st: ParseState) -> ParseState:
    """Zones by page position: running headers and footers, the footnote separator and notes."""
    doc_symbol = st.ex.metadata_hints.get("symbol") or guess_doc_symbol(st.ex.pages)
    zfixes, hints, decided = mark_zones(st.ex.pages, doc_symbol)
    return replace(st, doc_symbol=doc_symbol, hints=hints, fixes=st.fixes + tuple(zfixes), decided=decided)


def _body_resumes(st: ParseState, pages: list, decided: LineFacts, separated: bool = True) -> tuple[Fix, ...]:
    """Text input: footnote areas end where the body resumes (clean.notes_zone.end_note_zones);
    ``separated``: the areas that open at a separator line, else those found without one.
    ``decided``: the stage's zones so far, read first and added to."""
    want = "separator" if separated else "footnote"
    if st.ex.kind != "text" or not any(want in decided.zones_of(p.lines) for p in pages):
        return ()
    def lang() -> str:
        from itertools import islice  # (the first 150 body lines: ample for the openers' language)

        return st.opts.lang if st.opts.lang != "auto" else identify_document(
            list(islice((ln.s for p in pages for ln in p.lines if decided.zone(ln) == "body"), 150)))

    resumed, _ = end_note_zones(pages, lang, decided)
    return tuple(Fix("notes.body_resumes", page, line, "", "", note=reason) for page, line, reason in resumed)


def stage_notes_end(st: ParseState) -> ParseState:
    """Text input: footnote areas end where the body resumes (clean.notes_zone.end_note_zones)."""
    decided = LineFacts()
    return replace(st, fixes=st.fixes + _body_resumes(st, st.ex.pages, decided), decided=decided)


def stage_endnotes(st: ParseState) -> ParseState:
    """Notes gathered at the end of the document (a "Notes" heading) go to the footnote zone."""
    fixes: list[Fix] = []
    decided = mark_endnotes(st.ex.pages, fixes)
    return replace(st, endnotes=bool(decided), fixes=st.fixes + tuple(fixes), decided=decided)


def stage_contents(st: ParseState) -> ParseState:
    """A table of contents goes to its own zone."""
    fixes, decided = mark_contents(st.ex.pages)
    return replace(st, fixes=st.fixes + tuple(fixes), decided=decided)


def stage_plain_notes(st: ParseState) -> ParseState:
    """Plain text without separator lines: notes told by their shape at the foot of a page."""
    if st.ex.style not in ("plain", "formfeed"):
        return st
    pages = st.ex.pages
    had_notes = {p.number for p in pages if any(ln.zone in ("separator", "footnote") for ln in p.lines)}
    decided = mark_unseparated_notes(pages)
    # an area found without a separator ends where the body resumes, too
    resumed = _body_resumes(st, [p for p in pages if p.number not in had_notes], decided, separated=False)
    return replace(st, fixes=st.fixes + resumed, decided=decided)


def stage_lines(st: ParseState) -> ParseState:
    """Body and footnote lines in reading order (a label alone on its line joins the next);
    a page starts at its first body line, after any running header."""
    decided = LineFacts()
    body_lines: list[SrcLine] = []
    note_lines: list[SrcLine] = []
    first_of: dict[tuple[int, int], bool] = {}  # (page, line) of a body line -> it starts its page
    for p in st.ex.pages:
        first = True
        for ln in p.lines:
            if ln.zone == "body" and ln.s.strip():
                if ln.page_start != first:
                    decided.set(ln, page_start=first)
                first_of[(ln.page, ln.line)] = first
                body_lines.append(ln)
                first = False
            elif ln.zone == "footnote" and ln.s.strip():
                note_lines.append(ln)
    fixes: list[Fix] = []
    body = merge_label_lines(stacked_labels(body_lines, fixes))
    notes = merge_label_lines(labels_apart(note_lines, fixes), "footnote")
    # a label line merged with the next is a new line: it starts a page as its label line does
    for ln in body:
        if ln.page_start != first_of[(ln.page, ln.line)]:
            decided.set(ln, page_start=first_of[(ln.page, ln.line)])
    return replace(st, body=tuple(body), note_lines=tuple(notes), decided=decided,
                   fixes=st.fixes + tuple(fixes) if fixes else st.fixes)


def stage_language(st: ParseState) -> ParseState:
    """The document language, unless the options give it (lang.identify_document)."""
    if st.opts.lang != "auto":
        return replace(st, lang=st.opts.lang)
    texts = _lang_sample([ln.s for ln in st.body[:400]])
    lang = identify_document(texts)
    if lang in ("en", "fr", "es") and not looks_like_language(lang, texts):
        w = DocWarning("W104", f"the text does not look like one of the six UN languages; parsed with the rules for {lang!r} (set --lang to choose)")
        return replace(st, lang=lang, warnings=st.warnings + (w,))
    return replace(st, lang=lang)


def stage_front(st: ParseState) -> ParseState:
    """Front matter: masthead fields to metadata, the lines before the body as role blocks."""
    body, lang, fixes = list(st.body), st.lang, list(st.fixes)
    k = front_end(body)
    front_lines = body[:k]
    all_lines = st.lines
    if st.ex.kind == "pdf" and front_lines:
        # masthead lines the PDF extractor set aside go back into reading order for the masthead block
        ids = {id(ln) for ln in front_lines}
        last = front_lines[-1]
        upto = next((i for i, ln in enumerate(all_lines) if ln is last), -1)
        front_lines = [ln for ln in all_lines[: upto + 1] if id(ln) in ids or (
            ln.zone == "masthead" and ln.page == 1 and match_masthead(ln.s.strip(), lang) is not None)]
    decided = LineFacts()
    front_lines = _symbol_inside_masthead(front_lines, all_lines, st.doc_symbol, lang, fixes, decided)
    front_blocks, front_meta, ffixes = parse_front(front_lines, lang)
    fixes += ffixes
    return replace(st, front_count=k, builders=tuple(front_blocks), front_meta=front_meta, fixes=tuple(fixes),
                   decided=decided)


def _unknown_breaks(st: ParseState) -> bool:
    """Plain text whose line ends the source does not tell: the language's rules decide them."""
    return st.ex.style in ("plain", "formfeed") and not any(ln.hard_end is not None for ln in st.body)


def stage_marker_gaps(st: ParseState) -> ParseState:
    """Plain text: a blank line after a footnote marker on a line of its own, mid-sentence, is
    no paragraph end (the gap before the next line is decided 0)."""
    if not _unknown_breaks(st):
        return st
    decided = LineFacts()
    fixes = _bridge_marker_gaps(list(st.body[st.front_count:]), st.lang, decided)
    return replace(st, fixes=st.fixes + fixes, decided=decided)


def stage_structure(st: ParseState) -> ParseState:
    """Headings, numbered paragraphs and their sub-items from the body lines after the front matter."""
    body = list(st.body)
    hard_break = _line_break_classifier(st.lang, body) if _unknown_breaks(st) else None
    seg = Segmenter(st.lang, hard_break=hard_break)
    builders = st.builders + tuple(seg.feed(body[st.front_count:]))
    return replace(st, builders=builders, warnings=st.warnings + tuple(seg.warnings))


def stage_footnotes(st: ParseState) -> ParseState:
    """Footnotes from the footnote lines, by their labels."""
    warnings = list(st.warnings)
    notes = collect_footnotes(list(st.note_lines), warnings)
    return replace(st, notes=tuple(notes), warnings=tuple(warnings))


def stage_joins(st: ParseState) -> ParseState:
    """The lines of each block, item and note joined into one text (dehyphenation, CJK spacing),
    Word broken-field messages removed, runs of spaces squeezed."""
    fixes, warnings = list(st.fixes), list(st.warnings)
    lang = st.lang
    # the document's own spacing and vocabulary decide how lines join
    texts = [ln.s for ln in st.body] + [ln.s for ln in st.note_lines]
    ctx = JoinContext(
        lang=lang,
        cjk_spaced=cjk_spacing_majority(texts) if lang in ("zh",) else True,
        vocabulary=None if lang not in ("zh",) else vocabulary_of(texts[:0]),
        texts=texts,
        links_by_page={p.number: [lk.uri for lk in p.links] for p in st.ex.pages},
    )

    def finish(part: PartBuilder) -> MappedText:
        check()  # the parse deadline, block by block
        mt = join_parts(part.lines, ctx, fixes)
        mt, fx = remove_broken_fields(mt)
        if fx:
            fixes.extend(fx)
            for f in fx:
                warnings.append(DocWarning("W102", f"Word broken field removed: {f.before.strip()!r}", f.page, f.line))
        return _squeeze_spaces(mt)

    built = tuple(_Built(b, finish(b.text), tuple(finish(it) for it in b.items)) for b in st.builders)
    note_texts = tuple(finish(PartBuilder(None, 0, n.lines, n.src)) for n in st.notes)
    return replace(st, texts=built, note_texts=note_texts, fixes=tuple(fixes), warnings=tuple(warnings))


def stage_markers(st: ParseState) -> ParseState:
    """Footnote markers found by their sequence, on the page of their note, and taken out of the text."""
    fixes, warnings = list(st.fixes), list(st.warnings)
    slots: list[TextSlot] = []
    for bi, bb in enumerate(st.texts):
        for key, mt in [((bi, None), bb.text)] + [((bi, j), t) for j, t in enumerate(bb.items)]:
            prot = [(a, b) for _, a, b, _ in symbol_spans(mt.text)]
            slots.append(TextSlot(key, mt, prot))
    # endnotes are printed far from their markers: only the sequence constrains them
    labels = [(n.label, None if st.endnotes else n.page) for n in st.notes if n.label != "?"]
    known = {(ln.page, ln.line, ln.text.locate(off)[2]) for ln in st.lines for off, _ in ln.markers if off < len(ln.s)}
    found = find_markers(slots, labels, warnings, known or None)
    built = list(st.texts)
    refs: dict[tuple, list[FootnoteRef]] = {}
    for slot in slots:
        spans = found.get(slot.key)
        if not spans:
            continue
        new, got = remove_markers(slot.text, spans, fixes)
        bi, j = slot.key
        if j is None:
            built[bi] = replace(built[bi], text=new)
        else:
            built[bi] = replace(built[bi], items=built[bi].items[:j] + (new,) + built[bi].items[j + 1:])
        refs[slot.key] = [FootnoteRef(lbl, off, j, pg, li) for lbl, off, pg, li in got]
    return replace(st, texts=tuple(built), refs=refs, fixes=tuple(fixes), warnings=tuple(warnings))


def stage_blocks(st: ParseState) -> ParseState:
    """Blocks, items and footnotes of the document, each block in its language, with the
    document symbols and URLs they cite."""
    lang, refs = st.lang, st.refs
    blocks: list[Block] = []
    for bi, bb in enumerate(st.texts):
        b = bb.builder
        check()
        if not bb.text.text and not any(t.text for t in bb.items):
            continue  # nothing left (e.g. a line that held only a broken field): its fixes say why
        items = tuple(
            Item(label=part.label or "", source=mt, level=part.level, footnote_refs=tuple(refs.get((bi, j), ())))
            for j, (part, mt) in enumerate(zip(b.items, bb.items))
        )
        syms = list(find_symbols(bb.text.text))
        for j, mt in enumerate(bb.items):
            syms += find_symbols(mt.text, item=j)
        if not bb.text.text and b.label is None and b.type == "paragraph" and blocks and blocks[-1].type == "paragraph":
            # an unnumbered paragraph emptied by a fix (a line that held only a broken Word field):
            # its items belong to the paragraph before, as they would without the removed line
            # (and as a re-read of the text output places them)
            blocks[-1] = _adopt_items(blocks[-1], items, syms)
            continue
        blocks.append(
            Block(
                type=b.type,
                source=bb.text,
                label=b.label,
                number=b.number,
                level=b.level,
                role=b.role,
                items=items,
                footnote_refs=tuple(refs.get((bi, None), ())),
                symbols=tuple(syms),
                bboxes=_bboxes(b) if st.ex.kind != "text" else (),  # (text input has no geometry)
                lang=_block_language(bb.text.text, lang),
            )
        )
    footnotes = tuple(
        Footnote(label=n.label, source=mt, symbols=tuple(find_symbols(mt.text))) for n, mt in zip(st.notes, st.note_texts)
    )
    # text input: a footnote that may hold body text is a warning (W420, W421)
    warnings = st.warnings + (tuple(note_zone_warnings(footnotes, blocks)) if st.ex.kind == "text" else ())
    return replace(st, blocks=tuple(blocks), footnotes=footnotes, warnings=warnings)


def _adopt_items(prev: Block, items: tuple[Item, ...], syms: list[SymbolRef]) -> Block:
    """``prev`` with ``items`` (and their symbols) appended, item indices shifted."""
    k = len(prev.items)
    items = tuple(replace(it, footnote_refs=tuple(replace(r, item=(r.item or 0) + k) for r in it.footnote_refs))
                  for it in items)
    syms = [replace(s, item=s.item + k) for s in syms if s.item is not None]
    return replace(prev, items=prev.items + items, symbols=prev.symbols + tuple(syms))


def stage_sentences(st: ParseState) -> ParseState:
    """Sentence spans of every block and item text, in the block's language (lang.split_sentences)."""
    def spans(b: Block) -> Block:
        check()  # the parse deadline and memory budget, block by block (and sentence by sentence inside)
        return replace(b, sentences=_sentences(b.text, b.lang),
                       items=tuple(replace(it, sentences=_sentences(it.text, b.lang)) for it in b.items))

    return replace(st, blocks=tuple(spans(b) for b in st.blocks))


def stage_links(st: ParseState) -> ParseState:
    """Hyperlink annotations to the footnote or block on their page whose text they cover."""
    warnings = list(st.warnings)
    links_by_page = {p.number: list(p.links) for p in st.ex.pages}
    blocks, footnotes = _attach_links(st.blocks, st.footnotes, links_by_page, warnings)
    return replace(st, blocks=tuple(blocks), footnotes=tuple(footnotes), warnings=tuple(warnings))


def stage_metadata(st: ParseState) -> ParseState:
    """Document metadata: masthead fields, hints of the extractor and the furniture, front roles."""
    hints = {**st.hints, **{k: v for k, v in st.ex.metadata_hints.items() if v}}
    return replace(st, metadata=_metadata(st.front_meta, hints, st.doc_symbol, list(st.blocks), st.lang))


# The parse, top to bottom. Each stage is a function ParseState -> ParseState; a name in
# ParseOptions.disable skips it (the stages after it see what the stages before it left).
STAGES: tuple[tuple[str, Callable[[ParseState], ParseState]], ...] = (
    ("pdf_furniture", stage_pdf_furniture),  # zones, PDF: furniture by geometry
    ("pdf_notes", stage_pdf_notes),      # zones, PDF: footnote areas by geometry
    ("pdf_breaks", stage_pdf_breaks),    # PDF: line breaks and heading hints by geometry, zone by zone
    ("glyphs", stage_glyphs),            # private-use glyphs, direction controls
    ("furniture", stage_furniture),      # zones: running headers/footers, separator, notes
    ("notes_end", stage_notes_end),      # zones: text input, where the body resumes after notes
    ("endnotes", stage_endnotes),        # zones: notes gathered at the end
    ("contents", stage_contents),        # zones: table of contents
    ("plain_notes", stage_plain_notes),  # zones: notes of plain text without a separator
    ("lines", stage_lines),              # body and footnote lines in reading order
    ("language", stage_language),        # document language
    ("front", stage_front),              # masthead and front matter
    ("marker_gaps", stage_marker_gaps),  # line gaps: plain text, a blank line after a lone marker
    ("structure", stage_structure),      # headings, numbered paragraphs, sub-items
    ("footnotes", stage_footnotes),      # footnotes by label
    ("joins", stage_joins),              # lines joined into texts; broken fields; spaces
    ("markers", stage_markers),          # footnote markers out of the text, as references
    ("blocks", stage_blocks),            # blocks and footnotes, block languages, symbols
    ("sentences", stage_sentences),      # sentence spans
    ("links", stage_links),              # hyperlinks to their footnote or block
    ("metadata", stage_metadata),        # document metadata
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


def run_stage(stage: Callable[[ParseState], ParseState] | str, st: ParseState) -> ParseState:
    """Run one stage (a function or a name of :data:`STAGES`) and record the per-line facts it
    decided (zones, line ends, page starts, line texts) on the lines: the one place where a
    stage's decisions about a line are written."""
    fn = dict(STAGES)[stage] if isinstance(stage, str) else stage
    st = fn(st)
    if st.decided:
        st.decided.record()
        st = replace(st, decided=LineFacts())
    return st


def run_stages(ex: Extracted, opts: ParseOptions | None = None, *, upto: str | None = None,
               name: str | None = None) -> ParseState:
    """Run the stages in order over what an extractor found, each through :func:`run_stage`,
    up to and including ``upto`` (all of them when None), and return the state. The lines as
    the PDF stages leave them: ``run_stages(extract_pdf(path), upto="pdf_breaks").ex.pages``."""
    opts = opts or ParseOptions()
    if upto is not None and upto not in STAGE_NAMES:
        raise InputError(f"unknown parse stage {upto!r}; the stages are {', '.join(STAGE_NAMES)}", code="E610")
    skip = set(opts.disable) | (set() if opts.sentences else {"sentences"})
    st = ParseState(ex=ex, opts=opts, name=name, fixes=tuple(ex.fixes), warnings=tuple(ex.warnings))
    for stage_name, stage in STAGES:
        if stage_name not in skip:
            check()  # the parse deadline (docs/limits-and-security.md), stage by stage
            st = run_stage(stage, st)
        if stage_name == upto:
            break
    return st


def build_document(ex: Extracted, opts: ParseOptions, name: str | None = None) -> Document:
    """Run the stages over what the extractor found and assemble the :class:`Document`."""
    t0 = time.perf_counter()
    st = run_stages(ex, opts, name=name)
    check()  # after the last stage too (a stage that grew one huge block: its memory is counted here)
    doc = _document(st)
    log.debug("built %s in %.3fs: %d blocks, %d footnotes, %d fixes", name, time.perf_counter() - t0,
              len(doc.blocks), len(doc.footnotes), len(doc.fixes))
    return doc


def _document(st: ParseState) -> Document:
    fixes = sorted(st.fixes, key=lambda f: (f.page or 0, f.line or 0, f.col if f.col is not None else -1))
    doc = Document(
        metadata=st.metadata,
        blocks=st.blocks,
        footnotes=st.footnotes,
        fixes=tuple(fixes),
        warnings=st.warnings,
        language=st.lang,
        source_name=st.name,
        input_kind=st.ex.kind,
        page_count=len(st.ex.pages),
        backend=st.ex.backend,
    )
    if not any(b.text or b.items for b in st.blocks):
        doc = doc.with_(warnings=doc.warnings + (DocWarning("W103", "no text found in the document"),))
    return doc


def _bboxes(b: BlockBuilder) -> tuple:
    """One box per page: the union of the block's source line boxes (PDF input)."""
    from .model import BBox

    boxes: dict[int, list] = {}
    for part in [b.text, *b.items]:
        for ln in part.src:
            if ln.bbox is None:
                continue
            bb = ln.bbox
            cur = boxes.get(bb.page)
            boxes[bb.page] = [bb.x0, bb.y0, bb.x1, bb.y1] if cur is None else [
                min(cur[0], bb.x0), min(cur[1], bb.y0), max(cur[2], bb.x1), max(cur[3], bb.y1)]
    return tuple(BBox(p, *v) for p, v in sorted(boxes.items()))


_SPACE_RUNS = re.compile(r"[ \t]{2,}|\t")


def _squeeze_spaces(mt: MappedText) -> MappedText:
    """Runs of spaces inside a text (left by layout extraction) become one space."""
    t = mt.text
    if "  " not in t and "\t" not in t:
        return mt.strip()
    return mt.edit((m.start(), m.end(), " ") for m in _SPACE_RUNS.finditer(t)).strip()


def _attach_links(blocks, footnotes, links_by_page, warnings):
    blocks = list(blocks)
    footnotes = list(footnotes)
    for page, links in links_by_page.items():
        seen: set[str] = set()
        uniq = []
        for lk in links:
            if lk.uri not in seen:
                seen.add(lk.uri)
                uniq.append(lk)
        for lk in uniq:
            placed = False
            for i, f in enumerate(footnotes):
                if page in f.pages and _links_for(f.text, [lk]):
                    footnotes[i] = replace(f, links=f.links + (lk,))
                    placed = True
                    break
            if placed:
                continue
            for i, b in enumerate(blocks):
                if page in b.pages and _links_for(b.full_text(), [lk]):
                    blocks[i] = replace(b, links=b.links + (lk,))
                    placed = True
                    break
            if not placed and lk.source != "annotation" and lk.line is not None:
                # a PDF link annotation whose anchor text is not the URL: the line it covers decides
                for i, f in enumerate(footnotes):
                    if (page, lk.line) in f.source.lines():
                        footnotes[i] = replace(f, links=f.links + (lk,))
                        placed = True
                        break
                for i, b in enumerate(blocks if not placed else ()):
                    if any((page, lk.line) in mt.lines() for mt in [b.source, *[it.source for it in b.items]]):
                        blocks[i] = replace(b, links=b.links + (lk,))
                        placed = True
                        break
            if not placed:
                warnings.append(DocWarning("W130", f"hyperlink {lk.uri} matches no text on its page", page, lk.line))
    return blocks, footnotes


def _metadata(front: dict[str, str], hints: dict[str, str], doc_symbol: str | None, blocks: list[Block], lang: str) -> Metadata:
    def role_text(role: str) -> str | None:
        for b in blocks:
            if b.type == "front" and b.role == role and b.text:
                return b.text
        return None

    symbol = hints.get("symbol") or doc_symbol or front.get("symbol")
    all_syms = [symbol] if symbol else []  # symbols_all: the document's own symbol first, then those it cites
    for b in blocks:
        for s in b.symbols:
            if s.kind == "document" and s.text not in all_syms:
                all_syms.append(s.text)
    agenda_title = role_text("agenda_title")
    return Metadata(
        symbol=symbol,
        job_number=hints.get("job_number") or front.get("job_number"),
        language=lang,
        distribution=front.get("distribution"),
        date=front.get("date"),
        original_language=front.get("original_language"),
        organ=front.get("organ"),
        session=front.get("session"),
        meeting=role_text("meeting"),
        agenda_item=front.get("agenda_item"),
        agenda_title=agenda_title,
        title=role_text("title") or agenda_title,
        subtitle=role_text("subtitle"),
        symbols_all=tuple(all_syms),
    )


# what a language decision reads: a block's first million characters, the first million of the
# document's first 400 body lines (a real block or page: a few thousand). The identification
# counts words, one object each: on one hostile 16 MB line that was 500 MB at once.
_LANG_SAMPLE = 1_000_000


def _lang_sample(texts: list[str]) -> list[str]:
    """The first :data:`_LANG_SAMPLE` characters of ``texts`` (every text, when they are shorter)."""
    out, n = [], 0
    for t in texts:
        if n + len(t) > _LANG_SAMPLE:
            out.append(t[: _LANG_SAMPLE - n])
            break
        out.append(t)
        n += len(t)
    return out


def _block_language(text: str, lang: str) -> str:
    """A block keeps the document language unless it is clearly another one (lang.identify_block)."""
    if not text:
        return lang
    return identify_block(text[:_LANG_SAMPLE], lang) or lang


def _sentences(text: str, lang: str) -> tuple:
    """Sentence spans of a block or item text."""
    if not text:
        return ()
    return tuple(tuple(s) for s in split_sentences(text, lang))
