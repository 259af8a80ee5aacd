"""Helpers of the batch tests (and bench/bench_batch.py): real-looking UN text and a hostile corpus."""
from __future__ import annotations

from pathlib import Path

import pdfgen

EN = [
    "The General Assembly, recalling its resolution 54/1 of 8 October 1999, decides to include in the provisional agenda of its fifty-sixth session the item entitled \"Human rights and extreme poverty\".",
    "Reaffirms that extreme poverty and exclusion from society constitute a violation of human dignity and that urgent national and international action is therefore required to eliminate them.",
    "Requests the Secretary-General to submit to the General Assembly at its fifty-sixth session a report on the implementation of the present resolution (A/55/602/Add.2 and Corr.1, para. 94).",
    "The Working Group on the Smuggling of Migrants may wish to consider the following questions for discussion during its seventh meeting, held in Vienna on 8 and 9 September 2020.",
    "States parties are encouraged to strengthen cooperation in order to detect, investigate and prosecute cases of smuggling of migrants, in accordance with article 27 of the Convention.",
    "Invites Member States, the specialized agencies and non-governmental organizations to continue to give due consideration to the links between human rights and extreme poverty.",
]
ZH = [
    "大会回顾其1999年10月8日第54/1号决议，决定将题为“人权与赤贫”的项目列入第五十六届会议临时议程。",
    "重申赤贫和被排斥于社会之外是对人的尊严的侵犯，因此需要采取紧急的国家和国际行动来消除这种现象。",
    "请秘书长就本决议的执行情况向大会第五十六届会议提交报告（A/55/602/Add.2和Corr.1，第94段）。",
    "偷运移民问题工作组似宜在2020年9月8日和9日于维也纳举行的第七次会议期间审议下列讨论问题。",
    "鼓励各缔约国根据《公约》第27条加强合作，以侦查、调查和起诉偷运移民案件。",
]


def un_text(i: int, lang: str = "en", paragraphs: int = 12) -> str:
    pool = ZH if lang == "zh" else EN
    sym = f"A/80/{500 + i}"
    head = [sym, "", "General Assembly" if lang == "en" else "大会", "Distr.: General", "4 December 2025", ""]
    body = []
    for k in range(paragraphs):
        body.append(f"{k + 1}. {pool[(i + k) % len(pool)]} {pool[(i * 3 + k) % len(pool)]}")
    return "\n".join(head + body) + "\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


HOSTILE = {
    # name: what it is
    "good/A_80_501_EN.txt": "a good English text",
    "good/A_80_501_ZH.txt": "a good Chinese text",
    "good/report.pdf": "a good text PDF",
    "pdf/truncated.pdf": "a PDF cut in half",
    "pdf/corrupt.pdf": "a PDF with its middle overwritten by garbage",
    "pdf/encrypted.pdf": "an AES-encrypted PDF (user password)",
    "pdf/image_only.pdf": "a page with only an image",
    "pdf/bomb.pdf": "a 400 KB FlateDecode stream inflating to 400 MB",
    "pdf/nested.pdf": "an array nested 50,000 deep and a dictionary 5,000 deep",
    "pdf/broken_xref.pdf": "xref offsets and startxref pointing at garbage",
    "pdf/long_5000_pages.pdf": "5,000 pages",
    "pdf/zero.pdf": "zero bytes",
    "pdf/not_a_pdf.pdf": "a PNG with a .pdf name",
    "pdf/html.pdf": "an HTML page with a .pdf name",
    "txt/zero.txt": "zero bytes",
    "txt/garbage.txt": "binary garbage",
    "txt/gb18030.txt": "Chinese text in GB18030 (not UTF-8)",
    "txt/only_spaces.txt": "whitespace only",
    "other/notes.docx": "an unsupported file type",
}


def build_hostile(root: Path) -> dict[str, str]:
    good_pdf = pdfgen.text_pdf([[f"A/80/501", "General Assembly", "", *[f"{k}. {EN[k % len(EN)][:90]}" for k in range(1, 20)]]])
    rnd = bytes((i * 2654435761 >> 7) & 0xFF for i in range(4096))
    data: dict[str, bytes | str] = {
        "good/A_80_501_EN.txt": un_text(1, "en"),
        "good/A_80_501_ZH.txt": un_text(1, "zh"),
        "good/report.pdf": good_pdf,
        "pdf/truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "pdf/corrupt.pdf": good_pdf[:200] + rnd[:300] + good_pdf[500:],
        "pdf/encrypted.pdf": pdfgen.encrypted_pdf(),
        "pdf/image_only.pdf": pdfgen.image_only_pdf(),
        "pdf/bomb.pdf": pdfgen.bomb_pdf(400),
        "pdf/nested.pdf": pdfgen.nested_pdf(),
        "pdf/broken_xref.pdf": pdfgen.broken_xref_pdf(),
        "pdf/long_5000_pages.pdf": pdfgen.many_pages_pdf(5000),
        "pdf/zero.pdf": b"",
        "pdf/not_a_pdf.pdf": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rnd[:500],
        "pdf/html.pdf": "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n",
        "txt/zero.txt": b"",
        "txt/garbage.txt": rnd,
        "txt/gb18030.txt": un_text(2, "zh").encode("gb18030"),
        "txt/only_spaces.txt": " \n\t\n   \n",
        "other/notes.docx": b"PK\x03\x04" + rnd[:100],
    }
    for rel, d in data.items():
        write(root / rel, d)
    return HOSTILE
