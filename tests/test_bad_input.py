"""Bad input: a clear coded error or warning, never a traceback, nothing half-written."""
from __future__ import annotations

import subprocess
import sys

import pytest

import unmark
from unmark.errors import UnmarkError


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "E101"),
        (b"   \n\n  \t\n", "E101"),
        (bytes(range(256)) * 40, "E102"),
        (b"\x00\x01\x02binary\x00" * 100, "E102"),
        ("偷运移民问题工作组\n".encode("gb18030") * 20, "E103"),
    ],
    ids=["empty", "blank", "binary", "nul", "gb18030"],
)
def test_bad_bytes_raise_coded_errors(data, code):
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(data)
    assert ei.value.code == code


def test_too_large_is_refused_with_a_code():
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(b"1. Some text here.\n" * 1000, max_bytes=1000)
    assert ei.value.code == "E104"


def test_missing_file():
    with pytest.raises(UnmarkError) as ei:
        unmark.parse("no/such/file.txt")
    assert ei.value.code == "E105"


def test_unknown_language_option():
    with pytest.raises(UnmarkError) as ei:
        unmark.parse("text\nmore", lang="xx")
    assert ei.value.code == "E107"


def test_unexpected_language_is_a_warning_not_a_crash():
    text = ("1. Die Arbeitsgruppe hat die Empfehlungen zur Bekämpfung der Schleusung von Migranten "
            "erörtert und ist zu dem Ergebnis gekommen, dass die Zusammenarbeit verstärkt werden muss.\n") * 4
    doc = unmark.parse(text)
    assert doc.blocks
    assert any(w.code == "W104" for w in doc.warnings)
    english = unmark.parse("1. The Working Group discussed the recommendations on the smuggling of migrants "
                           "and concluded that the cooperation of States should be strengthened in the region.\n" * 4)
    assert not any(w.code == "W104" for w in english.warnings)


def test_large_text_parses(tmp_path):
    # ~1.6 MB of real-looking text: must parse (timing belongs to the benchmarks)
    para = "{n}. The Working Group recommended that States parties strengthen cooperation.\n"
    text = "".join(para.format(n=i % 999 + 1) for i in range(20000))
    doc = unmark.parse(text)
    assert len(doc.blocks) > 1000


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "unmark", *args], input=stdin, capture_output=True, timeout=120)


def test_cli_bad_input_exits_nonzero_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01" * 50)
    out = tmp_path / "out.json"
    r = _cli("parse", str(bad), "-o", str(out))
    assert r.returncode == 1
    assert b"error E10" in r.stderr
    assert b"Traceback" not in r.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_cli_empty_stdin():
    r = _cli("parse", "-", stdin=b"")
    assert r.returncode == 1 and b"E101" in r.stderr and b"Traceback" not in r.stderr
