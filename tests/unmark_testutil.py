"""Paths and helpers shared by the top-level tests (a unique module name: pytest puts each test
folder on sys.path, and several folders have their own conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt"


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present (development corpus); skipping")
    return p
