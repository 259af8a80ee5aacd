"""Atomic file output: write to a temporary file in the same folder, then rename.

Nothing half-written is ever left at the destination: on any error the temporary
file is removed and the destination keeps its previous content (or stays absent).
The file gets the permissions of any new file (``0666`` minus the umask: ``0644`` under
umask 022), or keeps those of the file it replaces -- not the ``0600`` of a temporary file.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from ..errors import OutputError

READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def output_error(exc: OSError, path: str | os.PathLike, what: str = "write") -> OutputError:
    """A coded error for a failed write: E702 read-only or not permitted, E703 disk full (or
    quota, or file too large), E704 a link refused, E701 anything else."""
    n = exc.errno
    if n in READ_ONLY:
        return OutputError(f"cannot {what}: the output location is read-only or not writable ({exc.strerror})",
                           code="E702", path=str(path))
    if n in DISK_FULL:
        return OutputError(f"cannot {what}: no space left on the output device ({exc.strerror})", code="E703",
                           path=str(path))
    if n == errno.ELOOP:
        return OutputError(f"cannot {what}: a symbolic link is in the way (refused)", code="E704", path=str(path))
    return OutputError(f"cannot {what}: {exc.strerror or exc}", code="E701", path=str(path))


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (``/proc/self/status``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, then put it back at once
    os.umask(mask)
    return mask


def _final_mode(dest: Path) -> int:
    """Mode of the written file: that of the file it replaces, else 0666 minus the umask."""
    try:
        return dest.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


@contextlib.contextmanager
def _temp_beside(dest: Path) -> Iterator[str]:
    """A temporary path next to ``dest`` (same extension); renamed onto ``dest`` when the
    block succeeds, removed when it fails."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=f".part{dest.suffix}", dir=str(dest.parent))
    except OSError as exc:
        raise output_error(exc, dest, f"write to {dest.parent}") from exc
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _final_mode(dest))
        os.replace(tmp, dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise output_error(exc, dest) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; rename it onto ``path`` when the block succeeds."""
    binary = "b" in mode
    with _temp_beside(Path(path)) as tmp:
        with open(tmp, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)


def write_via(dest: str | os.PathLike, write: Callable[[str], object]) -> None:
    """Atomic output for writers that take a path (spreadsheet and XML libraries): ``write`` gets a
    temporary path in the destination folder, with the same extension; it is renamed onto ``dest``
    only when ``write`` returns."""
    with _temp_beside(Path(dest)) as tmp:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
