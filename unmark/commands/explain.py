"""``unmark explain INPUT [--rule ID]``: every fix with its rule and source location."""
from __future__ import annotations

import argparse

from ..io.explain import explain_lines, summary
from .common import add_parse_options, emit, load_document, options_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show every fix applied, with its rule and source page/line")
    p.add_argument("input", help="PDF, text file, a JSON written by 'unmark parse', or '-'")
    p.add_argument("--rule", action="append", help="only fixes of this rule (or rule family, e.g. 'furniture')")
    p.add_argument("--summary", action="store_true", help="counts per rule only")
    p.add_argument("-o", "--output", help="write to a file instead of standard output")
    add_parse_options(p)
    p.set_defaults(func=run)


#: rule families (the part before the dot of a rule id); a family or rule that did not fire in a
#: document is not an error, a name in no family is (E125, listing the document's rules)
RULE_FAMILIES = ("annotation", "artifact", "contents", "footnote", "front", "furniture", "join", "masthead",
                 "notes", "pdf", "structure", "text")


def _check_rules(doc, wanted) -> None:
    from ..errors import UnmarkError

    present = sorted({f.rule for f in doc.fixes})
    for r in wanted:
        if r in present or r.split(".")[0] in RULE_FAMILIES or any(p.startswith(r + ".") for p in present):
            continue
        listing = ", ".join(present) if present else "none"
        raise UnmarkError(f"no rule {r!r}. Rules of this document: {listing}. Rule families: {', '.join(RULE_FAMILIES)}",
                          code="E125")


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.input, options_from_args(args))
    if args.rule:
        _check_rules(doc, args.rule)
    lines = summary(doc) if args.summary else explain_lines(doc, set(args.rule) if args.rule else None)
    header = f"# {doc.source_name or args.input}: {len(doc.fixes)} fixes, {len(doc.warnings)} warnings"
    warn = [f"# warning {w.code}: {w.message}" + (f" (p{w.page}:l{w.line})" if w.page else "") for w in doc.warnings]
    emit("\n".join([header, *lines, *warn]) + "\n", args.output)
    return 0
