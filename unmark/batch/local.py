"""The local engine: a pool of worker processes that the parent can kill and replace.

``concurrent.futures`` cannot stop a stuck task, so the pool is hand-rolled: one pipe per worker,
one task in flight per worker, and the parent waits on all pipes and process sentinels with the
nearest deadline. A worker that overruns the wall-clock limit is killed (E511); one that dies
(a crash, the kernel's OOM killer, a C-level abort under the memory limit) is recorded (E514);
either way a fresh worker takes its place and the batch goes on.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Iterable, Iterator

from . import worker as W

log = logging.getLogger(__name__)


def _context():
    methods = mp.get_all_start_methods()
    # fork: cheap worker start, and workers inherit the parent's loaded modules
    return mp.get_context("fork" if "fork" in methods else "spawn")


_WARM_TEXT = (
    "1. The General Assembly, recalling its resolution 54/1 of 8 October 1999, decides to include the item.\n"
    "2. L'Assemblée générale, rappelant sa résolution, décide d'inscrire la question à l'ordre du jour.\n"
)


def prewarm() -> None:
    """Load lazily-initialised state (language profiles, the PDF reader) once in the parent, so
    forked workers share it instead of each paying for it on its first file."""
    import pypdf  # noqa: F401 - a core dependency: imported once here, shared by the workers

    from ..pipeline import parse_text

    parse_text(_WARM_TEXT)


def _serve(conn, memory_mb: int | None) -> None:
    """Worker process main loop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    import faulthandler

    faulthandler.disable()  # a crash is recorded in the manifest (E514), not dumped on stderr
    W.apply_limits(memory_mb)
    from ..limits import on_grow

    # the default deadline of a file grows with its size: the parent moves its kill with it
    on_grow(lambda seconds: conn.send(("deadline", seconds)))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        rec = W.process_file(task)
        recycle = rec.pop("_recycle", False)
        try:
            conn.send(rec)
        except (BrokenPipeError, OSError):
            return
        if recycle:  # after a MemoryError/RecursionError start clean
            return


@dataclass
class _Slot:
    proc: object
    conn: object
    task: W.Task | None = None
    started: float = 0.0
    limit: float | None = None  # kill past started + limit (None: never)


class LocalPool:
    def __init__(self, jobs: int, memory_mb: int | None, hard_timeout: float | None):
        self.jobs = jobs
        self.memory_mb = memory_mb
        self.hard_timeout = hard_timeout
        self.ctx = _context()
        self.slots: list[_Slot] = []
        self.restarts = 0

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_serve, args=(child, self.memory_mb), daemon=True, name="unmark-batch-worker")
        # objects inherited from the parent go to the permanent generation in the child: its
        # collector never walks them (less CPU, fewer copy-on-write page copies)
        gc.freeze()
        try:
            proc.start()
        finally:
            gc.unfreeze()
        child.close()
        return _Slot(proc, parent)

    def _retire(self, slot: _Slot, kill: bool) -> None:
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join(timeout=5)
        try:
            slot.conn.close()
        except OSError:
            pass

    def _replace(self, slot: _Slot, kill: bool) -> _Slot:
        self._retire(slot, kill)
        self.restarts += 1
        new = self._spawn()
        self.slots[self.slots.index(slot)] = new
        return new

    def _feed(self, slot: _Slot, pending: deque) -> None:
        """Give an idle worker its next task (replacing the worker if it has gone)."""
        while pending and slot.task is None:
            if not slot.proc.is_alive():
                slot = self._replace(slot, kill=False)
            task = pending.popleft()
            try:
                slot.conn.send(task)
            except (BrokenPipeError, OSError):
                pending.appendleft(task)
                slot = self._replace(slot, kill=True)
                continue
            slot.task, slot.started, slot.limit = task, time.monotonic(), self.hard_timeout

    def run(self, tasks: Iterable[W.Task]) -> Iterator[dict]:
        pending = deque(tasks)
        if not pending:
            return
        n = min(self.jobs, len(pending))
        if self.ctx.get_start_method() == "fork":
            prewarm()
        self.slots = [self._spawn() for _ in range(n)]
        try:
            for slot in list(self.slots):
                self._feed(slot, pending)
            while True:
                busy = [s for s in self.slots if s.task is not None]
                if not busy:
                    break
                timeout = None
                ends = [s.started + s.limit for s in busy if s.limit is not None]
                if ends:
                    timeout = max(0.0, min(ends) - time.monotonic())
                ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout))
                now = time.monotonic()
                for slot in busy:
                    task = slot.task
                    rec = None
                    if slot.conn in ready:
                        try:
                            rec = slot.conn.recv()
                        except (EOFError, OSError):
                            slot.proc.join(timeout=5)
                        if isinstance(rec, tuple):  # ("deadline", s): the file's default deadline grew
                            if slot.limit is not None:
                                from ..limits import grace

                                slot.limit = max(slot.limit, grace(float(rec[1])))
                            continue
                        if rec is not None:
                            slot.task = None
                            if rec.get("code") in ("E512", "E513"):  # the worker exits after these
                                slot.proc.join(timeout=5)
                                slot = self._replace(slot, kill=True)
                            # next task first, so the worker computes while the manifest is written
                            self._feed(slot, pending)
                            yield rec
                            continue
                        rec = W.error_record(task, "E514", W.crash_message(slot.proc.exitcode), now - slot.started)
                    elif slot.proc.sentinel in ready:
                        slot.proc.join(timeout=5)
                        rec = W.error_record(task, "E514", W.crash_message(slot.proc.exitcode), now - slot.started)
                    elif slot.limit is not None and now - slot.started >= slot.limit:
                        log.warning("%s: over the time limit (%.0f s); worker killed", task.rel, slot.limit)
                        rec = W.error_record(task, "E511", f"over the time limit of {slot.limit:.0f} s; worker killed", now - slot.started)
                    if rec is None:
                        continue
                    slot.task = None
                    slot = self._replace(slot, kill=True)
                    self._feed(slot, pending)
                    yield rec
        finally:
            self.close()

    def close(self) -> None:
        for slot in self.slots:
            if slot.task is None and slot.proc.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2
        for slot in self.slots:
            slot.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            self._retire(slot, kill=True)
        self.slots = []
