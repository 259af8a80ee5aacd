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
import time
from pathlib import Path

from ...errors import PdfError
from ...model import DocWarning
from ..lines import Extracted
from .runs import RawPage

log = logging.getLogger(__name__)

BACKENDS = ("pypdf", "pdfium")

__all__ = ["extract_pdf", "read_raw_pages", "BACKENDS"]


def _deadline(timeout: float | None) -> float | None:
    return None if timeout is None else time.monotonic() + float(timeout)


def read_raw_pages(path, backend: str = "pypdf", max_pages: int | None = None, timeout: float | None = None) -> list[RawPage]:
    """The backend step alone: glyph runs, rules and links of every page."""
    p = Path(path)
    if not p.exists():
        raise PdfError(f"no such file: {p}", code="E105", path=str(p))
    if not p.is_file():
        raise PdfError(f"{p} is {'a directory' if p.is_dir() else 'not a regular file'}; give a PDF file", code="E120", path=str(p))
    if backend not in BACKENDS:
        raise PdfError(f"unknown PDF backend {backend!r}; use one of {', '.join(BACKENDS)}", code="E201", path=str(p))
    deadline = _deadline(timeout)
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
        try:
            return list(be.read_pages(p, deadline=deadline, reader_n=(handle, n)))
        except be._Timeout as exc:
            raise PdfError(f"gave up after {timeout} s (per-file timeout)", code="E207", path=str(p)) from exc
    finally:
        close = getattr(be, "close", None)
        if close is not None:
            close(handle)


def extract_pdf(path, backend: str = "pypdf", max_pages: int | None = None, timeout: float | None = None) -> Extracted:
    """Read a PDF into :class:`Extracted` (style ``"pdf"``). Never raises anything but
    :class:`PdfError` for a bad file."""
    from .layout import layout

    t0 = time.monotonic()
    p = Path(path)
    raws = read_raw_pages(p, backend=backend, max_pages=max_pages, timeout=timeout)
    warnings: list[DocWarning] = []
    chars = sum(len(r.text.strip()) for raw in raws for r in raw.runs)
    bad = min(sum(raw.undecodable for raw in raws), chars)
    if chars == 0:
        raise PdfError("no text layer; OCR needed", code="E204", path=str(p))
    if bad:
        share = bad / max(chars, 1)
        if share > 0.5:
            raise PdfError(
                f"{bad} of {chars} glyphs come from fonts without a Unicode mapping (ToUnicode); the text would be garbage",
                code="E208", path=str(p),
            )
        warnings.append(DocWarning("W201", f"{bad} glyphs come from fonts without a Unicode mapping; their text may be wrong"))
    empty = [raw.number for raw in raws if not any(r.text.strip() for r in raw.runs)]
    if empty:
        warnings.append(DocWarning("W202", f"{len(empty)} page(s) without a text layer (OCR needed): {_pages(empty)}", empty[0]))
    try:
        pages, fixes, hints = layout(raws)
    except RecursionError as exc:  # pragma: no cover - defensive
        raise PdfError("layout failed on a degenerate page", code="E209", path=str(p)) from exc
    if timeout is not None and time.monotonic() - t0 > timeout:
        raise PdfError(f"gave up after {timeout} s (per-file timeout)", code="E207", path=str(p))
    return Extracted(
        pages=pages, style="pdf", kind="pdf", backend=backend, warnings=warnings, fixes=fixes,
        metadata_hints={k: v for k, v in hints.items() if k in ("symbol", "job_number")},
    )


def _pages(nums: list[int]) -> str:
    s = ", ".join(str(n) for n in nums[:10])
    return s + (", ..." if len(nums) > 10 else "")
