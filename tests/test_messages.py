"""Messages fit the case: the encoding hint names the encoding the bytes look like, the PDF
library's own log lines become warnings on the document (not stray stderr lines)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

import unmark
from unmark.errors import UnmarkError

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"


@pytest.mark.parametrize("text,enc,hint", [
    ("La Conférence des États parties a décidé, à sa première réunion, de créer le groupe de travail.\n" * 5, "latin-1", "WINDOWS-1252"),
    ("Confirma que la Asamblea General decidió reforzar la cooperación internacional.\n" * 5, "cp1252", "WINDOWS-1252"),
    ("偷运移民问题工作组在维也纳举行会议，审议了下列问题。\n" * 5, "gb18030", "GB18030"),
    ("Рабочая группа по незаконному ввозу мигрантов провела совещание в Вене.\n" * 5, "cp1251", "WINDOWS-1251"),
    ("الفريق العامل المعني بتهريب المهاجرين عقد اجتماعه في فيينا\n" * 5, "cp1256", "WINDOWS-1256"),
])
def test_encoding_hint_fits_the_text(tmp_path, text, enc, hint):
    p = tmp_path / "x.txt"
    p.write_bytes(text.encode(enc))
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(p)
    assert ei.value.code == "E103" and hint in ei.value.message
    if hint != "GB18030":
        assert "GB18030" not in ei.value.message


def test_pdf_library_log_lines_become_document_warnings(tmp_path, caplog):
    data = (EX / "plan_1.en.pdf").read_bytes()
    p = tmp_path / "noeof.pdf"
    p.write_bytes(data[: data.rfind(b"%%EOF")])  # pypdf logs "... searching for %%EOF ..."
    with caplog.at_level(logging.WARNING):
        doc = unmark.parse(p)
    w302 = [w for w in doc.warnings if w.code == "W302"]
    assert w302 and all(w.message.startswith("PDF reader: ") for w in w302)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert len(doc.blocks) > 10
