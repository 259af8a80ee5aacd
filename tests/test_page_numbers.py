"""Printed page numbers that pdftotext's plain mode prints in the middle of a page (where the page
draws them), set apart by blank lines, leave the text once the page sequence is established."""
from __future__ import annotations

import unmark


def _page(n: int, body: str, number_in_middle: bool) -> str:
    lines = body.split("\n")
    if number_in_middle:
        return "\n".join(lines[:3] + ["", str(n), ""] + lines[3:])
    return "\n".join(lines + ["", str(n)])


def test_page_number_set_apart_in_the_middle_is_furniture():
    bodies = [
        "1. The Working Group met in Vienna on 8 and 9 September 2020 to review the implementation.\n"
        "2. It adopted the recommendations contained in the annex to the present report.",
        "3. The Working Group also discussed the trends in the smuggling of migrants by sea.\n"
        "4. It recommended that States parties strengthen their cooperation.",
        "5. The Working Group decided to continue its consideration of the topic.\n"
        "6. It requested the secretariat to report on progress at its next meeting.",
        "7. The Chair closed the meeting.\n"
        "8. The report was adopted by consensus.\n"
        "9. The Working Group thanked the host country.\n"
        "10. It thanked the secretariat for its support.\n"
        "11. It thanked the interpreters.\n"
        "12. It thanked the observers.\n"
        "13. The meeting rose at 6 p.m.",
    ]
    pages = [_page(n, b, number_in_middle=(n == 4)) for n, b in enumerate(bodies, 1)]
    doc = unmark.parse_text("\f".join(pages), options=unmark.ParseOptions(lang="en"))
    assert [b.number for b in doc.blocks if b.type == "paragraph"] == list(range(1, 14))
    assert all(b.text.endswith(".") for b in doc.blocks)
    assert [f.before for f in doc.fixes if f.rule == "furniture.page_number"] == ["1", "2", "3", "4"]
