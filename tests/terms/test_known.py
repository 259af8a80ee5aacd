from unmark.terms import extract_terms, load_known


def test_known_entries_kept_marked_and_first(pairs, tmp_path):
    known = tmp_path / "known.csv"
    known.write_text("source term,target term,acronym\n偷运移民,migrant smuggling,\n秘书处,Secretariat,\n", encoding="utf-8")
    entries = load_known(known, "zh", "en")
    assert [e.source for e in entries] == ["偷运移民", "秘书处"]
    g = extract_terms(pairs, "zh", "en", known=entries)
    assert [e.status for e in g.entries[:2]] == ["known", "known"]
    assert g.entries[0].target == "migrant smuggling"       # kept as given
    assert g.entries[1].frequency == 3                       # counted in the pairs
    extracted = [e for e in g.entries if not e.known]
    # known terms and their words leave the competition
    assert all(e.source not in ("偷运移民", "秘书处") for e in extracted)
    assert all(e.target not in ("Secretariat", "smuggling of migrants") for e in extracted)
    assert g.lookup("有组织犯罪集团").target == "organized criminal groups"


def test_known_from_tbx_round_trip(glossary, pairs, tmp_path):
    path = tmp_path / "g.tbx"
    glossary.to_tbx(path)
    entries = load_known(path, "zh", "en")
    assert {(e.source, e.target) for e in entries} == {(e.source, e.target) for e in glossary}
    unodc = next(e for e in entries if e.source == "毒品和犯罪问题办公室")
    assert unodc.acronym == "UNODC"
    g = extract_terms(pairs, "zh", "en", known=entries)
    assert all(e.known for e in g)


def test_known_from_omegat_tsv(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_text("会员国\tMember States\tcomment\n# a comment line\n", encoding="utf-8")
    assert [(e.source, e.target) for e in load_known(p, "zh", "en")] == [("会员国", "Member States")]
