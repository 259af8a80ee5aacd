"""The PDF reader in a process of its own, for the work a native library does and cannot be
interrupted (PDFium's page parsing, pypdf's content tokenizer).

One reader process per calling thread (``python -m unmark.extract.pdf.isolate``, a small
interpreter that imports only the PDF backends) is started on first use and kept: a request is a
pickle (path and settings) on its stdin, the answer the glyph runs of every page
(:class:`~.runs.RawPage`) or a coded error on its stdout. The process runs under an address-space
limit (``RLIMIT_AS``); the caller waits at most until the deadline, then kills it. So:

- past the deadline: E207, the reader is killed (and started again for the next file);
- over the memory limit: a ``MemoryError`` in Python, or PDFium aborting on a failed
  allocation: E250 (the reader is started again);
- any other death of the reader: E251.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time

from ...errors import PdfError

_local = threading.local()
STARTUP_TIMEOUT = 300.0   # seconds a new reader process may take to import the PDF backends


class Reader:
    def __init__(self, memory_mb: int | None):
        self.memory_mb = memory_mb
        env = dict(os.environ)
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "unmark.extract.pdf.isolate", str(memory_mb or 0)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True,
        )
        # start-up (an interpreter and the PDF backends) is not the file's time: wait for the
        # reader to say it is ready before any deadline counts
        ready, _, _ = select.select([self.proc.stdout.fileno()], [], [], STARTUP_TIMEOUT)
        if not ready or self.proc.stdout.read(1) != b"R":
            self.kill()
            raise PdfError("the PDF reader process did not start", code="E251")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            if self.alive():
                self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        for f in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                f.close()


def _reader(memory_mb: int | None) -> Reader:
    r: Reader | None = getattr(_local, "reader", None)
    if r is None or not r.alive() or r.memory_mb != memory_mb:
        if r is not None:
            r.kill()
        r = _local.reader = Reader(memory_mb)
    return r


_PEAK = [0.0]


def _hwm(pid: int) -> float:
    """Peak resident memory of a live process in MB (Linux; 0 when unknown)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def last_peak_mb() -> float:
    """The largest peak resident memory of a reader process this process stopped (MB)."""
    return _PEAK[0]


def warm(memory_mb: int | None) -> None:
    """Start this thread's reader process now (before a deadline starts counting)."""
    _reader(memory_mb)


def _drop() -> None:
    r = getattr(_local, "reader", None)
    if r is not None:
        _PEAK[0] = max(_PEAK[0], _hwm(r.proc.pid))
        r.kill()
    _local.reader = None


def _pack(pages: list) -> list[dict]:
    """Raw pages as plain dicts of tuples: pickled several times faster than the objects."""
    from dataclasses import fields
    from operator import attrgetter

    from .runs import RawLink, Rule, Run

    getters = {k: attrgetter(*(f.name for f in fields(cls))) for k, cls in (("runs", Run), ("rules", Rule), ("links", RawLink))}
    out = []
    for p in pages:
        d = {f.name: getattr(p, f.name) for f in fields(p)}
        for k, get in getters.items():
            d[k] = list(map(get, d[k]))
        out.append(d)
    return out


def _unpack(data: list[dict]) -> list:
    from .runs import RawLink, RawPage, Rule, Run

    out = []
    for d in data:
        d["runs"] = [Run(*t) for t in d["runs"]]
        d["rules"] = [Rule(*t) for t in d["rules"]]
        d["links"] = [RawLink(*t) for t in d["links"]]
        out.append(RawPage(**d))
    return out


def _signal_name(rc: int | None) -> str:
    if rc is not None and rc < 0:
        try:
            return signal.Signals(-rc).name
        except ValueError:
            return f"signal {-rc}"
    return f"exit status {rc}"


def read_isolated(path, *, backend: str, max_pages: int | None, deadline: float | None, timeout: float | None,
                  memory_mb: int | None, content_limits) -> list:
    """The raw pages of ``path`` read in the reader process (see the module doc)."""
    r = _reader(memory_mb)
    req = {"path": str(path), "backend": backend, "max_pages": max_pages,
           "timeout": None if deadline is None else max(0.0, deadline - time.monotonic()),
           "content_limits": content_limits}
    try:
        pickle.dump(req, r.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        r.proc.stdin.flush()
    except (BrokenPipeError, OSError):
        _drop()
        r = _reader(memory_mb)
        pickle.dump(req, r.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        r.proc.stdin.flush()
    wait = None if deadline is None else max(0.0, deadline - time.monotonic()) + 0.05
    ready, _, _ = select.select([r.proc.stdout.fileno()], [], [], wait)
    if not ready:
        _drop()
        raise PdfError(f"gave up after {timeout:g} s (per-file timeout); the PDF reader was stopped",
                       code="E207", path=str(path))
    try:
        kind, payload = pickle.load(r.proc.stdout)
    except (EOFError, pickle.UnpicklingError, OSError):
        with contextlib.suppress(subprocess.TimeoutExpired):
            r.proc.wait(timeout=5)
        rc = r.proc.returncode
        _drop()
        if rc is not None and rc < 0 and -rc in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL,
                                               getattr(signal, "SIGTRAP", 5)) and memory_mb:
            raise PdfError(f"the PDF reader died ({_signal_name(rc)}): most likely over its memory limit of "
                           f"{memory_mb} MB", code="E250", path=str(path)) from None
        raise PdfError(f"the PDF reader died ({_signal_name(rc)})", code="E251", path=str(path)) from None
    if kind == "ok":
        return _unpack(payload)
    if kind == "memory":
        _drop()
        raise PdfError(f"the PDF needs more memory than the reader's limit of {memory_mb} MB", code="E250",
                       path=str(path))
    code, message = payload
    raise PdfError(message, code=code, path=str(path))


def _main() -> None:  # pragma: no cover - runs in the reader process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the answer stream
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from ...limits import apply_limits
    from . import read_raw_pages
    from ...errors import UnmarkError

    apply_limits(memory_mb or None)
    out.write(b"R")  # ready
    out.flush()
    inp = sys.stdin.buffer
    while True:
        try:
            req = pickle.load(inp)
        except EOFError:
            return
        recycle = False
        try:
            ans = ("ok", _pack(read_raw_pages(req["path"], backend=req["backend"], max_pages=req["max_pages"],
                                              timeout=req["timeout"], isolate=False, max_file_mb=None,
                                              content_limits=req["content_limits"])))
        except UnmarkError as exc:
            ans = ("error", (exc.code, exc.message))
        except MemoryError:
            ans, recycle = ("memory", None), True
        except RecursionError:
            ans = ("error", ("E203", "the PDF is nested too deeply to read"))
        except Exception as exc:  # noqa: BLE001 - the reader must answer
            ans = ("error", ("E203", f"corrupt PDF: {type(exc).__name__}: {str(exc)[:200]}"))
        try:
            data = pickle.dumps(ans, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data, recycle = pickle.dumps(("memory", None)), True
        out.write(data)
        out.flush()
        if recycle:
            return


if __name__ == "__main__":  # pragma: no cover
    _main()
