"""Helpers shared by the benchmark scripts.

Every benchmark writes its figures to ``bench/results/<name>.json`` with :func:`write_results`;
``python bench/render_docs.py`` turns them into the tables of README.md and docs/*.md. The format::

    {"name": "pdf_speed", "machine": "...", "date": "YYYY-MM-DD", "command": "python bench/...",
     "tables": [{"id": "speed", "title": "...", "columns": ["tool", "seconds"], "rows": [["raw pypdf", 1.2]]}],
     "notes": ["..."]}
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def cpu_model(default: str = "") -> str:
    """The CPU model name from /proc/cpuinfo (Linux), else ``default``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return default or platform.processor() or platform.machine()


def machine() -> str:
    """One line naming the machine: architecture, OS, cores, CPU model, Python version."""
    return (f"{platform.machine()} {platform.system()}, {os.cpu_count()} cores ({cpu_model()}), "
            f"Python {platform.python_version()}")


def command_line(argv: list[str] | None = None) -> str:
    """The command that ran the benchmark, as a user would type it from the repository root."""
    argv = list(sys.argv if argv is None else argv)
    script = Path(argv[0]) if argv else Path("?")
    try:
        script = script.resolve().relative_to(BENCH.parent)
    except ValueError:
        pass
    return " ".join(["python", str(script), *argv[1:]])


def table(id: str, title: str, columns: list[str], rows: list[list]) -> dict:
    """One result table; every row has one cell per column (str, int, float or None)."""
    for r in rows:
        if len(r) != len(columns):
            raise ValueError(f"table {id}: row {r!r} has {len(r)} cells for {len(columns)} columns")
    return {"id": id, "title": title, "columns": list(columns), "rows": [list(r) for r in rows]}


def write_results(name: str, tables: list[dict], notes: list[str] | None = None,
                  command: str | None = None, out_dir: Path | None = None) -> Path:
    """Write ``bench/results/<name>.json`` (atomically) and return its path."""
    out_dir = Path(out_dir) if out_dir else RESULTS
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = {
        "name": name,
        "machine": machine(),
        "date": _dt.date.today().isoformat(),
        "command": command or command_line(),
        "tables": tables,
        "notes": list(notes or []),
    }
    path = out_dir / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    print(f"results written to {path}")
    return path


def dict_table(id: str, title: str, rows: list[dict]) -> dict:
    """A result table from row dicts: the columns are the keys in first-seen order, except keys
    starting with ``_`` (a script's private values); a missing key is a blank cell."""
    cols: list[str] = []
    for r in rows:
        cols += [c for c in r if c not in cols and not str(c).startswith("_")]
    return table(id, title, cols, [[r.get(c) for c in cols] for r in rows])


def damage(texts: list[str], rng, rate: float = 0.08, drop: bool = False) -> list[tuple[str, set[int]]]:
    """Damage a segmentation as parses of two language versions do: merge neighbours, split at a
    sentence end, insert furniture and, with ``drop``, lose a unit now and then. Each unit keeps the
    ids of the gold units it holds (used by the alignment benchmarks)."""
    units: list[tuple[str, set[int]]] = []
    i = 0
    while i < len(texts):
        r = rng.random()
        if r < rate and i + 1 < len(texts):
            units.append((texts[i] + " " + texts[i + 1], {i, i + 1}))
            i += 2
            continue
        t = texts[i]
        cut = max(t.find(". ", len(t) // 3), t.find("。", len(t) // 3))
        if r < 2 * rate and cut > 0:
            units.append((t[: cut + 1], {i}))
            units.append((t[cut + 1:].strip(), {i}))
        else:
            units.append((t, {i}))
        if drop and rng.random() < rate / 3 and len(units) > 1:
            units.pop()  # a unit lost in one version (a parse that dropped a block)
        elif rng.random() < rate / 2:
            units.append((f"GE.{rng.randint(10, 23)}-{rng.randint(10000, 99999)}", set()))
        i += 1
    return [(t, ids) for t, ids in units if t.strip()]
