"""The batch manifest: ``OUT_DIR/manifest.jsonl``, one JSON record per line.

A record is appended (and fsync'ed) only after every output of its file has been renamed into
place, so a record never points at a missing or partial output. A run killed mid-write can leave
a torn last line: :func:`read_manifest` ignores it and :func:`repair_tail` cuts it off before the
next append.
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


def read_manifest(path: str | os.PathLike) -> list[dict]:
    """All well-formed records, in order. Lines that do not parse (a torn last line) are skipped."""
    p = Path(path)
    if not p.exists():
        return []
    out: list[dict] = []
    data = p.read_bytes()
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
    p = Path(path)
    if not p.exists():
        return False
    with p.open("rb+") as fh:
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
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not fresh:
            repair_tail(self.path)
        self._fh = self.path.open("wb" if fresh else "ab")
        if fresh:
            os.fsync(self._fh.fileno())

    def append(self, rec: dict) -> None:
        line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:  # an undecodable file name (lone surrogates): JSON \\u escapes
            data = (json.dumps(rec, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")
        self._fh.write(data)
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "ManifestWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
