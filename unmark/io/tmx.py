"""TMX 1.4b output of an :class:`~unmark.align.types.Alignment` (valid against the LISA DTD).

One ``<tu>`` per row that has the source language and at least one other language
(rows with an empty side are skipped); ``xml:lang`` codes are configurable
(defaults: zh-CN, en-US, fr-FR, es-ES, ru-RU, ar-SA). Every text is XML-escaped and
characters XML 1.0 forbids are dropped.
"""
from __future__ import annotations

from typing import Mapping, TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ..safe import Scrub, xml_safe
from .atomic import write_text

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..align.types import Alignment

DEFAULT_XML_LANGS = {"zh": "zh-CN", "en": "en-US", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}


def clean_xml_text(s: str) -> str:
    return xml_safe(s)


_CR = {"\r": "&#13;"}  # a raw CR would come back as LF from any XML parser


def xml_lang(lang: str, overrides: Mapping[str, str] | None = None) -> str:
    """TMX language code of a column name (``en``, ``en-2``) given optional overrides."""
    if overrides and lang in overrides:
        return overrides[lang]
    base = lang.split("-")[0]
    if overrides and base in overrides:
        return overrides[base]
    return DEFAULT_XML_LANGS.get(base, base)


def to_tmx(al: Alignment, xml_langs: Mapping[str, str] | None = None, *, srclang: str | None = None,
           tool_version: str | None = None, provenance: bool = True) -> str:
    """The TMX document as a string."""
    if tool_version is None:
        from .. import __version__ as tool_version
    sc = Scrub("TMX")

    def esc(x: object) -> str:
        return escape(sc(str(x)), _CR)

    def attr(x: object) -> str:
        return quoteattr(sc(str(x)), _CR)

    src = srclang or (al.langs[0] if al.langs else "en")
    segtype = "sentence" if al.level == "sentence" else "paragraph"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f"  <header creationtool=\"unmark\" creationtoolversion={attr(tool_version)} segtype=\"{segtype}\""
        f" o-tmf=\"unmark\" adminlang=\"en-US\" srclang={attr(xml_lang(src, xml_langs))} datatype=\"plaintext\">",
    ]
    for w in al.warnings:
        out.append(f"    <note>{esc(w.get('code', '') + ': ' + w.get('message', ''))}</note>")
    header_end = len(out)
    out.append("  </header>")
    out.append("  <body>")
    n = 0
    for k, row in enumerate(al.rows):
        s = row.cells.get(src)
        if s is None or not s.text.strip():
            continue
        present = [(lg, seg) for lg, seg in row.cells.items() if seg is not None and seg.text.strip()]
        if len(present) < 2:
            continue
        n += 1
        out.append(f"    <tu tuid=\"{k + 1}\">")
        out.append(f"      <prop type=\"x-confidence\">{row.confidence:.3f}</prop>")
        out.append(f"      <prop type=\"x-kind\">{esc(row.kind)}</prop>")
        for lg, seg in present:
            out.append(f"      <tuv xml:lang={attr(xml_lang(lg, xml_langs))}>")
            if provenance:
                for name, val in (("x-symbol", seg.symbol), ("x-page", seg.page), ("x-paragraph", seg.paragraph)):
                    if val is not None and str(val) != "":
                        out.append(f"        <prop type=\"{name}\">{esc(val)}</prop>")
            out.append(f"        <seg>{esc(seg.text)}</seg>")
            out.append("      </tuv>")
        out.append("    </tu>")
    out.append("  </body>")
    out.append("</tmx>")
    note = sc.report()
    if note:
        out.insert(header_end, f"    <note>{escape(note)}</note>")
    return "\n".join(out) + "\n"


def write_tmx(al: Alignment, path, xml_langs: Mapping[str, str] | None = None, **kw) -> None:
    write_text(path, to_tmx(al, xml_langs, **kw))
