"""``unmark terms``: bilingual glossary from aligned UN documents."""
from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace

log = logging.getLogger(__name__)


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "terms",
        help="extract a bilingual glossary (TBX, CSV, XLSX, OmegaT TSV, JSON)",
        description="Extract term pairs from aligned documents. Inputs: document pairs (A B ...), folders of "
        "documents named by language (x.zh.pdf / x.en.pdf), alignment files (.tmx .tsv .jsonl).",
    )
    p.add_argument("inputs", nargs="*", help="document pairs, folders or alignment files")
    p.add_argument("-o", "--output", required=True, help="glossary file: .tbx .csv .xlsx .tsv (OmegaT) .json")
    p.add_argument("--aligned", nargs=2, action="append", default=[], metavar=("SRC_TXT", "TGT_TXT"),
                   help="line-parallel text files (repeatable)")
    p.add_argument("--alignment", action="append", default=[], metavar="FILE", help="alignment file: TMX, TSV or JSONL (repeatable)")
    p.add_argument("--src-lang", default=None, help="source language (default: detected from the inputs; zh for alignment files)")
    p.add_argument("--tgt-lang", default=None, help="target language (default: detected from the inputs; en for alignment files)")
    p.add_argument("--glossary", metavar="KNOWN", help="known glossary (.tbx .csv .xlsx .tsv .json): kept, marked known, linked first")
    p.add_argument("--max", type=int, default=None, metavar="N", help="at most N entries")
    p.add_argument("--min-freq", type=int, default=None, help="minimum number of aligned pairs a candidate occurs in (default 2)")
    p.add_argument("--measure", choices=("dice", "llr"), default=None, help="association for linking (default llr)")
    p.add_argument("--subject", default=None, help="subject field written into every entry")
    p.add_argument("--examples", type=int, default=None, choices=(0, 1, 2, 3), help="example segment pairs per entry (default 3)")
    p.add_argument("--no-user-dict", action="store_true", help="segment Chinese without the UN user dictionary")
    p.add_argument("--no-lexical", action="store_true", help="skip the word-alignment consistency check of term pairs")
    p.add_argument("--raw-cells", action="store_true",
                   help="CSV/TSV cells beginning with = + - @ written as they are (machine pipelines; default: neutralised)")
    p.set_defaults(func=run)
    return p


def options_from_args(args):
    from ..terms import TermOptions

    opts = TermOptions(max_entries=args.max, subject=args.subject, use_user_dict=not args.no_user_dict,
                       lexical_check=not args.no_lexical, csv_safe=not args.raw_cells)
    if args.min_freq is not None:
        opts = replace(opts, min_freq=args.min_freq)
    if args.measure:
        opts = replace(opts, measure=args.measure)
    if args.examples is not None:
        opts = replace(opts, examples=args.examples)
    return opts


def run(args) -> int:
    from ..terms import extract_terms, load_known
    from ..terms.inputs import gather_pairs
    from ..terms.lexicon import check_lang

    from ..errors import TermsError
    from ..terms.languages import resolve_languages

    src, tgt = resolve_languages(args.src_lang, args.tgt_lang, args.inputs, args.aligned)
    src, tgt = check_lang(src), check_lang(tgt)
    pairs = gather_pairs(args.inputs, src, tgt, aligned=args.aligned, alignment_files=args.alignment)
    known = load_known(args.glossary, src, tgt) if args.glossary else None
    glossary = extract_terms(pairs, src, tgt, options_from_args(args), known=known)
    if len(glossary) == 0:
        raise TermsError(f"no {src}-{tgt} term pairs found in {len(pairs)} aligned pairs; nothing written "
                         "(check --src-lang/--tgt-lang, or give more text)", code="E425", path=args.output)
    glossary.save(args.output, csv_safe=options_from_args(args).csv_safe)
    sys.stderr.write(f"unmark terms: {len(glossary)} entries ({src} -> {tgt}) from {len(pairs)} aligned pairs -> {args.output}\n")
    return 0
