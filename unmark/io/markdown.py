"""Markdown output: metadata as a front table, headings as #, items as lists, footnotes as [^n]."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..model import Block, Document, FootnoteRef

from ..safe import markdown_safe

_LEVEL_HASHES = {1: "##", 2: "###", 3: "####", 4: "#####"}
_BULLETS = frozenset("-–—‒•·∙◦▪▫■□●○*+>⁃‣")


def _note_id(label: str) -> str:
    return "star" * len(label) if label.startswith("*") else label


def _with_refs(text: str, refs: tuple[FootnoteRef, ...]) -> str:
    out = text
    for r in sorted(refs, key=lambda r: r.offset, reverse=True):
        out = out[: r.offset] + f"[^{_note_id(r.label)}]" + out[r.offset :]
    return out


def _esc(text: str) -> str:
    # one line; no raw HTML (a "<" opening a tag is escaped) and no control characters
    return markdown_safe(text.replace("\n", " "))


def _block(b: Block) -> str:
    text = _esc(_with_refs(b.text, b.footnote_refs))
    if b.type == "heading":
        hashes = _LEVEL_HASHES.get(b.level or 4, "#####")
        return f"{hashes} {_esc(b.label) + ' ' if b.label else ''}{text}".rstrip()
    if b.type == "front":
        if b.role == "title":
            return f"# {text}"
        return f"*{text}*" if b.role in ("subtitle",) else text
    lines = []
    if b.text or b.label:
        lab = _esc(b.label).replace(".", "\\.") + " " if b.label else ""
        lines.append(f"{lab}{text}")
    for it in b.items:
        indent = "  " * max(0, it.level - 1)
        # a bullet label (-, –, •, ...) is the list marker itself: "- text", not "- - text"
        lab = "" if not it.label or it.label.strip() in _BULLETS else _esc(it.label) + " "
        lines.append(f"{indent}- {lab}{_esc(_with_refs(it.text, it.footnote_refs))}".rstrip())
    return "\n".join(lines)


def to_markdown(doc: Document) -> str:
    m = doc.metadata
    out = []
    meta_rows = [(k, v) for k, v in m.to_dict().items() if v and k not in ("symbols_all", "title")]
    if meta_rows:
        out.append("| field | value |\n|---|---|\n" + "\n".join(f"| {k} | {_esc(str(v)).replace('|', '/')} |" for k, v in meta_rows))
    for b in doc.blocks:
        s = _block(b)
        if s:
            out.append(s)
    if doc.footnotes:
        out.append("\n".join(f"[^{_note_id(f.label)}]: {_esc(f.text)}" for f in doc.footnotes))
    return "\n\n".join(out) + "\n"
