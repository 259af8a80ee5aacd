"""``unmark align A B [C …] -o OUT.{tmx,tsv,xlsx,jsonl,html} [--level paragraph|sentence] [--embed]``
and ``unmark align --presplit SRC.txt TGT.txt --src-lang zh --tgt-lang en --format beads [-o OUT]``."""
from __future__ import annotations

import argparse
import sys

from ..errors import AlignmentError, InputError
from .common import add_parse_options


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="align language versions of a document (paragraphs or sentences) into TMX/TSV/XLSX/JSONL/HTML",
        description="Align two or more language versions (PDF, text, or JSON from 'unmark parse --format json'), "
        "or with --presplit two files of one sentence per line (Vecalign bead output).",
    )
    p.add_argument("inputs", nargs="+", help="documents, one per language (pivot first); with --presplit: SRC TGT")
    p.add_argument("-o", "--output", help="output file; the format follows the extension (.tmx .tsv .xlsx .jsonl .html)")
    p.add_argument("--format", dest="out_format", default=None,
                   help="tmx, tsv, xlsx, jsonl, html (default: from -o); with --presplit: beads")
    p.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph")
    p.add_argument("--embed", action="store_true", help="use multilingual sentence embeddings (unmark[embed])")
    p.add_argument("--langs", default=None, help="column names per input, e.g. zh,en (default: detected)")
    p.add_argument("--pivot", default=None, help="language the others are aligned to (default: the first input)")
    p.add_argument("--xml-lang", default=None, help="TMX language codes, e.g. zh=zh-CN,en=en-GB")
    p.add_argument("--low", type=float, default=None, help="confidence below which rows are flagged (default: the calibrated threshold)")
    p.add_argument("--raw-cells", action="store_true",
                   help="CSV/TSV cells beginning with = + - @ written as they are (machine pipelines; default: neutralised)")
    p.add_argument("--apply", default=None, metavar="CORRECTIONS.json",
                   help="replay the corrections exported from the review page on the alignment (the same "
                   "documents and options, or the review page itself as the only input) and write -o")
    p.add_argument("--presplit", action="store_true", help="inputs are one sentence per line; print beads")
    p.add_argument("--src-lang", default=None, help="with --presplit: source language")
    p.add_argument("--tgt-lang", default=None, help="with --presplit: target language")
    add_parse_options(p)
    p.set_defaults(func=run)


def _pairs(spec: str | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise AlignmentError(f"{what}: expected lang=code, got {part!r}", code="E307")
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _read_lines(path: str) -> list[str]:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
    except FileNotFoundError as exc:
        raise InputError(f"no such file: {path}", code="E105", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", code="E103", path=path) from exc
    return text.splitlines()


def run_presplit(args: argparse.Namespace) -> int:
    from ..align import align_sentences, format_beads

    if len(args.inputs) != 2:
        raise AlignmentError("--presplit takes exactly two files: SRC TGT", code="E301")
    fmt = (args.out_format or "beads").lower()
    if fmt != "beads":
        raise AlignmentError(f"--presplit writes --format beads, not {fmt!r}", code="E306")
    src, tgt = (_read_lines(p) for p in args.inputs)
    beads = align_sentences(src, tgt, args.src_lang, args.tgt_lang, embed=args.embed)
    text = format_beads(beads)
    if args.output and args.output != "-":
        from ..io.atomic import write_text

        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _load(path: str, args: argparse.Namespace, lang: str | None):
    from .common import load_document, options_from_args

    opts = options_from_args(args)
    if lang and getattr(opts, "lang", None) == "auto":
        from dataclasses import replace

        from ..pipeline import LANGS

        if lang in LANGS:
            opts = replace(opts, lang=lang)
    return load_document(path, opts)


def run(args: argparse.Namespace) -> int:
    if args.presplit:
        return run_presplit(args)
    from ..align import align
    from ..align.export import format_of, write

    corrections = None
    if args.apply:
        from ..align.review import load_corrections

        corrections = load_corrections(args.apply)
    page = len(args.inputs) == 1 and args.inputs[0].lower().endswith((".html", ".htm"))
    if page and corrections is None:
        raise AlignmentError("a review page as input needs --apply CORRECTIONS.json", code="E301")
    if len(args.inputs) < 2 and not page:
        raise AlignmentError("align needs at least two documents", code="E301")
    if not args.output:
        raise AlignmentError("give an output file with -o (.tmx .tsv .xlsx .jsonl .html)", code="E306")
    fmt = format_of(args.output, args.out_format)
    if page:
        from ..align.review import alignment_from_page

        al = alignment_from_page(args.inputs[0])
    else:
        langs = [x.strip() for x in args.langs.split(",")] if args.langs else None
        if langs is not None and len(langs) != len(args.inputs):
            raise AlignmentError(f"--langs names {len(langs)} languages for {len(args.inputs)} inputs",
                                 code="E307")
        docs = [_load(p, args, langs[k] if langs else None) for k, p in enumerate(args.inputs)]
        al = align(*docs, level=args.level, embed=args.embed, pivot=args.pivot, langs=langs)
    if corrections is not None:
        from ..align.review import apply_corrections

        al = apply_corrections(al, corrections)
    xml_langs = dict(al.meta.get("xml_langs") or {}) if isinstance(al.meta, dict) else {}
    xml_langs.update(_pairs(args.xml_lang, "--xml-lang"))
    write(al, args.output, fmt, xml_langs=xml_langs, low=args.low, csv_safe=not args.raw_cells)
    for w in al.warnings:
        sys.stderr.write(f"unmark: warning {w.get('code')}: {w.get('message')}\n")
    thr = args.low if args.low is not None else float(al.meta.get("low_confidence", 0.5))
    n_low = sum(1 for r in al.rows if r.confidence < thr)
    sys.stderr.write(f"unmark: {len(al.rows)} rows ({n_low} low confidence) -> {args.output}\n")
    return 0
