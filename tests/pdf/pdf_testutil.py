"""Paths shared by the PDF tests (a unique module name: several test folders have a conftest.py)."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parent.parent.parent / "shared"
HURIDOCS = SHARED / "corpus" / "huridocs"
