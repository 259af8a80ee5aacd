"""The judging samples: a verdict is reused only for a byte-identical entry, marked in the note, and
the scoring counts reused rows and reports files still to judge as pending."""
import sys
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import terms_judge  # noqa: E402
import terms_judged  # noqa: E402


def _entry(source, target, status="term", acronym=None):
    ex = SimpleNamespace(source_text=f"... {source} ...", target_text=f"... {target} ...")
    return SimpleNamespace(source=source, target=target, acronym=acronym, status=status, frequency=3, examples=(ex,))


def test_verdicts_are_reused_only_for_identical_entries(tmp_path):
    prev = tmp_path / "prev"
    prev.mkdir()
    old = [_entry("缔约国", "States Parties", "name"), _entry("人权", "human rights"), _entry("附件", "annex")]
    terms_judge.write_sample(prev / "terms_judge_s_top100.tsv", "s", old, [0, 1, 2], "ranks 1-3", "zh", "en")
    lines = (prev / "terms_judge_s_top100.tsv").read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
    for r, v in zip(rows[1:], ("PARTIAL", "OK", "PARTIAL")):
        r[1], r[2] = v, "reason"
    (prev / "terms_judge_s_top100.tsv").write_text(
        "\n".join([ln for ln in lines if ln.startswith("#")] + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")

    reuse = terms_judge.previous_verdicts(prev, "s")
    new = [_entry("缔约国", "State party"), _entry("人权", "human rights"), _entry("附件", "annex", "general")]
    out = tmp_path / "terms_judge_s_top100.tsv"
    n = terms_judge.write_sample(out, "s", new, [0, 1, 2], "ranks 1-3", "zh", "en", reuse)
    assert n == 1                                       # only 人权 / human rights is the same entry
    body = [ln.split("\t") for ln in out.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")][1:]
    assert [r[1] for r in body] == ["", "OK", ""]
    assert terms_judge.REUSED in body[1][2]
    counts, total, bad = terms_judged.read_verdicts(out)
    assert (counts["OK"], counts["reused"], total, bad) == (1, 1, 3, [])
