"""The one document loader (unmark/loader.py) shared by parse, explain, align, terms, check and batch:
unmark JSON documents are read as documents, non-documents and unknown types are coded errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from unmark.errors import UnmarkError
from unmark.loader import check_document_path, load_document

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
ZH, EN = EX / "A_RES_55_100.zh.txt", EX / "A_RES_55_100.en.txt"


def cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "unmark", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_unmark_json_document_round_trips(tmp_path):
    doc = load_document(EN)
    p = tmp_path / "en.json"
    p.write_text(doc.to_json(), encoding="utf-8")
    back = load_document(p)
    assert [b.text for b in back.blocks] == [b.text for b in doc.blocks]
    assert back.metadata.symbol == doc.metadata.symbol


def test_terms_reads_unmark_json_documents_as_documents(tmp_path):
    for src in (ZH, EN):
        assert cli("parse", src, "-o", tmp_path / (src.stem + ".json")).returncode == 0
    r1 = cli("terms", ZH, EN, "-o", tmp_path / "from_txt.json")
    r2 = cli("terms", tmp_path / "A_RES_55_100.zh.json", tmp_path / "A_RES_55_100.en.json", "-o", tmp_path / "from_json.json")
    assert r1.returncode == 0 and r2.returncode == 0, r1.stderr + r2.stderr
    g1 = json.loads((tmp_path / "from_txt.json").read_text(encoding="utf-8"))
    g2 = json.loads((tmp_path / "from_json.json").read_text(encoding="utf-8"))
    text = json.dumps(g2, ensure_ascii=False)
    assert '"schema"' not in text and "{ " not in text  # contexts are document text, not the JSON source
    terms = lambda g: sorted((e.get("source") or e.get("src"), e.get("target") or e.get("tgt")) for e in g["entries"])  # noqa: E731
    assert len(g2["entries"]) > 5 and terms(g1) == terms(g2)


@pytest.mark.parametrize("name,code", [("report.docx", "E121"), ("memory.tmx", "E121"), ("gloss.xlsx", "E121"),
                                       ("notes.xyz", "E122")])
def test_non_documents_are_coded_errors(tmp_path, name, code):
    p = tmp_path / name
    if name.endswith((".docx", ".xlsx")):
        _docx(p)
    elif name.endswith(".tmx"):
        p.write_text('<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', encoding="utf-8")
    else:
        p.write_text("1. The General Assembly decides.\n", encoding="utf-8")
    with pytest.raises(UnmarkError) as ei:
        load_document(p)
    assert ei.value.code == code


def test_content_tells_a_non_document_under_a_text_name(tmp_path):
    p = _docx(tmp_path / "report.txt")
    with pytest.raises(UnmarkError) as ei:
        check_document_path(p)
    assert ei.value.code == "E121" and "ZIP" in ei.value.message
    tmx = tmp_path / "memory.txt"
    tmx.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n', encoding="utf-8")
    with pytest.raises(UnmarkError) as ei:
        check_document_path(tmx)
    assert ei.value.code == "E121" and "TMX" in ei.value.message


def test_align_refuses_a_tmx_and_an_xlsx_and_writes_nothing(tmp_path):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', encoding="utf-8")
    xlsx = _docx(tmp_path / "table.xlsx")
    for other in (tmx, xlsx):
        r = cli("align", ZH, other, "-o", tmp_path / "out.tmx")
        assert r.returncode == 1 and "E121" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "out.tmx").exists()


def test_e109_is_readable(tmp_path):
    p = tmp_path / "x.json"
    p.write_text('{"source": "a", "entries": []}', encoding="utf-8")
    r = cli("parse", p)
    assert r.returncode == 1 and "E109" in r.stderr and "KeyError" not in r.stderr
    assert "unmark parse --format json" in r.stderr and "entries" in r.stderr
