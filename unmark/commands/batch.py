"""``unmark batch IN_DIR OUT_DIR [--formats json,md,txt] [--jobs N] [--resume] ...``"""
from __future__ import annotations

import argparse
import os
import sys

from ..pipeline import LANGS
from .common import add_disable_option, disabled_stages, timeout_arg


def _csv(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(",") if x.strip())


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="parse every PDF/text file of a folder in parallel, resumably, with a manifest")
    p.add_argument("in_dir", metavar="IN_DIR")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.add_argument("--formats", type=_csv, default=("json",), help="comma-separated: json,md,txt (default: json)")
    p.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    p.add_argument("--resume", action="store_true", help="skip files whose input and settings are unchanged and whose outputs exist")
    p.add_argument("--retry-errors", action="store_true", help="with --resume: re-do files that failed last time")
    p.add_argument("--max-pages", type=float, default=None, help="refuse PDFs with more pages than this (0: no limit)")
    p.add_argument("--timeout", type=timeout_arg, default="auto",
                   help="seconds per file: reading, building and writing (default: auto, as unmark parse: 120 s or 2 s a "
                        "PDF page / 120 s a MB of text when that is more; its worker is stopped a grace later; 0: no limit)")
    p.add_argument("--max-mb", type=float, default=None, help="refuse inputs larger than this many MB (default: 64; 0: no limit)")
    p.add_argument("--memory-mb", type=int, default=2048, help="address space a worker may add on top of its size at start, MB (default: 2048; 0: no limit)")
    p.add_argument("--lang", default="auto", choices=LANGS)
    p.add_argument("--backend", default="pypdf", choices=("pypdf", "pdfium"))
    p.add_argument("--no-sentences", action="store_true", help="skip sentence segmentation")
    add_disable_option(p)
    p.add_argument("--no-provenance", action="store_true", help="JSON without per-character source maps")
    p.add_argument("--engine", default="local", choices=("local", "dask"))
    p.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.add_argument("--align", type=_csv, default=(), metavar="L1,L2", help="also align the language versions of each document, e.g. zh,en")
    p.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto")
    p.add_argument("--follow-links", action="store_true", help="parse input files that are symbolic links (default: skipped, E531)")
    p.add_argument("--keep-history", action="store_true",
                   help="keep the records the manifest drops when it is compacted (one current record per input) "
                        "in OUT/manifest.history.jsonl")
    p.add_argument("--raw-cells", action="store_true",
                   help="TSV/CSV cells beginning with = + - @ written as they are (machine pipelines; default: neutralised)")
    p.set_defaults(func=run)


class _Reporter:
    """A tqdm bar on a terminal, a plain line per file otherwise."""

    def __init__(self, mode: str):
        self.bar = None
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "lines"
        self.mode = mode
        if mode == "bar":
            try:
                import tqdm  # noqa: F401
            except ImportError:
                self.mode = "lines"

    def __call__(self, rec: dict, done: int, total: int) -> None:
        if self.mode == "none":
            return
        if self.mode == "bar":
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
            self.bar.update(1)
            if rec["status"] == "error":
                self.bar.write(f"error {rec.get('code')} {rec['file']}: {rec.get('message')}", file=sys.stderr)
            return
        extra = f" {rec.get('code')} {rec.get('message')}" if rec.get("code") else ""
        secs = f" {rec['seconds']:.2f}s" if rec.get("seconds") else ""
        sys.stderr.write(f"[{done}/{total}] {rec['status']} {rec['file']}{secs}{extra}\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def run(args: argparse.Namespace) -> int:
    from ..batch import BatchOptions, run_batch
    from .common import max_bytes_of

    jobs = args.jobs or _usable_cpus()
    opts = BatchOptions(
        formats=args.formats, jobs=jobs, resume=args.resume, retry_errors=args.retry_errors,
        max_pages=args.max_pages, timeout=args.timeout, memory_mb=args.memory_mb,
        max_bytes=None if args.max_mb is None else max_bytes_of(args.max_mb),
        lang=args.lang, backend=args.backend, sentences=not args.no_sentences, disable=disabled_stages(args.disable), provenance=not args.no_provenance,
        engine=args.engine, scheduler=args.scheduler, align=args.align, follow_links=args.follow_links,
        keep_history=args.keep_history,
        csv_safe=not args.raw_cells,
    )
    rep = _Reporter(args.progress)
    try:
        summary = run_batch(args.in_dir, args.out_dir, opts, on_record=rep)
    except KeyboardInterrupt:
        rep.close()
        import shlex

        again = " ".join(shlex.quote(a) for a in ("unmark", "batch", args.in_dir, args.out_dir))
        sys.stderr.write("\nunmark batch: interrupted. Every finished file is in the manifest "
                         f"({os.path.join(args.out_dir, 'manifest.jsonl')}); to go on where it stopped, run the same "
                         f"command with --resume:\n  {again} --resume [your other options]\n")
        return 130
    finally:
        rep.close()
    for line in summary.lines():
        sys.stderr.write(line + "\n")
    # non-zero while any input is in error, whether it failed in this run or an earlier one
    return 0 if summary.error == 0 and summary.in_error == 0 else 3
