"""The glossary: term entries with score, frequency, examples and provenance, and its exports."""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from ..io.atomic import atomic_open, write_bytes, write_text

COLUMNS = (
    "source term",
    "target term",
    "acronym",
    "definition/context",
    "source symbol",
    "subject",
    "note",
    "score",
    "frequency",
    "status",
)


def where_label(paragraph: str) -> str:
    """``para. 12`` for a paragraph number, as is for a line of line-parallel text (``line 3``)."""
    return paragraph if paragraph.startswith(("line ", "lines ")) else f"para. {paragraph}"


@dataclass(frozen=True, slots=True)
class Example:
    """One aligned pair of segments in which the source and the target term both occur."""

    source_text: str
    target_text: str
    symbol: str | None = None
    paragraph: str | None = None
    page: int | None = None
    file: str | None = None
    target_file: str | None = None     # the target side's own file when it differs (line-parallel input)

    def provenance(self) -> str:
        parts = []
        if self.symbol:
            parts.append(self.symbol)
        if self.paragraph:
            parts.append(where_label(self.paragraph))
        if self.page is not None and not parts:
            parts.append(f"p. {self.page}")
        if self.file and not self.symbol:
            files = os.path.basename(self.file)
            if self.target_file and os.path.basename(self.target_file) != files:
                files += " / " + os.path.basename(self.target_file)
            parts.append(files)
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One glossary entry: a source term and its target, with score, frequency, acronym, up to three
    example segment pairs with their provenance (symbol, paragraph), and status: ``term``, ``name``
    (States, organisations, persons, places) or ``general`` (common-language words, listed after the
    main list) for extracted entries (see ``unmark/terms/status.py``), ``known`` for entries from a
    given glossary."""

    source: str
    target: str
    score: float = 0.0
    frequency: int = 0                 # aligned pairs containing both terms
    source_frequency: int = 0
    target_frequency: int = 0
    acronym: str | None = None         # target-language acronym (UNODC) when known
    kind: str = "term"                 # "term" | "title" | "acronym"
    status: str = "term"               # "term" | "name" | "general" (extracted, see terms/status.py) | "known"
    subject: str | None = None
    definition: str | None = None
    note: str | None = None
    examples: tuple[Example, ...] = ()

    @property
    def known(self) -> bool:
        return self.status == "known"

    def context(self) -> str:
        if self.definition:
            return self.definition
        if not self.examples:
            return ""
        ex = self.examples[0]
        return f"{ex.source_text} ‖ {ex.target_text}"

    def symbols(self) -> str:
        return "; ".join(dict.fromkeys(p for p in (e.provenance() for e in self.examples) if p))

    def row(self) -> dict[str, Any]:
        return {
            "source term": self.source,
            "target term": self.target,
            "acronym": self.acronym or "",
            "definition/context": self.context(),
            "source symbol": self.symbols(),
            "subject": self.subject or "",
            "note": self.note or "",
            "score": round(self.score, 4),
            "frequency": self.frequency,
            "status": self.status,
        }

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in (
            "source", "target", "score", "frequency", "source_frequency", "target_frequency",
            "acronym", "kind", "status", "subject", "definition", "note")}
        d["score"] = round(self.score, 6)
        d["examples"] = [e.to_dict() for e in self.examples]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TermEntry:
        ex = tuple(Example(**e) for e in d.get("examples", ()))
        keys = {k: d[k] for k in (
            "source", "target", "score", "frequency", "source_frequency", "target_frequency",
            "acronym", "kind", "status", "subject", "definition", "note") if k in d}
        return cls(examples=ex, **keys)


_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_text(s: str) -> str:
    """Text that can be written as UTF-8: lone surrogates dropped."""
    return _SURROGATES.sub("", s)


def _safe(obj: Any) -> Any:
    if isinstance(obj, str):
        return safe_text(obj)
    if isinstance(obj, dict):
        return {k: _safe(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_safe(v) for v in obj]
    return obj


def clean_field(s: str | None) -> str:
    """One-line field for tab-separated glossaries: tabs and line breaks become spaces."""
    if not s:
        return ""
    return " ".join(safe_text(str(s)).replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


@dataclass(frozen=True)
class Glossary:
    """A bilingual glossary: entries ranked best first. Writes TBX-Basic v3 (``to_tbx``), CSV, XLSX,
    OmegaT TSV and JSON; ``to_frame()`` gives a pandas DataFrame."""

    src_lang: str
    tgt_lang: str
    entries: tuple[TermEntry, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[TermEntry]:
        return iter(self.entries)

    def __getitem__(self, i: int) -> TermEntry:
        return self.entries[i]

    def lookup(self, source: str) -> TermEntry | None:
        for e in self.entries:
            if e.source == source:
                return e
        return None

    def head(self, n: int) -> Glossary:
        return Glossary(self.src_lang, self.tgt_lang, self.entries[:n], dict(self.meta))

    # ---- tables
    def rows(self) -> list[dict[str, Any]]:
        return [e.row() for e in self.entries]

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=list(COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_lang": self.src_lang,
            "target_lang": self.tgt_lang,
            "meta": self.meta,
            "entries": [e.to_dict() for e in self.entries],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Glossary:
        return cls(d["source_lang"], d["target_lang"], tuple(TermEntry.from_dict(e) for e in d["entries"]), d.get("meta", {}))

    # ---- exports (all atomic)
    def to_json(self, path: str | os.PathLike) -> None:
        write_text(path, json.dumps(_safe(self.to_dict()), ensure_ascii=False, indent=1) + "\n")

    def to_csv(self, path: str | os.PathLike, *, delimiter: str = ",", csv_safe: bool = True) -> None:
        """UNTERM-like columns; UTF-8 with BOM so that Excel, Trados and memoQ read the encoding.
        ``csv_safe`` (default): cells a spreadsheet would run as formulas are neutralised."""
        from ..safe import neutralise_cell

        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(COLUMNS), delimiter=delimiter, lineterminator="\r\n")
        w.writeheader()
        for r in self.rows():
            w.writerow({k: (neutralise_cell(clean_field(v), csv_safe) if isinstance(v, str) else v) for k, v in r.items()})
        with atomic_open(path, "w", encoding="utf-8-sig") as fh:
            fh.write(buf.getvalue())

    def to_xlsx(self, path: str | os.PathLike) -> None:
        """Every cell a string or a number, never a formula; control characters removed (W480)."""
        from ..safe import Scrub, strings_only

        buf = io.BytesIO()
        scrub = Scrub("glossary XLSX")
        frame = self.to_frame().map(lambda v: scrub(v) if isinstance(v, str) else v)
        with __import__("pandas").ExcelWriter(buf, engine="openpyxl") as xw:
            frame.to_excel(xw, index=False, sheet_name="glossary")
            strings_only(xw.sheets["glossary"])
        scrub.report()
        write_bytes(path, buf.getvalue())

    def to_omegat(self, path: str | os.PathLike, *, csv_safe: bool = True) -> None:
        """OmegaT glossary: source<TAB>target<TAB>comment, one entry a line, no header (cells a
        spreadsheet would run as formulas neutralised unless ``csv_safe=False``)."""
        from ..safe import neutralise_cell

        lines = []
        for e in self.entries:
            comment = "; ".join(p for p in (
                f"acronym: {e.acronym}" if e.acronym else "",
                "known" if e.known else f"score {e.score:.3f}, freq {e.frequency}",
                e.symbols(),
            ) if p)
            lines.append("\t".join(neutralise_cell(clean_field(x), csv_safe) for x in (e.source, e.target, comment)))
        write_text(path, "\n".join(lines) + ("\n" if lines else ""))

    def to_tbx(self, path: str | os.PathLike, *, title: str | None = None) -> None:
        from ..io.tbx import glossary_to_tbx

        write_text(path, glossary_to_tbx(self, title=title))

    def save(self, path: str | os.PathLike, *, csv_safe: bool = True) -> None:
        """Write in the format given by the extension (.tbx, .csv, .xlsx, .tsv/.txt (OmegaT), .json).
        ``csv_safe=False``: CSV/TSV cells beginning with = + - @ are written as they are."""
        from ..errors import TermsError

        ext = os.path.splitext(str(path))[1].lower()
        writers = {".tbx": self.to_tbx, ".csv": self.to_csv, ".xlsx": self.to_xlsx,
                   ".tsv": self.to_omegat, ".txt": self.to_omegat, ".utf8": self.to_omegat, ".json": self.to_json}
        if ext not in writers:
            raise TermsError(f"unknown glossary format {ext!r} (use .tbx, .csv, .xlsx, .tsv, .json)", code="E404", path=str(path))
        if ext in (".csv", ".tsv", ".txt", ".utf8"):
            writers[ext](path, csv_safe=csv_safe)
        else:
            writers[ext](path)
