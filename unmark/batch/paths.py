"""Input discovery and output naming.

Output names never escape OUT_DIR, whatever the input names are: every path component is
sanitised (no separators, no '..', no leading dot, no control characters, bounded length,
no Windows device names), relative sub-folders are kept, and collisions are resolved
deterministically (see :func:`plan_outputs`).
"""
from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import regex as re

from .options import INPUT_SUFFIXES

MANIFEST = "manifest.jsonl"
ALIGN_DIR = "_align"
LOCK = ".unmark-batch.lock"
SETTINGS = ".unmark-batch.json"
HISTORY = "manifest.history.jsonl"  # superseded manifest records (--keep-history)
RESERVED_ROOT = {MANIFEST, ALIGN_DIR, LOCK, SETTINGS, HISTORY}
MAX_COMPONENT_BYTES = 120
_BAD = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\p{Cf}\p{Zl}\p{Zp}]')
_WIN_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


@dataclass(frozen=True)
class InputFile:
    rel: str          # POSIX relative path under IN_DIR, as found
    path: str         # absolute path
    size: int
    supported: bool   # a suffix the parser takes (.pdf, .txt, .text) — anything else is recorded as skipped
    link: bool = False  # a symbolic link (skipped, E531, unless follow_links)


def discover(in_dir: str | os.PathLike, out_dir: str | os.PathLike | None = None) -> list[InputFile]:
    """Every regular file under ``in_dir`` (symlinked folders are not followed; OUT_DIR is left out
    when it lies inside IN_DIR), sorted by relative path."""
    root = Path(in_dir).resolve()
    out = Path(out_dir).resolve() if out_dir is not None else None
    found: list[InputFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        d = Path(dirpath)
        if out is not None:
            dirnames[:] = [n for n in dirnames if (d / n).resolve() != out]
        dirnames.sort()
        for name in sorted(filenames):
            p = d / name
            try:
                link = p.is_symlink()
                if not p.is_file():
                    continue
                size = p.stat().st_size
            except OSError:
                continue
            rel = p.relative_to(root).as_posix()
            found.append(InputFile(rel, str(p), size, p.suffix.lower() in INPUT_SUFFIXES, link))
    found.sort(key=lambda f: f.rel)
    return found


def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def sanitize_component(name: str) -> str:
    """One path component -> a safe file name (may be lossy; see :func:`plan_outputs`)."""
    try:  # a name the OS gave as undecodable bytes (surrogateescape) -> U+FFFD, then NFC
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    s = unicodedata.normalize("NFC", raw.decode("utf-8", "replace"))
    s = _BAD.sub("_", s).strip(" .")
    s = s.lstrip(".-")
    if not s or set(s) <= {"_", "."}:
        s = "_"
    if _WIN_DEVICES.match(s):
        s = "_" + s
    b = s.encode("utf-8")
    if len(b) > MAX_COMPONENT_BYTES:
        s = b[:MAX_COMPONENT_BYTES].decode("utf-8", "ignore").rstrip(" .") + "~" + _short_hash(name)
    return s


def _stem(rel: str) -> tuple[list[str], str]:
    parts = PurePosixPath(rel).parts
    name = parts[-1]
    low = name.lower()
    for suf in INPUT_SUFFIXES:
        if low.endswith(suf) and len(name) > len(suf):
            name = name[: -len(suf)]
            break
    return list(parts[:-1]), name


def output_base(rel: str) -> tuple[str, bool]:
    """(safe relative base without extension, lossless?) for an input's relative path."""
    dirs, stem = _stem(rel)
    safe_dirs = [sanitize_component(d) for d in dirs]
    safe_stem = sanitize_component(stem)
    lossless = safe_dirs == dirs and safe_stem == stem
    if safe_dirs and safe_dirs[0].casefold() in {r.casefold() for r in RESERVED_ROOT}:
        safe_dirs[0] = "_" + safe_dirs[0]
        lossless = False
    return "/".join(safe_dirs + [safe_stem]), lossless


def plan_outputs(rels: list[str]) -> dict[str, str]:
    """Relative input path -> relative output base (no extension; '.json' etc. are appended).

    Deterministic: a base gets the suffix ``~<8 hex of sha1(input path)>`` when sanitising changed
    the name, or when two inputs would share a base (compared case-insensitively, e.g. ``a.pdf`` and
    ``a.txt``, or ``A.txt`` and ``a.txt``); then every member of the clash gets its own suffix,
    so the result does not depend on the order the files are listed in.
    """
    bases: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for rel in rels:
        base, lossless = output_base(rel)
        if not lossless:
            base = f"{base}~{_short_hash(rel)}"
        bases[rel] = base
        groups.setdefault(base.casefold(), []).append(rel)
    for members in groups.values():
        if len(members) > 1:
            for rel in members:
                if not bases[rel].endswith("~" + _short_hash(rel)):
                    bases[rel] = f"{bases[rel]}~{_short_hash(rel)}"
    return bases


def inside(root: str | os.PathLike, rel: str) -> Path:
    """``root/rel`` after checking it stays inside ``root`` (a last guard; names are sanitised already)."""
    r = Path(root).resolve()
    p = (r / rel).resolve()
    if p != r and r not in p.parents:
        from ..errors import BatchError

        raise BatchError(f"output path escapes the output folder: {rel!r}", code="E505")
    return p
