from __future__ import annotations

import json
import subprocess
import sys

from unmark_testutil import SEED


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "unmark", *args], input=stdin, capture_output=True, timeout=120)


def test_parse_json_to_file(tmp_path):
    out = tmp_path / "seed.json"
    r = _cli("parse", str(SEED), "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["metadata"]["symbol"] == "CTOC/COP/WG.7/2020/2"
    assert sum(1 for b in d["blocks"] if b["type"] == "paragraph") == 78


def test_parse_stdin_md():
    r = _cli("parse", "-", "--format", "md", stdin=SEED.read_bytes())
    assert r.returncode == 0
    assert "## 一. 导言" in r.stdout.decode("utf-8")


def test_parse_txt_format_guessed_from_output(tmp_path):
    out = tmp_path / "seed.txt"
    assert _cli("parse", str(SEED), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("偷运移民问题工作组")


def test_explain_shows_rules_and_lines(tmp_path):
    r = _cli("explain", str(SEED))
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0
    assert "p3:l215" in text and "artifact.broken_field" in text
    assert "p5:l317" in text and "furniture.job_number" in text
    r = _cli("explain", str(SEED), "--rule", "footnote")
    lines = [ln for ln in r.stdout.decode("utf-8").splitlines() if not ln.startswith("#")]
    assert lines and all(" footnote." in ln for ln in lines)


def test_explain_reads_parse_json(tmp_path):
    out = tmp_path / "seed.json"
    _cli("parse", str(SEED), "-o", str(out))
    r = _cli("explain", str(out), "--summary")
    assert r.returncode == 0 and "footnote.marker" in r.stdout.decode()


def test_no_command_prints_help():
    r = _cli()
    assert r.returncode == 2
