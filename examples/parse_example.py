"""Parse the bundled seed and show what the document model holds.

    python3 examples/parse_example.py [FILE]
"""
from __future__ import annotations

import sys
from pathlib import Path

import unmark

src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("CTOC_COP_WG.7_2020_2.zh.txt")
doc = unmark.parse(src)

m = doc.metadata
print(f"{m.symbol}  job {m.job_number}  language {doc.language}  pages {doc.page_count}")
print(f"title: {m.title}")
print(f"{len(doc.paragraphs())} numbered paragraphs, {len(doc.headings())} headings, {len(doc.footnotes)} footnotes")

para = next(p for p in doc.paragraphs() if p.footnote_refs)
ref = para.footnote_refs[0]
print(f"\nparagraph {para.number}: ...{para.text[max(0, ref.offset - 12):ref.offset]}[^{ref.label}]")
print(f"  footnote {ref.label}: {doc.footnote(ref.label).text}")
page, line, col = para.source.locate(0)
print(f"  its first character comes from page {page}, line {line}, column {col}")

print("\nfirst fixes:")
for ln in doc.explain()[:5]:
    print(" ", ln)
