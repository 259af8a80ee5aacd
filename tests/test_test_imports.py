"""No test imports a ``conftest`` module: each test folder has its own conftest.py, all named
``conftest``, and ``import conftest`` gives whichever pytest loaded last -- a test that passes
alone and fails beside another folder (shared names belong in a helper module such as
tests/pdf/pdf_testutil.py)."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_imports_conftest():
    found = []
    for f in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            # (``from .conftest import X`` inside a test package names its own conftest: fine)
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n == "conftest" for n in names):
                found.append(f"{f.relative_to(TESTS)}:{node.lineno}")
    assert found == []
