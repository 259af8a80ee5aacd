"""Path to the read-only shared corpora (absent in a fresh clone: tests skip)."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def shared_or_skip(rel: str) -> Path:
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"shared corpus not available: {p} (tests on real text need ../shared)")
    return p
