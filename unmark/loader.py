"""The one document loader of the commands: ``parse``, ``explain``, ``align``, ``terms``, ``check`` and
``batch`` read a document through :func:`load_document`, so they accept and refuse the same inputs.

A document is a PDF (recognised by its ``%PDF-`` header, whatever its name), a text file (``.txt``,
``.text`` or no extension: UTF-8 or UTF-16 with BOM), or a JSON document written by
``unmark parse --format json`` (read back as the same :class:`~unmark.model.Document`, not as text).
Anything else is a coded error, never a one-block document:

- E105 no such file; E120 a directory or a device;
- E121 a file that is not a document (a TMX translation memory, a spreadsheet, a glossary, a Word
  or OpenDocument file...), told by its extension or its first bytes, with what to do instead;
- E122 an unknown extension (unmark reads PDF, text and unmark JSON);
- E109 a JSON file that is not an unmark document.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .errors import InputError, InputNotFoundError
from .model import Document
from .pipeline import ParseOptions, parse_bytes, parse_file

TEXT_SUFFIXES = (".txt", ".text")
PDF_SUFFIXES = (".pdf",)
JSON_SUFFIXES = (".json",)
#: suffixes read as documents (a file without a suffix is read as text)
DOCUMENT_SUFFIXES = PDF_SUFFIXES + TEXT_SUFFIXES + JSON_SUFFIXES

_CONVERT = "save it as PDF or as UTF-8 text first"
_NOT_DOCUMENTS = {
    ".tmx": ("a TMX translation memory", "give it to 'unmark terms --alignment' or 'unmark check --alignment'"),
    ".jsonl": ("an alignment (JSON lines)", "give it to 'unmark terms --alignment' or 'unmark check --alignment'"),
    ".tsv": ("a table (TSV)", "alignments go to 'terms/check --alignment', glossaries to '--glossary'"),
    ".csv": ("a table (CSV)", "glossaries go to 'unmark check --glossary' or 'unmark terms --glossary'"),
    ".tbx": ("a TBX glossary", "give it to 'unmark check --glossary' or 'unmark terms --glossary'"),
    ".xlsx": ("a spreadsheet", "glossaries go to 'unmark check --glossary'; documents must be PDF or text"),
    ".xls": ("a spreadsheet", "documents must be PDF or text"),
    ".ods": ("a spreadsheet", "documents must be PDF or text"),
    ".docx": ("a Word document", _CONVERT),
    ".doc": ("a Word document", _CONVERT),
    ".odt": ("an OpenDocument text", _CONVERT),
    ".rtf": ("an RTF document", _CONVERT),
    ".html": ("an HTML page", _CONVERT),
    ".htm": ("an HTML page", _CONVERT),
    ".xml": ("an XML file", _CONVERT),
    ".zip": ("a ZIP archive", "unpack it; 'unmark batch' takes a folder"),
}


def _sniff(head: bytes) -> tuple[str, str] | None:
    """(what, hint) when the first bytes show a known non-document, else None."""
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if h.startswith(b"PK\x03\x04"):
        return ("a ZIP container (Word, Excel or OpenDocument file)", _CONVERT)
    if h.startswith(b"\xd0\xcf\x11\xe0"):
        return ("an old Microsoft Office file", _CONVERT)
    if h.startswith(b"<"):
        low = h[:1024].lower()
        if b"<tmx" in low:
            return _NOT_DOCUMENTS[".tmx"]
        if b"<martif" in low or b"<tbx" in low:
            return _NOT_DOCUMENTS[".tbx"]
    return None


def check_document_path(path: str | os.PathLike) -> str:
    """The kind of document at ``path`` (``"pdf"``, ``"text"`` or ``"json"``) or a coded InputError."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"no such file: {p}", code="E105", path=str(p))
    if not p.is_file():
        what = "a directory" if p.is_dir() else "not a regular file"
        raise InputError(f"{p} is {what}; give a PDF or text file", code="E120", path=str(p))
    try:
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", code="E108", path=str(p)) from exc
    if b"%PDF-" in head:
        return "pdf"
    suffix = p.suffix.lower()
    known = _NOT_DOCUMENTS.get(suffix) or _sniff(head)
    if known and suffix not in JSON_SUFFIXES:
        what, hint = known
        raise InputError(f"{p.name} is {what}, not a document: {hint}", code="E121", path=str(p))
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in PDF_SUFFIXES:
        return "pdf"  # parse_file refuses it with E203 (no %PDF- header)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text"
    raise InputError(f"unknown document type {suffix!r}: unmark reads PDF, text (.txt, UTF-8) and the JSON of "
                     "'unmark parse --format json'", code="E122", path=str(p))


def read_document_json(path: str | os.PathLike) -> Document:
    """A document written by ``unmark parse --format json``, or a readable E109."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{p.name} is not UTF-8 JSON", code="E109", path=str(p)) from exc
    except ValueError as exc:
        raise InputError(f"{p.name} is not valid JSON ({exc})", code="E109", path=str(p)) from exc
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", code="E108", path=str(p)) from exc
    if not isinstance(data, dict) or "blocks" not in data or "metadata" not in data:
        found = ", ".join(sorted(data)[:6]) if isinstance(data, dict) else type(data).__name__
        raise InputError(f"{p.name} is JSON but not a document written by 'unmark parse --format json' "
                         f"(no 'blocks'/'metadata'; found: {found or 'nothing'})", code="E109", path=str(p))
    try:
        return Document.from_dict(data)
    except InputError as exc:
        raise InputError(f"{p.name}: broken unmark document JSON ({exc.message})", code="E109", path=str(p)) from exc


def load_document(path: str | os.PathLike, options: ParseOptions | None = None, *, lang: str | None = None) -> Document:
    """Read one document (PDF, text, unmark JSON; ``"-"`` is standard input).

    ``lang`` sets the language when ``options`` leaves it on ``"auto"`` (a JSON document keeps its own).
    """
    opts = options or ParseOptions()
    if lang and opts.lang == "auto":
        opts = replace(opts, lang=lang)
    if str(path) == "-":
        return parse_bytes(sys.stdin.buffer.read(), options=opts, name="<stdin>")
    kind = check_document_path(path)
    if kind == "json":
        return read_document_json(path)
    doc = parse_file(path, options=opts)
    w = declared_language_warning(doc, opts.lang)
    return doc.with_(warnings=doc.warnings + (w,)) if w else doc


_FAMILY = {"zh": "zh", "ar": "ar", "ru": "ru", "en": "latin", "fr": "latin", "es": "latin"}
_SCRIPT_NAME = {"zh": "Chinese (Han)", "ar": "Arabic", "ru": "Cyrillic", "latin": "Latin"}


def declared_language_warning(doc: Document, declared: str):
    """W300 when a declared language (``--lang``) contradicts the script of the text: ``--lang en``
    on Chinese text parses it with the English rules, which is never what was meant."""
    from .lang.identify import script_counts
    from .model import DocWarning

    family = _FAMILY.get(declared)
    if family is None:
        return None
    sample = "\n".join(b.text for b in doc.blocks[:400])[:50000]
    counts = script_counts(sample)
    total = sum(counts.values())
    if total < 40:
        return None
    top, n = counts.most_common(1)[0]
    if top != family and n / total > 0.6 and counts.get(family, 0) / total < 0.2:
        return DocWarning("W300", f"the document was declared {declared} (--lang), but its text is mostly "
                                  f"{_SCRIPT_NAME[top]} script; the {declared} rules may segment it wrongly")
    return None
