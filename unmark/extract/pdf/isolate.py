"""The PDF reader in a process of its own, for the work a native library does and cannot be
interrupted (PDFium's page parsing, pypdf's content tokenizer).

One reader process per calling thread (``python -m unmark.extract.pdf.isolate``, a small
interpreter that imports only the PDF backends) is started on first use and kept for every later
file: a request is a pickle (path and settings) on its stdin; the answer, on its stdout, is a
stream of length-prefixed frames: the page count, then each page's glyph runs
(:class:`~.runs.RawPage` as plain tuples) as soon as that page is read, then the end or a coded
error. The caller unpacks a page while the reader reads the next one, so the isolation costs
little more than the pickling of the runs (bench/bench_hostile.py, overhead table). The process runs under an address-space
limit (``RLIMIT_AS``); the caller waits at most until the deadline, then kills it. So:

- past the deadline: E207, the reader is killed (and started again for the next file);
- over the memory limit: a ``MemoryError`` in Python, or PDFium aborting on a failed
  allocation: E250 (the reader is started again);
- any other death of the reader: E251.
"""
from __future__ import annotations

import contextlib
import logging
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

# The reader's start: the PDF backends without the rest of the library (the package ``unmark`` and
# ``unmark.extract`` as bare namespaces, so their __init__ modules, which import the whole
# pipeline, do not run): about half the start-up time of ``python -m unmark.extract.pdf.isolate``.
_BOOT = (
    "import os, sys, types\n"
    "root = sys.argv[1]\n"
    "for name in ('unmark', 'unmark.extract'):\n"
    "    m = types.ModuleType(name)\n"
    "    m.__path__ = [os.path.join(root, *name.split('.'))]\n"
    "    sys.modules[name] = m\n"
    "from unmark.extract.pdf.isolate import _main\n"
    "_main(int(sys.argv[2]))\n"
)
STARTUP_TIMEOUT = 300.0   # seconds a new reader process may take to import the PDF backends


class Reader:
    def __init__(self, memory_mb: int | None):
        self.memory_mb = memory_mb
        self.owner = os.getpid()  # a forked child (a batch worker) starts a reader of its own
        env = dict(os.environ)
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, root, str(memory_mb or 0)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True, bufsize=0,
        )
        # start-up (an interpreter and the PDF backends) is not the file's time: wait for the
        # reader to say it is ready before any deadline counts
        self.channel = _Channel(self.proc.stdout.fileno())
        ready, _, _ = select.select([self.proc.stdout.fileno()], [], [], STARTUP_TIMEOUT)
        if not ready or os.read(self.proc.stdout.fileno(), 1) != b"R":
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
    if r is not None and r.owner != os.getpid():
        r = None  # inherited through fork: the parent's reader, never to be used or killed here
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


def _getters():
    from dataclasses import fields
    from operator import attrgetter

    from .runs import RawLink, Rule, Run

    return {k: attrgetter(*(f.name for f in fields(cls))) for k, cls in (("runs", Run), ("rules", Rule), ("links", RawLink))}


def _pack_page(p) -> dict:
    """A raw page as a plain dict of tuples: pickled several times faster than the objects."""
    from dataclasses import fields

    g = _GETTERS or _GETTERS.update(_getters()) or _GETTERS
    d = {f.name: getattr(p, f.name) for f in fields(p)}
    for k, get in g.items():
        d[k] = list(map(get, d[k]))
    return d


_GETTERS: dict = {}


def _unpack_page(d: dict):
    from .runs import RawLink, RawPage, Rule, Run

    d["runs"] = [Run(*t) for t in d["runs"]]
    d["rules"] = [Rule(*t) for t in d["rules"]]
    d["links"] = [RawLink(*t) for t in d["links"]]
    return RawPage(**d)


def _signal_name(rc: int | None) -> str:
    if rc is not None and rc < 0:
        try:
            return signal.Signals(-rc).name
        except ValueError:
            return f"signal {-rc}"
    return f"exit status {rc}"


class _Channel:
    """Length-prefixed pickled frames read from the reader's stdout, each waited for at most until
    the deadline (a reader stalled half-way through a frame cannot hang the caller)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buf = bytearray()

    def _fill(self, n: int, deadline: float | None) -> bool:
        while len(self.buf) < n:
            if deadline is not None:
                ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()) + 0.05)
                if not ready:
                    raise TimeoutError
            chunk = os.read(self.fd, max(n - len(self.buf), _CHUNK))
            if not chunk:
                return False
            self.buf += chunk
        return True

    def recv(self, deadline: float | None):
        """The next frame; TimeoutError past the deadline, EOFError when the reader is gone."""
        if not self._fill(8, deadline):
            raise EOFError
        size = int.from_bytes(self.buf[:8], "little")
        if not self._fill(8 + size, deadline):
            raise EOFError
        data = bytes(self.buf[8:8 + size])
        del self.buf[:8 + size]
        return pickle.loads(data)


_CHUNK = 1 << 16


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _send(fd: int, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, len(data).to_bytes(8, "little") + data)


def read_isolated(path, *, backend: str, max_pages: int | None, deadline: float | None, timeout: float | None,
                  memory_mb: int | None, content_limits, budget: tuple[float, float] | None = None) -> list:
    """The raw pages of ``path`` read in the reader process (see the module doc), in one answer
    (every extra message costs a process wake-up, more than the pickling of a page). ``budget``:
    (start, seconds per page) of a default deadline: the reader lengthens its own deadline once it
    knows the page count and, only when that moves it, tells the caller first (one more message)."""
    r = _reader(memory_mb)
    req = {"path": str(path), "backend": backend, "max_pages": max_pages,
           "timeout": None if deadline is None else max(0.0, deadline - time.monotonic()),
           "content_limits": content_limits, "budget": budget}
    data = pickle.dumps(req, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        _write_all(r.proc.stdin.fileno(), data)
    except OSError:  # the reader went away between two files: once more with a new one
        _drop()
        r = _reader(memory_mb)
        _write_all(r.proc.stdin.fileno(), data)
    while True:
        try:
            kind, payload = r.channel.recv(deadline)
        except TimeoutError:
            _drop()
            from ...limits import current_message

            msg = current_message() or f"gave up after {timeout or 0:g} s (per-file timeout)"
            raise PdfError(f"{msg}; the PDF reader was stopped", code="E207", path=str(path)) from None
        except (EOFError, pickle.UnpicklingError, OSError, ValueError):
            _died(r, path, memory_mb)
        if kind == "pages":
            pages, lib_log = payload
            lib = logging.getLogger("pypdf")
            for msg, n in lib_log.items():  # the reader's pypdf log lines, as if logged here
                for _ in range(min(n, 100)):
                    lib.warning("%s", msg)
            return [_unpack_page(d) for d in pages]
        if kind == "count":  # the default deadline grows with the page count (limits.grow)
            from ...limits import current_deadline, grow_for_pages

            if grow_for_pages(payload):
                deadline = current_deadline()
                timeout = max(timeout or 0.0, (deadline or 0.0) - time.monotonic())
            continue
        if kind == "memory":
            _drop()
            raise PdfError(f"the PDF needs more memory than the reader's limit of {memory_mb} MB", code="E250",
                           path=str(path))
        code, message = payload
        if code == "E250":
            _drop()
        elif code == "E207":
            from ...limits import current_message

            message = current_message() or message
        raise PdfError(message, code=code, path=str(path))


def _died(r: Reader, path, memory_mb: int | None):
    with contextlib.suppress(subprocess.TimeoutExpired):
        r.proc.wait(timeout=5)
    rc = r.proc.returncode
    _drop()
    if rc is not None and rc < 0 and -rc in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL,
                                           getattr(signal, "SIGTRAP", 5)) and memory_mb:
        raise PdfError(f"the PDF reader died ({_signal_name(rc)}): most likely over its memory limit of "
                       f"{memory_mb} MB", code="E250", path=str(path)) from None
    raise PdfError(f"the PDF reader died ({_signal_name(rc)})", code="E251", path=str(path)) from None


def _main(memory_mb: int = 0) -> None:  # pragma: no cover - runs in the reader process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.dup(1)
    os.dup2(2, 1)  # stray prints go to stderr, never into the answer stream
    with contextlib.suppress(OSError, AttributeError, ImportError):
        import fcntl

        fcntl.fcntl(out, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)  # a page never waits for the caller
    import gc

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pathlib import Path

    from ...limits import apply_limits
    from . import iter_pages
    from ...errors import UnmarkError

    _import_backends()  # before the cap: the file's work gets the whole of memory_mb
    apply_limits(memory_mb or None)
    logging.getLogger("pypdf").setLevel(logging.WARNING)
    from ...logcapture import captured

    gc.collect()
    gc.freeze()  # the interpreter and the backends are never garbage: not scanned on every collection
    os.write(out, b"R")  # ready
    inp = sys.stdin.buffer
    while True:
        try:
            req = pickle.load(inp)
        except EOFError:
            return
        recycle = False
        try:
            t = req["timeout"]
            end = None if t is None else time.monotonic() + t

            def on_count(n: int, budget=req.get("budget"), end=end) -> float | None:
                if budget is None or end is None or budget[0] + budget[1] * n <= end:
                    return None
                _send(out, ("count", n))  # the caller lengthens its deadline the same way
                return budget[0] + budget[1] * n

            with captured("pypdf") as lib_log:  # sent back: the caller makes them W302 warnings
                pages = [_pack_page(page) for page in
                         iter_pages(Path(req["path"]), req["backend"], req["max_pages"], end, t,
                                    req["content_limits"], on_count=on_count)]
            ans = ("pages", (pages, dict(lib_log)))
        except UnmarkError as exc:
            ans = ("error", (exc.code, exc.message))
            recycle = exc.code == "E250"
        except MemoryError:
            ans, recycle = ("memory", None), True
        except RecursionError:
            ans = ("error", ("E203", "the PDF is nested too deeply to read"))
        except Exception as exc:  # noqa: BLE001 - the reader must answer
            ans = ("error", ("E203", f"corrupt PDF: {type(exc).__name__}: {str(exc)[:200]}"))
        try:
            _send(out, ans)
        except MemoryError:
            _send(out, ("memory", None))
            recycle = True
        if recycle:
            return
        # the backends' garbage (pypdf's object graphs are cyclic) collected now, while the caller
        # lays the pages out, not on the next file's clock; PDFium's is not cyclic (its handles are
        # closed when a file is done): the young generations are enough
        gc.collect() if req.get("backend") != "pdfium" else gc.collect(1)


def _import_backends() -> None:  # pragma: no cover - runs in the reader process
    """Everything a file may need, imported before the start-up heap is frozen (a module imported
    on the first file would be scanned by every later collection)."""
    from . import backend_pypdf, content_guard  # noqa: F401

    with contextlib.suppress(Exception):
        from . import backend_pdfium

        backend_pdfium._lib()
        import numpy  # noqa: F401 - used by the PDFium backend on every page



if __name__ == "__main__":  # pragma: no cover
    _main(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
