"""Bounded work for every input: one deadline over reading, building and rendering, a memory
cap, a file-size cap and limits on what a PDF page may ask of the reader.

- :func:`deadline` opens a deadline (``with deadline(timeout, code):``) that every stage checks
  with :func:`check` inside its loops (PDF layout per page, the document build per block, the
  renderers); past it, :class:`DeadlineExceeded` (E207 for a PDF, E152 for text) is raised. An
  inner deadline never extends an outer one.
- Work a native library does and cannot interrupt (PDFium, pypdf's content tokenizer) runs in
  a reader process (:mod:`unmark.extract.pdf.isolate`) under an address-space limit
  (``RLIMIT_AS``), killed at the deadline: an overrun becomes a coded error, never a SIGABRT of
  the caller.
- :class:`ContentLimits`: what one PDF may ask before PDFium parses a page (marked-content
  nesting, form XObject fan-out, operators and decompressed bytes of a content stream).
- :func:`limit` / :func:`apply`: one meaning for resource limits everywhere (API and every
  command): ``None`` or ``0`` means *no limit*; a negative value is a coded error (E123), never a
  silently odd run. Limits: ``max_pages``, ``timeout``, ``memory_mb``, ``max_bytes``.
"""
from __future__ import annotations

import contextlib
import contextvars
import logging
import math
import os
import signal
import time
from dataclasses import dataclass
from typing import Iterator

from .errors import InputError, UnmarkError

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_MB = 512          # a PDF larger than this is refused (E104) unless raised
DEFAULT_MEMORY_MB = 1536           # address space of the isolated PDF reader process
PDFIUM_TEXT_OBJECT_MAX = 32767     # PDFium returns at most this many characters of one text object


@dataclass(frozen=True)
class ContentLimits:
    """Limits checked on the file's own bytes before PDFium parses a page (E252-E256), and on the
    text each page gives, in the reader, before the caller lays it out (E257)."""

    max_depth: int = 512            # marked content (BMC/BDC ... EMC) nested this deep in one stream
    max_form_draws: int = 50_000    # form XObjects drawn by one form, counted through nesting
    max_ops: int = 5_000_000        # operators in one content stream
    max_stream_mb: int = 128        # decompressed bytes of one content stream
    max_unicode_chars: int = 256    # characters one glyph may stand for in a ToUnicode map (E256)
    max_page_chars: int = 500_000   # characters of text one page may give (E257; a dense real page: under 10,000)
    max_doc_chars: int = 20_000_000  # characters of text all pages may give (E258; 1,000 real pages: about 3 million)


class DeadlineExceeded(UnmarkError):
    code = "E207"


# The default deadline ("auto": every parse has one unless told otherwise), from measured real
# documents (bench/bench_hostile.py, table "default deadline"): the slowest real PDF takes well
# under a second a page and the slowest real text well under ten seconds a megabyte on a loaded
# two-core machine, so these leave ample room, and no real document is ever stopped by them.
AUTO = "auto"
AUTO_BASE_S = 120.0          # every input: at least this long
AUTO_PER_PAGE_S = 2.0        # a PDF: this long per page when that is more
AUTO_PER_MB_S = 120.0        # text: this long per megabyte when that is more


class _Deadline:
    __slots__ = ("start", "end", "timeout", "code", "auto")

    def __init__(self, timeout: float, code: str, auto: bool):
        self.start = time.monotonic()
        self.end = self.start + timeout
        self.timeout, self.code, self.auto = timeout, code, auto

    def message(self) -> str:
        if self.auto:
            return (f"gave up after {self.timeout:g} s (the default deadline for this input; "
                    f"set --timeout / ParseOptions.timeout to change it, 0 for none)")
        return f"gave up after {self.timeout:g} s (per-file timeout)"


_DEADLINE: contextvars.ContextVar[_Deadline | None] = contextvars.ContextVar("unmark_deadline", default=None)


def is_auto(timeout) -> bool:
    return isinstance(timeout, str) and timeout == AUTO


@contextlib.contextmanager
def deadline(timeout: float | str | None, code: str = "E207") -> Iterator[None]:
    """A deadline ``timeout`` seconds from now for the work inside the block (none: unchanged;
    ``"auto"``: the default deadline, :data:`AUTO_BASE_S` that :func:`grow` may lengthen once the
    size of the input is known)."""
    if timeout is None:
        yield
        return
    auto = is_auto(timeout)
    d = _Deadline(AUTO_BASE_S if auto else float(timeout), code, auto)
    cur = _DEADLINE.get()
    if cur is not None and (cur.end <= d.end or (auto and not cur.auto)):
        yield  # an outer deadline comes first (a default one never replaces one the user set)
        return
    token = _DEADLINE.set(d)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


_ON_GROW: contextvars.ContextVar = contextvars.ContextVar("unmark_on_grow", default=None)


def on_grow(listener) -> None:
    """Call ``listener(seconds)`` whenever :func:`grow` lengthens a default deadline in this
    context (a batch worker tells its parent, which kills a worker only past the deadline plus
    :func:`grace`); ``None`` removes it."""
    _ON_GROW.set(listener)


def grace(seconds: float) -> float:
    """When a process that runs work under a deadline of ``seconds`` is killed from outside: the
    deadline plus a grace (its own coded error comes first)."""
    return seconds + max(2.0, 0.25 * seconds)


def grow(seconds: float) -> bool:
    """Lengthen the current *default* deadline to ``seconds`` from its start (a deadline the user
    set is never changed). True when it grew."""
    cur = _DEADLINE.get()
    if cur is None or not cur.auto or cur.start + seconds <= cur.end:
        return False
    cur.end = cur.start + seconds
    cur.timeout = seconds
    listener = _ON_GROW.get()
    if listener is not None:
        try:
            listener(seconds)
        except (OSError, ValueError) as exc:
            # what telling a gone listener raises: a closed pipe or connection (BrokenPipeError,
            # OSError "handle is closed"), a closed file (ValueError "I/O operation on closed
            # file"). The parse goes on under its grown deadline; the engine that could not be
            # told keeps its earlier kill time. Anything else is a bug of the listener: raised.
            log.warning("W482: the default deadline grew to %g s but its listener could not be told (%s: %s); "
                        "the engine that watches this work keeps its earlier kill time", seconds,
                        type(exc).__name__, exc)
    return True


def grow_for_pages(n: int) -> bool:
    """The default deadline of a PDF of ``n`` pages (:data:`AUTO_PER_PAGE_S` a page when that is more)."""
    return grow(AUTO_PER_PAGE_S * n)


def grow_for_text(chars: int) -> bool:
    """The default deadline of a text of ``chars`` characters (:data:`AUTO_PER_MB_S` a million)."""
    return grow(AUTO_PER_MB_S * chars / 1e6)


def auto_budget() -> tuple[float, float] | None:
    """(start, seconds per page) of the current default deadline, for the PDF reader process
    (which lengthens its own copy once it knows the page count); None when there is none."""
    cur = _DEADLINE.get()
    if cur is None or not cur.auto:
        return None
    return cur.start, AUTO_PER_PAGE_S


def remaining() -> float | None:
    """Seconds left before the current deadline (None: no deadline)."""
    cur = _DEADLINE.get()
    return None if cur is None else cur.end - time.monotonic()


def current_deadline() -> float | None:
    cur = _DEADLINE.get()
    return None if cur is None else cur.end


def current_message() -> str | None:
    cur = _DEADLINE.get()
    return None if cur is None else cur.message()


def check() -> None:
    """Raise :class:`DeadlineExceeded` when the current deadline has passed, and
    :class:`MemoryBudgetExceeded` when the document being built has outgrown its memory budget
    (:func:`memory_budget`)."""
    cur = _DEADLINE.get()
    now = time.monotonic()
    if cur is not None and now > cur.end:
        raise DeadlineExceeded(cur.message(), code=cur.code)
    bud = _BUDGET.get()
    if bud is not None and now >= bud.next:
        bud.next = now + _BUDGET_EVERY_S
        used = _resident() - bud.start
        if used > bud.limit:
            raise MemoryBudgetExceeded(
                f"the document needs more than its build memory limit of {bud.limit >> 20} MB "
                f"(set ParseOptions.build_memory_mb / --build-memory-mb to change it, 0 for none)", code="E153")


_TICKS_PER_CHECK = 4096
_ticks = 0


def tick() -> None:
    """:func:`check` once every few thousand calls: cheap enough for a loop over the sentences,
    lines, matches or pieces of one huge block, where a stage can outgrow the memory budget (or
    the deadline) before its next block or the next stage. (A shared count: a thread that calls it
    rarely is checked with the others' calls.)"""
    global _ticks
    _ticks += 1
    if _ticks >= _TICKS_PER_CHECK:
        _ticks = 0
        check()


# --------------------------------------------------------------------------- memory of the caller
# The PDF reader runs capped in a process of its own; the document is built in the caller, which
# a library must not cap (RLIMIT_AS is the whole process's, the application's own memory
# included). Instead every build has a budget: the growth of the process's resident memory since
# the parse began, read at most every 50 ms where the deadline is checked (page by page, block by
# block, stage by stage); past it, E153. What can reach the caller is capped before that: the
# text's size and line count (E104, E154), the characters the PDF reader returns (E258).
DEFAULT_BUILD_MEMORY_MB = 400   # a 1,400-page real text document grows the caller by about 70 MB
DEFAULT_MAX_LINES = 150_000     # lines of a text input (a 1,000-page document: about 50,000)
_BUDGET_EVERY_S = 0.05


class MemoryBudgetExceeded(UnmarkError):
    code = "E153"


class _Budget:
    __slots__ = ("start", "limit", "next")

    def __init__(self, limit: int):
        self.start = _resident()
        self.limit = limit
        self.next = time.monotonic() + _BUDGET_EVERY_S  # (read at most every 50 ms: the start was just read)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("unmark_memory_budget", default=None)
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


_STATM = [-1]  # /proc/self/statm kept open and read again (os.pread), not reopened for every reading; -2: none


def _forget_statm() -> None:
    # a forked child: the file it inherited is its parent's (/proc/self named the parent when opened)
    if _STATM[0] >= 0:
        os.close(_STATM[0])
    _STATM[0] = -1


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_statm)


def _statm() -> bytes:
    if _STATM[0] == -1:
        _STATM[0] = os.open("/proc/self/statm", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    return os.pread(_STATM[0], 128, 0)


def _resident() -> int:
    """This process's resident memory in bytes (Linux; elsewhere its peak, ru_maxrss)."""
    for _ in range(2 if _STATM[0] != -2 else 0):  # (again through a fresh file, should the kept one be closed under us)
        try:
            return int(_statm().split()[1]) * _PAGE
        except FileNotFoundError:
            _STATM[0] = -2  # no /proc (not Linux): not asked again
            break
        except (OSError, ValueError, IndexError, AttributeError):
            _STATM[0] = -1
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    except (ImportError, OSError):  # pragma: no cover
        return 0


@contextlib.contextmanager
def exhaustion_is_coded() -> Iterator[None]:
    """A ``MemoryError`` or ``RecursionError`` inside the block becomes a coded error (E155,
    E156), never a traceback of the caller: a stage that asks more than the process (or the
    regular-expression engine: a few million repetitions of one group on one line) can give."""
    try:
        yield
    except MemoryError as exc:
        where = _innermost(exc)
        raise MemoryBudgetExceeded(f"the document ran out of memory while it was built ({where})", code="E155") from None
    except RecursionError as exc:
        where = _innermost(exc)
        raise InputError(f"the input is nested too deeply to build ({where})", code="E156") from None


def _innermost(exc: BaseException) -> str:
    """``module.function`` of the innermost frame of ``exc``'s traceback that is unmark's."""
    tb, where = exc.__traceback__, "unknown"
    while tb is not None:
        mod = tb.tb_frame.f_globals.get("__name__", "")
        if mod.startswith("unmark"):
            where = f"{mod}.{tb.tb_frame.f_code.co_name}"
        tb = tb.tb_next
    return where


@contextlib.contextmanager
def memory_budget(mb: float | None) -> Iterator[None]:
    """The document built inside the block may grow this process by at most ``mb`` megabytes
    (checked by :func:`check`; None or 0: no budget). An inner budget never loosens an outer one."""
    if not mb or _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(_Budget(int(mb * 1024 * 1024)))
    try:
        yield
    finally:
        _BUDGET.reset(token)


# --------------------------------------------------------------------------- process limits
def _address_space() -> int:
    """This process's current virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def apply_limits(memory_mb: int | None) -> None:
    """In a worker process: cap the address space at its current size + ``memory_mb`` (a forked
    worker starts as big as its parent, so an absolute cap would depend on the caller), no core
    dumps, die with the parent (Linux)."""
    try:
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb:
            soft = _address_space() + memory_mb * 1024 * 1024
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, ValueError, OSError) as exc:  # pragma: no cover - non-POSIX
        log.debug("cannot set worker limits: %s", exc)
    set_parent_death_signal()
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        # a hostile file makes the PDF reader log dozens of lines; its error code is in the manifest
        logging.getLogger("pypdf").setLevel(logging.ERROR)


def set_parent_death_signal() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent dies (no orphan workers)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


# --------------------------------------------------------------------------- limit values
FLAGS = {"max_pages": "--max-pages", "timeout": "--timeout", "memory_mb": "--memory-mb", "max_bytes": "--max-bytes",
         "build_memory_mb": "--build-memory-mb", "max_lines": "max_lines"}


def limit(name: str, value, *, integer: bool = False):
    """``value`` checked and normalised: None/0 -> None (no limit), a positive number kept;
    ``"auto"`` kept for ``timeout`` (the default deadline)."""
    if value is None:
        return None
    if name == "timeout" and is_auto(value):
        return AUTO
    flag = FLAGS.get(name, name)
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{flag} must be a number >= 0 (0: no limit), got {value!r}", code="E123") from None
    if math.isnan(v) or v < 0 or (integer and v != int(v)):
        kind = "a whole number" if integer else "a number"
        raise InputError(f"{flag} must be {kind} >= 0 (0: no limit), got {value!r}", code="E123")
    if v == 0 or math.isinf(v):
        return None
    return int(v) if integer else v


def apply(obj, *names: str, integer: tuple[str, ...] = ()) -> None:
    """Normalise the limit fields ``names`` of a frozen dataclass instance in place."""
    for n in names:
        object.__setattr__(obj, n, limit(n, getattr(obj, n), integer=n in integer))
