"""The batch manifest: ``OUT_DIR/manifest.jsonl``, one JSON record per line.

A record is appended (and fsync'ed) only after every output of its file has been renamed into
place, so a record never points at a missing or partial output. A run killed mid-write can leave
a torn last line: :func:`read_manifest` ignores it and :func:`repair_tail` cuts it off before the
next append. An append that fails (disk full) is cut back to the last whole line at once and
becomes a coded error (E703). At the end of a run :func:`compact` rewrites the manifest with one
current record per input (atomically: temp file + rename). The manifest is never opened through a
symbolic link (E704).
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

FIELDS = ("file", "sha256", "status", "code", "message", "pages", "seconds", "outputs", "settings")
STATUSES = ("ok", "error", "skipped")


def _read_bytes(p: Path) -> bytes:
    from .guard import open_nofollow

    fd = open_nofollow(p, os.O_RDONLY, what="manifest")
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def read_manifest(path: str | os.PathLike) -> list[dict]:
    """All well-formed records, in order. Lines that do not parse (a torn last line) are skipped."""
    p = Path(path)
    if not os.path.lexists(p):
        return []
    out: list[dict] = []
    data = _read_bytes(p)
    lines = data.split(b"\n")
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            torn = i == len(lines) - 1
            log.warning("manifest %s: %s line %d ignored", p, "torn last" if torn else "malformed", i + 1)
            continue
        if isinstance(rec, dict) and "file" in rec and rec.get("status") in STATUSES:
            out.append(rec)
    return out


def latest_state(records: Iterable[dict]) -> dict[str, dict]:
    """file -> its last ``ok``/``error`` record (``skipped`` records only restate an earlier one)."""
    state: dict[str, dict] = {}
    for rec in records:
        if rec.get("status") in ("ok", "error"):
            state[rec["file"]] = rec
    return state


def repair_tail(path: str | os.PathLike) -> bool:
    """Cut a torn last line (no final newline) so the next append starts on a fresh line."""
    from .guard import open_nofollow

    p = Path(path)
    if not os.path.lexists(p):
        return False
    with os.fdopen(open_nofollow(p, os.O_RDWR, what="manifest"), "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return False
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return False
        # find the last newline
        pos = size - 1
        chunk = 65536
        cut = 0
        while pos > 0:
            start = max(0, pos - chunk)
            fh.seek(start)
            buf = fh.read(pos - start)
            k = buf.rfind(b"\n")
            if k >= 0:
                cut = start + k + 1
                break
            pos = start
        fh.truncate(cut)
        fh.flush()
        os.fsync(fh.fileno())
    log.warning("manifest %s: torn last line removed (%d bytes)", p, size - cut)
    return True


class ManifestWriter:
    """Append-only writer: one line per record, flushed and fsync'ed before ``append`` returns."""

    def __init__(self, path: str | os.PathLike, *, fresh: bool = False):
        from .guard import open_nofollow

        self.path = Path(path)
        if not fresh:
            repair_tail(self.path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
        self._fd: int | None = open_nofollow(self.path, flags, what="manifest")
        if fresh:
            os.fsync(self._fd)

    def append(self, rec: dict) -> None:
        """Write one whole line or nothing: a failed write is cut back to the previous end."""
        from ..io.atomic import output_error

        line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:  # an undecodable file name (lone surrogates): JSON \\u escapes
            data = (json.dumps(rec, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")
        fd = self._fd
        assert fd is not None
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        except OSError as exc:
            try:
                os.ftruncate(fd, start)
            except OSError:  # the next run's repair_tail cuts the torn line
                pass
            raise output_error(exc, self.path, "append to the manifest") from exc

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "ManifestWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def compact(path: str | os.PathLike, records: Iterable[dict]) -> None:
    """Rewrite the manifest with ``records`` only (one current record per input), atomically."""
    from ..io.atomic import write_bytes

    lines = []
    for rec in records:
        try:
            lines.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        except UnicodeEncodeError:
            lines.append(json.dumps(rec, ensure_ascii=True, separators=(",", ":")).encode("ascii"))
    write_bytes(path, b"".join(x + b"\n" for x in lines))



def keep_history(path: str | os.PathLike, keep: Iterable[dict] = ()) -> int:
    """Append the records of the manifest at ``path`` that are not in ``keep`` to the history file
    next to it (``manifest.history.jsonl``: every earlier record, in the order written; opened like
    the manifest, never through a link). Returns how many were appended."""
    p = Path(path)
    if not os.path.lexists(p):
        return 0
    current = {json.dumps(r, sort_keys=True) for r in keep}
    old = [r for r in read_manifest(p) if json.dumps(r, sort_keys=True) not in current]
    if old:
        from .paths import HISTORY

        with ManifestWriter(p.with_name(HISTORY)) as hist:
            for rec in old:
                hist.append(rec)
    return len(old)
