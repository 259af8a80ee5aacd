"""Thresholds and patterns of the PDF layout cleaner, from ``resources/pdf/layout.toml`` (labels
and note markers from the label grammar, ``resources/core/labels.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from ...errors import ResourceError
from ...labels import rules as label_rules
from ...resources import load_toml

RULES_FILE = "pdf/layout.toml"


@dataclass(frozen=True)
class PdfRules:
    lines: dict
    paragraphs: dict
    zones: dict
    # labels and note markers: the label grammar (resources/core/labels.toml)
    label: "re.Pattern[str]"
    label_start: "re.Pattern[str]"
    label_rtl: "re.Pattern[str]"
    marker: "re.Pattern[str]"
    note_slash: "re.Pattern[str]"
    note_head: "re.Pattern[str]"
    separator: "re.Pattern[str]"
    furniture: tuple
    job_number: "re.Pattern[str]"
    barcode_font: "re.Pattern[str]"
    masthead_joins: tuple
    examples: tuple

    def is_furniture_text(self, text: str) -> bool:
        t = " ".join(text.split())
        return any(rx.match(t) for rx in self.furniture)


@functools.lru_cache(maxsize=1)
def rules() -> PdfRules:
    data = load_toml(RULES_FILE)
    labels = label_rules()
    try:
        pat = data["patterns"]
        return PdfRules(
            lines={k: float(v) for k, v in data["lines"].items()},
            paragraphs={k: float(v) for k, v in data["paragraphs"].items()},
            zones={k: float(v) for k, v in data["zones"].items()},
            label=labels.pdf_run,
            label_start=labels.pdf_start,
            label_rtl=labels.pdf_rtl,
            marker=labels.note_run,
            note_slash=labels.note_slash,
            note_head=labels.note_head,
            separator=re.compile(pat["separator"]),
            furniture=tuple(re.compile(p) for p in pat["furniture"]),
            job_number=re.compile(pat["job_number"]),
            barcode_font=re.compile(pat["barcode_font"]),
            masthead_joins=tuple((re.compile(a), re.compile(b)) for a, b in pat["masthead_joins"]),
            examples=tuple(data.get("examples", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid PDF layout rules: {exc}", code="E602") from exc
