"""The API reference (pdoc, from the docstrings) builds without an import error or a pdoc warning,
and documents every public module and the public names of ``unmark``."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("pdoc", reason="pdoc is in the dev extras: pip install -e '.[dev]'")


def _builder():
    spec = importlib.util.spec_from_file_location("build_api", ROOT / "docs" / "build_api.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_api"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_api_reference_builds_clean(tmp_path):
    api = _builder()
    index, problems = api.build(tmp_path / "api")
    assert problems == []
    assert index.is_file()
    pages = {str(p.relative_to(tmp_path / "api"))[:-5].replace("/", ".") for p in (tmp_path / "api").rglob("*.html")}
    missing = set(api.modules()) - pages
    assert not missing, f"modules without a reference page: {sorted(missing)}"
    top = (tmp_path / "api" / "unmark.html").read_text(encoding="utf-8")
    import unmark

    for name in unmark.__all__:
        if not name.startswith("_"):
            assert f'id="{name}"' in top, f"unmark.{name} is not in the reference"


def test_public_api_has_docstrings():
    """Every public name of unmark, and every public method of Document, says what it does."""
    import inspect

    import unmark

    thin = []
    for name in unmark.__all__:
        obj = getattr(unmark, name)
        if name.startswith("_") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if len((inspect.getdoc(obj) or "").strip()) < 20:
            thin.append(name)
    for name, member in inspect.getmembers(unmark.Document):
        if name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
            continue
        if not (inspect.getdoc(member) or "").strip():
            thin.append(f"Document.{name}")
    assert not thin, f"public API without a real docstring: {thin}"
