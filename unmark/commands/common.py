"""Helpers shared by sub-commands: reading INPUT (a path or '-' for stdin), building ParseOptions,
writing outputs atomically."""
from __future__ import annotations

import argparse
import sys

from ..io.atomic import write_text
from ..model import Document
from ..extract.text import DEFAULT_MAX_BYTES
from ..limits import DEFAULT_BUILD_MEMORY_MB, DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_MB
from ..pipeline import LANGS, STAGE_NAMES, ParseOptions



def add_parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default="auto", choices=LANGS, help="document language (default: auto)")
    p.add_argument("--backend", default="pypdf", choices=("pypdf", "pdfium"), help="PDF extraction backend")
    p.add_argument("--max-pages", type=float, default=None, help="refuse PDFs with more pages than this (0: no limit)")
    p.add_argument("--timeout", type=timeout_arg, default="auto",
                   help="seconds allowed per input: reading, building and writing (default: auto, 120 s or 2 s a PDF page "
                        "/ 120 s a MB of text when that is more; 0: no limit)")
    p.add_argument("--max-mb", type=float, default=None,
                   help=f"refuse inputs larger than this many MB (default: {DEFAULT_MAX_BYTES // 2**20}; 0: no limit)")
    p.add_argument("--max-file-mb", type=float, default=DEFAULT_MAX_FILE_MB,
                   help=f"refuse PDFs larger than this (default {DEFAULT_MAX_FILE_MB} MB; 0: no limit)")
    p.add_argument("--memory-mb", dest="reader_memory_mb", type=int, default=DEFAULT_MEMORY_MB,
                   help=f"address space of the PDF reader process (default {DEFAULT_MEMORY_MB} MB; 0: no limit)")
    p.add_argument("--build-memory-mb", type=float, default=DEFAULT_BUILD_MEMORY_MB,
                   help=f"how much this process may grow while it builds the document (default {DEFAULT_BUILD_MEMORY_MB} MB; "
                        f"0: no limit): E153")
    p.add_argument("--no-sentences", action="store_true", help="skip sentence segmentation")
    add_disable_option(p)


def add_disable_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--disable", action="append", default=[], metavar="STAGE[,STAGE]",
                   help=f"skip these parse stages (comma-separated; may be repeated): {', '.join(STAGE_NAMES)}; "
                        "an unknown name is error E610")


def disabled_stages(values: list[str] | None) -> tuple[str, ...]:
    """``--disable a,b --disable c`` -> ("a", "b", "c"); ParseOptions checks the names (E610)."""
    return tuple(s.strip() for v in values or () for s in v.split(","))


def timeout_arg(s: str):
    """--timeout: a number of seconds or ``auto`` (the default deadline)."""
    if s.strip().lower() == "auto":
        return "auto"
    try:
        return float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds or 'auto', not {s!r}") from None


def max_bytes_of(mb: float | None) -> int | None:
    """--max-mb in bytes (0: no limit; negative: E123)."""
    from ..limits import limit

    if mb is None:
        return DEFAULT_MAX_BYTES
    v = limit("--max-mb", mb)
    return 0 if v is None else int(v * 2**20)


def options_from_args(args: argparse.Namespace) -> ParseOptions:
    return ParseOptions(
        lang=args.lang,
        backend=args.backend,
        max_pages=args.max_pages,
        timeout=args.timeout,
        max_bytes=max_bytes_of(getattr(args, "max_mb", None)),
        sentences=not args.no_sentences,
        disable=disabled_stages(args.disable),
        max_file_mb=args.max_file_mb or None,
        memory_mb=args.reader_memory_mb or None,
        build_memory_mb=getattr(args, "build_memory_mb", DEFAULT_BUILD_MEMORY_MB),
    )


def load_document(inp: str, opts: ParseOptions) -> Document:
    """One document (PDF, text, unmark JSON, '-' for stdin) through the shared loader."""
    from ..loader import load_document as load

    return load(inp, opts)


def emit(text: str, out: str | None) -> None:
    if out and out != "-":
        write_text(out, text)
    else:
        sys.stdout.write(text)


def report_warnings(warnings, prog: str = "unmark") -> None:
    """Warnings on stderr, one line per code with a count (a long text may carry a thousand W110s);
    every detail stays in the document (JSON ``warnings``, ``unmark explain``)."""
    groups: dict[str, list] = {}
    for w in warnings:
        code = w.get("code") if isinstance(w, dict) else w.code
        groups.setdefault(str(code), []).append(w)
    for code, ws in groups.items():
        first = ws[0]
        msg = first.get("message") if isinstance(first, dict) else first.message
        page = first.get("page") if isinstance(first, dict) else first.page
        line = first.get("line") if isinstance(first, dict) else first.line
        where = f" (page {page}, line {line})" if page else (f" (line {line})" if line else "")
        if len(ws) == 1:
            sys.stderr.write(f"{prog}: warning {code}: {msg}{where}\n")
        else:
            sys.stderr.write(f"{prog}: warning {code} x{len(ws)}: {msg}{where}, and {len(ws) - 1} more "
                             "(all in the document's warnings)\n")
