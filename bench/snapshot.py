"""Snapshot every output of the parser, for refactorings that must not change a byte.

    python bench/snapshot.py OUT_DIR            # write the snapshot
    python bench/snapshot.py OUT_DIR --compare BASE_DIR   # write, then compare file by file
    python bench/snapshot.py OUT_DIR --tree /path/to/other/checkout   # the code of another tree

Parses every document in the repository (tests/, examples/) and in ../shared/corpus (seed text,
huridocs PDFs, un_ga_55_100, the unpdf examples) with both PDF backends, and writes JSON (with
provenance), Markdown and plain text of each; adds a paragraph and a sentence alignment (TMX,
JSONL and the HTML review page) of a small zh/fr pair and a glossary (TBX and JSON) of a small
parallel text. An input that fails writes its error code and message, so a changed error is a
difference too.
Documents in ../shared are skipped with a message when it is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --tree DIR: snapshot the code of another checkout (a baseline) with this checkout's inputs
_tree = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv else str(ROOT)
sys.path.insert(0, _tree)

from unmark import parse  # noqa: E402
from unmark.errors import UnmarkError  # noqa: E402
from unmark.pipeline import ParseOptions  # noqa: E402

SHARED = ROOT.parent / "shared"


def inputs() -> list[Path]:
    found: list[Path] = []
    for base in (ROOT / "tests", ROOT / "examples"):
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix.lower() in (".pdf", ".txt"):
                found.append(p)
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        found += sorted((corpus / "seed").glob("*.txt"))
        found += sorted((corpus / "huridocs" / "pdfs").glob("*.pdf"))
        found += sorted((corpus / "un_ga_55_100").glob("*.txt"))
        found += sorted((SHARED / "tools" / "unpdf" / "examples").glob("*.pdf"))
    else:
        print(f"snapshot: {corpus} not found, shared documents skipped", file=sys.stderr)
    return found


def name_of(p: Path) -> str:
    try:
        rel = p.relative_to(ROOT)
    except ValueError:
        rel = Path("shared") / p.relative_to(SHARED)
    return str(rel).replace("/", "__")


def write_doc(out: Path, stem: str, src: Path, backend: str) -> None:
    try:
        doc = parse(src, options=ParseOptions(backend=backend))
    except UnmarkError as exc:
        (out / f"{stem}.error").write_text(f"{getattr(exc, 'code', '')} {exc}\n", encoding="utf-8")
        return
    (out / f"{stem}.json").write_text(doc.to_json() + "\n", encoding="utf-8")
    (out / f"{stem}.md").write_text(doc.to_markdown(), encoding="utf-8")
    (out / f"{stem}.txt").write_text(doc.text(), encoding="utf-8")


def write_align_and_terms(out: Path) -> None:
    from unmark.align import align
    from unmark.align.export import write
    from unmark.terms import extract_terms, read_parallel_text

    pair = [ROOT / "tests/pdf/fixtures/ctoc_zh.libreoffice.pdf", ROOT / "tests/pdf/fixtures/ctoc_fr.libreoffice.pdf"]
    docs = [parse(p) for p in pair]
    for level in ("paragraph", "sentence"):
        al = align(*docs, level=level)
        write(al, str(out / f"align_{level}.tmx"), "tmx")
        write(al, str(out / f"align_{level}.jsonl"), "jsonl")
        write(al, str(out / f"align_{level}.html"), "html")  # the review page (its data and hash)
    tdir = ROOT / "tests/terms/data"
    pairs = read_parallel_text(tdir / "un_style.zh.txt", tdir / "un_style.en.txt", "zh", "en")
    g = extract_terms(pairs, "zh", "en")
    g.save(str(out / "terms.tbx"))
    g.save(str(out / "terms.json"))
    # the glossary JSON records how long each step took: those figures are not output
    tj = out / "terms.json"
    data = json.loads(tj.read_text(encoding="utf-8"))
    data.get("meta", {}).pop("seconds", None)
    tj.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def compare(a: Path, b: Path) -> int:
    fa = {p.name: p for p in a.iterdir()}
    fb = {p.name: p for p in b.iterdir()}
    bad = 0
    for name in sorted(set(fa) | set(fb)):
        if name not in fa or name not in fb:
            print(f"only in {'base' if name in fb else 'new'}: {name}")
            bad += 1
        elif digest(fa[name]) != digest(fb[name]):
            print(f"differs: {name}")
            bad += 1
    print(f"snapshot: {len(fa)} files, {bad} differences")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--compare", metavar="BASE")
    ap.add_argument("--tree", metavar="DIR", help="import unmark from this checkout (default: this one)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for src in inputs():
        stem = name_of(src)
        backends = ("pypdf", "pdfium") if src.suffix.lower() == ".pdf" else ("pypdf",)
        for be in backends:
            write_doc(out, f"{stem}.{be}" if len(backends) > 1 else stem, src, be)
    write_align_and_terms(out)
    return compare(out, Path(args.compare)) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
