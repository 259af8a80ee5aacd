"""Build the API reference of unmark from its docstrings with pdoc.

    python docs/build_api.py                 # HTML into build/api/ (gitignored)
    python docs/build_api.py -o /tmp/api     # elsewhere

Every module of the package is documented, private ones (``_name``) excepted. The build fails (exit 1)
when a module cannot be imported or pdoc warns about anything (a missing module, a broken reference), so
the reference cannot rot: ``tests/docs/test_api_reference.py`` runs it. pdoc is in the ``dev`` extras.
"""
from __future__ import annotations

import argparse
import pkgutil
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "api"


def modules(package: str = "unmark") -> list[str]:
    """Every public module of ``package``: the package itself and its submodules, sorted.

    Modules that run something when executed as a program (``__main__``) are left out."""
    pkg = __import__(package)
    names = [package]
    for info in pkgutil.walk_packages(pkg.__path__, prefix=package + "."):
        last = info.name.rsplit(".", 1)[-1]
        if last.startswith("_"):
            continue
        names.append(info.name)
    return sorted(names)


def build(out: Path = DEFAULT_OUT) -> tuple[Path, list[str]]:
    """Write the HTML reference into ``out``; returns (index page, problems). Problems are import
    errors and every warning pdoc gave."""
    import pdoc
    import pdoc.render

    problems: list[str] = []
    names = modules()
    for name in names:
        try:
            __import__(name)
        except Exception as exc:  # noqa: BLE001 - reported, and the build fails
            problems.append(f"cannot import {name}: {type(exc).__name__}: {exc}")
    pdoc.render.configure(docformat="google", footer_text="unmark API reference", search=True,
                          show_source=True)
    out.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # pdoc walks a package's submodules unless it declares __all__ (unmark does): give it each
        # package or module once, leaving out those an earlier spec already walked
        import pdoc.extract

        specs: list[str] = []
        covered: set[str] = set()
        for name in names:
            if name not in covered:
                specs.append(name)
                covered.update(pdoc.extract.walk_specs([name]))
        pdoc.pdoc(*specs, output_directory=out)
    for w in caught:
        problems.append(f"pdoc: {w.category.__name__}: {w.message}")
    return out / "index.html", problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="output folder (default: build/api)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    index, problems = build(args.output)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"API reference built with {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"API reference: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
