from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt"


@pytest.fixture(scope="session")
def seed_doc():
    import unmark

    return unmark.parse(SEED)


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present (development corpus); skipping")
    return p
