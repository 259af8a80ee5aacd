"""Loading of rule files from ``resources/`` (data, not code).

Every file is loaded once (cached) and validated at load; a broken file raises
:class:`unmark.errors.ResourceError` with code E601/E602.
"""
from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ResourceError

log = logging.getLogger(__name__)


#: the package the build maps the top-level ``resources/`` folder to (pyproject.toml / setup.py)
PACKAGE = "unmark._rules"


@functools.lru_cache(maxsize=1)
def resources_dir():
    """The folder holding the rule files (a ``Path`` or an ``importlib.resources`` Traversable).

    In a source checkout (``pyproject.toml`` beside the ``unmark`` package) it is the checkout's
    own ``resources/`` -- even when another copy of unmark is installed; in an installed wheel it
    is the copy the build put in the package ``unmark._rules``, read with ``importlib.resources``.
    """
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "resources").is_dir():
        return root / "resources"
    try:
        from importlib import resources as ir

        found = ir.files(PACKAGE)
    except (ImportError, TypeError) as exc:
        raise ResourceError("resources directory not found: the installation is broken "
                            "(reinstall unmark-undocs)", code="E601") from exc
    if not found.joinpath("core").is_dir():
        raise ResourceError("resources directory is empty: the installation is broken "
                            "(reinstall unmark-undocs)", code="E601")
    return found


@functools.lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """Load ``resources/<name>`` (a .toml file), cached. ``name`` may contain sub-folders."""
    path = resources_dir().joinpath(name)
    if not path.is_file():
        raise ResourceError(f"rule file missing: {name}", code="E601")
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"rule file {name} is not valid TOML: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Load a plain word list (one entry a line, ``#`` comments and blanks skipped)."""
    path = resources_dir().joinpath(name)
    if not path.is_file():
        raise ResourceError(f"word list missing: {name}", code="E601")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        s = raw.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return tuple(out)
