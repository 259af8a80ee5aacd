"""Generated UN-style PDFs (unpdf, both engines) against their truth files, both backends."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import unmark

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_pdf import compare_truth, furniture_left  # noqa: E402

from pdf_testutil import FIXTURES

TRUTHS = sorted(FIXTURES.glob("*.truth.json"))
# blocks a known gap of the shared back half may still miss, per fixture (none today)
CORE_GAPS: dict[str, int] = {}


def _pdf(tf: Path) -> Path:
    return tf.with_name(tf.name.replace(".truth.json", ".pdf"))


@pytest.fixture(scope="module")
def docs():
    return {}


def _parse(docs, tf, backend):
    key = (tf.name, backend)
    if key not in docs:
        docs[key] = unmark.parse(str(_pdf(tf)), backend=backend)
    return docs[key]


# the shared back half does not know Arabic labels yet (resources/core/labels.toml has no
# "1 -", "(أ)", "أولا -" patterns; resources/lang/ar.toml has them but the core does not
# read them): the blocks come out with the label inside their text. test_pdf_arabic.py checks
# label + text, markers and notes for this fixture on both backends.
CORE_NO_LABELS: set[str] = set()  # the core now knows the Arabic labels (1 -, (أ), أولا -, ألف -)


@pytest.mark.parametrize("tf", TRUTHS, ids=lambda p: p.name.replace(".truth.json", ""))
def test_blocks_markers_footnotes_exact(tf, backend, docs, request):
    name = tf.name.replace(".truth.json", "")
    truth = json.loads(tf.read_text())
    doc = _parse(docs, tf, backend)
    r = compare_truth(doc, truth, name)
    allowed = CORE_GAPS.get(name, 0)
    assert r["exact"] >= r["n"] - allowed, r["wrong"]
    assert r["notes"][0] == r["notes"][1], r["wrong_notes"]
    if not allowed:
        assert r["markers"][0] == r["markers"][1]


@pytest.mark.parametrize("tf", TRUTHS, ids=lambda p: p.name.replace(".truth.json", ""))
def test_metadata_and_no_furniture(tf, backend, docs):
    truth = json.loads(tf.read_text())
    doc = _parse(docs, tf, backend)
    assert doc.metadata.symbol == truth["symbol"]
    assert doc.page_count == truth["page_count"]
    assert doc.backend == backend
    assert furniture_left(doc, []) == []
    texts = " ".join(b.full_text(" ") for b in doc.blocks)
    assert truth["job_number"] not in texts
    assert truth["barcode"] not in texts
    for f in truth["running_footer"]:
        assert f["text"] not in texts


@pytest.mark.parametrize("tf", TRUTHS, ids=lambda p: p.name.replace(".truth.json", ""))
def test_hints_pages_and_boxes(tf, backend):
    from unmark.extract.pdf import extract_pdf
    from unmark.pipeline import run_stages

    truth = json.loads(tf.read_text())
    ex = extract_pdf(_pdf(tf), backend=backend)
    assert ex.kind == "pdf" and ex.style == "pdf" and ex.backend == backend
    # the furniture stage reads the symbol and job number the first page shows
    hints = run_stages(ex, upto="pdf_furniture").ex.metadata_hints
    assert hints.get("symbol") == truth["symbol"]
    assert hints.get("job_number") == truth["job_number"]
    for p in ex.pages:
        assert p.width and p.height
        for ln in p.lines:
            assert ln.bbox is not None and ln.bbox.page == p.number
            assert ln.bbox.x0 <= ln.bbox.x1 and ln.bbox.y0 < ln.bbox.y1


def test_zh_block_boxes_and_pages():
    doc = unmark.parse(str(FIXTURES / "ctoc_zh.libreoffice.pdf"))
    paras = doc.paragraphs()
    assert paras and all(b.bboxes for b in paras)
    assert {p for b in paras for p in b.pages} == {1, 2, 3}


def test_fixtures_are_small():
    for p in FIXTURES.glob("*.pdf"):
        assert p.stat().st_size < 200_000, p.name
