"""Fixtures for the batch tests: real-looking UN documents and a hostile corpus, generated
into tmp_path (nothing large is committed)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from batchutil import build_hostile, un_text, write  # noqa: E402


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build_hostile(root)
    return root


@pytest.fixture
def text_corpus(tmp_path) -> Path:
    root = tmp_path / "in"
    for i in range(6):
        write(root / f"A_80_{500 + i}_EN.txt", un_text(i, "en"))
        write(root / f"A_80_{500 + i}_ZH.txt", un_text(i, "zh"))
    return root
