import pandas as pd

from unmark.align.types import Segment
from unmark.terms import Glossary, TermEntry, check_consistency
from unmark.terms.check import write_findings

G = Glossary("zh", "en", (
    TermEntry("偷运移民", "smuggling of migrants"),
    TermEntry("毒品和犯罪问题办公室", "United Nations Office on Drugs and Crime", acronym="UNODC"),
    TermEntry("会员国", "Member State"),
))

PAIRS = [
    (Segment("zh", "会员国应当打击偷运移民。", "A/RES/1", paragraph="1"), Segment("en", "Member States should combat migrant smuggling.")),
    (Segment("zh", "毒品和犯罪问题办公室协助会员国。", paragraph="2"), Segment("en", "UNODC assists Member States.")),
    (Segment("zh", "偷 运 移民 问题", paragraph="3"), Segment("en", "The Smuggling of Migrants issue")),
    (Segment("zh", "毒品和犯罪问题办公室的报告", paragraph="4"), Segment("en", "The report of the Office")),
]


def test_findings_for_missing_target_terms():
    f = check_consistency(G, PAIRS)
    got = [(x.row, x.source_term) for x in f]
    # row 0: "migrant smuggling" is a variant of "smuggling of migrants"; "Member States" matches "Member State"
    # row 1: the acronym satisfies the entry; row 2: case-insensitive match, spaced Chinese joined
    assert got == [(0, "偷运移民"), (3, "毒品和犯罪问题办公室")]
    assert f[0].symbol == "A/RES/1" and f[0].paragraph == "1"


def test_reports_in_three_formats(tmp_path):
    f = check_consistency(G, PAIRS)
    write_findings(f, tmp_path / "r.tsv")
    lines = (tmp_path / "r.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[0].startswith("source term\texpected target")
    write_findings(f, tmp_path / "r.xlsx")
    assert len(pd.read_excel(tmp_path / "r.xlsx")) == 2
    write_findings(f, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<mark>偷运移民</mark>" in html and "migrant smuggling" in html


def test_exact_case_option():
    from unmark.terms import CheckOptions

    f = check_consistency(G, PAIRS, options=CheckOptions(ignore_case=False))
    assert 2 in [x.row for x in f]
