"""One definition per concept: the checks read the package's source (the AST or its text), so a
second definition, or a guard around the package's own code, fails here when it comes back.

- character classes of scripts (Han, the East Asian wide blocks, code-point ranges of CJK) are
  written in ``unmark/scripts.py`` only;
- the language of a text is told by ``unmark/lang`` only (the aligner asks it when no code is given);
- no ``except ImportError`` around an import of the package's own modules, no
  ``pytest.importorskip`` of them in the tests (an import bug must fail, not skip).
"""
from __future__ import annotations

import ast
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "unmark"

# Unicode script properties and the code-point ranges of CJK blocks, as written in source
_SCRIPT_CLASS = regex.compile(
    r"\\p\{(?:Han|Hiragana|Katakana|Hangul|Arabic|Cyrillic|Latin|Greek|Hebrew)\}"
    r"|\\u(?:0400|04ff|0590|0600|1100|2e80|303f|3040|3041|3400|4e00|9fff|ac00|f900|fb50|fe70|ff00)(?![0-9a-f])",
    regex.IGNORECASE)


def _sources() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def _strings(tree: ast.AST):
    """String constants that are no docstring."""
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node


def test_script_classes_are_written_in_scripts_py_only():
    found = []
    for p in _sources():
        if p == PKG / "scripts.py":
            continue
        src = p.read_text(encoding="utf-8")
        for node in _strings(ast.parse(src)):
            # the constant as written in the source ("\u4e00" escapes, raw or not)
            seg = ast.get_source_segment(src, node) or ""
            if _SCRIPT_CLASS.search(seg):
                found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_checker_sees_a_script_class():
    tree = 'X = r"[\\p{Han}]"\nY = "[\\u4e00-\\u9fff]"\n'
    segs = [ast.get_source_segment(tree, n) for n in _strings(ast.parse(tree))]
    assert [bool(_SCRIPT_CLASS.search(s)) for s in segs] == [True, True]


def _imports_own(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.ImportFrom) and (sub.level > 0 or (sub.module or "").startswith("unmark")):
            return True
        if isinstance(sub, ast.Import) and any(a.name.startswith("unmark") for a in sub.names):
            return True
    return False


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = []
    t = handler.type
    for n in (t.elts if isinstance(t, ast.Tuple) else [t]):
        if isinstance(n, ast.Name):
            names.append(n.id)
    return t is None or bool({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"} & set(names))


def _guarded_own_imports(src: str) -> list[int]:
    out = []
    for node in ast.walk(ast.parse(src)):
        if not isinstance(node, ast.Try) or not any(_imports_own(stmt) for stmt in node.body):
            continue
        first = next((h for h in node.handlers if _catches_import_error(h)), None)
        # a handler that only raises again lets the import error through
        if first is not None and not (len(first.body) == 1 and isinstance(first.body[0], ast.Raise) and first.body[0].exc is None):
            out.append(node.lineno)
    return out


def test_no_guard_around_the_packages_own_imports():
    found = [f"{p.relative_to(ROOT)}:{n}" for p in _sources() for n in _guarded_own_imports(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_checker_sees_a_guarded_import():
    assert _guarded_own_imports("try:\n    from .x import y\nexcept ImportError:\n    y = None\n") == [1]
    assert _guarded_own_imports("try:\n    import tqdm\nexcept ImportError:\n    pass\n") == []
    assert _guarded_own_imports("try:\n    from . import x\nexcept (ImportError, OSError):\n    raise\nexcept Exception:\n    pass\n") == []


def test_no_test_skips_on_an_import_of_the_package():
    found = []
    for p in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "importorskip"
                    and node.args and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).startswith("unmark")):
                found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_aligner_asks_lang_for_a_language_it_is_not_given():
    from unmark.align import sentence
    from unmark.lang.identify import identify_units

    zh = ["委员会审议了秘书处的报告。", "会议通过了议程。"]
    fr = ["Le Comité a examiné le rapport du Secrétariat.", "La réunion a adopté l'ordre du jour."]
    en = ["The Committee considered the report of the Secretariat.", "The meeting adopted the agenda."]
    assert [sentence._language(None, x) for x in (zh, fr, en)] == [identify_units(x) for x in (zh, fr, en)] == ["zh", "fr", "en"]
    assert sentence._language("ZH-Hans", en) == "zh-hans"  # a code given is taken as it is
