"""``unmark check``: term consistency of aligned documents against a glossary."""
from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "check",
        help="report aligned pairs where a glossary source term occurs without its target term",
        description="For every aligned pair where a glossary source term occurs but its target term (or acronym) "
        "does not, report it as a possible variant or error.",
    )
    p.add_argument("inputs", nargs="*", help="document pairs, folders or alignment files")
    p.add_argument("--glossary", required=True, metavar="G", help="glossary (.tbx .csv .xlsx .tsv .json: every format terms writes)")
    p.add_argument("--alignment", action="append", default=[], metavar="FILE", help="alignment file: TMX, TSV or JSONL (repeatable)")
    p.add_argument("--aligned", nargs=2, action="append", default=[], metavar=("SRC_TXT", "TGT_TXT"), help="line-parallel text files")
    p.add_argument("--src-lang", default=None, help="source language (default: detected from the inputs; zh for alignment files)")
    p.add_argument("--tgt-lang", default=None, help="target language (default: detected from the inputs; en for alignment files)")
    p.add_argument("-o", "--output", default=None, help="report: .tsv .xlsx .html (default: TSV on standard output)")
    p.add_argument("--exact-case", action="store_true", help="match target terms case-sensitively")
    p.add_argument("--raw-cells", action="store_true",
                   help="CSV/TSV cells beginning with = + - @ written as they are (machine pipelines; default: neutralised)")
    p.add_argument("--fail-on-findings", action="store_true", help="exit with status 3 when anything is reported")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..terms import CheckOptions, check_consistency, load_known
    from ..terms.check import FINDING_COLUMNS, write_findings
    from ..terms.glossary import Glossary, clean_field
    from ..terms.inputs import gather_pairs
    from ..terms.lexicon import check_lang
    from ..safe import neutralise_cell

    from ..terms.languages import resolve_languages

    src, tgt = resolve_languages(args.src_lang, args.tgt_lang, args.inputs, args.aligned)
    src, tgt = check_lang(src), check_lang(tgt)
    glossary = Glossary(src, tgt, tuple(load_known(args.glossary, src, tgt)))
    pairs = gather_pairs(args.inputs, src, tgt, aligned=args.aligned, alignment_files=args.alignment)
    opts = CheckOptions(ignore_case=not args.exact_case, csv_safe=not args.raw_cells)
    findings = check_consistency(glossary, pairs, options=opts)
    if args.output:
        write_findings(findings, args.output, csv_safe=opts.csv_safe)
        sys.stderr.write(f"unmark check: {len(findings)} findings in {len(pairs)} aligned pairs -> {args.output}\n")
    else:
        out = sys.stdout
        out.write("\t".join(FINDING_COLUMNS) + "\n")
        for f in findings:
            r = f.row_dict()
            out.write("\t".join(neutralise_cell(clean_field(str(r[c])), opts.csv_safe and isinstance(r[c], str))
                                for c in FINDING_COLUMNS) + "\n")
    return 3 if (args.fail_on_findings and findings) else 0
