"""Writes only inside OUT_DIR: no folder batch writes into, nor the manifest or the lock, may be a
symbolic link someone planted there (it would send the output elsewhere).

- :func:`safe_dir` walks a relative folder under OUT_DIR one component at a time with ``lstat``,
  creating what is missing, and refuses a component that is a link or not a folder (E704).
- :func:`open_nofollow` opens a file in OUT_DIR with ``O_NOFOLLOW``: a planted link is refused
  (E704) instead of followed.
- Output files themselves are renamed into place (:mod:`unmark.io.atomic`): a rename replaces a
  link planted at the destination, never writes through it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from ..errors import BatchError, OutputError
from ..io.atomic import output_error

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def link_refused(path: str | os.PathLike, what: str) -> OutputError:
    return OutputError(f"{what} is a symbolic link or not a folder in the output folder: refused (nothing is "
                       f"written through a link)", code="E704", path=str(path))


def safe_dir(root: str | os.PathLike, rel_dir: str, *, create: bool = True) -> Path:
    """``root/rel_dir`` with every component below ``root`` a real folder, created as needed."""
    cur = Path(root)
    for part in PurePosixPath(rel_dir).parts:
        if part in ("", ".", "..") or "/" in part:
            raise BatchError(f"output path escapes the output folder: {rel_dir!r}", code="E505")
        cur = cur / part
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            if not create:
                return Path(root) / rel_dir
            try:
                os.mkdir(cur)
            except FileExistsError:
                pass
            except OSError as exc:
                raise output_error(exc, cur, "create a folder") from exc
            st = os.lstat(cur)
        except OSError as exc:
            raise output_error(exc, cur, "reach a folder") from exc
        if not stat.S_ISDIR(st.st_mode):
            raise link_refused(cur, f"folder {part!r}")
    return cur


def safe_dest(root: str | os.PathLike, rel: str) -> Path:
    """The path of output ``rel`` under ``root`` with its folders checked (:func:`safe_dir`)."""
    p = PurePosixPath(rel)
    if p.name in ("", ".", ".."):
        raise BatchError(f"output path escapes the output folder: {rel!r}", code="E505")
    parent = safe_dir(root, str(p.parent)) if str(p.parent) not in ("", ".") else Path(root)
    return parent / p.name


def open_nofollow(path: str | os.PathLike, flags: int, mode: int = 0o644, what: str = "file") -> int:
    """``os.open`` that refuses a symbolic link (E704) and codes other failures (E7xx)."""
    try:
        fd = os.open(str(path), flags | NOFOLLOW | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if exc.errno == __import__("errno").ELOOP:
            raise link_refused(path, what) from exc
        raise output_error(exc, path, f"open the {what}") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise link_refused(path, what)
    return fd
