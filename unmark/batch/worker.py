"""The per-file task: a pure function of (input path, settings) -> outputs written atomically + a record.

:func:`process_file` never raises: every failure becomes an ``error`` record with a code. It runs
inside a worker process whose address space is limited (:func:`apply_limits`); the engines kill and
replace a worker that overruns the wall-clock limit.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnmarkError
from ..io.render import render
from .options import BatchOptions

log = logging.getLogger(__name__)

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Task:
    rel: str                 # input path relative to IN_DIR (POSIX)
    path: str                # absolute input path
    out_dir: str             # absolute OUT_DIR
    out_base: str            # relative output base (sanitised, no extension)
    options: BatchOptions
    settings: str            # settings hash


# --------------------------------------------------------------------------- limits
# (in unmark.limits, shared with the PDF reader process)
from ..limits import apply_limits, deadline, set_parent_death_signal  # noqa: E402,F401
from ..extract.pdf import prepare_reader  # noqa: E402


# --------------------------------------------------------------------------- the task
def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            b = fh.read(_CHUNK)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def _parse(path: str, options: BatchOptions):
    """The parse step (a module attribute so tests can replace it in forked workers)."""
    from ..loader import load_document

    return load_document(path, options.parse_options())


def _has_surrogates(s: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in s)


def _printable_name(s: str) -> str:
    try:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8")


def output_names(out_base: str, formats: tuple[str, ...]) -> list[str]:
    return [f"{out_base}.{fmt}" for fmt in formats]


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(str(path), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_outputs(out_dir: str, out_base: str, texts: dict[str, str]) -> list[str]:
    """Write every output atomically (temp + fsync + rename); on any failure remove the ones
    already renamed in this call, so a file's outputs are all there or none of them."""
    from ..io.atomic import write_text
    from .guard import safe_dest
    from .paths import inside

    done: list[Path] = []
    rels: list[str] = []
    try:
        for fmt, text in texts.items():
            rel = f"{out_base}.{fmt}"
            dest = safe_dest(out_dir, rel)  # no folder on the way is a link (E704)
            inside(out_dir, rel)
            write_text(dest, text)
            done.append(dest)
            rels.append(rel)
    except BaseException:
        for p in done:
            with contextlib.suppress(OSError):
                p.unlink()
        raise
    for d in {p.parent for p in done}:
        _fsync_dir(d)
    return rels


def base_record(task: Task) -> dict:
    return {
        "file": task.rel,
        "sha256": None,
        "status": "error",
        "code": None,
        "message": None,
        "pages": None,
        "seconds": None,
        "outputs": [],
        "settings": task.settings,
    }


def error_record(task: Task, code: str, message: str, seconds: float | None = None, sha256: str | None = None) -> dict:
    rec = base_record(task)
    rec.update(code=code, message=message, seconds=None if seconds is None else round(seconds, 4))
    if sha256 is None:
        with contextlib.suppress(OSError):
            sha256 = sha256_file(task.path)
    rec["sha256"] = sha256
    return rec


def process_file(task: Task) -> dict:
    """Parse one file, write its outputs, return its manifest record. Never raises (except
    KeyboardInterrupt/SystemExit): every failure is a coded ``error`` record."""
    t0 = time.perf_counter()
    rec = base_record(task)
    opts = task.options
    try:
        rec["sha256"] = sha256_file(task.path)
        is_pdf = task.path.lower().endswith(".pdf")
        if is_pdf:  # the reader process starts before the file's deadline counts (as in a single parse)
            po = opts.parse_options()
            prepare_reader(po.backend, po.timeout, po.isolate, po.memory_mb)
        # one deadline over reading, building and rendering (the default one grows with the input,
        # and each growth reaches the engine through limits.on_grow)
        with deadline(opts.timeout, "E207" if is_pdf else "E152"):
            doc = _parse(task.path, opts)
            if doc.source_name and _has_surrogates(doc.source_name):
                # a file name that is not valid UTF-8: the outputs must still encode
                doc = doc.with_(source_name=_printable_name(doc.source_name))
            texts = {fmt: render(doc, fmt, opts.provenance) for fmt in opts.formats}
        rec["outputs"] = write_outputs(task.out_dir, task.out_base, texts)
        rec.update(status="ok", pages=doc.page_count)
        rec["language"] = doc.language
        rec["symbol"] = doc.metadata.symbol
        if doc.warnings:
            rec["warnings"] = sorted({w.code for w in doc.warnings})
    except UnmarkError as exc:
        rec.update(code=exc.code, message=exc.message)
    except MemoryError:
        rec.update(code="E512", message=f"over the memory limit of the worker ({opts.memory_mb} MB)")
        rec["_recycle"] = True
    except RecursionError:
        rec.update(code="E513", message="input nested too deeply (recursion limit)")
        rec["_recycle"] = True
    except OSError as exc:
        from ..io.atomic import DISK_FULL, output_error

        if exc.errno in DISK_FULL:  # disk full is an output problem, not an unreadable input
            err = output_error(exc, task.out_dir)
            rec.update(code=err.code, message=err.message)
        else:
            rec.update(code="E108", message=f"cannot read the input: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a hostile file must not stop the batch
        log.debug("unexpected error on %s", task.rel, exc_info=True)
        rec.update(code="E519", message=f"unexpected {type(exc).__name__}: {str(exc)[:300]}")
    rec["seconds"] = round(time.perf_counter() - t0, 4)
    if rec["status"] != "ok":
        rec["outputs"] = []
    return rec


def crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"worker process died ({name})"
    return f"worker process died (exit status {exitcode})"
