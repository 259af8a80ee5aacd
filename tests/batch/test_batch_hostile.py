"""Hardening: a hostile corpus runs to the end, every file accounted for with a coded status,
and the per-file limits (time, memory, pages) hold."""
from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from unmark.batch import BatchOptions, read_manifest, run_batch
from unmark.batch import worker as W

from batchutil import HOSTILE, un_text, write

CODE = re.compile(r"^E\d{3}$")


def _records(out: Path) -> list[dict]:
    return read_manifest(out / "manifest.jsonl")


def _no_partials(out: Path) -> None:
    assert not [p for p in out.rglob("*.part")], "temporary files left behind"


def test_hostile_corpus_runs_to_the_end(hostile_dir, tmp_path):
    out = tmp_path / "out"
    s = run_batch(hostile_dir, out, BatchOptions(formats=("json", "txt"), jobs=2, timeout=20, memory_mb=1024, max_pages=500))
    recs = _records(out)
    files = [r["file"] for r in recs]
    assert sorted(files) == sorted(HOSTILE), "every file exactly once in the manifest"
    assert s.total == len(HOSTILE) and s.ok + s.error + s.skipped == len(HOSTILE)
    by = {r["file"]: r for r in recs}
    for r in recs:
        assert r["status"] in ("ok", "error", "skipped")
        assert r["settings"] == BatchOptions(formats=("json", "txt"), timeout=20, memory_mb=1024, max_pages=500).settings_hash()
        if r["status"] == "ok":
            assert r["outputs"] and all((out / o).is_file() for o in r["outputs"])
            assert r["sha256"] and len(r["sha256"]) == 64
        else:
            assert CODE.match(r["code"] or ""), r
            assert r["message"]
            assert r["outputs"] == []
    # the text path's own codes
    assert by["txt/zero.txt"]["code"] == "E101"
    assert by["pdf/zero.pdf"]["code"] == "E101"
    assert by["txt/only_spaces.txt"]["code"] == "E101"
    assert by["txt/garbage.txt"]["code"] == "E102"
    assert by["txt/gb18030.txt"]["code"] == "E103"
    assert by["other/notes.docx"] == {**by["other/notes.docx"], "status": "skipped", "code": "E520"}
    assert by["good/A_80_501_EN.txt"]["status"] == "ok"
    assert by["good/A_80_501_ZH.txt"]["status"] == "ok"
    # hostile PDFs: never ok with pages over the limit, and always coded
    assert by["pdf/long_5000_pages.pdf"]["status"] == "error"
    for name in ("pdf/encrypted.pdf", "pdf/not_a_pdf.pdf"):
        assert by[name]["status"] == "error", by[name]
    # no file is allowed to eat the batch (no clock here: the batch's own limit records E511)
    assert not any(r["code"] == "E511" for r in recs), "a hostile file hit the wall-clock limit"
    _no_partials(out)


def test_page_limit_off_still_accounts_for_every_file(hostile_dir, tmp_path):
    """Without --max-pages the 5,000-page PDF must still finish or fail with a code."""
    out = tmp_path / "out"
    s = run_batch(hostile_dir / "pdf", out, BatchOptions(jobs=2, timeout=15, memory_mb=1024))
    recs = _records(out)
    assert len(recs) == s.total == len(list((hostile_dir / "pdf").iterdir()))
    assert all(r["status"] == "ok" or CODE.match(r["code"] or "") for r in recs)


# --------------------------------------------------------------------------- worker limits
def _hostile_parse(path, options):
    """Stands in for the parser in forked workers: misbehaves according to the file name."""
    name = Path(path).name
    if name.startswith("stuck"):
        time.sleep(3600)
    if name.startswith("hog"):
        blocks = []
        while True:
            blocks.append(bytearray(64 * 1024 * 1024))
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("deep"):
        def f(n):
            return f(n + 1) + 1
        f(0)
    if name.startswith("exit"):
        os._exit(7)
    return _real_parse(path, options)


_real_parse = W._parse


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork: the test parser is inherited by the workers")
def test_per_file_limits_hold(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "_parse", _hostile_parse)
    src = tmp_path / "in"
    for i in range(6):
        write(src / f"good_{i}.txt", un_text(i))
    for bad in ("stuck.txt", "hog.txt", "crash.txt", "deep.txt", "exit.txt"):
        write(src / bad, un_text(9))
    out = tmp_path / "out"
    # a time limit well above what a good file or the memory hog needs on a loaded machine: the hog
    # must meet its memory limit (E512/E514) before its time limit
    s = run_batch(src, out, BatchOptions(jobs=2, timeout=5.0, memory_mb=512))
    by = {r["file"]: r for r in _records(out)}
    assert len(by) == 11
    assert by["stuck.txt"]["code"] == "E511"
    assert by["hog.txt"]["code"] in ("E512", "E514")
    assert by["crash.txt"]["code"] == "E514" and "SIGSEGV" in by["crash.txt"]["message"]
    assert by["deep.txt"]["code"] == "E513"
    assert by["exit.txt"]["code"] == "E514"
    assert all(by[f"good_{i}.txt"]["status"] == "ok" for i in range(6))
    assert s.ok == 6 and s.error == 5
    # the stuck file was stopped by its time limit (E511 above) and the batch went on: the run
    # ended, with every good file done
    assert s.worker_restarts >= 4
    _no_partials(out)


def test_memory_limit_is_set_in_the_worker(tmp_path, monkeypatch):
    import resource

    def probe(path, options):
        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        raise RuntimeError(f"headroom={(limit - size) // (1024 * 1024)}")

    monkeypatch.setattr(W, "_parse", probe)
    write(tmp_path / "in" / "a.txt", un_text(1))
    run_batch(tmp_path / "in", tmp_path / "out", BatchOptions(jobs=1, memory_mb=300))
    rec = _records(tmp_path / "out")[0]
    assert rec["code"] == "E519"
    headroom = int(rec["message"].split("headroom=")[1])
    assert 250 <= headroom <= 300  # the limit is the worker's size at start + 300 MB
    # and the parent is untouched
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
