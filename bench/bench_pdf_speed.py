"""PDF speed, side by side in one process on the same files (not a test).

    python bench/bench_pdf_speed.py [--repeat 3] [--rounds 3] [--shared ../shared] [FILE.pdf ...]

Columns (seconds; per file the best of --repeat interleaved runs, summed over files; with
--rounds N the whole measurement is made N times and each figure is the median of the rounds),
each both in wall-clock time and in CPU time (this process, the PDF reader process and any
subprocess: what one core spends, the figure a machine shared with other jobs disturbs least):
  raw pypdf        PdfReader + page.extract_text() for every page
  unmark pypdf     unmark.parse(path, backend="pypdf")          (extraction + the shared back half)
  unmark pdfium    unmark.parse(path, backend="pdfium")    (the PDF reader in its reader process)
  unmark X in process  the same with isolate="never": the reader process's cost is the difference
  unmark X L       the same with the language given and no sentence split (the back half's
                   language identification is most of its cost)
  read+lines pypdf unmark.extract.pdf.extract_pdf(...): the PDF read into glyph runs and the runs
                   built into lines in reading order, nothing more (zoning, line breaks and
                   everything after them are stages of the parse)
  read+lines pdfium
  raw pdfium       pypdfium2 text page get_text_bounded() for every page
  pdftotext        poppler, subprocess, -layout
Targets: unmark(pypdf) <= 1.25 x raw pypdf; unmark(pdfium) >= 200 pages/s on one core.

A second table says where the CPU time of ``unmark pdfium`` goes, in process (isolate="never"), by
phase: PDFium's page load and text page alone (no text asked), the rest of the reader (runs,
rules, links, the font and content checks), lines in reading order, and each parse stage timed on
its own (per file the best of --repeat, summed over files), and what the reader process adds.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchutil import cpu_model, table, write_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unmark  # noqa: E402
from unmark.extract.pdf import extract_pdf  # noqa: E402


def _lang(p: Path) -> str:
    """The language the file name says (huridocs *_en.pdf, fixtures *_zh.*.pdf)."""
    for part in p.name.replace(".", "_").split("_"):
        if part in ("zh", "en", "fr", "es", "ru", "ar"):
            return part
    return "auto"


def raw_pypdf(p: Path) -> int:
    from pypdf import PdfReader

    r = PdfReader(str(p))
    return sum(len(pg.extract_text()) for pg in r.pages)


def raw_pdfium(p: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(p))
    n = 0
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        n += len(tp.get_text_bounded())
        tp.close()
        page.close()
    doc.close()
    return n


def pdftotext(p: Path) -> int:
    out = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, check=True)
    return len(out.stdout)


TOOLS = {
    "raw pypdf": raw_pypdf,
    "unmark pypdf": lambda p: len(unmark.parse(str(p), backend="pypdf").blocks),
    "unmark pdfium": lambda p: len(unmark.parse(str(p), backend="pdfium").blocks),
    "unmark pdfium in process": lambda p: len(unmark.parse(str(p), backend="pdfium", isolate="never").blocks),
    "unmark pypdf in process": lambda p: len(unmark.parse(str(p), backend="pypdf", isolate="never").blocks),
    "unmark pypdf L": lambda p: len(unmark.parse(str(p), backend="pypdf", lang=_lang(p), sentences=False).blocks),
    "unmark pdfium L": lambda p: len(unmark.parse(str(p), backend="pdfium", lang=_lang(p), sentences=False).blocks),
    "read+lines pypdf": lambda p: len(extract_pdf(p, backend="pypdf").pages),
    "read+lines pdfium": lambda p: len(extract_pdf(p, backend="pdfium").pages),
    "raw pdfium": raw_pdfium,
    "pdftotext": pdftotext,
}


def pages_of(p: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(p)).pages)


def machine() -> str:
    cpu = cpu_model(platform.processor() or platform.machine())
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; {platform.system()}"


def raw_pdfium_load(p: Path) -> int:
    """PDFium's page load and text page alone, no text asked, through the raw API as the reader
    calls it: the floor under every PDFium reader."""
    import pypdfium2.raw as c

    data = p.read_bytes()
    doc = c.FPDF_LoadMemDocument64(data, len(data), None)
    n = c.FPDF_GetPageCount(doc)
    for i in range(n):
        page = c.FPDF_LoadPage(doc, i)
        c.FPDFText_ClosePage(c.FPDFText_LoadPage(page))
        c.FPDF_ClosePage(page)
    c.FPDF_CloseDocument(doc)
    return n


def _reader_cpu() -> tuple[int, float]:
    """(pid, CPU seconds so far) of this thread's PDF reader process ((0, 0.0) when there is none):
    the scheduler's own count in nanoseconds (/proc/PID/schedstat), not clock ticks."""
    from unmark.extract.pdf import isolate

    r = getattr(isolate._local, "reader", None)
    if r is None:
        return 0, 0.0
    try:
        with open(f"/proc/{r.proc.pid}/schedstat") as fh:
            return r.proc.pid, int(fh.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0, 0.0


def cpu_now() -> tuple[int, float]:
    """(reader pid, CPU seconds used so far by this process, its finished subprocesses (pdftotext)
    and the PDF reader process)."""
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    pid, reader = _reader_cpu()
    return pid, time.process_time() + ch.ru_utime + ch.ru_stime + reader


def measure(files: list[Path], tools: dict, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Per tool the wall-clock and the CPU seconds summed over files, per file the best of
    ``repeat`` interleaved runs (every tool on a file, then the next file: robust against a busy
    shared machine). A run whose reader process was started again has no CPU figure of its own."""
    per: dict[tuple[str, Path], float] = {}
    cpu: dict[tuple[str, Path], float] = {}
    for _ in range(repeat):
        for f in files:
            for name, fn in tools.items():
                # each tool starts on a collected heap: the cyclic garbage another tool left
                # (pypdf's object graphs) is not collected on the next tool's clock
                gc.collect()
                p0, c0 = cpu_now()
                t0 = time.perf_counter()
                fn(f)
                dt = time.perf_counter() - t0
                p1, c1 = cpu_now()
                per[(name, f)] = min(per.get((name, f), dt), dt)
                if p0 == p1:
                    cpu[(name, f)] = min(cpu.get((name, f), c1 - c0), c1 - c0)
    return ({name: sum(per[(name, f)] for f in files) for name in tools},
            {name: sum(cpu.get((name, f), per[(name, f)]) for f in files) for name in tools})


def phases(files: list[Path], repeat: int) -> dict[str, float]:
    """Where the time of an in-process PDFium parse goes: seconds per phase, per file the best of
    ``repeat``, summed over files. The stages run one by one over what the stage before left,
    as ``pipeline.run_stages`` runs them."""
    from unmark.extract.pdf import _extracted, read_raw_pages
    from unmark.pipeline import STAGES, ParseOptions, ParseState, run_stage

    opts = ParseOptions(backend="pdfium", isolate="never")
    per: dict[tuple[str, Path], float] = {}

    def timed(key, f, fn):
        gc.collect()
        t0 = time.process_time()   # CPU time: all of it in this process
        out = fn()
        dt = time.process_time() - t0
        per[(key, f)] = min(per.get((key, f), dt), dt)
        return out

    for k in range(repeat + 1):   # the first pass warms up (lazy resources), untimed
        if k == 1:
            per.clear()
        for f in files:
            timed("pdfium load", f, lambda: raw_pdfium_load(f))
            raws = timed("reader", f, lambda: read_raw_pages(f, backend="pdfium", isolate="never"))
            ex = timed("layout", f, lambda: _extracted(f, raws, "pdfium", None, 0.0, []))
            st = ParseState(ex=ex, opts=opts, name=str(f), fixes=tuple(ex.fixes), warnings=tuple(ex.warnings))
            for name, stage in STAGES:
                if name == "sentences" and not opts.sentences:
                    continue
                st = timed(name, f, lambda: run_stage(stage, st))
    keys = list(dict.fromkeys(k for k, _ in per))   # ("layout" is no stage name: "lines" is one)
    out = {k: sum(per[(k, f)] for f in files) for k in keys}
    out["reader"] -= out["pdfium load"]   # the reader beyond PDFium's own page and text page loads
    return out


PHASE_LABELS = {
    "pdfium load": "PDFium page load + text page (C; no text asked)",
    "reader": "the reader beyond that: glyph runs, rules, links, font and content checks",
    "layout": "lines in reading order (layout)",
}
STAGE_GROUPS = (   # stages of the parse, shown in groups of neighbours
    ("stages: PDF zones and line breaks (pdf_furniture, pdf_notes, pdf_breaks)", ("pdf_furniture", "pdf_notes", "pdf_breaks")),
    ("stages: zones, contents, lines (glyphs ... lines)", ("glyphs", "furniture", "notes_end", "endnotes", "contents",
                                                         "plain_notes", "lines")),
    ("stage: document language", ("language",)),
    ("stages: front matter, structure, footnotes (front ... footnotes)", ("front", "marker_gaps", "structure", "footnotes")),
    ("stage: joins (lines joined, hyphens, URLs)", ("joins",)),
    ("stage: markers", ("markers",)),
    ("stage: blocks (block language, symbols, boxes)", ("blocks",)),
    ("stages: sentences, links, metadata", ("sentences", "links", "metadata")),
)


INSTR_TOOLS = {   # one pass in process under callgrind: instructions, the same on a busy machine as on an idle one
    "PDFium page load + text page": "pdfium load",
    "raw pypdfium2 text": "raw pdfium",
    "unmark, pdfium, reader in process (isolate=never)": "unmark pdfium in process",
    "PDF read + lines in reading order only, pdfium (`extract_pdf`, in process)": "read+lines pdfium in process",
}


def _cg_child(tool: str, files: list[Path]) -> None:
    """Run under callgrind (instrumentation off at the start): warm up, then count one pass of
    ``tool`` over ``files`` (callgrind_control switches the instrumentation on and off)."""
    fn = {"pdfium load": raw_pdfium_load, "raw pdfium": raw_pdfium,
          "unmark pdfium in process": TOOLS["unmark pdfium in process"],
          "read+lines pdfium in process": lambda p: len(extract_pdf(p, backend="pdfium", isolate="never").pages)}[tool]
    for f in files:
        fn(f)
    gc.collect()
    gc.disable()   # (a collection lands where the allocation count says: not part of the comparison)
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True, check=False)
    for f in files:
        fn(f)
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], capture_output=True, check=False)


def instructions(files: list[Path]) -> dict[str, int] | None:
    """Instructions of one in-process pass of each :data:`INSTR_TOOLS` tool, counted by valgrind's
    callgrind (None without valgrind). Slow: about a minute a tool."""
    import tempfile

    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        return None
    out: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, tool in INSTR_TOOLS.items():
            cg = Path(tmp) / f"{tool.replace(' ', '_')}.out"
            subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={cg}",
                            sys.executable, str(Path(__file__).resolve()), "--cg-child", tool, *map(str, files)],
                           capture_output=True, check=True)
            totals = [ln for ln in cg.read_text().splitlines() if ln.startswith(("totals:", "summary:"))]
            out[label] = max([int(ln.split()[1]) for ln in totals] or [0])
            if not out[label]:   # callgrind_control could not switch the counting on
                print(f"note: no instructions counted for {label}")
                return None
            print(f"  {label}: {out[label] / 1e6:.0f} M instructions")
    return out


def median(xs: list[float]) -> float:
    xs = sorted(xs)
    k = len(xs) // 2
    return xs[k] if len(xs) % 2 else (xs[k - 1] + xs[k]) / 2


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=1, help="measure N times; report the median of the rounds")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions of one in-process pass under valgrind's callgrind (slow)")
    ap.add_argument("--cg-child", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    files = [Path(f) for f in a.files]
    if a.cg_child:
        _cg_child(a.cg_child, files)
        return 0
    if not files:
        hd = Path(a.shared) / "corpus/huridocs/pdfs"
        if hd.is_dir():
            files += sorted(hd.glob("*.pdf"))
        else:
            print(f"note: {hd} not found; timing the committed fixtures only")
        files += sorted((ROOT / "tests/pdf/fixtures").glob("*.pdf"))
    tools = dict(TOOLS)
    has_pdfium = True
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        has_pdfium = False
        for k in ("unmark pdfium", "unmark pdfium in process", "unmark pdfium L", "read+lines pdfium", "raw pdfium"):
            tools.pop(k)
        print("note: pypdfium2 not installed; pdfium columns skipped")
    if not shutil.which("pdftotext"):
        tools.pop("pdftotext")
    npages = sum(pages_of(f) for f in files)
    print(f"machine: {machine()}")
    print(f"files: {len(files)}, pages: {npages}, best of {a.repeat}, {a.rounds} round(s), one process, one thread\n")
    for f in files:  # warm up imports and caches
        for fn in tools.values():
            fn(f)
        break
    rounds: list[dict[str, float]] = []
    cpu_rounds: list[dict[str, float]] = []
    phase_rounds: list[dict[str, float]] = []
    loads: list[tuple[float, float]] = []
    for r in range(a.rounds):
        l0 = os.getloadavg()[0]
        wall, cpu = measure(files, tools, a.repeat)
        rounds.append(wall)
        cpu_rounds.append(cpu)
        if has_pdfium:
            phase_rounds.append(phases(files, a.repeat))
        loads.append((l0, os.getloadavg()[0]))
        if a.rounds > 1:
            extra = (f", unmark pdfium {npages / wall['unmark pdfium']:.0f} pages/s, "
                     f"{npages / cpu['unmark pdfium']:.0f} pages/s of CPU") if has_pdfium else ""
            print(f"round {r + 1}: load {l0:.1f} -> {loads[-1][1]:.1f}{extra}")
    best = {name: median([rd[name] for rd in rounds]) for name in tools}
    best_cpu = {name: median([rd[name] for rd in cpu_rounds]) for name in tools}
    base = best["raw pypdf"]
    print(f"{'tool':26} {'seconds':>8} {'pages/s':>8} {'x raw pypdf':>12} {'CPU s':>8} {'pages/s CPU':>12}")
    for name, t in best.items():
        print(f"{name:26} {t:8.3f} {npages / t:8.1f} {t / base:12.2f} {best_cpu[name]:8.3f} {npages / best_cpu[name]:12.1f}")
    r1 = best["unmark pypdf"] / base
    r1_cpu = best_cpu["unmark pypdf"] / best_cpu["raw pypdf"]
    print(f"\nunmark(pypdf) / raw pypdf = {r1:.2f}, in CPU time {r1_cpu:.2f}  (target <= 1.25)")
    print(f"unmark(pypdf, lang given, no sentences) / raw pypdf = {best['unmark pypdf L'] / base:.2f}")
    print(f"read+lines(pypdf) / raw pypdf = {best['read+lines pypdf'] / base:.2f}  (reading and lines only)")
    if has_pdfium:
        pps, pps_cpu = npages / best["unmark pdfium"], npages / best_cpu["unmark pdfium"]
        raw_pps_cpu = npages / best_cpu["raw pdfium"]
        print(f"unmark(pdfium): {pps_cpu:.0f} pages/s on one core (CPU time; target >= 200), {pps:.0f} pages/s "
              f"wall-clock; {best_cpu['raw pdfium'] / best_cpu['unmark pdfium']:.2f} of raw pypdfium2 "
              f"({raw_pps_cpu:.0f} pages/s CPU; wall-clock {best['raw pdfium'] / best['unmark pdfium']:.2f} "
              f"of {npages / best['raw pdfium']:.0f})")
        print(f"unmark(pdfium, lang given, no sentences): {npages / best_cpu['unmark pdfium L']:.0f} pages/s CPU")
        print(f"read+lines(pdfium): {npages / best_cpu['read+lines pdfium']:.0f} pages/s CPU  (reading and lines only)")
        iso = best_cpu["unmark pdfium"] / best_cpu["unmark pdfium in process"]
        print(f"reader process / in process, pdfium: {iso:.3f} CPU, "
              f"{best['unmark pdfium'] / best['unmark pdfium in process']:.3f} wall-clock")
    iso_pypdf = best["unmark pypdf"] / best["unmark pypdf in process"]
    print(f"reader process / in process, pypdf: {iso_pypdf:.3f}")
    labels = {
        "raw pypdf": "raw pypdf `extract_text()`",
        "unmark pypdf": "unmark, pypdf",
        "unmark pdfium": "unmark, pdfium",
        "unmark pdfium in process": "unmark, pdfium, reader in process (isolate=never)",
        "unmark pypdf in process": "unmark, pypdf, reader in process (isolate=never)",
        "unmark pypdf L": "unmark, pypdf, language given, no sentences",
        "unmark pdfium L": "unmark, pdfium, language given, no sentences",
        "read+lines pypdf": "PDF read + lines in reading order only, pypdf (`extract_pdf`; no zones, breaks or back half)",
        "read+lines pdfium": "PDF read + lines in reading order only, pdfium (`extract_pdf`)",
        "raw pdfium": "raw pypdfium2 text",
        "pdftotext": "pdftotext -layout (subprocess)",
    }
    tables = [table("speed", "PDF speed", ["tool", "seconds", "pages/s", "x raw pypdf", "CPU seconds",
                                           "pages/s on one core (CPU)"],
                    [[labels.get(n, n), round(t, 3), round(npages / t), round(t / base, 2), round(best_cpu[n], 3),
                      round(npages / best_cpu[n])] for n, t in best.items()])]
    if has_pdfium:
        ph = {k: median([pr[k] for pr in phase_rounds]) for k in phase_rounds[0]}
        rows = [[PHASE_LABELS[k], ph[k]] for k in ("pdfium load", "reader", "layout")]
        rows += [[label, sum(ph.get(s, 0.0) for s in names)] for label, names in STAGE_GROUPS]
        total = sum(r[1] for r in rows)
        # (the median of each round's own difference: the two medians apart may come from
        # rounds of different load)
        rows.append(["the reader process (isolated parse minus in-process parse, CPU of both processes, same round)",
                     median([rd["unmark pdfium"] - rd["unmark pdfium in process"] for rd in cpu_rounds])])
        whole = best_cpu["unmark pdfium"]
        print(f"\nwhere the CPU time of unmark(pdfium) goes (in process, phases timed apart: {total:.3f} s):")
        for label, t in rows:
            print(f"  {t * 1000:8.1f} ms  {100 * t / whole:5.1f}%  {label}")
        tables.append(table("phases", "Where the CPU time of unmark(pdfium) goes", ["phase", "ms", "ms a page", "share"],
                            [[label, round(t * 1000, 1), round(t * 1000 / npages, 2), f"{100 * t / whole:.0f}%"]
                             for label, t in rows]))
    loads_s = ", ".join(f"{x:.1f}->{y:.1f}" for x, y in loads)
    notes = [f"{len(files)} files, {npages} pages; per file the best of {a.repeat} interleaved runs, summed"
             + (f"; the median of {a.rounds} rounds" if a.rounds > 1 else "")
             + f"; one process, one thread (the reader process is a second process, not pinned; its CPU time is "
             f"counted in the CPU columns); load average (1 min) at the start and end of each round: {loads_s} on "
             f"{os.cpu_count()} cores",
             f"the PDF reader process (default: PDFium always, pypdf under the default deadline) costs "
             f"{(iso_pypdf - 1) * 100:+.1f}% on pypdf"
             + (f" and {(best['unmark pdfium'] / best['unmark pdfium in process'] - 1) * 100:+.1f}% on pdfium "
                f"({(best_cpu['unmark pdfium'] / best_cpu['unmark pdfium in process'] - 1) * 100:+.1f}% in CPU time)"
                if has_pdfium else "") + " against the same parse in process (same run)",
             f"targets: unmark(pypdf) <= 1.25 x raw pypdf (measured {r1:.2f}; {r1_cpu:.2f} in CPU time)"
             + (f"; unmark(pdfium) >= 200 pages/s on one core (measured {pps_cpu:.0f} pages/s of CPU time, "
                f"{best_cpu['raw pdfium'] / best_cpu['unmark pdfium']:.2f} of raw pypdfium2's {raw_pps_cpu:.0f} in the "
                f"same run; wall-clock {pps:.0f} pages/s, {best['raw pdfium'] / best['unmark pdfium']:.2f} of raw "
                f"pypdfium2's {npages / best['raw pdfium']:.0f})"
                if has_pdfium else "")]
    if a.rounds > 1 and has_pdfium:
        notes.append("unmark(pdfium) pages/s in each round, CPU time: "
                     + ", ".join(f"{npages / rd['unmark pdfium']:.0f}" for rd in cpu_rounds)
                     + "; wall-clock: " + ", ".join(f"{npages / rd['unmark pdfium']:.0f}" for rd in rounds))
    if a.instructions and has_pdfium:
        print("\ninstructions of one pass in process (valgrind callgrind):")
        ins = instructions(files)
        if ins is None:
            print("note: valgrind not found; no instruction counts")
        else:
            raw_i, um = ins["raw pypdfium2 text"], ins["unmark, pdfium, reader in process (isolate=never)"]
            tables.append(table("instructions", "Instructions of one pass, in process (valgrind callgrind)",
                                ["tool", "million instructions", "million a page", "x raw pypdfium2"],
                                [[k, round(v / 1e6), round(v / 1e6 / npages, 1), round(v / raw_i, 2)]
                                 for k, v in ins.items()]))
            notes.append(f"instructions (callgrind, one pass in process, the same on a busy machine): unmark(pdfium) "
                         f"{um / 1e6:.0f} M, {raw_i / um:.2f} of raw pypdfium2's {raw_i / 1e6:.0f} M; PDFium's page "
                         f"load and text page alone {ins['PDFium page load + text page'] / 1e6:.0f} M")
    write_results("pdf_speed", tables, notes=notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
