"""Term-consistency check: aligned pairs where a glossary source term occurs but its target term
(or its acronym, or a plural/singular form) does not -- a possible variant or a translation error."""
from __future__ import annotations

import html
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import regex

from ..errors import TermsError
from ..io.atomic import write_bytes, write_text
from .glossary import Glossary, TermEntry, clean_field, safe_text, where_label
from .lexicon import check_lang
from .options import CheckOptions
from .readers import as_pairs
from .tokenize import join_cjk

FINDING_COLUMNS = ("source term", "expected target", "acronym", "source segment", "target segment",
                   "symbol", "paragraph", "file", "row", "issue")


@dataclass(frozen=True, slots=True)
class Finding:
    """One aligned pair where a glossary source term occurs but its expected target term (or its acronym,
    or a singular/plural form) does not: a possible variant or error for a reviser to look at."""

    source_term: str
    expected_target: str
    source_text: str
    target_text: str
    row: int                       # index of the aligned pair (0-based)
    symbol: str | None = None
    paragraph: str | None = None
    file: str | None = None
    acronym: str | None = None
    issue: str = "target term missing (possible variant or error)"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def row_dict(self) -> dict[str, Any]:
        return {"source term": self.source_term, "expected target": self.expected_target,
                "acronym": self.acronym or "", "source segment": self.source_text, "target segment": self.target_text,
                "symbol": self.symbol or "", "paragraph": self.paragraph or "", "file": self.file or "",
                "row": self.row + 1, "issue": self.issue}


def _term_regex(term: str, lang: str, opts: CheckOptions) -> regex.Pattern[str]:
    if lang == "zh":
        return regex.compile(regex.escape(join_cjk(term)))
    words = term.split()
    body = r"\s+".join(regex.escape(w) for w in words)
    if opts.plural_insensitive and lang == "en" and words:
        last = words[-1]
        stem = last[:-1] if last.lower().endswith("s") and not last.lower().endswith("ss") else last
        stem = stem[:-1] if stem.lower().endswith("ie") else stem
        variants = {regex.escape(last), regex.escape(stem) + "(?:s|es)?"}
        if last.lower().endswith("y"):
            variants.add(regex.escape(last[:-1]) + "ies")
        if last.lower().endswith("ies"):
            variants.add(regex.escape(last[:-3]) + "y")
        body = r"\s+".join([regex.escape(w) for w in words[:-1]] + ["(?:" + "|".join(sorted(variants)) + ")"])
    flags = regex.IGNORECASE if opts.ignore_case else 0
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])", flags)


_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
LEMMA_LANGS = ("en", "fr", "es", "ru", "ar")


def lemma_seq(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """The words of a text as the sets of their possible lemmas (terms/morph.py): Италии, Италию,
    Италия -> {италия}; данные -> {данные, дать}."""
    from .morph import lemmas

    return tuple(lemmas(m.group(), lang) for m in _WORD_RE.finditer(text))


def _contains_seq(hay: tuple[frozenset[str], ...], needle: tuple[frozenset[str], ...]) -> bool:
    """Does ``needle`` occur in ``hay`` with every word sharing a lemma with its counterpart?"""
    n = len(needle)
    if not n:
        return False
    return any(all(hay[i + j] & needle[j] for j in range(n)) for i in range(len(hay) - n + 1))


def check_consistency(glossary: Glossary | Iterable[TermEntry], pairs: Any, *, src_lang: str | None = None,
                      tgt_lang: str | None = None, options: CheckOptions | None = None) -> list[Finding]:
    """Every aligned pair where a glossary source term occurs but its target term does not.

    ``glossary`` is a :class:`Glossary` or its entries; ``pairs`` anything :func:`extract_terms` takes (an
    ``Alignment``, segment or string pairs, a path to a TMX/TSV/JSONL file). A target counts as present
    when the target term, its acronym or (English) its singular/plural form occurs (``options``:
    :class:`CheckOptions`). Returns the :class:`Finding` list in segment order; ``unmark check`` writes it.
    """
    opts = options or CheckOptions()
    if isinstance(glossary, Glossary):
        src_lang, tgt_lang = src_lang or glossary.src_lang, tgt_lang or glossary.tgt_lang
        entries = list(glossary.entries)
    else:
        entries = list(glossary)
    if not src_lang or not tgt_lang:
        raise TermsError("source and target language are needed for the check", code="E430")
    src_lang, tgt_lang = check_lang(src_lang), check_lang(tgt_lang)
    segs = as_pairs(pairs, src_lang, tgt_lang)
    compiled = []
    for e in entries:
        if not e.source.strip() or not e.target.strip():
            continue
        tgt_res = [_term_regex(e.target, tgt_lang, opts)]
        if e.acronym:
            tgt_res.append(_term_regex(e.acronym, tgt_lang, CheckOptions(ignore_case=False, plural_insensitive=False)))
        lemmas_on = opts.inflection_insensitive and opts.ignore_case   # exact case: forms as written
        lem_s = lemma_seq(e.source, src_lang) if lemmas_on and src_lang in LEMMA_LANGS else None
        lem_t = lemma_seq(e.target, tgt_lang) if lemmas_on and tgt_lang in LEMMA_LANGS else None
        compiled.append((e, _term_regex(e.source, src_lang, opts), tgt_res, lem_s, lem_t))
    findings: list[Finding] = []
    for i, (a, b) in enumerate(segs):
        src_text = join_cjk(a.text) if src_lang == "zh" else a.text
        tgt_text = join_cjk(b.text) if tgt_lang == "zh" else b.text
        seq_s: tuple[frozenset[str], ...] | None = None
        seq_t: tuple[frozenset[str], ...] | None = None
        all_s: frozenset[str] = frozenset()
        all_t: frozenset[str] = frozenset()
        for e, sre, tres, lem_s, lem_t in compiled:
            if not sre.search(src_text):
                # an inflected form of the source term is the term (Италии for Италия)
                if not lem_s:
                    continue
                if seq_s is None:
                    seq_s = lemma_seq(src_text, src_lang)
                    all_s = frozenset().union(*seq_s)
                if not (lem_s[0] & all_s) or not _contains_seq(seq_s, lem_s):
                    continue
            if any(r.search(tgt_text) for r in tres):
                continue
            if lem_t:
                if seq_t is None:
                    seq_t = lemma_seq(tgt_text, tgt_lang)
                    all_t = frozenset().union(*seq_t)
                if (lem_t[0] & all_t) and _contains_seq(seq_t, lem_t):
                    continue
            findings.append(Finding(e.source, e.target, a.text, b.text, i, a.symbol or b.symbol,
                                    a.paragraph or b.paragraph, a.source or b.source, e.acronym))
            if opts.max_findings is not None and len(findings) >= opts.max_findings:
                return findings
    return findings


# --------------------------------------------------------------------------- reports
def findings_frame(findings: Sequence[Finding]):
    import pandas as pd

    return pd.DataFrame([f.row_dict() for f in findings], columns=list(FINDING_COLUMNS))


def findings_to_tsv(findings: Sequence[Finding], path: str | os.PathLike, *, csv_safe: bool = True) -> None:
    from ..safe import neutralise_cell

    lines = ["\t".join(FINDING_COLUMNS)]
    for f in findings:
        r = f.row_dict()
        lines.append("\t".join(neutralise_cell(clean_field(str(r[c])), csv_safe and isinstance(r[c], str))
                               for c in FINDING_COLUMNS))
    write_text(path, "\n".join(lines) + "\n")


def findings_to_xlsx(findings: Sequence[Finding], path: str | os.PathLike) -> None:
    import pandas as pd

    from ..safe import Scrub, strings_only

    buf = io.BytesIO()
    scrub = Scrub("findings XLSX")
    frame = findings_frame(findings).map(lambda v: scrub(v) if isinstance(v, str) else v)
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        frame.to_excel(xw, index=False, sheet_name="findings")
        strings_only(xw.sheets["findings"])
    scrub.report()
    write_bytes(path, buf.getvalue())


def _highlight(text: str, term: str) -> str:
    esc = html.escape(text)
    t = html.escape(term)
    return esc.replace(t, f"<mark>{t}</mark>") if t else esc


def findings_to_html(findings: Sequence[Finding], path: str | os.PathLike, *, title: str = "Term consistency") -> None:
    rows = []
    for f in findings:
        rows.append(
            "<tr><td>{n}</td><td>{st}</td><td>{tt}</td><td lang='src'>{s}</td><td lang='tgt'>{t}</td><td>{where}</td></tr>".format(
                n=f.row + 1, st=html.escape(f.source_term), tt=html.escape(f.expected_target + (f" ({f.acronym})" if f.acronym else "")),
                s=_highlight(f.source_text, f.source_term), t=html.escape(f.target_text),
                where=html.escape(", ".join(x for x in (f.symbol, where_label(f.paragraph) if f.paragraph else "", f.file) if x))))
    doc = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}mark{{background:#ffe08a}}</style>
</head><body><h1>{html.escape(title)}</h1><p>{len(findings)} aligned pairs where a glossary source term occurs but its target term does not.</p>
<table><thead><tr><th>row</th><th>source term</th><th>expected target</th><th>source segment</th><th>target segment</th><th>where</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    write_text(path, safe_text(doc))


def write_findings(findings: Sequence[Finding], path: str | os.PathLike, *, csv_safe: bool = True) -> None:
    ext = os.path.splitext(str(path))[1].lower()
    if ext in (".tsv", ".txt"):
        findings_to_tsv(findings, path, csv_safe=csv_safe)
    elif ext == ".xlsx":
        findings_to_xlsx(findings, path)
    elif ext in (".html", ".htm"):
        findings_to_html(findings, path)
    else:
        raise TermsError(f"unknown report format {ext!r} (use .tsv, .xlsx or .html)", code="E431", path=str(path))
