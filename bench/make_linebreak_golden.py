"""Make the golden line-break cases in tests/data/linebreaks/ from the huridocs PDFs (Apache-2.0,
../shared/corpus/huridocs): the text several extractors give for a few pages, and every labelled
boundary of it (from the human paragraph labels, bench/linebreak_labels.py) as
``{"a": line, "b": line, "label": "soft"|"hard"|"cell"}``. The tests (tests/test_linebreak_golden.py)
parse the committed text and check each boundary; they need neither ../shared nor the extractors.

Run: python3 bench/make_linebreak_golden.py   (needs pdftotext, pypdf; PyMuPDF through the unpdf venv)
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_linebreaks import HURIDOCS, UNPDF_PY, extractors  # noqa: E402
from linebreak_labels import cell_paragraphs, label_boundaries  # noqa: E402

OUT = ROOT / "tests/data/linebreaks"
# (pdf stem, label file, first page, last page)
CASES = [
    ("plan_1_en", "plan_1_en_es", 1, 7),
    ("plan_1_es", "plan_1_es_en", 1, 7),
    ("ohchr_1_en", "ohchr_1_en_ru", 1, 3),
    ("ohchr_1_ru", "ohchr_1_ru_en", 1, 3),
]


def pages_text(pdf: Path, name: str, first: int, last: int) -> str:
    if name.startswith("pdftotext"):
        flag = ["-layout"] if name.endswith("layout") else []
        return subprocess.run(["pdftotext", *flag, "-f", str(first), "-l", str(last), "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, check=True).stdout.decode("utf-8")
    if name == "pypdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages[first - 1:last])
    code = ("import sys, fitz; d = fitz.open(sys.argv[1]); "
            "sys.stdout.write(''.join(d[i].get_text() for i in range(int(sys.argv[2]) - 1, min(int(sys.argv[3]), len(d)))))")
    return subprocess.run([str(UNPDF_PY), "-c", code, str(pdf), str(first), str(last)],
                          capture_output=True, check=True).stdout.decode("utf-8")


# generated documents (unpdf renders made by bench/bench_linebreaks.py, labelled from their truth
# files): right-to-left text, whose extractors reorder and split lines their own ways
GENERATED = [("ga_55_100_ar", "libreoffice", "ar")]


def generated_cases(names: list[str], index: list) -> None:
    from bench_linebreaks import CACHE, extract, extractors as all_extractors

    fns = all_extractors()
    for stem, engine, lang in GENERATED:
        pdf = CACHE / "generated" / f"{stem.replace('_55_100', '')}.{engine}.pdf"
        truth = CACHE / "generated" / f"{stem.replace('_55_100', '')}.{engine}.truth.json"
        if not truth.exists():
            print(f"skipped {stem}: run bench/bench_linebreaks.py first (it renders {pdf.name})")
            continue
        t = json.loads(truth.read_text(encoding="utf-8"))
        paras = [((b.get("label") or "") + " " + b["text"]).strip() for b in t["blocks"]]
        paras += [f["text"] for f in t.get("footnotes", [])]
        for name in names:
            text = extract(pdf, name, fns[name])
            bounds, _ = label_boundaries(text.split("\n"), paras)
            cells = cell_paragraphs(text.split("\n"), bounds)
            base = f"{stem}.{engine}.{name}"
            write_case(base, f"unpdf render ({engine}) of the real resolution A/RES/55/100 in {lang}, {name}", lang,
                       bounds, cells, text)
            index.append((base, len(bounds)))


def write_case(base: str, source: str, lang: str, bounds: list, cells: set, text: str) -> None:
    (OUT / f"{base}.txt").write_text(text, encoding="utf-8")
    (OUT / f"{base}.labels.json").write_text(json.dumps({
        "source": source,
        "lang": lang,
        "boundaries": [{"a": b.a, "b": b.b, "label": "cell" if b.label == "soft" and b.para in cells else b.label}
                       for b in bounds],
        "notes": "soft: one labelled paragraph; hard: one labelled paragraph ends, the next begins; "
                 "cell: a labelled paragraph of short lines only (a layout cell; not scored)",
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def main() -> int:
    if not HURIDOCS.is_dir():
        print(f"skipped: {HURIDOCS} is absent")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    names = list(extractors())
    index = []
    generated_cases(names, index)
    for stem, lab, first, last in CASES:
        d = json.loads((HURIDOCS / "labels" / f"{lab}.json").read_text(encoding="utf-8"))
        paras = [p["main_language"] for p in d["paragraphs"]]
        for name in names:
            text = pages_text(HURIDOCS / "pdfs" / f"{stem}.pdf", name, first, last)
            bounds, _ = label_boundaries(text.split("\n"), paras)
            cells = cell_paragraphs(text.split("\n"), bounds)
            base = f"{stem}.p{first}-{last}.{name}"
            write_case(base, f"huridocs/pdfs/{stem}.pdf pages {first}-{last}, {name}", d["main_language"], bounds, cells, text)
            index.append((base, len(bounds)))
    for base, n in index:
        print(f"{base}: {n} labelled boundaries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
