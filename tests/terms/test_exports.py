import json
from pathlib import Path

import pandas as pd
import pytest

from unmark.terms import Example, Glossary, TermEntry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
NS = {"t": TBX_NS}
HERE = Path(__file__).parent

NASTY = Glossary("zh", "en", (
    TermEntry("偷运\t移民", "smuggling of\nmigrants <&> \"x\"", score=0.5, frequency=3, acronym=None,
              examples=(Example("偷运移民\t<b>", "smuggling &\x01 of migrants", "A/RES/73/195", "12(b)", None, "x.pdf"),)),
    TermEntry("毒品和犯罪问题办公室", "United Nations Office on Drugs and Crime", score=0.4, frequency=2, acronym="UNODC",
              subject="crime prevention", note="full form"),
    TermEntry("会员国", "Member States", status="known"),
), {"pairs": 3})


def test_tbx_well_formed_and_tbx_basic(tmp_path, glossary):
    lxml = pytest.importorskip("lxml.etree")
    for g in (glossary, NASTY):
        path = tmp_path / "g.tbx"
        g.to_tbx(path)
        text = path.read_text(encoding="utf-8")
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href=')
        assert "TBXcoreStructV03_TBX-Basic_integrated.rng" in text and "TBX-Basic_DCA.sch" in text
        doc = lxml.parse(str(path))
        root = doc.getroot()
        assert root.tag == f"{{{TBX_NS}}}tbx"
        assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == g.src_lang
        pis = [p for p in root.itersiblings(preceding=True) if isinstance(p, lxml._ProcessingInstruction)]
        assert len(pis) == 2 and all(p.target == "xml-model" for p in pis)
        # our RELAX NG grammar of the TBX-Basic subset we write
        rng = lxml.RelaxNG(lxml.parse(str(HERE / "tbx_basic_subset.rng")))
        assert rng.validate(doc), rng.error_log
        # TBX-Basic DCA Schematron rules, checked by hand
        for tn in root.iterfind(".//t:termNote", NS):
            assert lxml.QName(tn.getparent()).localname == "termSec"
        for d in root.iterfind(".//t:descrip[@type='subjectField']", NS):
            assert lxml.QName(d.getparent()).localname == "conceptEntry"
        for d in root.iterfind(".//t:descrip[@type='context']", NS):
            assert lxml.QName(d.getparent().getparent()).localname == "termSec"
        concepts = root.findall(".//t:conceptEntry", NS)
        assert len(concepts) == len(g)
        ids = [c.get("id") for c in concepts]
        assert len(set(ids)) == len(ids)


def test_tbx_escapes_everything(tmp_path):
    lxml = pytest.importorskip("lxml.etree")
    path = tmp_path / "g.tbx"
    NASTY.to_tbx(path)
    root = lxml.parse(str(path)).getroot()
    terms = [t.text for t in root.iterfind(".//t:term", NS)]
    assert "smuggling of\nmigrants <&> \"x\"" in terms
    contexts = [d.text for d in root.iterfind(".//t:descrip[@type='context']", NS)]
    assert "smuggling & of migrants" in contexts          # control character dropped
    acr = root.find(".//t:termSec[t:termNote='acronym']/t:term", NS)
    assert acr.text == "UNODC"
    assert root.find(".//t:descrip[@type='subjectField']", NS).text == "crime prevention"
    assert root.find(".//t:termNote[@type='administrativeStatus']", NS).text == "admittedTerm-admn-sts"
    assert "preferredTerm-admn-sts" in path.read_text(encoding="utf-8")   # the known entry


def test_omegat_fields_are_clean(tmp_path, glossary):
    for g in (glossary, NASTY):
        path = tmp_path / "g.tsv"
        g.to_omegat(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        lines = lines[:-1]
        assert len(lines) == len(g)
        for line, e in zip(lines, g):
            cols = line.split("\t")
            assert len(cols) == 3
            assert "\n" not in line and "\r" not in line
    assert lines[0].split("\t")[:2] == ["偷运 移民", "smuggling of migrants <&> \"x\""]


def test_xlsx_and_csv_read_back(tmp_path, glossary):
    x, c = tmp_path / "g.xlsx", tmp_path / "g.csv"
    NASTY.to_xlsx(x)
    NASTY.to_csv(c)
    for frame in (pd.read_excel(x), pd.read_csv(c, encoding="utf-8-sig")):
        assert list(frame.columns[:7]) == ["source term", "target term", "acronym", "definition/context",
                                           "source symbol", "subject", "note"]
        assert frame["target term"].iloc[1] == "United Nations Office on Drugs and Crime"
        assert frame["acronym"].iloc[1] == "UNODC"
        assert "A/RES/73/195" in frame["source symbol"].iloc[0]
        assert list(frame["status"]) == ["term", "term", "known"]
    glossary.to_xlsx(x)
    assert len(pd.read_excel(x)) == len(glossary)


def test_json_round_trip_and_save_by_extension(tmp_path, glossary):
    p = tmp_path / "g.json"
    glossary.save(p)
    d = json.loads(p.read_text(encoding="utf-8"))
    assert d["source_lang"] == "zh" and len(d["entries"]) == len(glossary)
    back = Glossary.from_dict(d)
    assert [(e.source, e.target, e.frequency) for e in back] == [(e.source, e.target, e.frequency) for e in glossary]
    assert back.entries[0].examples[0].paragraph


def test_unknown_extension_is_coded(tmp_path, glossary):
    from unmark.errors import TermsError

    with pytest.raises(TermsError) as e:
        glossary.save(tmp_path / "g.docx")
    assert e.value.code == "E404"
    assert not (tmp_path / "g.docx").exists()


def test_frame_has_unterm_like_columns(glossary):
    f = glossary.to_frame()
    assert len(f) == len(glossary)
    assert f.columns[0] == "source term" and f.columns[1] == "target term"


def test_lone_surrogates_and_control_characters_never_break_a_file(tmp_path):
    g = Glossary("zh", "en", (TermEntry("偷运\ud800移民", "smuggling\udfff of migrants\x0b", note="\ud800",
                                        examples=(Example("a\ud800", "b\x01", "\ud800"),)),))
    for ext in ("tbx", "csv", "xlsx", "tsv", "json"):
        g.save(tmp_path / f"g.{ext}")
        assert (tmp_path / f"g.{ext}").stat().st_size > 0
    assert "偷运移民\tsmuggling of migrants\t" in (tmp_path / "g.tsv").read_text(encoding="utf-8")
