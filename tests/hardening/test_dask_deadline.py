"""The Dask engine's deadline growth: a Dask worker runs each file in a sidecar subprocess
(unmark.batch.sidecar); the sidecar tells its thread each time the file's default deadline grows
(limits.on_grow), and the thread moves its kill with it (docs/limits-and-security.md: the kill
at S + max(2 s, S/4), S the deadline as grown for that file).

A file whose work outlasts the engine's first kill limit passes when its deadline grows, and is
killed (E511) when it does not: tests/hostile/batch_doubles.py. The same code path runs twice:
through the sidecar in a thread of this process (what each Dask worker thread does; needs no
Dask), and through the Dask engine itself on a local cluster (skipped when dask.distributed is
not installed)."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from unmark import limits
from unmark.batch import BatchOptions
from unmark.batch import sidecar
from unmark.batch import worker as W

from hostile.batch_doubles import GROW_PAGES, KILL_AFTER_S, SlowOptions

TESTS = Path(__file__).resolve().parents[1]
TEXT = "1. The General Assembly decides to include the item.\n"


@pytest.fixture
def doubles_importable(monkeypatch):
    """The sidecar (and a Dask worker) unpickles SlowOptions: tests/ on its PYTHONPATH."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p))


def _tasks(tmp_path: Path) -> list[W.Task]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    tasks = []
    # a first ordinary file starts the sidecar, so its start-up is not counted against the short limit
    for name, opts in (("warm.txt", BatchOptions()), ("long.txt", SlowOptions(grows=True)), ("short.txt", SlowOptions())):
        (src / name).write_text(TEXT, encoding="utf-8")
        tasks.append(W.Task(name, str(src / name), str(out), name[:-4], opts, opts.settings_hash()))
    return tasks


def _check(recs: dict[str, dict]) -> None:
    assert recs["warm.txt"]["status"] == "ok", recs["warm.txt"]
    # its work (twice the first kill limit) finished: the kill moved with the grown deadline
    assert recs["long.txt"]["status"] == "ok", recs["long.txt"]
    # the same work without growth: killed at the engine's limit, a coded record
    short = recs["short.txt"]
    assert short["status"] == "error" and short["code"] == "E511", short
    assert f"over the time limit of {KILL_AFTER_S:.0f} s" in short["message"]


def test_sidecar_moves_the_kill_with_a_grown_default_deadline(tmp_path, doubles_importable):
    tasks = _tasks(tmp_path)
    recs: dict[str, dict] = {}
    limit_after: dict[str, float | None] = {}

    def worker_thread():  # one sidecar per thread, as in a Dask worker
        try:
            for t in tasks:
                recs[t.rel] = sidecar.run_isolated(t)
                sc = getattr(sidecar._local, "sidecar", None)
                limit_after[t.rel] = sc.limit if sc is not None else None
        finally:
            sc = getattr(sidecar._local, "sidecar", None)
            if sc is not None:
                sc.kill()

    th = threading.Thread(target=worker_thread)
    th.start()
    th.join(120)
    assert not th.is_alive()
    _check(recs)
    # the documented kill time: the grown deadline (2 s a page) plus max(2 s, a quarter of it)
    grown = limits.AUTO_PER_PAGE_S * GROW_PAGES
    assert limit_after["long.txt"] == limits.grace(grown) == grown + grown / 4
    assert limits.grace(1.0) == 3.0            # a short deadline: at least 2 s of grace


def test_dask_engine_moves_the_kill_with_a_grown_default_deadline(tmp_path, doubles_importable):
    try:
        import distributed  # noqa: F401
    except ImportError:
        pytest.skip("dask.distributed is not installed (pip install 'dask[distributed]'); the same sidecar code "
                    "path is tested without Dask: test_sidecar_moves_the_kill_with_a_grown_default_deadline")
    from unmark.batch.dask_engine import run_dask

    recs = {r["file"]: r for r in run_dask(_tasks(tmp_path), jobs=1, scheduler=None)}
    assert set(recs) == {"warm.txt", "long.txt", "short.txt"}
    _check(recs)
