"""TBX v3 writer (ISO 30042:2019), TBX-Basic dialect, DCA style.

Structure (one ``conceptEntry`` per glossary entry)::

    <?xml-model href=".../TBXcoreStructV03_TBX-Basic_integrated.rng" ...?>
    <?xml-model href=".../TBX-Basic_DCA.sch" ...?>
    <tbx type="TBX-Basic" style="dca" xml:lang="zh" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><titleStmt><title/></titleStmt><sourceDesc><p/></sourceDesc></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="c1">
          <descrip type="subjectField">…</descrip>            (optional, concept level)
          <note>…</note>                                      (score, frequency, status)
          <langSec xml:lang="zh"><termSec><term>…</term>
              <termNote type="termType">fullForm</termNote>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
              <descripGrp><descrip type="context">…</descrip><admin type="source">A/RES/… para. 3</admin></descripGrp>
          </termSec></langSec>
          <langSec xml:lang="en"> … and a second termSec with termType "acronym" when known </langSec>
        </conceptEntry>
      </body></text>
    </tbx>

Every text goes through ElementTree, so markup characters are escaped; characters not allowed
in XML 1.0 are dropped.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..safe import xml_safe

if TYPE_CHECKING:  # pragma: no cover
    from ..terms.glossary import Glossary, TermEntry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RNG_HREF = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng"
SCH_HREF = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"

# TBX-Basic picklist values (TBX-Basic_DCA.sch)
ADMIN_STATUS_KNOWN = "preferredTerm-admn-sts"
ADMIN_STATUS_EXTRACTED = "admittedTerm-admn-sts"


def xml_text(s: object) -> str:
    """Text safe for XML 1.0 (escaping is done by the serializer)."""
    return xml_safe(s)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _term_sec(lang_sec: ET.Element, term: str, term_type: str, status: str, context: str | None, source: str | None) -> None:
    ts = _sub(lang_sec, "termSec")
    _sub(ts, "term", term)
    _sub(ts, "termNote", term_type, type="termType")
    _sub(ts, "termNote", status, type="administrativeStatus")
    if context:
        grp = _sub(ts, "descripGrp")
        _sub(grp, "descrip", context, type="context")
        if source:
            _sub(grp, "admin", source, type="source")


def concept_entry(body: ET.Element, n: int, e: TermEntry, src_lang: str, tgt_lang: str) -> None:
    ce = _sub(body, "conceptEntry", id=f"c{n}")
    if e.subject:
        _sub(ce, "descrip", e.subject, type="subjectField")
    info = f"status: {e.status}; score: {e.score:.4f}; frequency: {e.frequency}"
    if e.note:
        info += f"; {e.note}"
    _sub(ce, "note", info)
    status = ADMIN_STATUS_KNOWN if e.known else ADMIN_STATUS_EXTRACTED
    ex = e.examples[0] if e.examples else None
    source = ex.provenance() if ex else None
    src_sec = _sub(ce, "langSec", **{XML_LANG: src_lang})
    if e.definition:
        grp = _sub(src_sec, "descripGrp")
        _sub(grp, "descrip", e.definition, type="definition")
    _sub_type = "fullForm"
    _term_sec(src_sec, e.source, _sub_type, status, ex.source_text if ex else None, source)
    tgt_sec = _sub(ce, "langSec", **{XML_LANG: tgt_lang})
    tgt_type = "acronym" if (e.acronym and e.acronym == e.target) else "fullForm"
    _term_sec(tgt_sec, e.target, tgt_type, status, ex.target_text if ex else None, source)
    if e.acronym and e.acronym != e.target:
        _term_sec(tgt_sec, e.acronym, "acronym", status, None, None)


def glossary_to_tbx(g: Glossary, *, title: str | None = None) -> str:
    """The glossary as a TBX-Basic (v3, DCA) document string."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: g.src_lang, "xmlns": TBX_NS})
    head = _sub(root, "tbxHeader")
    fd = _sub(head, "fileDesc")
    ts = _sub(fd, "titleStmt")
    _sub(ts, "title", title or f"unmark glossary {g.src_lang}-{g.tgt_lang}")
    sd = _sub(fd, "sourceDesc")
    _sub(sd, "p", f"Extracted by unmark from {g.meta.get('pairs', '?')} aligned segment pairs.")
    body = _sub(_sub(root, "text"), "body")
    for n, e in enumerate(g.entries, 1):
        concept_entry(body, n, e, g.src_lang, g.tgt_lang)
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")  # keep CR through parsing
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-model href="{RNG_HREF}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{SCH_HREF}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
        + xml + "\n"
    )
