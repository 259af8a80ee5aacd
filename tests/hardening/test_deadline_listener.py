"""What a deadline listener may raise (limits.on_grow): a listener that is gone -- a closed pipe,
connection or file, what a batch worker meets when its engine went away -- is warning W482 in the
log and the parse goes on under its grown deadline; anything else is a bug of the listener and is
raised, never swallowed."""
from __future__ import annotations

import logging
import multiprocessing
import pickle

import pytest

import unmark
from unmark import limits


@pytest.fixture
def listener():
    yield limits.on_grow
    limits.on_grow(None)


def _closed_pipe_listener():
    a, b = multiprocessing.Pipe()
    b.close()
    a.close()
    return lambda seconds: a.send(("deadline", seconds))        # OSError: handle is closed


def _broken_pipe_listener():
    import os

    r, w = os.pipe()
    os.close(r)
    out = os.fdopen(w, "wb")

    def tell(seconds):                                              # BrokenPipeError
        pickle.dump(("deadline", seconds), out)
        out.flush()
    return tell


def _closed_file_listener(tmp_path):
    fh = open(tmp_path / "told.bin", "wb")
    fh.close()
    return lambda seconds: pickle.dump(("deadline", seconds), fh)  # ValueError: closed file


@pytest.mark.parametrize("make", ["closed_pipe", "broken_pipe", "closed_file"])
def test_a_gone_listener_is_a_coded_warning(make, tmp_path, listener, caplog):
    tell = {"closed_pipe": _closed_pipe_listener, "broken_pipe": _broken_pipe_listener,
            "closed_file": lambda: _closed_file_listener(tmp_path)}[make]()
    with pytest.raises((OSError, ValueError)):
        tell(1.0)                                                   # the listener does fail
    listener(tell)
    with caplog.at_level(logging.WARNING, logger="unmark.limits"):
        with limits.deadline("auto"):
            assert limits.grow(limits.AUTO_BASE_S + 100)            # grown all the same
            assert limits.remaining() > limits.AUTO_BASE_S
    assert [r.getMessage()[:5] for r in caplog.records] == ["W482:"]
    assert f"grew to {limits.AUTO_BASE_S + 100:g} s" in caplog.records[0].getMessage()


def test_a_gone_listener_does_not_fail_a_parse(listener, caplog, monkeypatch):
    listener(_closed_pipe_listener())
    # (as if a text took a day a megabyte: the default deadline of this short one grows)
    monkeypatch.setattr(limits, "AUTO_PER_MB_S", 86_400 * 1e6)
    text = "1. The General Assembly decides to include the item.\n2. It decides further.\n"
    with caplog.at_level(logging.WARNING, logger="unmark.limits"):
        doc = unmark.parse_text(text)
    assert len(doc.blocks) > 1
    assert any(r.getMessage().startswith("W482:") for r in caplog.records)


def test_any_other_listener_error_is_raised(listener):
    def buggy(seconds):
        raise RuntimeError("a bug in the listener")

    listener(buggy)
    with limits.deadline("auto"), pytest.raises(RuntimeError, match="a bug in the listener"):
        limits.grow(limits.AUTO_BASE_S + 1)
    with pytest.raises(TypeError):                                  # not swallowed either
        listener(lambda: None)
        with limits.deadline("auto"):
            limits.grow(limits.AUTO_BASE_S + 1)
