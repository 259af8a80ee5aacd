"""Review sheets of an :class:`~unmark.align.types.Alignment`: TSV, XLSX (pandas +
openpyxl, low-confidence rows filled) and JSONL with provenance."""
from __future__ import annotations

import io
import json
from typing import Any, TYPE_CHECKING

from .atomic import write_bytes, write_text
from ..safe import Scrub, neutralise_cell, strings_only

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..align.types import Alignment

LOW_FILL = "FFF4CCCC"     # light red: confidence below the threshold
EMPTY_FILL = "FFFFF2CC"   # light yellow: one side missing


def _threshold(al: Alignment, low: float | None) -> float:
    if low is not None:
        return low
    return float(al.meta.get("low_confidence", 0.5)) if isinstance(al.meta, dict) else 0.5


def records(al: Alignment, low: float | None = None, *, flat_text: bool = False,
            clean=None) -> list[dict[str, Any]]:
    """One flat dict per row: row, kind, confidence, low, then per language text/paragraph/page."""
    thr = _threshold(al, low)
    out = []
    for k, r in enumerate(al.rows):
        d: dict[str, Any] = {"row": k + 1, "kind": r.kind, "confidence": round(r.confidence, 3),
                             "low": r.confidence < thr}
        for lg in al.langs:
            seg = r.cells.get(lg)
            text = seg.text if seg is not None else ""
            if flat_text:
                text = " ".join(text.split())
            if clean:
                text = clean(text)
            d[lg] = text
        for lg in al.langs:
            seg = r.cells.get(lg)
            d[f"{lg}_paragraph"] = seg.paragraph if seg is not None else None
            d[f"{lg}_page"] = seg.page if seg is not None else None
        out.append(d)
    return out


def to_frame(al: Alignment, low: float | None = None, *, flat_text: bool = False, clean=None):
    import pandas as pd

    cols = ["row", "kind", "confidence", "low"] + list(al.langs)
    cols += [f"{lg}_{x}" for lg in al.langs for x in ("paragraph", "page")]
    df = pd.DataFrame(records(al, low, flat_text=flat_text, clean=clean), columns=cols)
    # page numbers stay integers (not 3.0), blank when a side has none
    return df.astype({f"{lg}_page": "Int64" for lg in al.langs})


def to_tsv(al: Alignment, low: float | None = None, *, csv_safe: bool = True) -> str:
    """Tab-separated; tabs and line breaks inside a text become spaces so one row stays one line.
    ``csv_safe`` (default): a text cell a spreadsheet would run as a formula gets a leading
    apostrophe (:func:`unmark.safe.neutralise_cell`); turn it off for machine pipelines."""
    df = to_frame(al, low, flat_text=True)
    if csv_safe:
        for lg in al.langs:
            df[lg] = df[lg].map(neutralise_cell)
        df["kind"] = df["kind"].map(neutralise_cell)
    return df.to_csv(sep="\t", index=False, lineterminator="\n")


def write_tsv(al: Alignment, path, low: float | None = None, *, csv_safe: bool = True) -> None:
    write_text(path, to_tsv(al, low, csv_safe=csv_safe))


def to_xlsx_bytes(al: Alignment, low: float | None = None) -> bytes:
    import pandas as pd
    from openpyxl.styles import Alignment as XAlign
    from openpyxl.styles import Font, PatternFill

    scrub = Scrub("XLSX")
    df = to_frame(al, low, clean=scrub)  # XLSX cannot hold control characters
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, sheet_name="alignment", index=False)
        ws = xw.sheets["alignment"]
        strings_only(ws)  # a cell is never a formula
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = Font(bold=True)
        low_fill = PatternFill(start_color=LOW_FILL, end_color=LOW_FILL, fill_type="solid")
        empty_fill = PatternFill(start_color=EMPTY_FILL, end_color=EMPTY_FILL, fill_type="solid")
        ncols = len(df.columns)
        lang_cols = {df.columns.get_loc(lg) + 1 for lg in al.langs}
        for i, rec in enumerate(df.to_dict("records"), start=2):
            one_sided = any(not rec[lg] for lg in al.langs)
            fill = low_fill if rec["low"] else (empty_fill if one_sided else None)
            for c in range(1, ncols + 1):
                cell = ws.cell(row=i, column=c)
                if fill is not None:
                    cell.fill = fill
                if c in lang_cols:
                    cell.alignment = XAlign(wrap_text=True, vertical="top")
        widths = {"row": 6, "kind": 7, "confidence": 11, "low": 6}
        for c, name in enumerate(df.columns, start=1):
            letter = ws.cell(row=1, column=c).column_letter
            ws.column_dimensions[letter].width = widths.get(name, 60 if name in al.langs else 12)
    scrub.report()
    return buf.getvalue()


def write_xlsx(al: Alignment, path, low: float | None = None) -> None:
    write_bytes(path, to_xlsx_bytes(al, low))


def to_jsonl(al: Alignment, low: float | None = None) -> str:
    """One JSON object per row with provenance per side (symbol, page, paragraph, block, sentence, file)."""
    thr = _threshold(al, low)
    lines = []
    for k, r in enumerate(al.rows):
        rec = {
            "row": k + 1,
            "kind": r.kind,
            "confidence": round(r.confidence, 3),
            "low_confidence": r.confidence < thr,
            "level": al.level,
            "cells": {lg: (r.cells[lg].to_dict() if r.cells.get(lg) is not None else None) for lg in al.langs},
        }
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def write_jsonl(al: Alignment, path, low: float | None = None) -> None:
    write_text(path, to_jsonl(al, low))
