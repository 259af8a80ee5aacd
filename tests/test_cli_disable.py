"""`--disable STAGE[,STAGE]` on the command line builds the ParseOptions the API takes: the same
document as ``parse(..., disable=...)``, E610 for an unknown stage, documented with the real names."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import unmark
from unmark.batch import BatchOptions
from unmark.commands.common import disabled_stages
from unmark.errors import UnmarkError
from unmark.pipeline import STAGE_NAMES, ParseOptions

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt"


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "unmark", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_cli_disable_gives_the_document_the_api_gives():
    r = _cli("parse", str(SEED), "--disable", "markers,links", "--disable", "sentences")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    want = unmark.parse(SEED, disable=("markers", "links", "sentences")).to_dict()
    assert got == json.loads(json.dumps(want, ensure_ascii=False))
    assert all(not b.get("sentences") for b in got["blocks"])
    assert not any(b.get("footnote_refs") for b in got["blocks"])


def test_cli_unknown_stage_is_e610_and_writes_nothing(tmp_path):
    out = tmp_path / "out.json"
    r = _cli("parse", str(SEED), "--disable", "sentence", "-o", str(out))
    assert r.returncode == 1
    assert "E610" in r.stderr and "sentences" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("values, want", [
    (["markers"], ("markers",)), (["markers,links", "sentences"], ("markers", "links", "sentences")),
    ([" contents , front "], ("contents", "front")), ([], ()),
])
def test_disable_values(values, want):
    assert disabled_stages(values) == want
    ParseOptions(disable=want)  # valid names


@pytest.mark.parametrize("values", [["sentences,"], ["nope"], [""]])
def test_empty_or_unknown_names_are_e610(values):
    with pytest.raises(UnmarkError) as e:
        ParseOptions(disable=disabled_stages(values))
    assert e.value.code == "E610"


def test_batch_takes_the_same_stages_and_hashes_them():
    plain, off = BatchOptions(), BatchOptions(disable=("links",))
    assert off.parse_options().disable == ("links",)
    assert "disable" not in plain.hashed_settings()       # earlier manifests stay valid
    assert plain.settings_hash() != off.settings_hash()   # --resume re-does a file parsed otherwise
    with pytest.raises(UnmarkError) as e:
        BatchOptions(disable=("link",))
    assert e.value.code == "E610"


def test_cli_doc_lists_the_real_stage_names():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    para = text[text.index("`--disable STAGE[,STAGE]`"):].split("\n- ", 1)[0]
    names = re.findall(r"`([a-z_]+)`", para.split("(architecture.md):", 1)[1].split(". ", 1)[0])
    assert tuple(names) == STAGE_NAMES
