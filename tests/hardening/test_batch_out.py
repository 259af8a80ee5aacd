"""Batch writes only inside OUT: planted links refused, link inputs skipped, coded output errors,
whole-line manifest, a resume that tells the truth."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unmark.batch import BatchOptions, read_manifest, run_batch
from unmark.batch.manifest import ManifestWriter
from unmark.errors import UnmarkError

REPO = Path(__file__).resolve().parents[2]
EN = "1. The General Assembly decides to include the item in the provisional agenda.\n2. Requests the Secretary-General to report.\n"
ZH = "1. 大会决定将该项目列入临时议程。\n2. 请秘书长提交报告。\n"


def _corpus(root: Path) -> Path:
    inp = root / "in"
    (inp / "sub").mkdir(parents=True)
    (inp / "A_80_1_EN.txt").write_text(EN, encoding="utf-8")
    (inp / "A_80_1_ZH.txt").write_text(ZH, encoding="utf-8")
    (inp / "sub" / "A_80_2_EN.txt").write_text(EN, encoding="utf-8")
    return inp


def _victim(root: Path) -> Path:
    v = root / "victim"
    v.mkdir()
    (v / "keep.txt").write_text("precious\n", encoding="utf-8")
    return v


def _untouched(v: Path) -> bool:
    return sorted(p.name for p in v.iterdir()) == ["keep.txt"] and (v / "keep.txt").read_text() == "precious\n"


@pytest.mark.parametrize("resume", [False, True])
def test_planted_manifest_link_is_refused(tmp_path, resume):
    inp, v = _corpus(tmp_path), _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").symlink_to(v / "keep.txt")
    with pytest.raises(UnmarkError) as ei:
        run_batch(inp, out, BatchOptions(resume=resume))
    assert ei.value.code == "E704"
    assert _untouched(v)


def test_planted_lock_link_is_refused(tmp_path):
    inp, v = _corpus(tmp_path), _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".unmark-batch.lock").symlink_to(v / "created-through-link")
    with pytest.raises(UnmarkError) as ei:
        run_batch(inp, out, BatchOptions())
    assert ei.value.code == "E704"
    assert _untouched(v)


def test_planted_folder_links_receive_nothing(tmp_path):
    inp, v = _corpus(tmp_path), _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(v, target_is_directory=True)
    (out / "_align").symlink_to(v, target_is_directory=True)
    s = run_batch(inp, out, BatchOptions(align=("zh", "en")))
    assert _untouched(v)
    recs = {r["file"]: r for r in read_manifest(out / "manifest.jsonl")}
    assert recs["sub/A_80_2_EN.txt"]["code"] == "E704"
    assert recs["A_80_1_EN.txt"]["status"] == "ok"
    assert any("E704" in p for p in s.align["problems"]) or s.align["aligned"] == 0


def test_input_links_are_skipped_unless_followed(tmp_path):
    inp = _corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("1. Secret text outside the input folder, never to be parsed.\n", encoding="utf-8")
    (inp / "passwd.txt").symlink_to(secret)
    out = tmp_path / "out"
    run_batch(inp, out, BatchOptions())
    rec = {r["file"]: r for r in read_manifest(out / "manifest.jsonl")}["passwd.txt"]
    assert rec["status"] == "skipped" and rec["code"] == "E531"
    assert not list(out.glob("passwd*"))
    run_batch(inp, tmp_path / "out2", BatchOptions(follow_links=True))
    assert (tmp_path / "out2" / "passwd.json").is_file()


def test_manifest_append_is_whole_lines_on_disk_full(tmp_path, monkeypatch):
    path = tmp_path / "manifest.jsonl"
    w = ManifestWriter(path, fresh=True)
    w.append({"file": "a", "status": "ok"})
    size = path.stat().st_size
    real_write = os.write

    def half_then_full(fd, data):
        if len(data) > 4:
            return real_write(fd, bytes(data[:4]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(UnmarkError) as ei:
        w.append({"file": "b", "status": "ok"})
    monkeypatch.undo()
    w.close()
    assert ei.value.code == "E703"
    assert path.stat().st_size == size          # the torn line is gone at once
    assert [r["file"] for r in read_manifest(path)] == ["a"]


def test_per_file_disk_full_is_an_output_error_not_unreadable(tmp_path, monkeypatch):
    from unmark.batch import worker as W

    inp = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    opts = BatchOptions()
    task = W.Task("A_80_1_EN.txt", str(inp / "A_80_1_EN.txt"), str(out), "A_80_1_EN", opts, opts.settings_hash())

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("unmark.io.atomic.os.replace", full)
    rec = W.process_file(task)
    assert rec["status"] == "error" and rec["code"] == "E703"
    assert not [p for p in out.rglob("*") if p.is_file()]


@pytest.mark.parametrize("err, code", [(errno.EROFS, "E702"), (errno.EACCES, "E702"), (errno.ENOSPC, "E703"),
                                       (errno.ELOOP, "E704"), (errno.EIO, "E701")])
def test_output_errors_are_coded(err, code):
    from unmark.io.atomic import output_error

    assert output_error(OSError(err, os.strerror(err)), "x").code == code


def test_read_only_output_folder_is_a_coded_error(tmp_path, monkeypatch):
    inp = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def ro(path, flags, *a, **k):
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", ro)
    with pytest.raises(UnmarkError) as ei:
        run_batch(inp, out, BatchOptions())
    assert ei.value.code == "E702"


def test_resume_tells_the_truth_and_the_manifest_stays_compact(tmp_path):
    inp = _corpus(tmp_path)
    (inp / "empty.txt").write_text("   \n", encoding="utf-8")   # E101, every run
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "unmark", "batch", str(inp), str(out), "-j", "1", "--progress", "none"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 3
    for _ in range(3):
        again = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, env=env, timeout=300)
        assert again.returncode == 3, again.stderr          # still in error: never "all fine"
        assert "still in error" in again.stderr
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    files = [json.loads(x)["file"] for x in lines]
    assert len(files) == len(set(files)) == 4                 # one current record per input
    state = {json.loads(x)["file"]: json.loads(x) for x in lines}
    assert state["empty.txt"]["status"] == "error" and state["empty.txt"]["code"] == "E101"


def test_keep_history_keeps_superseded_records_apart(tmp_path):
    inp, out = _corpus(tmp_path), tmp_path / "out"
    run_batch(inp, out, BatchOptions())
    first = read_manifest(out / "manifest.jsonl")
    assert not (out / "manifest.history.jsonl").exists()            # off unless asked for
    (inp / "A_80_1_EN.txt").write_text(EN + "3. Decides to remain seized of the matter.\n", encoding="utf-8")
    run_batch(inp, out, BatchOptions(resume=True, keep_history=True))
    now = read_manifest(out / "manifest.jsonl")
    hist = read_manifest(out / "manifest.history.jsonl")
    assert len(now) == 3 and len({r["file"] for r in now}) == 3       # one current record per input
    changed = [r for r in first if r["file"] == "A_80_1_EN.txt"]
    assert changed[0] in hist                                         # the superseded record, kept apart
    assert all(r not in now for r in hist)
    run_batch(inp, out, BatchOptions(keep_history=True))              # a fresh run: the old manifest goes there too
    assert len(read_manifest(out / "manifest.history.jsonl")) > len(hist)


def test_history_file_planted_as_a_link_is_refused(tmp_path):
    inp, out = _corpus(tmp_path), tmp_path / "out"
    victim = _victim(tmp_path)
    run_batch(inp, out, BatchOptions())
    (out / "manifest.history.jsonl").symlink_to(victim / "keep.txt")
    with pytest.raises(UnmarkError) as ei:
        run_batch(inp, out, BatchOptions(keep_history=True))
    assert ei.value.code == "E704"
    assert _untouched(victim)
