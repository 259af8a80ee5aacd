"""Review corrections of an :class:`~unmark.align.types.Alignment`: the operations a
translator makes in the HTML review page, replayed on the original alignment.

A corrections file (``corrections.json``, exported by the page) is::

    {"format": "unmark-corrections", "version": 1, "document": "<hash>",
     "operations": [{"op": "edit", "row": 3, "lang": "en", "text": "..."}, ...]}

Operations are replayed in order; ``row`` is the 0-based position of the row in the
table *as it stands when the operation is made* (so a replay reproduces the page):

- ``edit``  {row, lang, text}: replace the text of one cell (blank text empties it);
- ``merge`` {row}: merge the row with the next one (texts joined per language);
- ``split`` {row, at: {lang: offset}}: split the row in two; each listed cell is cut at
  its offset (in code points), the tail going to the new row below; cells not listed
  stay whole in the upper row;
- ``review`` {row, value}: mark the row reviewed (true) or not (false).

A row a translator edited, merged, split or marked reviewed is human-checked: its
confidence becomes 1.0 (the original is kept for un-marking). The page's TMX and the
TMX written after :func:`apply_corrections` are the same bytes (the page's writer
follows :func:`unmark.io.tmx.to_tmx`; tested in a browser).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import AlignmentError
from ..io.review_html import PAGE_FORMAT, VERSION
from .types import AlignedRow, Alignment, Segment

FORMAT = "unmark-corrections"
OPS = ("edit", "merge", "split", "review")


def blank(text: str | None) -> bool:
    return text is None or not text.strip()


#: the hash of the alignment a review was made on (:meth:`Alignment.document_hash`)
document_hash = Alignment.document_hash


@dataclass
class _Row:
    cells: dict[str, Segment | None]
    confidence: float
    kind: str
    edited: bool = False
    reviewed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def freeze(self) -> AlignedRow:
        conf = 1.0 if (self.edited or self.reviewed) else self.confidence
        return AlignedRow(dict(self.cells), round(conf, 3), self.kind)


def _sep(lang: str, level: str) -> str:
    if level == "paragraph":
        return "\n"
    return "" if lang.split("-")[0] in ("zh", "ja") else " "


def _join_labels(a: str | None, b: str | None) -> str | None:
    out: list[str] = []
    for lab in (a, b):
        for part in (lab or "").split("+"):
            if part and part not in out:
                out.append(part)
    return "+".join(out) if out else None


def _merge_seg(a: Segment | None, b: Segment | None, lang: str, level: str) -> Segment | None:
    if a is None:
        return b
    if b is None:
        return a
    first = a
    return Segment(
        lang=lang,
        text=a.text + _sep(lang, level) + b.text,
        symbol=first.symbol if first.symbol is not None else b.symbol,
        page=first.page if first.page is not None else b.page,
        paragraph=_join_labels(a.paragraph, b.paragraph),
        block_index=first.block_index if first.block_index is not None else b.block_index,
        sentence_index=first.sentence_index if first.sentence_index is not None else b.sentence_index,
        source=first.source if first.source is not None else b.source,
    )


def _counts(kind: str, n: int) -> list[int]:
    parts = kind.split("-")
    try:
        out = [int(x) for x in parts]
    except ValueError:
        out = []
    return out if len(out) == n else [0] * n


def _presence_kind(cells: dict[str, Segment | None], langs: Sequence[str]) -> str:
    return "-".join("0" if cells.get(lg) is None else "1" for lg in langs)


def _bad(k: int, msg: str) -> AlignmentError:
    return AlignmentError(f"corrections operation {k + 1}: {msg}", code="E322")


def _row_index(op: dict, rows: list, k: int, need_next: bool = False) -> int:
    r = op.get("row")
    if not isinstance(r, int) or isinstance(r, bool) or r < 0 or r >= len(rows) - (1 if need_next else 0):
        raise _bad(k, f"row {r!r} is not in the table ({len(rows)} rows)")
    return r


def _lang(op: dict, langs: Sequence[str], k: int, key: str = "lang") -> str:
    lg = op.get(key)
    if lg not in langs:
        raise _bad(k, f"language {lg!r} is not one of {', '.join(langs)}")
    return lg


def replay(al: Alignment, operations: Iterable[dict]) -> list[_Row]:
    """The working rows after replaying ``operations`` (see the module docstring)."""
    langs = list(al.langs)
    rows = [_Row({lg: r.cells.get(lg) for lg in langs}, r.confidence, r.kind) for r in al.rows]
    for k, op in enumerate(operations):
        if not isinstance(op, dict) or op.get("op") not in OPS:
            raise _bad(k, f"unknown operation {op.get('op') if isinstance(op, dict) else op!r} "
                          f"(one of {', '.join(OPS)})")
        kind = op["op"]
        if kind == "edit":
            i = _row_index(op, rows, k)
            lg = _lang(op, langs, k)
            text = op.get("text")
            if not isinstance(text, str):
                raise _bad(k, "edit needs a text")
            old = rows[i].cells[lg]
            n = _counts(rows[i].kind, len(langs))
            n[langs.index(lg)] = 0 if blank(text) else max(1, n[langs.index(lg)])
            rows[i].kind = "-".join(map(str, n))
            if blank(text):
                rows[i].cells[lg] = None
            elif old is None:
                rows[i].cells[lg] = Segment(lang=lg, text=text)
            else:
                rows[i].cells[lg] = replace(old, text=text)
            rows[i].edited = True
        elif kind == "merge":
            i = _row_index(op, rows, k, need_next=True)
            a, b = rows[i], rows.pop(i + 1)
            ca, cb = _counts(a.kind, len(langs)), _counts(b.kind, len(langs))
            a.cells = {lg: _merge_seg(a.cells[lg], b.cells[lg], lg, al.level) for lg in langs}
            a.kind = "-".join(str(x + y) for x, y in zip(ca, cb))
            a.confidence = min(a.confidence, b.confidence)
            a.edited = True
            a.reviewed = a.reviewed or b.reviewed
        elif kind == "split":
            i = _row_index(op, rows, k)
            at = op.get("at")
            if not isinstance(at, dict) or not at:
                raise _bad(k, "split needs 'at': {language: offset}")
            row = rows[i]
            upper, lower = dict(row.cells), {lg: None for lg in langs}
            for lg, pos in at.items():
                _lang({"lang": lg}, langs, k)
                seg = row.cells[lg]
                if seg is None:  # nothing to cut (the page does the same)
                    continue
                n = len(seg.text)
                if not isinstance(pos, int) or isinstance(pos, bool) or pos < 0 or pos > n:
                    raise _bad(k, f"split offset {pos!r} is outside the {lg} text (0-{n})")
                head, tail = seg.text[:pos], seg.text[pos:]
                upper[lg] = None if blank(head) else replace(seg, text=head)
                lower[lg] = None if blank(tail) else replace(seg, text=tail)
            row.cells = upper
            row.kind = _presence_kind(upper, langs)
            row.edited = True
            new = _Row(lower, row.confidence, _presence_kind(lower, langs), edited=True, reviewed=row.reviewed)
            rows.insert(i + 1, new)
        else:  # review
            i = _row_index(op, rows, k)
            rows[i].reviewed = bool(op.get("value", True))
    return rows


def apply_corrections(al: Alignment, corrections: dict | Sequence[dict], *, check_hash: bool = True) -> Alignment:
    """The corrected alignment: ``corrections`` (a corrections dict or a bare list of operations)
    replayed on ``al``. AlignmentError E321 when the corrections were made on another alignment,
    E322 on an operation that does not fit the table."""
    if isinstance(corrections, dict):
        ops = corrections.get("operations", [])
        want = corrections.get("document")
        if check_hash and want and want != document_hash(al):
            raise AlignmentError(
                f"the corrections were made on another alignment (document {want}, this one is "
                f"{document_hash(al)}): align the same files with the same options, or use the review page "
                "the corrections came from", code="E321")
    else:
        ops = list(corrections)
    rows = replay(al, ops)
    meta = dict(al.meta) if isinstance(al.meta, dict) else {}
    meta["corrections"] = {"operations": len(ops), "document": document_hash(al)}
    return Alignment(al.langs, tuple(r.freeze() for r in rows), al.level, al.warnings, meta)


def load_corrections(path: str | Path) -> dict:
    """Read and check a corrections file (AlignmentError E320 when it is not one)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise AlignmentError(f"no such corrections file: {p}", code="E320", path=str(p)) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise AlignmentError(f"cannot read the corrections file: {exc}", code="E320", path=str(p)) from exc
    if isinstance(data, list):
        data = {"format": FORMAT, "version": VERSION, "operations": data}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("operations"), list):
        raise AlignmentError("not an unmark corrections file (export it from the review page)", code="E320",
                             path=str(p))
    if int(data.get("version", 1)) > VERSION:
        raise AlignmentError(f"corrections format version {data.get('version')} is newer than this unmark "
                             f"understands ({VERSION})", code="E320", path=str(p))
    return data


def alignment_from_page_data(data: dict) -> Alignment:
    """The original alignment embedded in a review page (written by
    :func:`unmark.io.review_html.page_data`)."""
    langs = tuple(data["langs"])
    rows = []
    for r in data["rows"]:
        cells = {}
        for lg, c in zip(langs, r["cells"]):
            cells[lg] = None if c is None else Segment(**{k: c.get(k) for k in Segment.__slots__})
        rows.append(AlignedRow(cells, float(r["confidence"]), r["kind"]))
    warnings = tuple({"code": w["code"], "message": w["message"]} for w in data.get("warnings", []))
    return Alignment(langs, tuple(rows), data.get("level", "paragraph"), warnings,
                     {"low_confidence": data.get("low", 0.5), "xml_langs": data.get("xml_langs", {})})


def _read_text(p: Path, what: str, code: str, encoding: str = "utf-8") -> str:
    try:
        return p.read_text(encoding=encoding)
    except FileNotFoundError as exc:
        raise AlignmentError(f"no such {what}: {p}", code=code, path=str(p)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise AlignmentError(f"cannot read the {what}: {exc}", code=code, path=str(p)) from exc


def alignment_from_page(path: str | Path) -> Alignment:
    """The original alignment embedded in a review page written by unmark (AlignmentError E323
    when the file is not one)."""
    import re

    p = Path(path)
    text = _read_text(p, "review page", "E323")
    m = re.search(r'<script type="application/json" id="unmark-data">(.*?)</script>', text, re.S)
    try:
        data = json.loads(m.group(1)) if m else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != PAGE_FORMAT:
        raise AlignmentError("not an unmark review page (write one with unmark align -o page.html)",
                             code="E323", path=str(p))
    return alignment_from_page_data(data)


# --------------------------------------------------------------------------- originals
# what ``align --apply`` can replay corrections on, besides the documents themselves
ORIGINALS = {".html": "page", ".htm": "page", ".jsonl": "jsonl", ".json": "jsonl"}
# alignment files that do not keep the whole table the corrections' row numbers and hash refer to
LOSSY = {".tmx": "TMX leaves out the rows with an empty side", ".tsv": "TSV keeps no file, symbol or block of a cell",
         ".csv": "CSV keeps no file, symbol or block of a cell", ".xlsx": "XLSX keeps no file, symbol or block of a cell",
         ".xls": "XLSX keeps no file, symbol or block of a cell"}


def is_alignment_file(path: str | Path) -> bool:
    """True when ``path`` names an alignment file (review page, JSONL, TMX, TSV, XLSX) rather than a
    document to align (by its extension; a ``.txt`` or ``.json`` document stays a document unless it
    is an unmark JSONL alignment)."""
    ext = Path(path).suffix.lower()
    if ext in (".html", ".htm", ".jsonl", ".tmx", ".tsv", ".csv", ".xlsx", ".xls"):
        return True
    return ext == ".json" and _looks_like_jsonl_alignment(Path(path))


def _looks_like_jsonl_alignment(p: Path) -> bool:
    try:
        with p.open(encoding="utf-8-sig") as fh:
            first = fh.readline(1 << 20)
        rec = json.loads(first)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(rec, dict) and isinstance(rec.get("cells"), dict) and "kind" in rec and "confidence" in rec


def load_original(path: str | Path) -> Alignment:
    """The alignment ``align --apply`` replays corrections on: a review page written by unmark
    (E323 when it is not one) or a JSONL alignment written by ``align -o x.jsonl`` or exported from the
    page (E324 when it is not one). TMX, TSV and XLSX are refused with E325: they do not keep the whole
    table (TMX drops one-sided rows; TSV/XLSX drop the provenance the corrections' hash covers)."""
    p = Path(path)
    ext = p.suffix.lower()
    kind = ORIGINALS.get(ext)
    if kind == "page":
        return alignment_from_page(p)
    if kind == "jsonl":
        return alignment_from_jsonl(p)
    why = LOSSY.get(ext, "it is not an alignment file unmark writes")
    raise AlignmentError(
        f"cannot replay corrections on {p.name}: {why}; give the review page (.html), the JSONL alignment "
        "(.jsonl, from 'unmark align -o x.jsonl' or the page's JSONL export of the uncorrected table) or the "
        "documents themselves", code="E325", path=str(p))


def _jsonl_threshold(level: str, rows: Sequence[tuple[float, bool]]) -> float:
    """The flag threshold the JSONL was written with: the calibrated one for its level when the
    rows' ``low_confidence`` marks agree with it, else the lowest confidence of an unflagged row."""
    from .calibrate import threshold

    lo = max((c for c, low in rows if low), default=-1.0)
    hi = min((c for c, low in rows if not low), default=2.0)
    for cand in (threshold(level), 0.5):
        if lo < cand <= hi:
            return cand
    return hi if hi <= 1.0 else round(lo + 0.001, 3)


def alignment_from_jsonl(path: str | Path) -> Alignment:
    """An alignment read back from the JSONL that ``align`` writes (:func:`unmark.io.sheets.to_jsonl`):
    every cell with its provenance, the kind and the confidence of every row, so its
    :func:`document_hash` is the one of the alignment written. AlignmentError E324 when the file is
    not such a JSONL (the message names the line)."""
    p = Path(path)
    text = _read_text(p, "JSONL alignment", "E324", encoding="utf-8-sig")
    langs: tuple[str, ...] | None = None
    level = None
    rows: list[AlignedRow] = []
    marks: list[tuple[float, bool]] = []
    fields = set(Segment.__slots__)

    def bad(n: int, why: str) -> AlignmentError:
        return AlignmentError(f"{p.name} line {n}: {why} (not a JSONL alignment written by unmark align)",
                              code="E324", path=str(p))

    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise bad(n, f"not JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("cells"), dict) or not rec["cells"]:
            raise bad(n, "no 'cells' object")
        conf, kind = rec.get("confidence"), rec.get("kind")
        if not isinstance(conf, (int, float)) or isinstance(conf, bool) or not 0.0 <= conf <= 1.0 \
                or not isinstance(kind, str):
            raise bad(n, "a row needs 'kind' and a 'confidence' in [0, 1]")
        here = tuple(rec["cells"])
        if langs is None:
            langs, level = here, rec.get("level", "paragraph")
            if level not in ("paragraph", "sentence"):
                raise bad(n, f"unknown level {level!r}")
        elif here != langs:
            raise bad(n, f"languages {', '.join(here)} differ from the first row's {', '.join(langs)}")
        cells: dict[str, Segment | None] = {}
        for lg, c in rec["cells"].items():
            if c is None:
                cells[lg] = None
                continue
            if not isinstance(c, dict) or not isinstance(c.get("text"), str) or not set(c) <= fields:
                raise bad(n, f"the {lg} cell is not a segment (lang, text, symbol, page, …)")
            cells[lg] = Segment(**{k: c.get(k) for k in Segment.__slots__ if k != "lang"}, lang=c.get("lang") or lg)
        rows.append(AlignedRow(cells, float(conf), kind))
        marks.append((float(conf), bool(rec.get("low_confidence", False))))
    if langs is None:
        raise AlignmentError(f"{p.name} holds no rows (not a JSONL alignment written by unmark align)",
                             code="E324", path=str(p))
    return Alignment(langs, tuple(rows), level or "paragraph", (),
                     {"low_confidence": _jsonl_threshold(level or "paragraph", marks)})
