"""The README stays short and keeps the set-up commands CI runs verbatim."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_COMMAND = 'python3 -m pip install -q -e ".[dev]" && python3 -m pytest -q'


def test_readme_is_at_most_300_lines():
    n = len((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    assert n <= 300, f"README.md has {n} lines: move topic detail into docs/"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme.splitlines()
    ci = ROOT / ".ci" / "run"
    if ci.exists():
        assert TEST_COMMAND in ci.read_text(encoding="utf-8").splitlines()


def test_readme_has_no_development_history():
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\(issue \d+\)|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* 20\d\d\b", text)
