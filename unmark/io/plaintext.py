"""Plain-text output: blocks separated by blank lines, labels kept, footnotes at the end."""
from __future__ import annotations

from ..model import Document


def block_lines(doc: Document) -> list[str]:
    out: list[str] = []
    for b in doc.blocks:
        head = f"{b.label} {b.text}".strip() if b.label else b.text
        lines = [head] if head else []
        for it in b.items:
            indent = "    " * max(0, it.level - 1)
            lines.append(f"{indent}{it.label} {it.text}".rstrip())
        out.append("\n".join(lines))
    return out


def to_text(doc: Document) -> str:
    parts = block_lines(doc)
    if doc.footnotes:
        parts.append("__________________")
        parts += [f"{f.label} {f.text}" for f in doc.footnotes]
    return "\n\n".join(p for p in parts if p) + "\n"
