from __future__ import annotations

from pathlib import Path

import pytest

from pdf_testutil import FIXTURES, HAVE_PDFIUM, HERE, HURIDOCS, SHARED  # noqa: F401
BACKENDS = [
    "pypdf",
    pytest.param("pdfium", marks=pytest.mark.skipif(not HAVE_PDFIUM, reason="pypdfium2 not installed (extra 'pdfium')")),
]


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="module")
def parsed():
    """``parsed(truth_file, backend)``: the parse (Chinese, no sentences) of the PDF beside a
    generated fixture's ``NAME.truth.json``, once per module and backend."""
    import unmark

    cache: dict = {}

    def get(tf: Path, backend: str):
        key = (tf.name, backend)
        if key not in cache:
            pdf = tf.with_name(tf.name.replace(".truth.json", ".pdf"))
            cache[key] = unmark.parse(str(pdf), backend=backend, lang="zh", sentences=False)
        return cache[key]

    return get
