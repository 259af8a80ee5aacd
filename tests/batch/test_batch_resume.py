"""Resume, manifest and kill-and-resume: nothing lost, nothing duplicated, nothing half-written."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unmark.batch import BatchOptions, latest_state, read_manifest, run_batch
from unmark.batch import worker as W
from unmark.batch.manifest import ManifestWriter, repair_tail

from batchutil import un_text, write

REPO = Path(__file__).resolve().parents[2]


def _outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name != "manifest.jsonl")


def test_resume_skips_unchanged_and_redoes_changed(text_corpus, tmp_path):
    out = tmp_path / "out"
    opts = BatchOptions(formats=("json", "md"), jobs=2)
    s1 = run_batch(text_corpus, out, opts)
    assert s1.ok == 12 and s1.error == 0
    first = {p: (out / p).read_bytes() for p in _outputs(out)}
    assert len(first) == 24

    # nothing changed: everything skipped, outputs untouched
    s2 = run_batch(text_corpus, out, BatchOptions(formats=("json", "md"), jobs=2, resume=True))
    assert (s2.ok, s2.skipped) == (0, 12)
    # one input changed, one output deleted: exactly those two re-done
    write(text_corpus / "A_80_500_EN.txt", un_text(40, "en"))
    (out / "A_80_503_ZH.md").unlink()
    seen: list[dict] = []
    s3 = run_batch(text_corpus, out, BatchOptions(formats=("json", "md"), jobs=2, resume=True),
                   on_record=lambda rec, done, total: seen.append(rec))
    assert s3.ok == 2 and s3.skipped == 10
    redone = sorted(r["file"] for r in seen if r["status"] == "ok")
    # the manifest is compacted: one current record per input, every one of them ok
    assert sorted(r["file"] for r in read_manifest(out / "manifest.jsonl")) == sorted(r["file"] for r in seen)
    assert redone == ["A_80_500_EN.txt", "A_80_503_ZH.txt"]
    assert _outputs(out) == sorted(first)
    # settings changed: everything re-done; formats dropped -> their old outputs removed
    s4 = run_batch(text_corpus, out, BatchOptions(formats=("json",), jobs=2, resume=True))
    assert s4.ok == 12
    assert _outputs(out) == sorted(p for p in first if p.endswith(".json"))
    state = latest_state(read_manifest(out / "manifest.jsonl"))
    assert len(state) == 12 and all(r["status"] == "ok" for r in state.values())


def test_fresh_run_rewrites_the_manifest(text_corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(text_corpus, out, BatchOptions())
    run_batch(text_corpus, out, BatchOptions())
    assert len(read_manifest(out / "manifest.jsonl")) == 12


def test_torn_manifest_line_is_tolerated_and_repaired(tmp_path):
    m = tmp_path / "manifest.jsonl"
    good = {"file": "a.txt", "sha256": "x", "status": "ok", "code": None, "message": None, "pages": 1,
            "seconds": 0.1, "outputs": ["a.json"], "settings": "s"}
    m.write_text(json.dumps(good) + "\n" + '{"file": "b.txt", "sha256": "y", "sta', encoding="utf-8")
    assert [r["file"] for r in read_manifest(m)] == ["a.txt"]
    assert repair_tail(m)
    with ManifestWriter(m) as w:
        w.append({**good, "file": "c.txt"})
    assert [r["file"] for r in read_manifest(m)] == ["a.txt", "c.txt"]
    assert m.read_bytes().endswith(b"\n")


def test_stale_partial_files_are_removed(text_corpus, tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / ".A_80_500_EN.json.abc123.part").write_text("half")
    run_batch(text_corpus, out, BatchOptions(resume=True))
    assert not list(out.rglob("*.part"))


def test_second_concurrent_run_is_refused(text_corpus, tmp_path):
    import fcntl

    from unmark.errors import BatchError

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".unmark-batch.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchError) as ei:
            run_batch(text_corpus, out, BatchOptions())
    assert ei.value.code == "E503"


# --------------------------------------------------------------------------- SIGKILL and resume
def _run_cli(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen(
        [sys.executable, "-m", "unmark", "batch", str(src), str(out), "--formats", "json,md,txt", "--jobs", "2", "--progress", "lines", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=str(REPO),
    )


def _manifest_lines(out: Path) -> int:
    try:
        return (out / "manifest.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _batch_that_hangs_on(src: Path, out: Path, hang: str) -> int:
    """A batch in a forked process whose parser never returns on the file named ``hang``: the run
    cannot end before the test kills it, however fast or slow the machine (the test controls the
    interruption instead of racing it). Returns the process id."""
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: never returns to pytest
        real = W._parse

        def parse(path, options):
            if Path(path).name == hang:
                while True:
                    time.sleep(60)
            return real(path, options)

        W._parse = parse  # a module attribute: the forked workers inherit it
        run_batch(src, out, BatchOptions(formats=("json", "md", "txt"), jobs=2))
    finally:
        os._exit(0)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="POSIX only (fork, SIGKILL)")
def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path):
    src = tmp_path / "in"
    n = 20
    for i in range(n):
        lang = "zh" if i % 2 else "en"
        write(src / f"dir{i % 3}" / f"A_80_{600 + i}_{lang.upper()}.txt", un_text(i, lang))
    out = tmp_path / "out"
    pid = _batch_that_hangs_on(src, out, "A_80_606_EN.txt")
    # wait for some files to be finished (an event, not a race: the run cannot end on its own)
    deadline = time.monotonic() + 120
    while _manifest_lines(out) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)  # its workers die with it (PR_SET_PDEATHSIG)
    os.waitpid(pid, 0)
    killed_at = _manifest_lines(out)
    assert 4 <= killed_at < n

    proc = _run_cli(src, out, "--resume")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()

    recs = read_manifest(out / "manifest.jsonl")
    state = latest_state(recs)
    assert len(state) == n and all(r["status"] == "ok" for r in state.values())
    # files finished before the kill were skipped, not re-done (the summary says so; the manifest
    # is compacted to one current record per input)
    import re

    skipped = int(re.search(r"(\d+) skipped", err.decode()).group(1))
    assert skipped >= killed_at - 2
    assert len(recs) == n
    outs = _outputs(out)
    expected = sorted(o for r in state.values() for o in r["outputs"])
    assert outs == expected and len(outs) == 3 * n and len(set(outs)) == len(outs)
    assert not list(out.rglob("*.part"))

    # and the outputs are the bytes an uninterrupted run writes
    clean = tmp_path / "clean"
    run_batch(src, clean, BatchOptions(formats=("json", "md", "txt"), jobs=2))
    for o in expected:
        assert (out / o).read_bytes() == (clean / o).read_bytes(), o
