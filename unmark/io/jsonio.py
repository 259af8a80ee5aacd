"""Reading the JSON contract back into a :class:`~unmark.model.Document`."""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import (
    METADATA_KEYS,
    BBox,
    Block,
    DocWarning,
    Document,
    Fix,
    Footnote,
    FootnoteRef,
    Item,
    Link,
    MappedText,
    Metadata,
    Origin,
    SymbolRef,
)


def _mt(text: str, src: list | None) -> MappedText:
    if not src:
        return MappedText(text, (Origin(0, len(text), 0, 0, -1),) if text else ())
    return MappedText(text, tuple(Origin(*o) for o in src))


def _refs(d: dict, item: int | None) -> tuple[FootnoteRef, ...]:
    det = d.get("footnote_ref_offsets")
    if det:
        return tuple(FootnoteRef(r["label"], r["offset"], r.get("item"), r.get("page"), r.get("line")) for r in det if r.get("item") == item)
    return tuple(FootnoteRef(lbl, len(d.get("text", "")), item) for lbl in d.get("footnote_refs", []))


def document_from_dict(d: dict[str, Any]) -> Document:
    try:
        meta = d.get("metadata", {})
        md = Metadata(**{k: meta.get(k) for k in METADATA_KEYS}, symbols_all=tuple(meta.get("symbols_all", ())))
        blocks = []
        for b in d["blocks"]:
            refs_all = b.get("footnote_ref_offsets") or []
            items = []
            for j, it in enumerate(b.get("items", [])):
                irefs = tuple(
                    FootnoteRef(r["label"], r["offset"], j, r.get("page"), r.get("line")) for r in refs_all if r.get("item") == j
                ) or tuple(FootnoteRef(lbl, len(it.get("text", "")), j) for lbl in it.get("footnote_refs", []))
                items.append(
                    Item(it.get("label", ""), _mt(it.get("text", ""), it.get("source")), it.get("level", 1), irefs,
                         tuple(tuple(s) for s in it.get("sentences", [])))
                )
            blocks.append(
                Block(
                    type=b["type"],
                    source=_mt(b.get("text", ""), b.get("source")),
                    label=b.get("label"),
                    number=b.get("number"),
                    level=b.get("level"),
                    role=b.get("role"),
                    items=tuple(items),
                    footnote_refs=_refs(b, None),
                    symbols=tuple(SymbolRef(s["text"], s["start"], s["end"], s["kind"], s.get("item")) for s in b.get("symbols", [])),
                    links=tuple(Link(lk["uri"], lk.get("page"), lk.get("line"), lk.get("source", "annotation")) for lk in b.get("links", [])),
                    lang=b.get("lang"),
                    sentences=tuple(tuple(s) for s in b.get("sentences", [])),
                    bboxes=tuple(BBox(*bb) for bb in b.get("bboxes", [])),
                )
            )
        notes = []
        for f in d.get("footnotes", []):
            det = f.get("link_details") or [{"uri": u} for u in f.get("links", [])]
            notes.append(
                Footnote(
                    f["label"],
                    _mt(f.get("text", ""), f.get("source")),
                    tuple(Link(x["uri"], x.get("page"), x.get("line"), x.get("source", "annotation")) for x in det),
                    tuple(SymbolRef(s["text"], s["start"], s["end"], s["kind"], s.get("item")) for s in f.get("symbols", [])),
                )
            )
        return Document(
            metadata=md,
            blocks=tuple(blocks),
            footnotes=tuple(notes),
            fixes=tuple(Fix(x["rule"], x.get("page"), x.get("line"), x.get("before", ""), x.get("after", ""), x.get("col"), x.get("note", "")) for x in d.get("fixes", [])),
            warnings=tuple(DocWarning(w["code"], w["message"], w.get("page"), w.get("line")) for w in d.get("warnings", [])),
            language=d.get("language"),
            source_name=d.get("source"),
            input_kind=d.get("input_kind", "text"),
            page_count=d.get("page_count", 0),
            backend=d.get("backend"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not an unmark document JSON: {exc}", code="E109") from exc
