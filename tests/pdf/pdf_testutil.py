"""Paths shared by the PDF tests (a unique module name: several test folders have a conftest.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parent.parent.parent / "shared"
HURIDOCS = SHARED / "corpus" / "huridocs"

# (tests import it from here, never from ``conftest``: every test folder has a conftest.py, and
# ``import conftest`` gives whichever of them pytest loaded last)
HAVE_PDFIUM = importlib.util.find_spec("pypdfium2") is not None
