"""Batch takes the same default deadline as a single parse (``timeout="auto"``): the worker's own
coded error comes first, and the engine kills a worker only past the file's deadline (as
lengthened for that file) plus a grace."""
from __future__ import annotations

import os
import time

import pytest

from unmark import ParseOptions, limits
from unmark.batch import BatchOptions, read_manifest, run_batch
from unmark.batch import worker as W

_real_parse = W._parse


def test_batch_default_deadline_is_the_parse_default():
    assert BatchOptions().timeout == ParseOptions().timeout == "auto"
    assert BatchOptions().parse_options().timeout == "auto"
    assert BatchOptions().hard_timeout() == limits.grace(limits.AUTO_BASE_S)
    assert BatchOptions(timeout=10).hard_timeout() == limits.grace(10)
    assert BatchOptions(timeout=0).hard_timeout() is None
    from unmark.cli import build_parser

    args = build_parser().parse_args(["batch", "in", "out"])
    assert args.timeout == "auto"
    assert build_parser().parse_args(["batch", "in", "out", "--timeout", "7"]).timeout == 7.0


def test_grow_tells_its_listener_only_for_a_default_deadline():
    heard = []
    limits.on_grow(heard.append)
    try:
        with limits.deadline("auto"):
            assert limits.grow(limits.AUTO_BASE_S + 50)
            assert not limits.grow(10)           # never shortened
        with limits.deadline(5):
            assert not limits.grow(500)          # a deadline the user set is never lengthened
    finally:
        limits.on_grow(None)
    assert heard == [limits.AUTO_BASE_S + 50]


def _slow_long_input(path, options):
    """Stands in for the parser in forked workers: a long input (its default deadline grows, as
    ``grow_for_pages`` does for a 500-page PDF), whose work outlasts the engine's first kill limit."""
    if os.path.basename(path).startswith("long"):
        limits.grow_for_pages(500)
    time.sleep(2.5)
    return _real_parse(path, options)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork: the test parser is inherited by the workers")
def test_engine_moves_the_kill_with_a_grown_default_deadline(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "_parse", _slow_long_input)
    # the engine starts from a kill limit shorter than the work (as 150 s would be for a
    # 500-page PDF under the default deadline)
    monkeypatch.setattr(BatchOptions, "hard_timeout", lambda self: 1.0)
    src = tmp_path / "in"
    src.mkdir()
    for name in ("long.txt", "short.txt"):
        (src / name).write_text("1. The General Assembly decides to include the item.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, BatchOptions(jobs=1))
    by = {r["file"]: r for r in read_manifest(out / "manifest.jsonl")}
    assert by["long.txt"]["status"] == "ok"      # its deadline grew to 1,000 s: the kill moved with it
    assert by["short.txt"]["code"] == "E511"     # no growth: killed at the engine's limit
