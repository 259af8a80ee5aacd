"""bench/render_docs.py: benchmark tables in the docs are generated from bench/results, never typed."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


rd = _load("render_docs")
bu = _load("benchutil")


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "bench" / "results").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    bu.write_results("speed", [bu.table("main", "PDF speed", ["tool", "pages/s", "ok"],
                                        [["raw pypdf", 180.25, True], ["a|b", 3, None]])],
                     notes=["best of 3"], command="python bench/bench_speed.py --repeat 3",
                     out_dir=tmp_path / "bench" / "results")
    return tmp_path


def test_fills_a_region_then_check_passes(repo):
    page = repo / "docs" / "speed.md"
    page.write_text("# Speed\n\n<!-- bench:speed/main -->\n<!-- /bench -->\n\nafter\n", encoding="utf-8")
    assert rd.main(["--check", "--root", str(repo)]) == 1          # empty region: stale
    assert rd.main(["--root", str(repo)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "| raw pypdf | 180.25 | ✔ |" in text
    assert "| a\\|b | 3 |  |" in text                               # pipes escaped, None blank
    assert "`python bench/bench_speed.py --repeat 3`" in text       # the command under the table
    assert text.endswith("<!-- /bench -->\n\nafter\n")
    assert rd.main(["--check", "--root", str(repo)]) == 0


def test_edited_figure_is_stale(repo):
    page = repo / "README.md"
    page.write_text("<!-- bench:speed/main -->\n<!-- /bench -->\n", encoding="utf-8")
    rd.main(["--root", str(repo)])
    page.write_text(page.read_text(encoding="utf-8").replace("180.25", "250"), encoding="utf-8")
    assert rd.main(["--check", "--root", str(repo)]) == 1


def test_new_result_makes_page_stale(repo):
    page = repo / "README.md"
    page.write_text("<!-- bench:speed/notes -->\n<!-- /bench -->\n", encoding="utf-8")
    rd.main(["--root", str(repo)])
    assert "- best of 3" in page.read_text(encoding="utf-8")
    bu.write_results("speed", [], notes=["best of 5"], command="x", out_dir=repo / "bench" / "results")
    assert rd.main(["--check", "--root", str(repo)]) == 1


@pytest.mark.parametrize("body, message", [
    ("<!-- bench:nosuch/main -->\n<!-- /bench -->\n", "missing result"),
    ("<!-- bench:speed/nosuch -->\n<!-- /bench -->\n", "no table 'nosuch'"),
    ("<!-- bench:speed/main -->\nno end\n", "is not closed"),
    ("text\n<!-- /bench -->\n", "without an opening marker"),
    ("| tool | pages/s |\n|---|---|\n| pypdf | 180 |\n", "typed benchmark table"),
])
def test_bad_pages_fail_the_check(repo, capsys, body, message):
    (repo / "docs" / "bad.md").write_text(body, encoding="utf-8")
    assert rd.main(["--check", "--root", str(repo)]) == 1
    assert message in capsys.readouterr().err
    # and rendering does not destroy the region it could not fill
    rd.main(["--root", str(repo)])
    assert (repo / "docs" / "bad.md").read_text(encoding="utf-8") == body


def test_option_tables_are_not_benchmarks(repo):
    (repo / "docs" / "cli.md").write_text("| flag | meaning |\n|---|---|\n| -o | output |\n\n```\n| F1 |\n|---|\n```\n",
                                          encoding="utf-8")
    assert rd.main(["--check", "--root", str(repo)]) == 0


def test_row_width_is_checked(repo):
    with pytest.raises(ValueError):
        bu.table("t", "", ["a", "b"], [[1]])


def test_markers_shown_as_examples_are_not_regions(repo):
    body = ("Write `<!-- bench:speed/main -->` around a table:\n\n```\n<!-- bench:nosuch/main -->\n<!-- /bench -->\n```\n")
    (repo / "docs" / "howto.md").write_text(body, encoding="utf-8")
    assert rd.main(["--check", "--root", str(repo)]) == 0
    rd.main(["--root", str(repo)])
    assert (repo / "docs" / "howto.md").read_text(encoding="utf-8") == body


def test_this_repository_is_fresh(capsys):
    """README.md and docs/*.md show exactly what bench/results holds: no stale table, no missing result,
    no typed benchmark table (fix: run the benchmark, then python bench/render_docs.py)."""
    assert rd.main(["--check"]) == 0, capsys.readouterr().err
