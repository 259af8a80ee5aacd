"""The Dask engine: the same per-file tasks on a Dask distributed cluster.

Workers need ``unmark`` (same version) importable and OUT_DIR/IN_DIR at the same paths (a shared
file system): each task reads its input and writes its outputs there, and returns only the small
manifest record; the client appends the manifest. Each task runs in a sidecar subprocess on the
worker (:mod:`unmark.batch.sidecar`) so the per-file time and memory limits hold there too.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

from ..errors import BatchError
from . import worker as W

log = logging.getLogger(__name__)


def _import():
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise BatchError(
            "the Dask engine needs dask.distributed: pip install 'unmark-undocs[dask]' (or 'dask[distributed]')", code="E510"
        ) from exc
    return Client, LocalCluster, as_completed


def run_dask(tasks: Iterable[W.Task], *, jobs: int, scheduler: str | None, connect_timeout: float = 30) -> Iterator[dict]:
    Client, LocalCluster, as_completed = _import()
    from .sidecar import run_isolated

    tasks = list(tasks)
    if not tasks:
        return
    cluster = None
    # Dask's INFO lines (scheduler/worker start and stop) only with -v: unmark's own log level decides
    quiet = logging.getLogger("unmark").getEffectiveLevel() > logging.INFO
    if quiet:
        for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
                     "distributed.core", "distributed.http.proxy"):
            logging.getLogger(name).setLevel(logging.WARNING)
    try:
        if scheduler:
            client = Client(scheduler, timeout=connect_timeout)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.WARNING if quiet else logging.INFO)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}", code="E530") from exc
    try:
        futures = client.map(run_isolated, tasks, pure=False, retries=0)
        by_key = {f.key: t for f, t in zip(futures, tasks)}
        for fut in as_completed(futures):
            task = by_key[fut.key]
            try:
                rec = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the batch
                rec = W.error_record(task, "E514", f"Dask task failed: {type(exc).__name__}: {str(exc)[:200]}")
            fut.release()
            yield rec
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
