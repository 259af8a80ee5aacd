from __future__ import annotations

import pytest

from unmark_testutil import SEED


@pytest.fixture(scope="session")
def seed_doc():
    import unmark

    return unmark.parse(SEED)
