"""Output names never escape OUT_DIR, whatever the input names; collisions resolved deterministically."""
from __future__ import annotations

import os
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from unmark.batch import BatchOptions, plan_outputs, read_manifest, run_batch, sanitize_component
from unmark.batch.paths import MAX_COMPONENT_BYTES

from batchutil import un_text, write

NASTY = [
    "..", ".", "...txt", ".hidden.txt", "-rf.txt", "a:b?.txt", 'q"uote<>|*.txt', "new\nline.txt", "tab\there.txt",
    "CON.txt", "nul.pdf", "x" * 300 + ".txt", "中文" * 80 + ".txt", "e\u0301.txt", "\u00e9.txt", "A.txt", "a.txt",
    "same.pdf", "same.txt", "same.TXT", "manifest.txt", "_align/x.txt", "rtl\u202egnp.txt", "zero\u200bwidth.txt",
    "trail. .txt", " lead.txt",
]


def _check_safe(rel_out: str) -> None:
    parts = rel_out.split("/")
    for p in parts:
        assert p not in ("", ".", "..")
        assert not p.startswith(".")
        assert "\x00" not in p and "\\" not in p and "\n" not in p
        assert len(p.encode()) <= MAX_COMPONENT_BYTES + 24  # + two ~hash suffixes + extension; < 255


def test_plan_is_safe_unique_and_order_free():
    rels = [n for n in NASTY if n not in (".", "..")] + ["sub/../../etc/passwd.txt", "../up.txt", "/abs/path.txt", "d/.././x.txt"]
    plan = plan_outputs(rels)
    outs = list(plan.values())
    assert len({o.casefold() for o in outs}) == len(outs), "collision"
    for o in outs:
        _check_safe(o)
    shuffled = rels[:]
    random.Random(7).shuffle(shuffled)
    assert plan_outputs(shuffled) == plan
    # clean names stay readable
    assert plan_outputs(["A_80_590_ZH.pdf"]) == {"A_80_590_ZH.pdf": "A_80_590_ZH"}
    assert plan_outputs(["sub/dir/foo.zh.pdf"]) == {"sub/dir/foo.zh.pdf": "sub/dir/foo.zh"}


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_sanitize_component_property(name):
    s = sanitize_component(name)
    _check_safe(s)
    assert "/" not in s


@given(st.lists(st.text(st.characters(blacklist_characters="\x00"), min_size=1, max_size=30), min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_planned_paths_stay_inside(parts):
    rel = "/".join(parts) + ".txt"
    base = plan_outputs([rel])[rel]
    _check_safe(base + ".json")
    root = Path("/tmp/outroot")
    assert (root / (base + ".json")).resolve().is_relative_to(root)


def test_hostile_names_on_disk(tmp_path):
    src = tmp_path / "in"
    made = []
    for n in NASTY:
        if n in (".", ".."):
            continue
        try:
            write(src / n, un_text(len(made)))
            made.append(n)
        except OSError:  # a name this file system refuses
            pass
    # a name that is not valid UTF-8 (os.walk gives it back with surrogate escapes)
    fd = os.open(os.fsencode(src) + b"/bad\xff\xfename.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, un_text(99).encode())
    os.close(fd)
    made.append(os.fsdecode(b"bad\xff\xfename.txt"))
    out = tmp_path / "out"
    s = run_batch(src, out, BatchOptions(formats=("json", "txt"), jobs=2))
    # text saved under a .pdf name is refused with a coded error (E203), never parsed as text
    fake_pdfs = [n for n in made if n.lower().endswith(".pdf")]
    assert s.ok == len(made) - len(fake_pdfs)
    assert s.errors_by_code.get("E203", 0) == len(fake_pdfs)
    recs = read_manifest(out / "manifest.jsonl")
    assert len(recs) == s.total
    files_on_disk = [p for p in out.rglob("*") if p.is_file()]
    for p in files_on_disk:
        assert p.resolve().is_relative_to(out.resolve())
    outs = [o for r in recs for o in r["outputs"]]
    assert len(outs) == len(set(o.casefold() for o in outs))
    for o in outs:
        _check_safe(o)
        assert (out / o).is_file()
    # resume recognises every file, odd names included
    s2 = run_batch(src, out, BatchOptions(formats=("json", "txt"), jobs=2, resume=True))
    assert s2.skipped == len(made) and s2.ok == 0
    # nothing written outside OUT_DIR
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
