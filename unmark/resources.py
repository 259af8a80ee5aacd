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


@functools.lru_cache(maxsize=1)
def resources_dir() -> Path:
    """Directory holding the rule files: the repository's ``resources/`` or the installed copy."""
    here = Path(__file__).resolve().parent
    repo = here.parent / "resources"
    if repo.is_dir():
        return repo
    try:
        from importlib import resources as ir

        return Path(str(ir.files("unmark.resources")))
    except Exception as exc:  # pragma: no cover
        raise ResourceError("resources directory not found", code="E601") from exc


@functools.lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """Load ``resources/<name>`` (a .toml file), cached. ``name`` may contain sub-folders."""
    path = resources_dir() / name
    if not path.is_file():
        raise ResourceError(f"rule file missing: {name}", code="E601")
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"rule file {name} is not valid TOML: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Load a plain word list (one entry a line, ``#`` comments and blanks skipped)."""
    path = resources_dir() / name
    if not path.is_file():
        raise ResourceError(f"word list missing: {name}", code="E601")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        s = raw.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return tuple(out)
