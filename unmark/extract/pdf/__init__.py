"""PDF extraction: a backend (pypdf by default, pypdfium2 as an option) yields glyph runs,
rules and link annotations per page (:mod:`.runs`); :mod:`.layout` turns them into the
:class:`~unmark.extract.lines.Extracted` form the core reads.

Errors are coded (:class:`unmark.errors.PdfError`): E105 no such file, E120 not a regular
file, E201 backend not available, E202 encrypted, E203 corrupt or truncated, E204 no text
layer, E205 zero pages, E206 over ``max_pages``, E207 over ``timeout``, E208 fonts without a
Unicode mapping, E209 layout failure. Warnings:
W201 some glyphs could not be mapped to Unicode, W202 pages without text.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from ...errors import PdfError
from ...limits import (DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_MB, ContentLimits, auto_budget, current_deadline,
                       current_message, deadline, grow_for_pages, remaining)
from ...model import DocWarning
from ..lines import Extracted
from .runs import RawPage

log = logging.getLogger(__name__)

BACKENDS = ("pypdf", "pdfium")

__all__ = ["extract_pdf", "read_raw_pages", "BACKENDS"]


def _use_isolation(isolate, backend: str, timeout, memory_mb: int | None) -> bool:
    """Whether the backend runs in the reader process (:mod:`.isolate`): always for PDFium (its page
    parsing cannot be interrupted and aborts the process when memory runs out), for pypdf when a
    deadline (the default one included) or a memory cap is asked for (its tokenizer cannot be
    interrupted); never where processes cannot be started the POSIX way."""
    if isolate in (False, "never") or os.name != "posix":
        return False
    if isolate in (True, "always"):
        return True
    return backend == "pdfium" or timeout is not None


def prepare_reader(backend: str, timeout: float | None, isolate="auto", memory_mb: int | None = DEFAULT_MEMORY_MB) -> None:
    """Start the reader process a parse with these settings will use, before its deadline counts."""
    if _use_isolation(isolate, backend, timeout, memory_mb) and backend in BACKENDS:
        if backend == "pdfium":
            from .backend_pdfium import _lib

            _lib()
        from .isolate import warm

        warm(memory_mb)


def read_raw_pages(path, backend: str = "pypdf", max_pages: int | None = None, timeout: float | None = None,
                   *, isolate="auto", memory_mb: int | None = DEFAULT_MEMORY_MB,
                   max_file_mb: float | None = DEFAULT_MAX_FILE_MB, content_limits: ContentLimits | None = None) -> list[RawPage]:
    """The backend step alone: glyph runs, rules and links of every page."""
    p = Path(path)
    if not p.exists():
        raise PdfError(f"no such file: {p}", code="E105", path=str(p))
    if not p.is_file():
        raise PdfError(f"{p} is {'a directory' if p.is_dir() else 'not a regular file'}; give a PDF file", code="E120", path=str(p))
    if backend not in BACKENDS:
        raise PdfError(f"unknown PDF backend {backend!r}; use one of {', '.join(BACKENDS)}", code="E201", path=str(p))
    if max_file_mb is not None:
        size = p.stat().st_size
        if size > max_file_mb * 1024 * 1024:
            raise PdfError(f"the PDF is {size / 1048576:.0f} MB, over the limit of {max_file_mb:g} MB "
                           f"(raise it with --max-file-mb / ParseOptions.max_file_mb)", code="E104", path=str(p))
    with deadline(timeout, "E207"):  # "auto" or a number: opened here when the caller has not
        return _read(p, backend, max_pages, timeout, isolate, memory_mb, content_limits)


def _read(p: Path, backend, max_pages, timeout, isolate, memory_mb, content_limits) -> list[RawPage]:
    end = current_deadline()
    if _use_isolation(isolate, backend, end, memory_mb):
        from .isolate import read_isolated

        if backend == "pdfium":
            from .backend_pdfium import _lib

            _lib()  # E201 here, in the caller, when pypdfium2 is missing

        return read_isolated(p, backend=backend, max_pages=max_pages, deadline=end,
                             timeout=remaining(), memory_mb=memory_mb,
                             content_limits=content_limits or ContentLimits(), budget=auto_budget())

    def on_count(n: int) -> float | None:  # the default deadline grows with the page count
        return current_deadline() if grow_for_pages(n) else None

    return list(iter_pages(p, backend, max_pages, end, None, content_limits, on_count=on_count))


def iter_pages(p: Path, backend: str, max_pages: int | None, deadline: float | None, timeout: float | None,
               content_limits: ContentLimits | None, on_count=None):
    """The backend in this process, page by page (the reader process streams these back one at a
    time): coded errors only (E203, E205, E206, E207, E250, E252-E258). ``on_count(n)`` is called
    with the page count once the file is open."""
    if backend == "pdfium":
        from . import backend_pdfium as be
    else:
        from . import backend_pypdf as be
    handle, n = be.open_reader(p)
    try:
        if n == 0:
            raise PdfError("the PDF has zero pages", code="E205", path=str(p))
        if max_pages is not None and n > max_pages:
            raise PdfError(f"the PDF has {n} pages, over the limit of {max_pages}", code="E206", path=str(p))
        if on_count is not None:
            deadline = on_count(n) or deadline
        if backend == "pdfium":
            from .content_guard import check_content

            check_content(handle.data, content_limits or ContentLimits(), str(p))
        cl = content_limits or ContentLimits()
        cap, doc_cap, total = cl.max_page_chars, cl.max_doc_chars, 0
        try:
            for page in be.read_pages(p, deadline=deadline, reader_n=(handle, n)):
                chars = sum(len(r.text) for r in page.runs)
                if cap and chars > cap:
                    # layout works a page at a time, and the deadline is checked between pages:
                    # a page of millions of characters (a ToUnicode amplifier) is refused here
                    raise PdfError(f"page {page.number} gives over {cap:,} characters of text (a real page: under "
                                   f"10,000)", code="E257", path=str(p))
                total += chars
                if doc_cap and total > doc_cap:
                    # what the caller lays out and builds is bounded (its memory: docs/limits-and-security.md)
                    raise PdfError(f"the PDF gives over {doc_cap:,} characters of text (a 1,000-page document: about "
                                   f"3 million)", code="E258", path=str(p))
                yield page
        except be._Timeout as exc:
            msg = current_message() or f"gave up after {timeout or 0:g} s (per-file timeout)"
            raise PdfError(msg, code="E207", path=str(p)) from exc
        except MemoryError as exc:  # in process (isolate="never"): still a coded error
            raise PdfError("the PDF needs more memory than this process may use", code="E250", path=str(p)) from exc
    finally:
        close = getattr(be, "close", None)
        if close is not None:
            close(handle)


def extract_pdf(path, backend: str = "pypdf", max_pages: int | None = None, timeout: float | None = None,
                **limits) -> Extracted:
    """Read a PDF into :class:`Extracted` (style ``"pdf"``). Never raises anything but
    :class:`PdfError` for a bad file. ``limits``: ``isolate``, ``memory_mb``, ``max_file_mb``,
    ``content_limits`` (:func:`read_raw_pages`)."""
    from .layout import layout

    t0 = time.monotonic()
    p = Path(path)
    from ...logcapture import as_warnings, captured

    with deadline(timeout, "E207"):
        with captured("pypdf") as lib_log:  # pypdf's own log lines become W302 warnings on the document
            raws = read_raw_pages(p, backend=backend, max_pages=max_pages, timeout=timeout, **limits)
        return _extracted(p, raws, backend, timeout, t0, as_warnings(lib_log, "W302", "PDF reader"))


def _extracted(p: Path, raws: list[RawPage], backend: str, timeout: float | None, t0: float,
               warnings: list[DocWarning]) -> Extracted:
    from .layout import layout

    chars = sum(len(r.text.strip()) for raw in raws for r in raw.runs)
    bad = min(sum(raw.undecodable for raw in raws), chars)
    if chars == 0:
        raise PdfError("no text layer; OCR needed", code="E204", path=str(p))
    if bad:
        share = bad / max(chars, 1)
        if share > 0.5:
            raise PdfError(
                f"{bad} of {chars} glyphs come from fonts without a Unicode mapping{_fonts_why(raws)}; the text would be garbage",
                code="E208", path=str(p),
            )
        warnings.append(DocWarning("W201", f"{bad} glyphs come from fonts without a Unicode mapping{_fonts_why(raws)}; their text may be wrong"))
    read_from = {}
    for raw in raws:
        for name, how in raw.font_maps.items():
            read_from.setdefault(name, how)
    if read_from:
        names = "; ".join(f"{n} ({h})" for n, h in list(read_from.items())[:4])
        names += f" and {len(read_from) - 4} more" if len(read_from) > 4 else ""
        warnings.append(DocWarning("W401", f"no ToUnicode map: the text of {names} was read from the font program or its character collection"))
    cut = [raw.number for raw in raws if raw.truncated]
    if cut:
        warnings.append(DocWarning("W481", f"PDFium returns at most 32,767 characters of one text object: text cut on "
                                           f"page(s) {_pages(cut)} (the pypdf backend reads it whole)", cut[0]))
    empty = [raw.number for raw in raws if not any(r.text.strip() for r in raw.runs)]
    if empty:
        warnings.append(DocWarning("W202", f"{len(empty)} page(s) without a text layer (OCR needed): {_pages(empty)}", empty[0]))
    try:
        pages, fixes, geometry = layout(raws)
    except RecursionError as exc:  # pragma: no cover - defensive
        raise PdfError("layout failed on a degenerate page", code="E209", path=str(p)) from exc
    from ...limits import check

    check()
    return Extracted(
        pages=pages, style="pdf", kind="pdf", backend=backend, warnings=warnings, fixes=fixes, geometry=geometry,
    )


def _fonts_why(raws: list[RawPage]) -> str:
    """``": font X (Identity-H, Adobe-Identity, not embedded, no ToUnicode)"``."""
    seen: dict[str, str] = {}
    for raw in raws:
        for name, why in raw.unmapped_fonts.items():
            seen.setdefault(name, why)
    if not seen:
        return " (ToUnicode)"
    items = [f"{n} ({w})" for n, w in list(seen.items())[:4]]
    more = f" and {len(seen) - 4} more" if len(seen) > 4 else ""
    return ": font " + "; ".join(items) + more


def _pages(nums: list[int]) -> str:
    s = ", ".join(str(n) for n in nums[:10])
    return s + (", ..." if len(nums) > 10 else "")
