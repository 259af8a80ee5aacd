"""Helpers shared by sub-commands: reading INPUT (a path or '-' for stdin), building ParseOptions,
writing outputs atomically."""
from __future__ import annotations

import argparse
import sys

from ..io.atomic import write_text
from ..model import Document
from ..limits import DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_MB
from ..pipeline import LANGS, ParseOptions, parse_bytes, parse_file



def add_parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default="auto", choices=LANGS, help="document language (default: auto)")
    p.add_argument("--backend", default="pypdf", choices=("pypdf", "pdfium"), help="PDF extraction backend")
    p.add_argument("--max-pages", type=int, default=None, help="refuse PDFs with more pages than this")
    p.add_argument("--timeout", type=float, default=None, help="seconds allowed per input: reading, building and writing")
    p.add_argument("--max-file-mb", type=float, default=DEFAULT_MAX_FILE_MB,
                   help=f"refuse PDFs larger than this (default {DEFAULT_MAX_FILE_MB} MB; 0: no limit)")
    p.add_argument("--memory-mb", dest="reader_memory_mb", type=int, default=DEFAULT_MEMORY_MB,
                   help=f"address space of the PDF reader process (default {DEFAULT_MEMORY_MB} MB; 0: no limit)")
    p.add_argument("--no-sentences", action="store_true", help="skip sentence segmentation")


def options_from_args(args: argparse.Namespace) -> ParseOptions:
    return ParseOptions(
        lang=args.lang,
        backend=args.backend,
        max_pages=args.max_pages,
        timeout=args.timeout,
        sentences=not args.no_sentences,
        max_file_mb=args.max_file_mb or None,
        memory_mb=args.reader_memory_mb or None,
    )


def load_document(inp: str, opts: ParseOptions) -> Document:
    if inp == "-":
        return parse_bytes(sys.stdin.buffer.read(), options=opts, name="<stdin>")
    if inp.endswith(".json"):
        import json

        from ..errors import InputError

        try:
            with open(inp, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read document JSON: {exc}", code="E109", path=inp) from exc
        return Document.from_dict(data)
    return parse_file(inp, options=opts)


def emit(text: str, out: str | None) -> None:
    if out and out != "-":
        write_text(out, text)
    else:
        sys.stdout.write(text)
