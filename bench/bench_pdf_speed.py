"""PDF speed, side by side in one process on the same files (not a test).

    python bench/bench_pdf_speed.py [--repeat 3] [--shared ../shared] [FILE.pdf ...]

Columns (seconds; per file the best of --repeat interleaved runs, summed over files):
  raw pypdf        PdfReader + page.extract_text() for every page
  unmark pypdf     unmark.parse(path, backend="pypdf")          (extraction + the shared back half)
  unmark pdfium    unmark.parse(path, backend="pdfium")    (the PDF reader in its reader process)
  unmark X in process  the same with isolate="never": the reader process's cost is the difference
  unmark X L       the same with the language given and no sentence split (the back half's
                   language identification is most of its cost)
  extract pypdf    unmark.extract.pdf.extract_pdf(...)          (this package alone: runs + layout)
  extract pdfium
  raw pdfium       pypdfium2 text page get_text_bounded() for every page
  pdftotext        poppler, subprocess, -layout
Targets: unmark(pypdf) <= 1.25 x raw pypdf; unmark(pdfium) >= 200 pages/s on one core.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
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
    "extract pypdf": lambda p: len(extract_pdf(p, backend="pypdf").pages),
    "extract pdfium": lambda p: len(extract_pdf(p, backend="pdfium").pages),
    "raw pdfium": raw_pdfium,
    "pdftotext": pdftotext,
}


def pages_of(p: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(p)).pages)


def machine() -> str:
    cpu = cpu_model(platform.processor() or platform.machine())
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; {platform.system()}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    files = [Path(f) for f in a.files]
    if not files:
        hd = Path(a.shared) / "corpus/huridocs/pdfs"
        if hd.is_dir():
            files += sorted(hd.glob("*.pdf"))
        else:
            print(f"note: {hd} not found; timing the committed fixtures only")
        files += sorted((ROOT / "tests/pdf/fixtures").glob("*.pdf"))
    tools = dict(TOOLS)
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        for k in ("unmark pdfium", "unmark pdfium in process", "unmark pdfium L", "extract pdfium", "raw pdfium"):
            tools.pop(k)
        print("note: pypdfium2 not installed; pdfium columns skipped")
    if not shutil.which("pdftotext"):
        tools.pop("pdftotext")
    npages = sum(pages_of(f) for f in files)
    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(f"machine: {machine()}")
    print(f"files: {len(files)}, pages: {npages}, best of {a.repeat}, one process, one thread\n")
    for f in files:  # warm up imports and caches
        for fn in tools.values():
            fn(f)
        break
    # interleaved: every tool on a file, then the next file; per (tool, file) the best of
    # --repeat runs, summed over files (robust against a busy shared machine)
    per: dict[tuple[str, Path], float] = {}
    for _ in range(a.repeat):
        for f in files:
            for name, fn in tools.items():
                # each tool starts on a collected heap: the cyclic garbage another tool left
                # (pypdf's object graphs) is not collected on the next tool's clock
                gc.collect()
                t0 = time.perf_counter()
                fn(f)
                dt = time.perf_counter() - t0
                per[(name, f)] = min(per.get((name, f), dt), dt)
    best = {name: sum(per[(name, f)] for f in files) for name in tools}
    base = best["raw pypdf"]
    print(f"{'tool':16} {'seconds':>8} {'pages/s':>8} {'x raw pypdf':>12}")
    for name, t in best.items():
        print(f"{name:16} {t:8.3f} {npages / t:8.1f} {t / base:12.2f}")
    r1 = best["unmark pypdf"] / base
    print(f"\nunmark(pypdf) / raw pypdf = {r1:.2f}  (target <= 1.25)")
    print(f"unmark(pypdf, lang given, no sentences) / raw pypdf = {best['unmark pypdf L'] / base:.2f}")
    print(f"extract(pypdf) / raw pypdf = {best['extract pypdf'] / base:.2f}  (this package alone)")
    if "unmark pdfium" in best:
        print(f"unmark(pdfium): {npages / best['unmark pdfium']:.0f} pages/s  (target >= 200); "
              f"{best['raw pdfium'] / best['unmark pdfium']:.2f} of raw pypdfium2 ({npages / best['raw pdfium']:.0f} pages/s)")
        print(f"unmark(pdfium, lang given, no sentences): {npages / best['unmark pdfium L']:.0f} pages/s")
        print(f"extract(pdfium): {npages / best['extract pdfium']:.0f} pages/s  (this package alone)")
        iso = best["unmark pdfium"] / best["unmark pdfium in process"]
        print(f"reader process / in process, pdfium: {iso:.3f}")
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
        "extract pypdf": "extraction + layout only, pypdf (`extract_pdf`)",
        "extract pdfium": "extraction + layout only, pdfium",
        "raw pdfium": "raw pypdfium2 text",
        "pdftotext": "pdftotext -layout (subprocess)",
    }
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    notes = [f"{len(files)} files, {npages} pages; per file the best of {a.repeat} interleaved runs, summed; "
             f"one process, one thread" + (f"; load average {load0:.1f} at the start, {load:.1f} at the end" if load is not None else ""),
             f"the PDF reader process (default: PDFium always, pypdf under the default deadline) costs "
             f"{(iso_pypdf - 1) * 100:+.1f}% on pypdf"
             + (f" and {(best['unmark pdfium'] / best['unmark pdfium in process'] - 1) * 100:+.1f}% on pdfium"
                if "unmark pdfium" in best else "") + " against the same parse in process (same run)",
             f"targets: unmark(pypdf) <= 1.25 x raw pypdf (measured {r1:.2f})"
             + (f"; unmark(pdfium) >= 200 pages/s (measured {npages / best['unmark pdfium']:.0f}, "
                f"{best['raw pdfium'] / best['unmark pdfium']:.2f} of raw pypdfium2's "
                f"{npages / best['raw pdfium']:.0f} pages/s in the same run)"
                if "unmark pdfium" in best else "")]
    write_results("pdf_speed", [table("speed", "PDF speed", ["tool", "seconds", "pages/s", "x raw pypdf"],
                                      [[labels.get(n, n), round(t, 3), round(npages / t), round(t / base, 2)]
                                       for n, t in best.items()])], notes=notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
