"""Every rule file in resources/core loads and validates, and its examples run (ftfy/pySBD style:
one test per example, including the must-not-change cases)."""
from __future__ import annotations

import pytest

from unmark.clean.artifacts import map_pua, remove_broken_fields
from unmark.rules.furniture import furniture_kind
from unmark.model import MappedText
from unmark.resources import load_toml
from unmark.rules.masthead import match_masthead
from unmark.segment.front import front_role
from unmark.labels import match_label
from unmark.segment.symbols import find_symbols


def _examples(name: str, *path: str) -> list:
    d = load_toml(name)
    for p in path:
        d = d[p]
    return d if isinstance(d, list) else d.get("examples", [])


@pytest.mark.parametrize("ex", _examples("core/artifacts.toml", "broken_field", "examples"), ids=lambda e: e["input"][:30])
def test_broken_field_examples(ex):
    out, fixes = remove_broken_fields(MappedText.from_source(ex["input"], 1, 1))
    assert out.text == ex["output"]
    assert bool(fixes) == (ex["input"] != ex["output"])


@pytest.mark.parametrize("ex", _examples("core/artifacts.toml", "pua", "examples"), ids=lambda e: e["input"][:30])
def test_pua_examples(ex):
    out, _ = map_pua(MappedText.from_source(ex["input"], 1, 1))
    assert out.text == ex["output"]


@pytest.mark.parametrize("ex", _examples("core/artifacts.toml", "bidi_controls", "examples"), ids=lambda e: e["input"][:20])
def test_bidi_control_examples(ex):
    from unmark.clean.artifacts import remove_bidi_controls

    out, fixes = remove_bidi_controls(MappedText.from_source(ex["input"], 1, 1))
    assert out.text == ex["output"]
    assert bool(fixes) == (ex["input"] != ex["output"])


@pytest.mark.parametrize("ex", _examples("core/furniture.toml", "examples"), ids=lambda e: e["line"])
def test_furniture_examples(ex):
    kind = furniture_kind(ex["line"], ex.get("position", "middle"))
    assert (kind is not None) == ex["furniture"]


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "examples"), ids=lambda e: e["line"][:20])
def test_label_examples(ex):
    m = match_label(ex["line"])
    if not ex["kind"]:
        assert m is None
    else:
        assert m is not None and m.kind == ex["kind"] and m.label == ex["label"]


@pytest.mark.parametrize("ex", _examples("core/masthead.toml", "examples"), ids=lambda e: e["line"][:30])
def test_masthead_examples(ex):
    got = match_masthead(ex["line"], ex["lang"])
    if not ex["field"]:
        assert got is None
    else:
        assert got == (ex["field"], ex["value"])


@pytest.mark.parametrize("ex", _examples("core/front.toml", "examples"), ids=lambda e: e["line"][:30])
def test_front_examples(ex):
    assert (front_role(ex["line"]) or "") == ex["role"]


@pytest.mark.parametrize("ex", _examples("core/symbols.toml", "examples"), ids=lambda e: e["text"][:30])
def test_symbol_examples(ex):
    assert [s.text for s in find_symbols(ex["text"])] == ex["found"]


def test_invalid_rule_file_is_a_coded_error(tmp_path, monkeypatch):
    from unmark import resources
    from unmark.errors import ResourceError

    (tmp_path / "bad.toml").write_text("x = [", encoding="utf-8")
    monkeypatch.setattr(resources, "resources_dir", lambda: tmp_path)
    resources.load_toml.cache_clear()
    try:
        with pytest.raises(ResourceError) as ei:
            resources.load_toml("bad.toml")
        assert ei.value.code == "E602"
        with pytest.raises(ResourceError) as ei:
            resources.load_toml("missing.toml")
        assert ei.value.code == "E601"
    finally:
        resources.load_toml.cache_clear()


@pytest.mark.parametrize("ex", _examples("core/pages.toml", "examples"), ids=lambda e: e["name"])
def test_page_segmentation_examples(ex):
    from unmark.extract.text import extract_text

    got = extract_text(ex["input"])
    assert got.style == ex["style"]
    assert len(got.pages) == ex["pages"]
    annotations = sum(1 for p in got.pages for ln in p.lines if ln.zone == "annotation")
    assert annotations == ex.get("annotations", 0)
    if "unwrapped" in ex:
        ends = [ln.hard_end for p in got.pages for ln in p.lines if ln.s.strip()]
        assert ends and all(e is (True if ex["unwrapped"] else None) for e in ends)


@pytest.mark.parametrize("ex", _examples("core/contents.toml", "examples"), ids=lambda e: e["lines"][0][:30])
def test_contents_examples(ex):
    from unmark.clean.contents import contents_span

    span = contents_span(ex["lines"])
    assert (0 if span is None else span[1] - span[0]) == ex["contents"]


def test_contents_leave_the_body_with_fixes():
    import unmark

    text = ("Report of the Secretary-General\n\nContents\nPage\n"
            "I. Introduction . . . . . . . . . . . . . . . . . . . . . . . 2\n"
            "II. Background . . . . . . . . . . . . . . . . . . . . . . . . 3\n"
            "I. Introduction\n1. The present report is submitted pursuant to resolution 74/234.\n"
            "II. Background\n2. The Working Group met twice.\n")
    doc = unmark.parse_text(text, options=unmark.ParseOptions(lang="en"))
    assert [b.text for b in doc.blocks if b.type == "heading"] == ["Introduction", "Background"]
    rules = [f.rule for f in doc.fixes if f.rule.startswith("contents.")]
    assert rules == ["contents.heading", "contents.entry", "contents.entry", "contents.entry"]
    assert "Contents" not in doc.text()


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "annex_examples"), ids=lambda e: e["line"][:30])
def test_annex_examples(ex):
    from unmark.labels import match_annex

    assert match_annex(ex["line"]) is ex["match"]


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "heading_like_examples"), ids=lambda e: e["line"][:30])
def test_heading_like_examples(ex):
    from unmark.segment.structure import heading_like

    assert heading_like(ex["line"]) is ex["heading"]


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "named_heading_examples"), ids=lambda e: e["line"][:30])
def test_named_heading_examples(ex):
    from unmark.labels import match_named_heading

    assert match_named_heading(ex["line"]) is ex["match"]


@pytest.mark.parametrize("pattern, ok", [
    (r"(?:^|\s)(?:Please\s+recycle|♲)\s*$", True), ("(a|b)$", True), ("[|]x$", True),
    ("a|b$", False), ("abc", False), (r"a\$", False),
])
def test_recycle_pattern_must_be_anchored_at_the_end(pattern, ok):
    # the recycling mark is matched at the end of the line only: the rule must say so
    from unmark.rules.furniture import _anchored_at_end
    from unmark.errors import ResourceError

    if ok:
        assert _anchored_at_end(pattern) == pattern
    else:
        with pytest.raises(ResourceError) as ei:
            _anchored_at_end(pattern)
        assert ei.value.code == "E602"


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "match_examples"), ids=lambda e: f"{e['rule']}:{e['text'][:20]}")
def test_label_grammar_rule_examples(ex):
    from unmark.labels import rule

    assert (rule(ex["rule"]).match(ex["text"]) is not None) is ex["match"]


def test_label_grammar_is_the_one_the_pdf_layout_uses():
    from unmark.extract.pdf.rules import rules as pdf_rules
    from unmark.labels import rule

    R = pdf_rules()
    assert (R.label, R.label_start, R.label_rtl, R.marker, R.note_head) == (
        rule("pdf.run"), rule("pdf.start"), rule("pdf.rtl"), rule("note.run"), rule("note.head"))


def _grammar(**change):
    import copy

    d = copy.deepcopy(load_toml("core/labels.toml"))
    for path, value in change.items():
        t = d
        keys = path.split("__")
        for k in keys[:-1]:
            t = t[k]
        t[keys[-1]] = value
    return d


@pytest.mark.parametrize("change", [
    {"pdf__run": "^(?:[unclosed"},                      # a regex that does not compile
    {"item__letter": r"^\((?P<num>[a-z])\)"},          # no group `label`
    {"pdf__start": "^{no_such_vocabulary}"},            # an unknown vocabulary name
    {"lang__en__patterns": [r"^\d+\."]},               # a language pattern without `label`
    {"vocab__num": 3},                                  # a vocabulary entry that is no pattern
], ids=["bad-regex", "no-label-group", "unknown-vocab", "lang-no-group", "vocab-type"])
def test_broken_label_grammar_is_e602(change):
    from unmark.errors import ResourceError
    from unmark.labels import compile_grammar

    compile_grammar(_grammar())  # the file as it is compiles
    with pytest.raises(ResourceError) as ei:
        compile_grammar(_grammar(**change))
    assert ei.value.code == "E602"


def test_label_values_come_from_the_grammar():
    from unmark.align.anchors import label_value

    assert [label_value(x) for x in ("ثانيا -", "(ب)", "б)", "(d)", "IV.", "三、", "12.")] == [
        "2", "b", "b", "d", "4", "3", "12"]


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "search_examples"), ids=lambda e: f"{e['rule']}:{e['text'][:20]}")
def test_label_grammar_search_examples(ex):
    from unmark.labels import rule

    assert [m.group() for m in rule(ex["rule"]).finditer(ex["text"])] == ex["found"]


@pytest.mark.parametrize("ex", _examples("core/labels.toml", "value_examples"), ids=lambda e: e["label"])
def test_label_value_examples(ex):
    from unmark.align.anchors import label_value

    assert label_value(ex["label"]) == ex["value"]
