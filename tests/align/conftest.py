"""Fixtures: the hand-written documents of align_cases.py."""
from __future__ import annotations

import pytest

from align_cases import AR_BLOCKS, EN_BLOCKS, FR_BLOCKS, NOTES, ZH_BLOCKS, make_doc
from unmark.model import Document


@pytest.fixture
def zh_doc() -> Document:
    return make_doc(ZH_BLOCKS, "zh", footnotes=NOTES["zh"])


@pytest.fixture
def en_doc() -> Document:
    return make_doc(EN_BLOCKS, "en", footnotes=NOTES["en"])


@pytest.fixture
def fr_doc() -> Document:
    return make_doc(FR_BLOCKS, "fr", footnotes=NOTES["fr"])


@pytest.fixture
def ar_doc() -> Document:
    return make_doc(AR_BLOCKS, "ar", footnotes=NOTES["ar"])
