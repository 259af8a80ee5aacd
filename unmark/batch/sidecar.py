"""A worker subprocess for engines whose own workers cannot be killed (Dask).

A Dask worker process is daemonic (no multiprocessing children) and runs tasks in threads that
cannot be stopped, so each Dask worker thread keeps one *sidecar*: a plain subprocess
(``python -m unmark.batch.sidecar``) that runs :func:`unmark.batch.worker.process_file` under the
memory limit. Tasks go in and records come out as pickles over its stdin/stdout; a sidecar that
overruns the wall-clock limit is killed and replaced on the next task.
"""
from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
import threading
import time

from . import worker as W

_local = threading.local()


class Sidecar:
    def __init__(self, memory_mb: int | None):
        self.memory_mb = memory_mb
        self.limit: float | None = None
        env = dict(os.environ)
        # the same unmark this process runs, even when it is not installed (a source checkout)
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(W.__file__))))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "unmark.batch.sidecar", str(memory_mb or 0)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, task: W.Task, hard_timeout: float | None) -> tuple[dict | None, str | None]:
        """(record, None) or (None, 'timeout'|'crash')."""
        try:
            pickle.dump(task, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return None, "crash"
        fd = self.proc.stdout.fileno()
        end = None if hard_timeout is None else time.monotonic() + hard_timeout
        self.limit = hard_timeout
        while True:
            r, _, _ = select.select([fd], [], [], None if end is None else max(0.0, end - time.monotonic()))
            if not r:
                self.kill()
                return None, "timeout"
            try:
                rec = pickle.load(self.proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError):
                self.proc.wait(timeout=5)
                return None, "crash"
            if isinstance(rec, tuple):  # ("deadline", s): the file's default deadline grew
                if end is not None:
                    from ..limits import grace

                    self.limit = max(self.limit, grace(float(rec[1])))
                    end = max(end, end - hard_timeout + self.limit)
                continue
            return rec, None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass


def run_isolated(task: W.Task) -> dict:
    """Process one file in this thread's sidecar (started on first use, replaced after a kill)."""
    opts = task.options
    sc: Sidecar | None = getattr(_local, "sidecar", None)
    if sc is None or not sc.alive() or sc.memory_mb != opts.memory_mb:
        if sc is not None:
            sc.kill()
        sc = _local.sidecar = Sidecar(opts.memory_mb)
    t0 = time.monotonic()
    rec, failure = sc.run(task, opts.hard_timeout())
    if failure is None and rec is not None:
        if rec.pop("_recycle", False):
            sc.kill()
            _local.sidecar = None
        return rec
    secs = time.monotonic() - t0
    _local.sidecar = None
    if failure == "timeout":
        return W.error_record(task, "E511", f"over the time limit of {sc.limit:.0f} s; worker killed", secs)
    sc.kill()
    return W.error_record(task, "E514", W.crash_message(sc.proc.returncode), secs)


def _main() -> None:  # pragma: no cover - runs in the subprocess
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the record stream
    inp = sys.stdin.buffer
    W.apply_limits(memory_mb or None)
    from ..limits import on_grow

    def tell(seconds: float) -> None:  # the default deadline grew: the caller moves its kill with it
        pickle.dump(("deadline", seconds), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    on_grow(tell)
    while True:
        try:
            task = pickle.load(inp)
        except EOFError:
            return
        rec = W.process_file(task)
        pickle.dump(rec, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        if rec.get("_recycle"):
            return


if __name__ == "__main__":  # pragma: no cover
    _main()
