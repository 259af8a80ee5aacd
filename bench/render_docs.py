"""Fill the benchmark tables of README.md and docs/*.md from bench/results/*.json.

    python bench/render_docs.py            # rewrite every region that is out of date
    python bench/render_docs.py --check    # exit 1 when a page is stale, names a missing result,
                                           # or shows typed benchmark figures outside a region

A page shows a table of a result file between two markers; everything between them is generated::

    <!-- bench:pdf_speed/speed -->
    <!-- /bench -->

``pdf_speed`` is the result's name (``bench/results/pdf_speed.json``), ``speed`` the id of one of its
tables; the id ``notes`` shows the result's notes as a list. Under each table goes the line that says
where, when and how it was measured. The result format is described in bench/benchutil.py.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# a marker counts only alone on its line and outside fenced code (a page may show one as an example)
OPEN = re.compile(r"^[ \t]*<!--\s*bench:([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)\s*-->[ \t]*$", re.M)
CLOSE = re.compile(r"^[ \t]*<!--\s*/bench\s*-->[ \t]*$", re.M)
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
# a Markdown table header naming a measurement: such a table must be generated, not typed
MEASURE = re.compile(
    r"\b(F1|precision|recall|accuracy|pages/s|files/s|docs?/s|ms/\w+|seconds|throughput|speed-?up|"
    r"P@\d+|R@\d+|precision@\d+|recall@\d+)(?!\w)", re.I)
REQUIRED = ("name", "machine", "date", "command", "tables")


class RenderError(Exception):
    """A page or a result file that cannot be rendered (missing result, unknown table, bad markers)."""


@dataclass
class Region:
    page: Path
    line: int          # 1-based line of the opening marker
    name: str
    table: str
    start: int         # offset just after the opening marker
    end: int           # offset of the closing marker


def pages(root: Path = ROOT) -> list[Path]:
    """README.md and every Markdown page under docs/."""
    out = [root / "README.md"] if (root / "README.md").exists() else []
    if (root / "docs").is_dir():
        out += sorted(p for p in (root / "docs").rglob("*.md") if p.is_file())
    return out


def load_result(name: str, results: Path) -> dict:
    path = results / f"{name}.json"
    if not path.is_file():
        raise RenderError(f"missing result bench/results/{name}.json (run the benchmark that writes it)")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RenderError(f"unreadable result {path}: {exc}") from exc
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise RenderError(f"result {path} lacks {', '.join(missing)}")
    for t in doc["tables"]:
        for row in t.get("rows", []):
            if len(row) != len(t.get("columns", [])):
                raise RenderError(f"result {path}: table {t.get('id')}: row {row!r} does not match the columns")
    return doc


def cell(v) -> str:
    """One table cell: floats to at most three decimals, None blank, booleans as ✔/✘."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "✔" if v else "✘"
    if isinstance(v, float):
        s = f"{v:,.3f}".rstrip("0").rstrip(".")
        return s if s not in ("-0", "") else "0"
    if isinstance(v, int):
        return str(v)
    return str(v).replace("|", "\\|").replace("\n", " ")


def render(doc: dict, table_id: str) -> str:
    """The Markdown that goes between the markers of ``<doc name>/<table_id>``."""
    foot = f"_Measured {doc['date']} on {doc['machine']}: `{doc['command']}`_"
    if table_id == "notes":
        notes = doc.get("notes") or []
        if not notes:
            raise RenderError(f"result {doc['name']} has no notes")
        return "\n".join(f"- {cell(n)}" for n in notes) + "\n\n" + foot
    for t in doc["tables"]:
        if t.get("id") == table_id:
            break
    else:
        ids = ", ".join(str(t.get("id")) for t in doc["tables"]) or "none"
        raise RenderError(f"result {doc['name']} has no table {table_id!r} (tables: {ids})")
    cols = t["columns"]
    lines = []
    if t.get("title"):
        lines += [f"**{cell(t['title'])}**", ""]
    lines.append("| " + " | ".join(cell(c) for c in cols) + " |")
    lines.append("|" + "|".join("---" for _ in cols) + "|")
    for row in t["rows"]:
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n\n" + foot


def _blank_code(text: str) -> str:
    """The text with fenced code blocks blanked out (same length, so offsets stay valid)."""
    return FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def regions(page: Path, text: str) -> list[Region]:
    """The bench regions of one page; unbalanced markers are an error."""
    out: list[Region] = []
    pos = 0
    text = _blank_code(text)
    while True:
        m = OPEN.search(text, pos)
        stray = CLOSE.search(text, pos)
        if stray and (not m or stray.start() < m.start()):
            line = text.count("\n", 0, stray.start()) + 1
            raise RenderError(f"{page}:{line}: <!-- /bench --> without an opening marker")
        if not m:
            return out
        c = CLOSE.search(text, m.end())
        nxt = OPEN.search(text, m.end())
        line = text.count("\n", 0, m.start()) + 1
        if not c or (nxt and nxt.start() < c.start()):
            raise RenderError(f"{page}:{line}: {m.group(0)} is not closed by <!-- /bench -->")
        out.append(Region(page, line, m.group(1), m.group(2), m.end(), c.start()))
        pos = c.end()


def typed_tables(page: Path, text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Markdown tables outside every region whose header names a measurement."""
    problems = []
    offset = 0
    in_code = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code or not line.lstrip().startswith("|"):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not re.match(r"^\s*\|?\s*:?-{3,}", nxt):
            continue                      # not a header row
        if any(a <= start < b for a, b in spans):
            continue
        if MEASURE.search(line):
            problems.append(f"{page}:{i + 1}: typed benchmark table ({line.strip()[:60]}…): "
                            f"write the figures to bench/results and show them with <!-- bench:NAME/TABLE -->")
    return problems


def process(page: Path, results: Path) -> tuple[str, str, list[str]]:
    """(old text, new text, problems) for one page."""
    text = page.read_text(encoding="utf-8")
    problems: list[str] = []
    try:
        regs = regions(page, text)
    except RenderError as exc:
        return text, text, [str(exc)]
    cache: dict[str, dict] = {}
    out, last = [], 0
    for r in regs:
        try:
            if r.name not in cache:
                cache[r.name] = load_result(r.name, results)
            body = "\n" + render(cache[r.name], r.table) + "\n"
        except RenderError as exc:
            problems.append(f"{page}:{r.line}: {exc}")
            body = text[r.start:r.end]
        out += [text[last:r.start], body]
        last = r.end
    out.append(text[last:])
    new = "".join(out)
    problems += typed_tables(page, text, [(r.start, r.end) for r in regs])
    return text, new, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 when a page is stale or wrong")
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    results = root / "bench" / "results"
    failed = False
    for page in pages(root):
        old, new, problems = process(page, results)
        rel = page.relative_to(root)
        for p in problems:
            print(p.replace(str(root) + "/", ""), file=sys.stderr)
            failed = True
        if new != old:
            if args.check:
                print(f"{rel}: stale benchmark tables (run: python bench/render_docs.py)", file=sys.stderr)
                failed = True
            else:
                page.write_text(new, encoding="utf-8")
                print(f"{rel}: tables updated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
