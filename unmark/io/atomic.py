"""Atomic file output: write to a temporary file in the same folder, then rename.

Nothing half-written is ever left at the destination: on any error the temporary
file is removed and the destination keeps its previous content (or stays absent).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from ..errors import OutputError


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; rename it onto ``path`` when the block succeeds."""
    dest = Path(path)
    binary = "b" in mode
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=str(dest.parent))
    except OSError as exc:
        raise OutputError(f"cannot write to {dest.parent}: {exc.strerror}", code="E701", path=str(dest)) from exc
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)


def write_via(dest: str | os.PathLike, write) -> None:
    """Atomic output for writers that take a path (spreadsheet and XML libraries): ``write`` gets a
    temporary path in the destination folder, with the same extension; it is renamed onto ``dest``
    only when ``write`` returns."""
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=f".part{dest.suffix}", dir=str(dest.parent))
    except OSError as exc:
        raise OutputError(f"cannot write to {dest.parent}: {exc.strerror}", code="E701", path=str(dest)) from exc
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
