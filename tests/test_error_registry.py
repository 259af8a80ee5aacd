"""One registry of error and warning codes: every code the source raises or warns is
registered once (unmark/errors.py), and docs/errors.md is generated from the registry."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from unmark.errors import CODES, UnmarkError, describe, markdown

ROOT = Path(__file__).resolve().parents[1]
CODE = re.compile(r"\b[EW]\d{3}\b")
NOQA = re.compile(r"#\s*noqa[^\n]*")


def _codes_in_source() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for py in sorted((ROOT / "unmark").rglob("*.py")):
        if py.name == "errors.py":
            continue
        for n, line in enumerate(py.read_text(encoding="utf-8").splitlines(), 1):
            for code in CODE.findall(NOQA.sub("", line)):
                found.setdefault(code, []).append(f"{py.relative_to(ROOT)}:{n}")
    return found


def test_every_code_in_the_source_is_registered():
    found = _codes_in_source()
    assert len(found) > 50  # the scan sees the codes (E105, E203, W110, ...)
    missing = {c: where[:3] for c, where in found.items() if c not in CODES}
    assert not missing, f"register these codes in unmark/errors.py: {missing}"


def test_registry_entries_are_complete():
    for code, entry in CODES.items():
        assert entry.code == code and entry.template.strip() and entry.meaning.strip(), code
        assert entry.kind == ("warning" if code.startswith("W") else "error")


def test_register_twice_fails():
    from unmark import errors

    with pytest.raises(ValueError):
        errors._code("E101", "x", "y")


def test_docs_errors_md_is_up_to_date():
    doc = ROOT / "docs" / "errors.md"
    assert doc.is_file(), "generate it: python -m unmark.errors_md > docs/errors.md"
    assert doc.read_text(encoding="utf-8") == markdown(), "docs/errors.md is stale: python -m unmark.errors_md > docs/errors.md"


def test_every_registered_code_is_in_the_doc():
    text = markdown()
    for code in CODES:
        assert f"| {code} |" in text


def test_describe_and_exception_code():
    assert describe("E105").meaning
    err = UnmarkError("x", code="E203")
    assert err.code in CODES and err.to_dict()["code"] == "E203"


def test_split_codes_missing_file_directory_device(tmp_path):
    """E203 used to mean corrupt PDF, missing file and layout failure: each has its own code now."""
    import unmark
    from unmark.extract.pdf import read_raw_pages

    with pytest.raises(UnmarkError) as ei:
        read_raw_pages(tmp_path / "nothere.pdf")
    assert ei.value.code == "E105"
    with pytest.raises(UnmarkError) as ei:
        read_raw_pages(tmp_path)
    assert ei.value.code == "E120" and "directory" in ei.value.message
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(tmp_path)
    assert ei.value.code == "E120" and "directory" in ei.value.message
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(Path("/dev/null"))
    assert ei.value.code == "E120" and "no such file" not in ei.value.message
