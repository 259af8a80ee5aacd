"""Faster paths of the text input give the same answers as the plain ones they replace: the Chinese
spacing majority counted only around runs of letters and digits, runs of letters by the standard
library's engine, the memory reading through a kept file (also in a forked child)."""
from __future__ import annotations

import importlib
import os
import random
from pathlib import Path

import pytest

from unmark import limits
from unmark.scripts import LETTER_RUNS
from unmark.segment import join as J

identify = importlib.import_module("unmark.lang.identify")
DATA = Path(__file__).parent / "data"


def _whole_counts(s: str) -> tuple[int, int]:
    return len(J._BOUNDARY_SPACED.findall(s)), len(J._BOUNDARY_TIGHT.findall(s))


def _window_counts(s: str) -> tuple[int, int]:
    sp = ti = 0
    for a, b in J._boundary_windows(s):
        sp += len(J._BOUNDARY_SPACED.findall(s, a, b))
        ti += len(J._BOUNDARY_TIGHT.findall(s, a, b))
    return sp, ti


CJK_POOL = list("中文年月日ab12３４ Z9\t\u3000。，x") + ["  ", "\n", "\x00", "١٢", "\u2028", "ab 中 cd"]


def test_spacing_counted_around_runs_equals_whole_text():
    rng = random.Random(7)
    for _ in range(5000):
        s = "".join(rng.choice(CJK_POOL) for _ in range(rng.randint(0, 40)))
        assert _window_counts(s) == _whole_counts(s), s
    for f in sorted(DATA.rglob("*.txt")):
        s = "\x00".join(f.read_text(encoding="utf-8", errors="replace").split("\n"))
        assert _window_counts(s) == _whole_counts(s), f.name
    # a Han character shared by two runs is counted once, as the whole-text search does
    assert _window_counts("ab 中 cd") == _whole_counts("ab 中 cd") == (1, 0)


def test_letter_runs_equal_the_letter_pattern():
    rng = random.Random(11)
    pool = "abcXYZéñüß ²½Ⅻ①_ 0123456789١٢中文Жж\u0301\u0300'’-\n\t.,;İıǅʰ"
    for _ in range(300):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(900, 1600)))
        assert identify.letter_runs(s) == LETTER_RUNS.findall(s)
    plain = "Recalling its resolution 55/100 of 4 December 2000, l'Assemblée générale, ½ of them. " * 20
    assert identify.letter_runs(plain) == LETTER_RUNS.findall(plain)
    for f in sorted(DATA.rglob("*.txt")):
        s = f.read_text(encoding="utf-8", errors="replace")
        assert identify.letter_runs(s) == LETTER_RUNS.findall(s), f.name


@pytest.mark.skipif(not Path("/proc/self/statm").exists() or not hasattr(os, "fork"), reason="Linux /proc and fork")
def test_resident_memory_through_the_kept_file_is_this_process():
    a = limits._resident()
    assert a > 0 and limits._STATM[0] >= 0
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reads its own memory, not its parent's, after growing by 64 MB
        try:
            b = limits._resident()
            block = bytearray(64 << 20)
            block[::4096] = b"\x01" * len(block[::4096])
            grew = limits._resident() - b
            os.write(w, b"1" if grew > 48 << 20 else b"0")
        finally:
            os._exit(0)
    os.close(w)
    got = os.read(r, 1)
    os.waitpid(pid, 0)
    os.close(r)
    assert got == b"1"
    assert limits._resident() - a < 48 << 20  # (the parent did not grow)
    # a kept file closed under it is opened again
    os.close(limits._STATM[0])
    assert limits._resident() > 0
