"""Hostile corpus and fuzzing, side by side on both backends (not a test).

    python bench/bench_hostile.py [--out DIR] [--timeout 10] [--fuzz 10000] [--skip-fuzz]

1. Every hostile PDF class of tests/hostile/generators.py, generated into a temporary folder,
   parsed with ``unmark.parse(path, backend=B, timeout=T)`` in a fresh process per file and
   backend: the outcome (a document or an error code), the wall time and the peak memory of the
   whole process tree (the caller and its PDF reader process, ru_maxrss). Targets: every file a
   coded error or a document within 2 x the deadline and within 1.5 GB.
2. Layout of identical runs on one baseline (20,000 / 40,000 / 120,000 runs), in process; the
   calling process's memory and time on inputs that multiply what it builds (table caller).
3. The hostile PDFs through ``unmark batch``: every file a coded record (E250 for a reader over
   its memory cap, never E514, a dead worker).
4. The cost of the reader process on real PDFs, and real documents against the default deadline.
5. A fuzz run over the API, every writer and the command line (--fuzz inputs, default 10,000; each
   also through ``unmark parse`` in process, every 100th in a real process): tracebacks counted
   (target 0); idempotence strictly and under the documented rules (tests/test_properties.py).
Results: bench/results/hostile.json (tables: hostile, runs, caller, batch, overhead, deadline, fuzz).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchutil import write_results  # noqa: E402
from hostile import generators as G  # noqa: E402

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
import unmark
from unmark.errors import UnmarkError
t = time.perf_counter()
try:
    doc = unmark.parse_file({path!r}, backend={backend!r}, timeout={timeout!r})
    doc.to_json()
    out = {{"outcome": "document", "code": None, "warnings": sorted({{w.code for w in doc.warnings}})}}
except UnmarkError as exc:
    out = {{"outcome": "error", "code": exc.code, "warnings": []}}
out["seconds"] = time.perf_counter() - t
from unmark.extract.pdf import isolate
def hwm(pid="self"):
    try:
        for line in open(f"/proc/{{pid}}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
r = getattr(isolate._local, "reader", None)
reader = hwm(r.proc.pid) if r is not None and r.alive() else 0.0
out["peak_mb"] = round(max(hwm(), reader, isolate.last_peak_mb()))
print(json.dumps(out))
"""


def run_one(path: Path, backend: str, timeout: float) -> dict:
    code = CHILD.format(root=str(ROOT), path=str(path), backend=backend, timeout=timeout)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=max(60.0, 6 * timeout))
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return {"outcome": "HUNG", "code": None, "seconds": time.perf_counter() - t0, "peak_mb": None, "warnings": []}
    wall = time.perf_counter() - t0
    res = {"outcome": "CRASH", "code": f"rc={proc.returncode}", "warnings": [], "stderr": err.decode()[-300:]}
    for line in out.decode().splitlines()[::-1]:
        if line.startswith("{"):
            res = json.loads(line)
            break
    res["wall"] = wall
    res.setdefault("seconds", wall)
    return res


# the adversarial family's longer expressions (evaluated in the child)
G_FOOTNOTES_ONE_PAGE = ("'1. ' + ''.join(f'Text{i} ' for i in range(1, 70_001)) + '\\n__________\\n' "
                        "+ ''.join(f'{i} Note {i}.\\n' for i in range(1, 70_001))")
G_FOOTNOTES_PAGES = "''.join(f'{i}. The Assembly decides.{i}\\n__________\\n{i} See A/{i}.\\n\\f' for i in range(1, 37_001))"
G_MIXED = ("''.join(['大会决定将该项目列入议程。', 'قررت الجمعية العامة إدراج البند. ', 'Ассамблея постановляет включить пункт. ', "
           "'The Assembly decides to include the item. ', \"L'Assemblée décide d'inscrire la question. \", "
           "'La Asamblea decide incluir el tema. '][i % 6] * 4 + '\\n\\n' for i in range(74_000))")

CALLER_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
import unmark
from unmark.errors import UnmarkError
kind, arg = {kind!r}, {arg!r}
t = time.perf_counter()
try:
    if kind == "text":
        doc = unmark.parse_text(eval(arg))
    else:
        doc = unmark.parse_file(arg[0], backend=arg[1])
    doc.to_json()
    out = {{"outcome": "document", "code": None}}
except UnmarkError as exc:
    out = {{"outcome": "error", "code": exc.code}}
out["seconds"] = time.perf_counter() - t
# VmHWM: this process's own peak (ru_maxrss would keep the peak of the benchmark process it was
# forked from, across the exec)
out["peak_mb"] = next((int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")),
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""

TEXT_AMPLIFIERS = [
    # (name, expression building the text in the child)
    ("a page and a block per character: 'a\\f' x 145,000 (just under the line cap)", "'a\\f' * 145_000"),
    ("a block per line: 'a\\n\\n' x 75,001 (over the line cap)", "'a\\n\\n' * 75_001"),
    ("two-word sentences 'A b. ', 8 MB", "'A b. ' * 1_600_000"),
    ("two-word sentences 'A b. ', 16 MB (the size cap)", "'A b. ' * 3_355_000"),
    ("one-character Chinese sentences '决。', 16 MB", "'决。' * 2_796_000"),
    ("inline symbols 'A/1 ', 2 MB (was quadratic)", "'A/1 ' * 500_000"),
    ("over the size cap: 17 MB", "'x ' * 8_912_896"),
    # the adversarial family: each at the size or line cap
    ("one huge line without a break: 'x' x 16.7 million", "'x' * 16_700_000"),
    ("one huge Chinese line without punctuation: '大' x 5.59 million (16 MB)", "'大' * 5_590_000"),
    ("one huge line of two-letter words: 'ab ' x 5.59 million (16 MB; was a MemoryError of the regex engine)", "'ab ' * 5_590_000"),
    ("one huge line of two-word sentences 'Ab cd. ', 16 MB", "'Ab cd. ' * 2_396_000"),
    ("many tiny lines: 'a\\n' x 149,999", "'a\\n' * 149_999"),
    ("numbered one-word paragraphs '1. a' ... '74999. a', a blank line between", "''.join(f'{i}. a\\n\\n' for i in range(1, 75_000))"),
    ("many footnotes on one page: 70,000 markers and their notes", G_FOOTNOTES_ONE_PAGE),
    ("many footnotes: 37,000 pages, a marked paragraph and its note each", G_FOOTNOTES_PAGES),
    ("mixed scripts: 74,000 paragraphs of Chinese, Arabic, Russian, English, French and Spanish (15 MB)", G_MIXED),
]


def caller_table(tmp: Path) -> dict:
    """The caller's memory and time on inputs built to multiply what the caller builds, with every
    default (the default deadline, the build budget, the caps): a document or a coded error within
    2x the deadline and 1.5 GB (peak resident memory of the calling process, rendering included)."""
    from unmark import limits
    from unmark.extract.pdf import isolate  # noqa: F401

    rows = []

    def run(kind, arg, deadline_s):
        code = CALLER_CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), kind=kind, arg=arg)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=max(120, 4 * deadline_s))
        line = [x for x in proc.stdout.decode().splitlines() if x.startswith("{")]
        return json.loads(line[-1]) if line else {"outcome": "CRASH", "code": f"rc={proc.returncode}", "seconds": 0, "peak_mb": 0}

    for name, expr in TEXT_AMPLIFIERS:
        chars = len(eval(expr))  # noqa: S307 - our own expressions
        dl = max(limits.AUTO_BASE_S, limits.AUTO_PER_MB_S * chars / 1e6)
        r = run("text", expr, dl)
        ok = r["outcome"] in ("document", "error") and r["seconds"] <= 2 * dl and r["peak_mb"] <= 1536
        rows.append([name, "text", r["outcome"], r["code"] or "", round(r["seconds"], 1), round(dl), round(r["peak_mb"]), "yes" if ok else "NO"])
        print(rows[-1], flush=True)
    for pages in (198, 250):
        path = G.shared_page_text(tmp / f"shared_{pages}.pdf", pages=pages)
        dl = max(limits.AUTO_BASE_S, limits.AUTO_PER_PAGE_S * pages)
        for backend in ("pypdf", "pdfium"):
            r = run("pdf", (str(path), backend), dl)
            ok = r["outcome"] in ("document", "error") and r["seconds"] <= 2 * dl and r["peak_mb"] <= 1536
            rows.append([f"one 100,000-character content stream drawn by {pages} pages ({pages / 10:g} million characters, "
                         f"{path.stat().st_size // 1000} KB)", backend, r["outcome"], r["code"] or "", round(r["seconds"], 1),
                         round(dl), round(r["peak_mb"]), "yes" if ok else "NO"])
            print(rows[-1], flush=True)
    return {"id": "caller", "title": "The calling process on inputs that multiply what it builds (every default; parse and to_json in a fresh process)",
            "columns": ["input", "backend", "outcome", "code", "seconds", "default deadline s", "peak MB of the caller",
                        "within 2x deadline and 1.5 GB"], "rows": rows}


def hostile_table(tmp: Path, timeout: float, classes: list[str]) -> dict:
    rows = []
    for name in classes:
        path = G.PDF_CLASSES[name](tmp / f"{name}.pdf")
        size = path.stat().st_size
        disk = os.stat(path).st_blocks * 512
        for backend in ("pypdf", "pdfium"):
            r = run_one(path, backend, timeout)
            ok = r["outcome"] in ("document", "error") and r["seconds"] <= 2 * timeout and (r.get("peak_mb") or 0) <= 1536
            rows.append([name, backend, f"{size / 1e6:.3f}" if size < 1e9 else f"{size / 1e9:.1f} GB (sparse, {disk // 1024} KB on disk)",
                         r["outcome"], r.get("code") or ", ".join(r.get("warnings", [])) or "",
                         round(r["seconds"], 2), round(r["wall"], 2), r.get("peak_mb"), "yes" if ok else "NO"])
            print(rows[-1], flush=True)
    return {"id": "hostile", "title": f"Hostile PDFs, unmark.parse(path, backend, timeout={timeout:g}) in a fresh process",
            "columns": ["class", "backend", "file MB", "outcome", "code / warnings", "parse s", "process wall s (with start-up)",
                        "peak MB (caller or reader)", "within 2x deadline and 1.5 GB"],
            "rows": rows}


def runs_table() -> dict:
    from unmark.extract.pdf.layout import layout
    from unmark.extract.pdf.runs import RawPage, Run

    rows = []
    for n in (20_000, 40_000, 120_000):
        raw = RawPage(1, 612, 792)
        raw.runs = [Run("x", 10 + 2 * (i % 290), 400.0, 10 + 2 * (i % 290) + 5, 10.0, "Helvetica") for i in range(n)]
        t = time.perf_counter()
        layout([raw])
        rows.append([n, round(time.perf_counter() - t, 3)])
        print(rows[-1], flush=True)
    return {"id": "runs", "title": "Layout of identical one-character runs on one baseline (in process)",
            "columns": ["runs", "layout s"], "rows": rows}


def overhead_table(repeat: int, shared: Path) -> dict:
    """The cost of the limits on real documents: the same files parsed with the reader in process
    and in its reader process (best of ``repeat`` interleaved runs), and the content check alone."""
    import gc

    import unmark
    from unmark.extract.pdf.content_guard import check_content

    files = sorted((shared / "corpus/huridocs/pdfs").glob("*.pdf")) if (shared / "corpus/huridocs/pdfs").is_dir() else []
    files += sorted((ROOT / "tests/pdf/fixtures").glob("*.pdf"))
    pages = sum(unmark.parse_file(f, isolate="never").page_count for f in files)
    modes = [("pdfium", "in process (isolate=never)", dict(backend="pdfium", isolate="never")),
             ("pdfium", "reader process (default)", dict(backend="pdfium")),
             ("pypdf", "in process (isolate=never)", dict(backend="pypdf", isolate="never")),
             ("pypdf", "reader process (default: the default deadline)", dict(backend="pypdf"))]
    best = {k: [1e9] * len(files) for k in range(len(modes))}
    for _ in range(repeat):
        for i, f in enumerate(files):
            for k, (_, _, kw) in enumerate(modes):
                gc.collect()
                t = time.perf_counter()
                unmark.parse_file(f, **kw)
                best[k][i] = min(best[k][i], time.perf_counter() - t)
    rows = []
    for k, (be, how, _) in enumerate(modes):
        secs = sum(best[k])
        base = sum(best[k - 1 if k % 2 else k])
        rows.append([be, how, round(secs, 3), round(pages / secs, 1), round(secs / base, 3)])
    t = time.perf_counter()
    for f in files:
        check_content(f.read_bytes())
    secs = time.perf_counter() - t
    rows.append(["pdfium", "content check alone (E252-E256)", round(secs, 3), round(pages / secs, 1), None])
    return {"id": "overhead", "title": f"Cost of the limits on {len(files)} real PDFs, {pages} pages (best of {repeat}, whole unmark.parse)",
            "columns": ["backend", "reader", "seconds", "pages/s", "x in process"], "rows": rows}


def deadline_table(shared: Path) -> dict:
    """Real documents against the default deadline: the slowest seconds a page (PDF) and a
    megabyte (text), and how far each stays below its default deadline."""
    import unmark
    from unmark import limits

    rows = []
    pdfs = sorted((shared / "corpus/huridocs/pdfs").glob("*.pdf")) if (shared / "corpus/huridocs/pdfs").is_dir() else []
    pdfs += sorted((ROOT / "tests/pdf/fixtures").glob("*.pdf"))
    for backend in ("pypdf", "pdfium"):
        worst_page = worst_share = 0.0
        for f in pdfs:
            t = time.perf_counter()
            doc = unmark.parse_file(f, backend=backend)
            secs = time.perf_counter() - t
            allowed = max(limits.AUTO_BASE_S, limits.AUTO_PER_PAGE_S * doc.page_count)
            worst_page = max(worst_page, secs / doc.page_count)
            worst_share = max(worst_share, secs / allowed)
        rows.append([f"{len(pdfs)} real PDFs", backend, f"{worst_page:.3f} s a page", f"{worst_share * 100:.2f}%"])
    texts = sorted((shared / "corpus/seed").glob("*.txt")) + sorted((shared / "corpus/un_ga_55_100").glob("*.txt"))
    worst_mb = worst_share = 0.0
    for f in texts:
        t = time.perf_counter()
        unmark.parse_file(f)
        secs = time.perf_counter() - t
        mb = f.stat().st_size / 1e6
        worst_mb = max(worst_mb, secs / mb)
        worst_share = max(worst_share, secs / max(limits.AUTO_BASE_S, limits.AUTO_PER_MB_S * mb))
    rows.append([f"{len(texts)} real texts (seed, GA resolution in six languages)", "text", f"{worst_mb:.1f} s a MB",
                 f"{worst_share * 100:.2f}%"])
    if texts:  # a long real text: the seed document twenty times over (page furniture and all)
        big = "\f".join([texts[0].read_text(encoding="utf-8")] * 20)
        t = time.perf_counter()
        unmark.parse_text(big)
        secs = time.perf_counter() - t
        mb = len(big.encode("utf-8")) / 1e6
        rows.append([f"the seed text 20 times over ({mb:.1f} MB)", "text", f"{secs / mb:.1f} s a MB",
                     f"{secs / max(limits.AUTO_BASE_S, limits.AUTO_PER_MB_S * mb) * 100:.2f}%"])
    return {"id": "deadline", "title": f"Real documents against the default deadline ({limits.AUTO_BASE_S:g} s, or "
                                       f"{limits.AUTO_PER_PAGE_S:g} s a PDF page / {limits.AUTO_PER_MB_S:g} s a MB of text when more)",
            "columns": ["documents", "backend", "slowest", "largest share of its default deadline used"], "rows": rows}


def batch_table(tmp: Path, timeout: float, classes: list[str]) -> dict:
    """The hostile PDFs through ``unmark batch`` (one worker): each file's record, never a dead worker."""
    from unmark.batch import BatchOptions, read_manifest, run_batch

    rows = []
    for backend in ("pypdf", "pdfium"):
        inp, out = tmp / f"batch_in_{backend}", tmp / f"batch_out_{backend}"
        inp.mkdir()
        for name in classes:
            if name != "sparse_huge":
                G.PDF_CLASSES[name](inp / f"{name}.pdf")
        t = time.perf_counter()
        run_batch(inp, out, BatchOptions(backend=backend, timeout=timeout, memory_mb=1536))
        secs = time.perf_counter() - t
        recs = {r["file"]: r for r in read_manifest(out / "manifest.jsonl")}
        for name in classes:
            r = recs.get(f"{name}.pdf")
            if r is not None:
                rows.append([name, backend, r["status"], r.get("code") or "", r.get("seconds")])
        print(f"batch {backend}: {secs:.1f} s", flush=True)
    return {"id": "batch", "title": f"Hostile PDFs through unmark batch (timeout={timeout:g}, --memory-mb 1536, one worker)",
            "columns": ["class", "backend", "status", "code", "seconds"], "rows": rows}


# --------------------------------------------------------------------------- fuzz
ALPHABET = (list("abc xyz 0123456789.,;:()[]/-\n\n\t\r\f") + list("大会决定秘书长。、，") + list("БВГДабв") + list("ابت")
            + ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\ud800", "\udfff", "\u202e",
               "=", "+", "@", "<", ">", "&", "\"", "'", "<script>", "=HYPERLINK(\"x\")", "1. ", "(a) ", "I. ", "*", "\u3000"])


def fuzz_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:  # one line, long: the old path-or-text guess
        return "".join(rng.choice(ALPHABET[:40]) for _ in range(rng.randint(1, 400))).replace("\n", " ")
    n = rng.randint(1, 300)
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def fuzz_table(n: int, tmp: Path) -> tuple[dict, list[str]]:
    import unmark
    from unmark.align import align
    from unmark.align.export import write
    from unmark.errors import UnmarkError

    from unmark import cli

    from test_properties import rule_gap

    rng = random.Random(18)
    cli_runs = sub_runs = 0
    idem_rule = 0
    tracebacks: list[str] = []
    docs = errors = idem_checked = idem_diff = 0
    t0 = time.perf_counter()
    prev = None
    for i in range(n):
        text = fuzz_text(rng)
        try:
            doc = unmark.parse(text) if i % 2 else unmark.parse_text(text)
            docs += 1
            doc.to_json().encode("utf-8")
            doc.to_markdown().encode("utf-8")
            doc.text().encode("utf-8")
            if i % 10 == 0:
                again = unmark.parse_text(doc.text()) if doc.text().strip() else None
                idem_checked += 1
                if again is not None and [b.text for b in again.blocks] != [b.text for b in doc.blocks]:
                    idem_diff += 1
                    if rule_gap(text if isinstance(text, str) else "") is not None:
                        idem_rule += 1
            if i % 50 == 0 and prev is not None:
                al = align(prev, doc)
                for ext in ("tmx", "tsv", "xlsx", "jsonl", "html"):
                    write(al, str(tmp / f"fuzz.{ext}"))
            prev = doc
        except UnmarkError:
            errors += 1
        except Exception:  # noqa: BLE001 - counted, the target is 0
            tracebacks.append(f"{text!r}: {traceback.format_exc(limit=3)[-600:]}")
        # every input also through the command line, in process (its whole code path: argument
        # handling, reading the file, the writers; no interpreter start-up); every 100th in a real
        # `python -m unmark` process, whose stderr must hold no traceback
        cli_runs += 1
        f = tmp / "fuzz_in.txt"
        f.write_bytes(text.encode("utf-8", "surrogatepass"))
        fmt = ("json", "md", "txt")[i % 3]
        if i % 100 == 50:
            sub_runs += 1
            r = subprocess.run([sys.executable, "-m", "unmark", "parse", str(f), "-o", str(tmp / f"fuzz_sub.{fmt}")],
                               capture_output=True, cwd=str(ROOT), env={**os.environ, "PYTHONPATH": str(ROOT)})
            if r.returncode not in (0, 1) or b"Traceback" in r.stderr:
                tracebacks.append(f"CLI process rc={r.returncode} on {text!r}: {r.stderr.decode(errors='replace')[-400:]}")
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                rc = cli.main(["parse", str(f), "-o", str(tmp / f"fuzz_out.{fmt}")])
            if rc not in (0, 1):
                tracebacks.append(f"CLI rc={rc} on {text!r}")
        except SystemExit as exc:
            if exc.code not in (0, 1, 2):
                tracebacks.append(f"CLI exit {exc.code} on {text!r}")
        except Exception:  # noqa: BLE001
            tracebacks.append(f"CLI {text!r}: {traceback.format_exc(limit=3)[-600:]}")
    secs = time.perf_counter() - t0
    table = {"id": "fuzz", "title": f"Fuzzed texts through parse / parse_text and every writer (seed 18)",
             "columns": ["inputs", "documents", "coded errors", "CLI runs in process", "CLI runs as a process",
                         "tracebacks (API and CLI)", "idempotence checked", "re-parse changed blocks",
                         "beyond the documented rules", "seconds"],
             "rows": [[n, docs, errors, cli_runs, sub_runs, len(tracebacks), idem_checked, idem_diff, idem_rule, round(secs, 1)]]}
    return table, tracebacks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--fuzz", type=int, default=10_000)
    ap.add_argument("--skip-fuzz", action="store_true")
    ap.add_argument("--skip-overhead", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-caller", action="store_true")
    ap.add_argument("--skip-hostile", action="store_true", help="skip the hostile PDFs and the layout runs (tables hostile, runs)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--classes", default=",".join(G.PDF_CLASSES))
    ap.add_argument("--out-dir", default=None, help="folder of the result file (default bench/results)")
    a = ap.parse_args()
    tables, notes = [], []
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        if not a.skip_hostile:
            tables.append(hostile_table(tmp, a.timeout, a.classes.split(",")))
            tables.append(runs_table())
        if not a.skip_caller:
            tables.append(caller_table(tmp))
        if not a.skip_batch:
            tables.append(batch_table(tmp, a.timeout, [c for c in a.classes.split(",") if c != "sparse_huge"]))
        if not a.skip_overhead:
            tables.append(overhead_table(a.repeat, Path(a.shared)))
            tables.append(deadline_table(Path(a.shared)))
        if not a.skip_fuzz:
            t, tbs = fuzz_table(a.fuzz, tmp)
            tables.append(t)
            notes += [f"traceback: {x}" for x in tbs[:20]]
    notes.append("peak MB: the larger of the caller's and its PDF reader process's peak resident memory (VmHWM)")
    write_results("hostile", tables, notes, out_dir=Path(a.out_dir) if a.out_dir else None)


if __name__ == "__main__":
    main()
