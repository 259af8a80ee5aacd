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
