"""The Dask engine gives the same outputs as the local one (on a LocalCluster)."""
from __future__ import annotations

import pytest

from unmark.batch import BatchOptions, latest_state, read_manifest, run_batch

from batchutil import write


def test_dask_matches_local(text_corpus, tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    write(text_corpus / "broken.txt", b"\x00\x01\x02 binary")
    local = tmp_path / "local"
    s_local = run_batch(text_corpus, local, BatchOptions(formats=("json", "md"), jobs=2))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dsk = tmp_path / "dask"
        s_dask = run_batch(text_corpus, dsk, BatchOptions(formats=("json", "md"), jobs=2, engine="dask", scheduler=cluster.scheduler_address))
    assert (s_dask.ok, s_dask.error) == (s_local.ok, s_local.error) == (12, 1)
    a = latest_state(read_manifest(local / "manifest.jsonl"))
    b = latest_state(read_manifest(dsk / "manifest.jsonl"))
    assert a.keys() == b.keys()
    for f in a:
        for k in ("sha256", "status", "code", "pages", "outputs", "settings"):
            assert a[f][k] == b[f][k], (f, k)
        for o in a[f]["outputs"]:
            assert (local / o).read_bytes() == (dsk / o).read_bytes(), o
    assert not list(dsk.rglob("*.part"))


def test_dask_missing_is_a_coded_error(text_corpus, tmp_path, monkeypatch):
    import builtins

    from unmark.errors import BatchError

    real_import = builtins.__import__

    def no_dask(name, *a, **kw):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("no distributed")
        return real_import(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(BatchError) as ei:
        run_batch(text_corpus, tmp_path / "out", BatchOptions(engine="dask"))
    assert ei.value.code == "E510"


def test_sidecar_enforces_the_time_limit(tmp_path, monkeypatch):
    """The Dask path runs each file in a sidecar subprocess; a stuck file is killed (E511) and the
    next file gets a fresh sidecar. (No Dask needed: this is the function the Dask workers call.)"""
    from unmark.batch import Task
    from unmark.batch import sidecar as S

    from batchutil import un_text

    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import time\n"
        "import unmark.batch.worker as W\n"
        "_real = W._parse\n"
        "def _p(path, options):\n"
        "    if 'stuck' in path:\n"
        "        time.sleep(3600)\n"
        "    return _real(path, options)\n"
        "W._parse = _p\n"
    )
    import os

    monkeypatch.setenv("PYTHONPATH", str(hook) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # the limit is far above what the good file needs, so that a loaded machine cannot fail it
    opts = BatchOptions(timeout=5.0, memory_mb=512)
    out = tmp_path / "out"
    stuck = write(tmp_path / "in" / "stuck.txt", un_text(1))
    good = write(tmp_path / "in" / "good.txt", un_text(2))
    r1 = S.run_isolated(Task("stuck.txt", str(stuck), str(out), "stuck", opts, opts.settings_hash()))
    assert r1["code"] == "E511" and r1["status"] == "error"
    r2 = S.run_isolated(Task("good.txt", str(good), str(out), "good", opts, opts.settings_hash()))
    assert r2["status"] == "ok" and (out / "good.json").is_file()
    S._local.sidecar.kill()
