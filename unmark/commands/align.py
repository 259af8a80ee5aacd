"""``unmark align A B [C …] -o OUT.{tmx,tsv,xlsx,jsonl,html} [--level paragraph|sentence] [--embed]``
and ``unmark align --presplit SRC.txt TGT.txt --src-lang zh --tgt-lang en --format beads [-o OUT]``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    p.add_argument("--embed", action="store_true", help="use multilingual sentence embeddings (extra: unmark-undocs[embed])")
    p.add_argument("--langs", default=None, help="column names per input, e.g. zh,en (default: detected)")
    p.add_argument("--pivot", default=None, help="language the others are aligned to (default: the first input)")
    p.add_argument("--xml-lang", default=None, help="TMX language codes, e.g. zh=zh-CN,en=en-GB")
    p.add_argument("--low", type=float, default=None, help="confidence below which rows are flagged (default: the calibrated threshold)")
    p.add_argument("--raw-cells", action="store_true",
                   help="CSV/TSV cells beginning with = + - @ written as they are (machine pipelines; default: neutralised)")
    p.add_argument("--apply", default=None, metavar="CORRECTIONS.json",
                   help="replay the corrections exported from the review page on the alignment (the same "
                   "documents and options, or as the only input the review page itself or the JSONL alignment; "
                   "TMX/TSV/XLSX do not keep the whole table) and write -o")
    p.add_argument("--presplit", action="store_true",
                   help="inputs are one sentence per line: beads (to stdout, or -o x.txt) or, with -o x.tmx/.tsv/.xlsx/.jsonl/.html, that format")
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
        k, eq, v = (x.strip() for x in part.partition("="))
        if not eq or not k or not v:
            raise AlignmentError(f"{what}: expected lang=code (e.g. zh=zh-CN), got {part!r}", code="E307")
        out[k] = v
    return out


def _check_low(low: float | None) -> None:
    if low is not None and not 0.0 <= low <= 1.0:
        raise AlignmentError(f"--low is a confidence between 0 and 1, got {low:g}", code="E127")


def _check_xml_langs(xml: dict[str, str], langs) -> None:
    unknown = sorted(set(xml) - set(langs))
    if unknown:
        raise AlignmentError(f"--xml-lang names {', '.join(unknown)}, not among the aligned languages "
                             f"{', '.join(langs)}", code="E307")


def _check_labels(docs, labels, paths) -> None:
    """--langs names each input's language: refuse a label that the text contradicts (a Spanish
    document labelled zh would be aligned and exported as Chinese)."""
    from ..lang.identify import identify

    for doc, label, path in zip(docs, labels, paths):
        if label not in ("zh", "en", "fr", "es", "ru", "ar"):
            continue
        sample = "\n".join(b.text for b in doc.blocks[:200])[:20000]
        found = identify(sample, default=None) if sample.strip() else None
        if found and found != label:
            raise AlignmentError(f"--langs labels {path} as {label}, but its text is {found}: "
                                 "give each input's own language, in the order of the inputs", code="E124", path=path)


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


def _presplit_format(args: argparse.Namespace) -> str:
    """beads, or an alignment format: the output format always follows -o (and --format must agree)."""
    from pathlib import Path

    from ..align.export import format_of

    out = args.output if args.output and args.output != "-" else None
    ext = Path(out).suffix.lower() if out else ""
    by_ext = "beads" if ext in ("", ".txt", ".beads") else format_of(out)
    fmt = (args.out_format or by_ext).lower()
    if fmt != "beads":
        fmt = format_of(out or f"x.{fmt}", fmt)
        if not out:
            raise AlignmentError(f"--format {fmt} needs an output file: -o FILE.{fmt}", code="E306")
    if fmt != by_ext:
        raise AlignmentError(f"--format {fmt} does not match the output file {out!r} (the format follows -o)",
                             code="E306", path=out)
    return fmt


def _beads_alignment(beads, src_lines, tgt_lines, src_lang, tgt_lang, src_path, tgt_path):
    """An Alignment of the bead rows (each side's own line numbers and file) for the table/TMX writers."""
    from pathlib import Path

    from ..align.types import AlignedRow, Alignment, Segment

    def cell(lang, idx, lines, path):
        if not idx:
            return None
        where = f"line {idx[0] + 1}" if len(idx) == 1 else f"lines {idx[0] + 1}-{idx[-1] + 1}"
        return Segment(lang, " ".join(lines[i].strip() for i in idx), paragraph=where, source=Path(path).name)

    rows = tuple(AlignedRow({src_lang: cell(src_lang, s, src_lines, src_path), tgt_lang: cell(tgt_lang, t, tgt_lines, tgt_path)},
                            confidence=float(c), kind=f"{len(s)}-{len(t)}") for s, t, c in beads)
    from ..align.calibrate import threshold

    return Alignment((src_lang, tgt_lang), rows, level="sentence",
                     meta={"presplit": True, "low_confidence": threshold("sentence"),
                           "confidence": "calibrated probability that the row is right "
                                         "(resources/align/calibration.json, sentence level)"})


def run_presplit(args: argparse.Namespace) -> int:
    from ..align import align_sentences, format_beads

    if len(args.inputs) != 2:
        raise AlignmentError("--presplit takes exactly two files: SRC TGT", code="E301")
    fmt = _presplit_format(args)
    _check_low(args.low)
    src, tgt = (_read_lines(p) for p in args.inputs)
    src_lang, tgt_lang = args.src_lang, args.tgt_lang
    if fmt != "beads" and not (src_lang and tgt_lang):
        from ..lang.identify import identify_units

        src_lang = src_lang or identify_units(src)
        tgt_lang = tgt_lang or identify_units(tgt)
        if not (src_lang and tgt_lang) or src_lang == tgt_lang:
            raise AlignmentError("cannot tell the languages of the two files: set --src-lang and --tgt-lang",
                                 code="E307")
    beads = align_sentences(src, tgt, src_lang, tgt_lang, embed=args.embed, calibrated=True)
    if fmt != "beads":
        from ..align.export import write

        al = _beads_alignment(beads, src, tgt, src_lang, tgt_lang, *args.inputs)
        xml_langs = _pairs(args.xml_lang, "--xml-lang")
        _check_xml_langs(xml_langs, al.langs)
        write(al, args.output, fmt, xml_langs=xml_langs, low=args.low)
        sys.stderr.write(f"unmark: {len(al.rows)} beads -> {args.output}\n")
        return 0
    text = format_beads(beads)
    if args.output and args.output != "-":
        from ..io.atomic import write_text

        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _load(path: str, args: argparse.Namespace, lang: str | None):
    from ..loader import load_document
    from ..pipeline import LANGS
    from .common import options_from_args

    return load_document(path, options_from_args(args), lang=lang if lang in LANGS else None)


def run(args: argparse.Namespace) -> int:
    if args.presplit:
        return run_presplit(args)
    from ..align import align
    from ..align.export import format_of, write

    corrections = None
    if args.apply:
        from ..align.review import load_corrections

        corrections = load_corrections(args.apply)
    from ..align.review import LOSSY, is_alignment_file

    page = len(args.inputs) == 1 and is_alignment_file(args.inputs[0])
    if page and corrections is None:
        if Path(args.inputs[0]).suffix.lower() in LOSSY:
            from ..align.review import load_original

            load_original(args.inputs[0])  # E325: names the alignment files that can be replayed on
        raise AlignmentError("an alignment file as input (review page or JSONL) needs --apply CORRECTIONS.json",
                             code="E301")
    if len(args.inputs) < 2 and not page:
        raise AlignmentError("align needs at least two documents", code="E301")
    if not args.output:
        raise AlignmentError("give an output file with -o (.tmx .tsv .xlsx .jsonl .html)", code="E306")
    fmt = format_of(args.output, args.out_format)
    _check_low(args.low)
    _pairs(args.xml_lang, "--xml-lang")  # a malformed value fails before any work
    if page:
        from ..align.review import load_original

        al = load_original(args.inputs[0])
    else:
        langs = [x.strip() for x in args.langs.split(",")] if args.langs else None
        if langs is not None and len(langs) != len(args.inputs):
            raise AlignmentError(f"--langs names {len(langs)} languages for {len(args.inputs)} inputs",
                                 code="E307")
        docs = [_load(p, args, langs[k] if langs else None) for k, p in enumerate(args.inputs)]
        if langs:
            _check_labels(docs, langs, args.inputs)
        al = align(*docs, level=args.level, embed=args.embed, pivot=args.pivot, langs=langs)
    if corrections is not None:
        from ..align.review import apply_corrections

        al = apply_corrections(al, corrections)
    xml_langs = dict(al.meta.get("xml_langs") or {}) if isinstance(al.meta, dict) else {}
    xml_langs.update(_pairs(args.xml_lang, "--xml-lang"))
    _check_xml_langs(xml_langs, al.langs)
    write(al, args.output, fmt, xml_langs=xml_langs, low=args.low, csv_safe=not args.raw_cells)
    from .common import report_warnings

    report_warnings(al.warnings)
    thr = args.low if args.low is not None else float(al.meta.get("low_confidence", 0.5))
    n_low = sum(1 for r in al.rows if r.confidence < thr)
    sys.stderr.write(f"unmark: {len(al.rows)} rows ({n_low} low confidence) -> {args.output}\n")
    return 0
