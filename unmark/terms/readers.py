"""Inputs of the terminology module: alignments, alignment files (TMX 1.4b, TSV, JSONL), line-parallel
text, documents to align, and known glossaries (TBX, CSV/TSV, JSON)."""
from __future__ import annotations

import regex as re

import csv
import io
import json
import logging
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..align.types import Alignment, Segment
from ..errors import TermsError
from ..scripts import HAN, HAN_CHAR
from .glossary import Glossary, TermEntry

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALIGNMENT_EXTS = (".tmx", ".tsv", ".jsonl", ".ndjson")


def _read_text(path: str | os.PathLike) -> str:
    p = Path(path)
    if not p.is_file():
        raise TermsError(f"file not found: {p}", code="E410", path=str(p))
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TermsError(f"not UTF-8 text: {exc}", code="E411", path=str(p)) from exc


def _lang_match(code: str | None, lang: str) -> bool:
    return bool(code) and code.lower().replace("_", "-").split("-")[0] == lang


# --------------------------------------------------------------------------- alignment files
def read_tmx(path: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """TMX 1.4b: one pair per <tu> having a <tuv> in both languages; <prop type="symbol|paragraph">
    (x-unmark-symbol / x-unmark-paragraph accepted too) give provenance."""
    try:
        root = ET.fromstring(_read_text(path).encode("utf-8"))
    except ET.ParseError as exc:
        raise TermsError(f"TMX is not well-formed XML: {exc}", code="E412", path=str(path)) from exc
    out = []
    name = Path(path).name
    for tu in root.iter("tu"):
        props = {p.get("type", "").lower().removeprefix("x-unmark-").removeprefix("x-"): (p.text or "") for p in tu.findall("prop")}
        cells: dict[str, Segment] = {}
        for tuv in tu.findall("tuv"):
            code = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if seg is None or code is None:
                continue
            text = "".join(seg.itertext()).strip()
            tprops = {p.get("type", "").lower().removeprefix("x-unmark-").removeprefix("x-"): (p.text or "") for p in tuv.findall("prop")}
            for lang in (src, tgt):
                if _lang_match(code, lang):
                    page = tprops.get("page") or props.get("page")
                    cells[lang] = Segment(lang, text, symbol=tprops.get("symbol") or props.get("symbol") or None,
                                          page=int(page) if page and page.isdigit() else None,
                                          paragraph=tprops.get("paragraph") or props.get("paragraph") or None, source=name)
        if src in cells and tgt in cells and cells[src].text and cells[tgt].text:
            out.append((cells[src], cells[tgt]))
    return out


def read_tsv(path: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """TSV with a header: columns named by language code (``zh``, ``en``) or ``source``/``target``;
    optional ``symbol``/``paragraph`` (or ``<lang>_symbol``) columns. Without a known header, the first
    two columns are source and target."""
    text = _read_text(path)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return []
    head = [h.strip().lower() for h in rows[0]]

    def col(*names: str) -> int | None:
        for n in names:
            if n in head:
                return head.index(n)
        return None

    si, ti = col(src, f"{src}_text", "source", "src"), col(tgt, f"{tgt}_text", "target", "tgt")
    body = rows[1:]
    if si is None or ti is None:
        si, ti, body = 0, 1, rows
    sym_s, sym_t = col(f"{src}_symbol", "symbol"), col(f"{tgt}_symbol", "symbol")
    par_s, par_t = col(f"{src}_paragraph", "paragraph"), col(f"{tgt}_paragraph", "paragraph")
    page_s, page_t = col(f"{src}_page", "page"), col(f"{tgt}_page", "page")
    name = Path(path).name

    def page(r: list[str], i: int | None) -> int | None:
        v = get(r, i)
        try:
            return int(float(v)) if v else None
        except ValueError:
            return None

    def get(r: list[str], i: int | None) -> str | None:
        return r[i].strip() or None if i is not None and i < len(r) else None

    out = []
    for r in body:
        a, b = get(r, si), get(r, ti)
        if a and b:
            out.append((Segment(src, a, get(r, sym_s), page(r, page_s), paragraph=get(r, par_s), source=name),
                        Segment(tgt, b, get(r, sym_t), page(r, page_t), paragraph=get(r, par_t), source=name)))
    return out


def read_jsonl(path: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """JSONL rows ``{"cells": {"zh": {"text", "symbol", "paragraph", ...}, "en": {...}}, "confidence": ...}``."""
    out = []
    name = Path(path).name
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TermsError(f"line {n}: not JSON: {exc}", code="E413", path=str(path)) from exc
        cells = row.get("cells", row) if isinstance(row, dict) else {}
        segs = []
        for lang in (src, tgt):
            c = cells.get(lang)
            if isinstance(c, str):
                c = {"text": c}
            if not isinstance(c, dict) or not (c.get("text") or "").strip():
                break
            segs.append(Segment(lang, c["text"].strip(), c.get("symbol"), c.get("page"), None if c.get("paragraph") is None else str(c.get("paragraph")),
                                source=c.get("source") or name))
        if len(segs) == 2:
            out.append((segs[0], segs[1]))
    return out


def read_alignment_file(path: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """The (source, target) segment pairs of an alignment file: TMX 1.4b, JSONL from ``unmark align``,
    or TSV with zh/en (language code) or source/target columns; E4xx when it cannot be read."""
    ext = Path(path).suffix.lower()
    if ext == ".tmx":
        pairs = read_tmx(path, src, tgt)
    elif ext in (".jsonl", ".ndjson"):
        pairs = read_jsonl(path, src, tgt)
    elif ext in (".tsv", ".txt", ".csv"):
        pairs = read_tsv(path, src, tgt)
    else:
        raise TermsError(f"unknown alignment file type {ext!r} (use .tmx, .tsv or .jsonl)", code="E414", path=str(path))
    if not pairs:
        found = _languages_in(path)
        if found and not {src, tgt} <= found:
            raise TermsError(f"{Path(path).name} holds no {src}-{tgt} pairs: its languages are {', '.join(sorted(found))} "
                             "(set --src-lang / --tgt-lang)", code="E418", path=str(path))
    return pairs


_LANG_MARKS = re.compile(r'xml:lang="(?P<a>[A-Za-z]{2})|"lang":\s*"(?P<b>[a-z]{2})"|"(?P<c>[a-z]{2})":\s*\{')


def _languages_in(path: str | os.PathLike) -> set[str]:
    """Language codes an alignment file mentions (TMX xml:lang, JSONL cells, TSV header), best effort."""
    try:
        head = Path(path).read_text(encoding="utf-8", errors="replace")[:200000]
    except OSError:
        return set()
    found = {(m.group("a") or m.group("b") or m.group("c")).lower() for m in _LANG_MARKS.finditer(head)}
    first = head.split("\n", 1)[0].split("\t")
    found |= {c.strip().lower() for c in first if c.strip().lower() in ("zh", "en", "fr", "es", "ru", "ar")}
    return found & {"zh", "en", "fr", "es", "ru", "ar"}


def read_parallel_text(src_path: str | os.PathLike, tgt_path: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """Line-parallel files: line i of one is the translation of line i of the other."""
    a = _read_text(src_path).splitlines()
    b = _read_text(tgt_path).splitlines()
    if len(a) != len(b):
        raise TermsError(f"line-parallel files differ in length ({len(a)} vs {len(b)} lines)", code="E415", path=str(tgt_path))
    na, nb = Path(src_path).name, Path(tgt_path).name
    a, b = _untokenise(a, src), _untokenise(b, tgt)
    return [(Segment(src, x.strip(), paragraph=f"line {i}", source=na), Segment(tgt, y.strip(), paragraph=f"line {i}", source=nb))
            for i, (x, y) in enumerate(zip(a, b), 1) if x.strip() and y.strip()]


def _untokenise(lines: list[str], lang: str) -> list[str]:
    """Chinese corpora often come word-segmented with spaces (UNPC): join CJK back before use,
    so that the glossary's examples read as the documents do."""
    if lang != "zh":
        return lines
    from ..lang import detokenize_zh

    sample = " ".join(lines[:200])
    spaced = len(re.findall(HAN + " " + HAN, sample))
    if spaced < max(5, len(HAN_CHAR.findall(sample)) // 20):
        return lines
    return [detokenize_zh(x) for x in lines]


def align_documents(path_a: str | os.PathLike, path_b: str | os.PathLike, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """Parse two documents and align them at sentence level (unmark.parse + unmark.align.align)."""
    from ..align import align
    from .languages import document

    docs = [document(path_a, lang=src), document(path_b, lang=tgt)]
    return as_pairs(align(docs[0], docs[1], level="sentence", langs=[src, tgt]), src, tgt)


# --------------------------------------------------------------------------- any input -> pairs
def as_pairs(obj: Any, src: str, tgt: str) -> list[tuple[Segment, Segment]]:
    """Normalise an Alignment, a path, or an iterable of pairs to [(src Segment, tgt Segment)]."""
    if isinstance(obj, Alignment):
        return [(a, b) for a, b, _ in obj.pairs(src, tgt)]
    if isinstance(obj, (str, os.PathLike)):
        return read_alignment_file(obj, src, tgt)
    out: list[tuple[Segment, Segment]] = []
    for item in obj:
        if isinstance(item, Alignment):
            out += [(a, b) for a, b, _ in item.pairs(src, tgt)]
            continue
        a, b = item[0], item[1]
        a = a if isinstance(a, Segment) else Segment(src, str(a))
        b = b if isinstance(b, Segment) else Segment(tgt, str(b))
        if a.text.strip() and b.text.strip():
            out.append((a, b))
    return out


# --------------------------------------------------------------------------- known glossaries
def read_tbx_entries(path: str | os.PathLike, src: str, tgt: str) -> list[TermEntry]:
    """TBX v3 (conceptEntry/langSec/termSec) or v2 (termEntry/langSet/tig|ntig): the first term of
    each language per concept; a termSec marked termType=acronym fills the acronym."""
    try:
        root = ET.fromstring(_read_text(path).encode("utf-8"))
    except ET.ParseError as exc:
        raise TermsError(f"TBX is not well-formed XML: {exc}", code="E416", path=str(path)) from exc

    def local(tag: Any) -> str:
        return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

    out = []
    for concept in root.iter():
        if local(concept.tag) not in ("conceptEntry", "termEntry"):
            continue
        terms: dict[str, str] = {}
        acro = None
        subject = None
        for el in concept.iter():
            if local(el.tag) == "descrip" and el.get("type") == "subjectField":
                subject = (el.text or "").strip() or None
            if local(el.tag) not in ("langSec", "langSet"):
                continue
            lang = el.get(XML_LANG) or el.get("lang")
            for ts in el.iter():
                if local(ts.tag) not in ("termSec", "tig", "ntig"):
                    continue
                term_el = next((x for x in ts.iter() if local(x.tag) == "term"), None)
                if term_el is None:
                    continue
                text = "".join(term_el.itertext()).strip()
                is_acr = any(local(x.tag) == "termNote" and x.get("type") == "termType" and (x.text or "").strip() in ("acronym", "abbreviation") for x in ts.iter())
                for want in (src, tgt):
                    if _lang_match(lang, want):
                        if is_acr and want == tgt:
                            acro = acro or text
                        elif text and want not in terms:
                            terms[want] = text
        if tgt not in terms and acro:
            terms[tgt] = acro           # the concept's only target term is an acronym (UNODC)
        if src in terms and tgt in terms:
            out.append(TermEntry(terms[src], terms[tgt], acronym=acro, status="known", subject=subject))
    return out


def _cell(row: list[str], i: int | None) -> str | None:
    return (row[i].strip() or None) if i is not None and i < len(row) else None


def read_csv_entries(path: str | os.PathLike, src: str, tgt: str) -> list[TermEntry]:
    """CSV/TSV glossary: header with ``source term``/``target term`` (our export), ``source``/``target``,
    or the language codes; otherwise the first two columns (OmegaT TSV)."""
    text = _read_text(path)
    delim = "\t" if Path(path).suffix.lower() in (".tsv", ".txt", ".utf8") or ("\t" in text.splitlines()[0] if text else False) else ","
    return _entries_from_rows(list(csv.reader(io.StringIO(text), delimiter=delim)), src, tgt)


def read_xlsx_entries(path: str | os.PathLike, src: str, tgt: str) -> list[TermEntry]:
    """XLSX glossary (what ``unmark terms -o x.xlsx`` writes, or any sheet with the same headers):
    the first sheet, read like a CSV glossary."""
    p = Path(path)
    if not p.is_file():
        raise TermsError(f"file not found: {p}", code="E410", path=str(p))
    try:
        from openpyxl import load_workbook

        wb = load_workbook(str(p), read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    except Exception as exc:  # noqa: BLE001 - a broken workbook is a coded error
        raise TermsError(f"not a readable XLSX workbook: {exc}", code="E426", path=str(p)) from exc
    return _entries_from_rows(rows, src, tgt)


def _entries_from_rows(rows: list[list[str]], src: str, tgt: str) -> list[TermEntry]:
    rows = [r for r in rows if r and any(c.strip() for c in r)]
    if not rows:
        return []
    head = [h.strip().lower() for h in rows[0]]

    def col(*names: str) -> int | None:
        return next((head.index(n) for n in names if n in head), None)

    si, ti = col("source term", "source", src, "term"), col("target term", "target", tgt, "translation")
    ai, ni, subj = col("acronym"), col("note", "comment"), col("subject")
    body = rows[1:]
    if si is None or ti is None:
        si, ti, body = 0, 1, rows
    out = []
    for r in body:
        if len(r) <= max(si, ti) or r[0].startswith("#"):
            continue
        a, b = r[si].strip(), r[ti].strip()
        if a and b:
            out.append(TermEntry(a, b, acronym=_cell(r, ai), note=_cell(r, ni), subject=_cell(r, subj), status="known"))
    return out


def load_known(path: str | os.PathLike, src: str, tgt: str) -> list[TermEntry]:
    """Entries of a known glossary (TBX, CSV, TSV or unmark JSON), marked ``known``: kept in the output,
    linked first, and their words leave the competition."""
    ext = Path(path).suffix.lower()
    if ext == ".tbx" or ext == ".xml":
        entries = read_tbx_entries(path, src, tgt)
    elif ext == ".json":
        g = Glossary.from_dict(json.loads(_read_text(path)))
        entries = [TermEntry.from_dict({**e.to_dict(), "status": "known"}) for e in g.entries]
    elif ext in (".csv", ".tsv", ".txt", ".utf8"):
        entries = read_csv_entries(path, src, tgt)
    elif ext == ".xlsx":
        entries = read_xlsx_entries(path, src, tgt)
    else:
        raise TermsError(f"unknown glossary type {ext!r} (use .tbx, .csv, .xlsx, .tsv or .json)", code="E417", path=str(path))
    log.info("known glossary %s: %d entries", path, len(entries))
    return entries
