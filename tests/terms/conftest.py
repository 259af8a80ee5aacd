from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def pairs():
    from unmark.terms import read_parallel_text

    return read_parallel_text(DATA / "un_style.zh.txt", DATA / "un_style.en.txt", "zh", "en")


@pytest.fixture(scope="session")
def glossary(pairs):
    from unmark.terms import extract_terms

    return extract_terms(pairs, "zh", "en")
