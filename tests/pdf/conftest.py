from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pdf_testutil import FIXTURES, HERE, HURIDOCS, SHARED  # noqa: F401

HAVE_PDFIUM = importlib.util.find_spec("pypdfium2") is not None
BACKENDS = [
    "pypdf",
    pytest.param("pdfium", marks=pytest.mark.skipif(not HAVE_PDFIUM, reason="pypdfium2 not installed (extra 'pdfium')")),
]


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param
