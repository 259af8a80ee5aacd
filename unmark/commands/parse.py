"""``unmark parse INPUT [-o OUT] [--format json|md|txt] [--lang auto|zh|en|...]``"""
from __future__ import annotations

import argparse
import sys

from ..io.render import FORMATS, render
from .common import add_parse_options, emit, load_document, options_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a UN document (PDF or extracted text) into clean structured output")
    p.add_argument("input", help="PDF or text file; '-' reads standard input")
    p.add_argument("-o", "--output", help="output file (default: standard output); written atomically")
    p.add_argument("-f", "--format", choices=FORMATS, default=None, help="json (default), md or txt; guessed from -o")
    p.add_argument("--no-provenance", action="store_true", help="JSON without per-character source maps")
    add_parse_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format
    if fmt is None and args.output:
        ext = args.output.rsplit(".", 1)[-1].lower()
        fmt = {"md": "md", "markdown": "md", "txt": "txt", "text": "txt"}.get(ext, "json")
    fmt = fmt or "json"
    from ..limits import check, deadline

    opts = options_from_args(args)
    with deadline(opts.timeout, "E207" if args.input.lower().endswith(".pdf") else "E152"):
        doc = load_document(args.input, opts)
        out = render(doc, fmt, provenance=not args.no_provenance)
        check()
    emit(out, args.output)
    for w in doc.warnings:
        sys.stderr.write(f"unmark: warning {w.code}: {w.message}" + (f" (page {w.page}, line {w.line})" if w.page else "") + "\n")
    return 0
