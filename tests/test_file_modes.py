"""Every file unmark writes (-o outputs, batch outputs) follows the umask like any Unix tool
(0644 under 022, 0640 under 027), never the 0600 of a temporary file; writes stay atomic."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
ZH, EN = EX / "A_RES_55_100.zh.txt", EX / "A_RES_55_100.en.txt"


def _run(args, cwd, umask):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-m", "unmark", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=600, preexec_fn=lambda: os.umask(umask))
    assert out.returncode == 0, out.stderr[-2000:]
    return out


def _modes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): oct(stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("umask,want", [(0o022, "0o644"), (0o027, "0o640")])
def test_outputs_follow_the_umask(tmp_path, umask, want):
    out = tmp_path / "out"
    out.mkdir()
    _run(["parse", EN, "-o", out / "doc.json"], tmp_path, umask)
    _run(["parse", EN, "--format", "md", "-o", out / "doc.md"], tmp_path, umask)
    _run(["align", ZH, EN, "-o", out / "al.tmx"], tmp_path, umask)
    _run(["terms", "--aligned", ZH, EN, "-o", out / "g.tsv"], tmp_path, umask)
    _run(["check", "--aligned", ZH, EN, "--glossary", out / "g.tsv", "-o", out / "r.tsv"], tmp_path, umask)
    src = tmp_path / "in"
    src.mkdir()
    for f in (ZH, EN):
        shutil.copy(f, src / f.name)
    _run(["batch", src, out / "batch", "--formats", "json,md"], tmp_path, umask)
    modes = _modes(out)
    assert len(modes) >= 8 and "batch/manifest.jsonl" in modes and "batch/A_RES_55_100.zh.md" in modes, modes
    assert set(modes.values()) == {want}, modes


def test_rewriting_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    from unmark.io.atomic import write_text

    p = tmp_path / "x.txt"
    p.write_text("old")
    p.chmod(0o600)
    write_text(p, "new")
    assert p.read_text() == "new" and stat.S_IMODE(p.stat().st_mode) == 0o600
    assert [q.name for q in tmp_path.iterdir()] == ["x.txt"]  # no temporary file left
