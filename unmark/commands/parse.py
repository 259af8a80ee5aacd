"""``unmark parse INPUT [-o OUT] [--format json|md|txt] [--lang auto|zh|en|...]``"""
from __future__ import annotations

import argparse

from ..io.render import PARSE_FORMATS, render
from .common import add_parse_options, emit, load_document, options_from_args, report_warnings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a UN document (PDF or extracted text) into clean structured output")
    p.add_argument("input", help="PDF or text file; '-' reads standard input")
    p.add_argument("-o", "--output", help="output file (default: standard output); written atomically")
    p.add_argument("-f", "--format", choices=PARSE_FORMATS, default=None, help="json (default), md, txt (re-parseable text: a trailing space ends each unit, a form feed "
                   "starts each page) or plain (reading text: units separated by blank lines); guessed from -o")
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
    report_warnings(doc.warnings)
    return 0
