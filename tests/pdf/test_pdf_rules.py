"""The examples in resources/pdf/layout.toml hold."""
from __future__ import annotations

import pytest

from unmark.extract.pdf.rules import rules

R = rules()


def _examples():
    return [pytest.param(e, id=f"{e['kind']}:{e['text']}") for e in R.examples]


@pytest.mark.parametrize("ex", _examples())
def test_example(ex):
    kind, text, want = ex["kind"], ex["text"], ex["match"]
    if kind == "furniture":
        got = R.is_furniture_text(text)
    else:
        got = getattr(R, kind).match(text) is not None
    assert got == want, f"{kind} rule on {text!r}"


def test_thresholds_are_numbers():
    for table in (R.lines, R.paragraphs, R.zones):
        assert table and all(isinstance(v, float) for v in table.values())
