"""Write an Alignment in the format its file name asks for: .tmx .tsv .xlsx .jsonl .html."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, TYPE_CHECKING

from ..errors import AlignmentError

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from .types import Alignment

FORMATS = ("tmx", "tsv", "xlsx", "jsonl", "html")


def format_of(path: str, fmt: str | None = None) -> str:
    f = (fmt or Path(path).suffix.lstrip(".")).lower()
    f = {"htm": "html", "json": "jsonl", "xls": "xlsx", "txt": "tsv", "csv": "tsv"}.get(f, f)
    if f not in FORMATS:
        raise AlignmentError(f"unknown output format {f!r} (one of {', '.join(FORMATS)})", code="E306", path=path)
    return f


def write(al: Alignment, path: str, fmt: str | None = None, *, xml_langs: Mapping[str, str] | None = None,
          low: float | None = None, csv_safe: bool = True) -> str:
    """Write ``al`` to ``path`` atomically; returns the format used. ``csv_safe=False`` keeps TSV
    cells that begin with = + - @ as they are (machine pipelines; see :mod:`unmark.safe`)."""
    f = format_of(path, fmt)
    if f == "tmx":
        from ..io.tmx import write_tmx

        write_tmx(al, path, xml_langs)
    elif f == "tsv":
        from ..io.sheets import write_tsv

        write_tsv(al, path, low, csv_safe=csv_safe)
    elif f == "xlsx":
        from ..io.sheets import write_xlsx

        write_xlsx(al, path, low)
    elif f == "jsonl":
        from ..io.sheets import write_jsonl

        write_jsonl(al, path, low)
    else:
        from ..io.review_html import write_html

        write_html(al, path, low, xml_langs=xml_langs)
    return f


def write_tmx(al: Alignment, path: str, xml_langs: Mapping[str, str] | None = None) -> None:
    write(al, path, "tmx", xml_langs=xml_langs)


def write_tsv(al: Alignment, path: str, *, csv_safe: bool = True) -> None:
    write(al, path, "tsv", csv_safe=csv_safe)


def write_xlsx(al: Alignment, path: str) -> None:
    write(al, path, "xlsx")


def write_jsonl(al: Alignment, path: str) -> None:
    write(al, path, "jsonl")


def write_html(al: Alignment, path: str) -> None:
    write(al, path, "html")
