"""Batch messages for a document team: Ctrl-C says how to resume, a resumed run separates "already
done" from "unsupported", Dask's INFO logging stays quiet unless -v."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _folder(tmp_path, copies=1) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(copies):
        for f in ("A_RES_55_100.zh.txt", "A_RES_55_100.en.txt"):
            shutil.copy(EX / f, src / f"{k}_{f}")
    (src / "notes.docx").write_bytes(b"PK\x03\x04 not a document")
    return src


def test_resumed_summary_separates_already_done_from_unsupported(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    cmd = [sys.executable, "-m", "unmark", "batch", str(src), str(out), "--progress", "none", "-j", "1"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=600)
    assert first.returncode == 0, first.stderr
    assert "1 skipped (1 unsupported)" in first.stderr
    again = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, env=_env(), timeout=600)
    assert again.returncode == 0, again.stderr
    assert "3 skipped (2 already done, 1 unsupported)" in again.stderr, again.stderr


def test_ctrl_c_says_how_to_resume(tmp_path):
    src, out = _folder(tmp_path, copies=30), tmp_path / "out"
    # SIGINT as a terminal delivers it: the default disposition (a test run started in the background
    # inherits an ignored SIGINT, and Python then never turns Ctrl-C into KeyboardInterrupt)
    proc = subprocess.Popen([sys.executable, "-m", "unmark", "batch", str(src), str(out), "--progress", "lines", "-j", "1"],
                            stderr=subprocess.PIPE, text=True, env=_env(), start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    t0 = time.monotonic()
    for line in proc.stderr:  # wait until the first file is done
        if line.startswith("[1/"):
            break
        assert time.monotonic() - t0 < 300
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
    rest = proc.stderr.read()
    assert proc.wait(timeout=300) == 130
    assert "--resume" in rest and "manifest" in rest and "Traceback" not in rest, rest


def test_dask_info_logging_is_quiet_unless_verbose(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EX / "A_RES_55_100.en.txt", src / "a.en.txt")
    r = subprocess.run([sys.executable, "-m", "unmark", "batch", str(src), str(tmp_path / "out"), "--engine", "dask",
                        "-j", "1", "--progress", "none"], capture_output=True, text=True, env=_env(), timeout=600)
    assert r.returncode == 0, r.stderr
    assert " INFO " not in r.stderr and "- INFO -" not in r.stderr, r.stderr
