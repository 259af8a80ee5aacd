"""run_batch(): discover -> plan -> (resume check) -> engine -> manifest -> (align) -> summary."""
from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import BatchError
from . import worker as W
from .manifest import ManifestWriter, compact, keep_history, latest_state, read_manifest
from .options import BatchOptions
from .paths import LOCK, MANIFEST, InputFile, discover, inside, plan_outputs

log = logging.getLogger(__name__)

OnRecord = Callable[[dict, int, int], None]


@dataclass
class BatchSummary:
    """What :func:`run_batch` did: counts of ``ok``, ``error`` and ``skipped`` files, errors by code,
    and ``lines()`` for the summary the CLI prints."""

    in_dir: str
    out_dir: str
    total: int = 0
    ok: int = 0
    error: int = 0
    skipped: int = 0
    already_done: int = 0              # skipped by --resume: unchanged since the last run
    unsupported: int = 0               # skipped: not a PDF or text file (E520)
    pages: int = 0
    seconds: float = 0.0
    engine: str = "local"
    jobs: int = 1
    manifest: str = ""
    errors_by_code: dict = field(default_factory=dict)
    records: list = field(default_factory=list)
    worker_restarts: int = 0
    align: dict | None = None
    in_error: int = 0                  # inputs whose current state is an error (this run or an earlier one)

    @property
    def processed(self) -> int:
        return self.ok + self.error

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in (
            "in_dir", "out_dir", "total", "ok", "error", "skipped", "already_done", "unsupported", "pages", "seconds", "engine", "jobs",
            "manifest", "errors_by_code", "worker_restarts", "align", "in_error")}
        d["seconds"] = round(self.seconds, 3)
        return d

    def lines(self) -> list[str]:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.already_done} already done"] if self.already_done else []
        parts += [f"{self.unsupported} unsupported"] if self.unsupported else []
        other = self.skipped - self.already_done - self.unsupported
        parts += [f"{other} other"] if other and parts else []
        skipped = f"{self.skipped} skipped" + (f" ({', '.join(parts)})" if parts else "")
        out = [
            f"{self.total} files: {self.ok} ok, {self.error} errors, {skipped}; "
            f"{self.pages} pages in {self.seconds:.1f} s ({rate:.1f} files/s, {self.engine} engine, {self.jobs} jobs)",
        ]
        for code, n in sorted(self.errors_by_code.items()):
            out.append(f"  {code}: {n}")
        if self.in_error > self.error:
            out.append(f"{self.in_error} input(s) still in error (earlier runs included; --resume --retry-errors re-does them)")
        if self.align is not None:
            a = self.align
            out.append(f"aligned {a.get('aligned', 0)} of {a.get('groups', 0)} document groups; glossaries: {', '.join(a.get('glossaries', [])) or 'none'}")
            for msg in a.get("problems", [])[:20]:
                out.append(f"  {msg}")
        out.append(f"manifest: {self.manifest}")
        return out


# --------------------------------------------------------------------------- helpers
@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One batch at a time per OUT_DIR (the kernel drops the lock when the process dies)."""
    from .guard import open_nofollow

    path = out_dir / LOCK
    fh = os.fdopen(open_nofollow(path, os.O_RDWR | os.O_CREAT, what="lock file"), "a+b")
    try:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError as exc:
            raise BatchError(f"another batch is writing to {out_dir}", code="E503", path=str(out_dir)) from exc
        yield
    finally:
        fh.close()


def remove_partials(out_dir: Path) -> int:
    """Delete temp files a killed run left behind (``.NAME.XXXX.part`` from unmark.io.atomic)."""
    n = 0
    for p in [*out_dir.rglob(".*.part"), *out_dir.rglob(".*.part.*")]:
        with contextlib.suppress(OSError):
            if p.is_file():
                p.unlink()
                n += 1
    if n:
        log.info("removed %d partial file(s) left by an interrupted run", n)
    return n


def _skip_record(f: InputFile, settings: str, code: str | None, message: str, sha: str | None = None, prev: dict | None = None) -> dict:
    rec = {
        "file": f.rel, "sha256": sha, "status": "skipped", "code": code, "message": message,
        "pages": prev.get("pages") if prev else None, "seconds": 0.0,
        "outputs": list(prev.get("outputs", [])) if prev else [], "settings": settings,
    }
    if prev:
        rec["previous"] = prev.get("status")
        if prev.get("code"):
            rec["previous_code"] = prev.get("code")
        for k in ("language", "symbol"):
            if prev.get(k) is not None:
                rec[k] = prev[k]
    return rec


def _unchanged(prev: dict, sha: str, settings: str, outputs: list[str], out_dir: Path, retry_errors: bool) -> bool:
    if prev.get("sha256") != sha or prev.get("settings") != settings:
        return False
    if prev.get("status") == "error":
        return not retry_errors
    if sorted(prev.get("outputs", [])) != sorted(outputs):
        return False
    return all((out_dir / o).is_file() for o in outputs)


def _remove_stale(prev: dict | None, rec: dict, out_dir: Path, owner: dict[str, str]) -> None:
    """Remove outputs a file had before but not now (its input changed and now fails, or the
    naming or formats changed), unless another file of this run owns that name now."""
    if not prev:
        return
    for o in set(prev.get("outputs", [])) - set(rec.get("outputs", [])):
        if owner.get(o, rec["file"]) != rec["file"]:
            continue
        with contextlib.suppress(OSError, BatchError):
            p = inside(out_dir, o)
            if p.is_file():
                p.unlink()


def _engine(options: BatchOptions):
    if options.engine == "dask":
        from .dask_engine import run_dask

        return lambda tasks: run_dask(tasks, jobs=options.jobs, scheduler=options.scheduler), None
    from .local import LocalPool

    pool = LocalPool(options.jobs, options.memory_mb, options.hard_timeout())
    return pool.run, pool


# --------------------------------------------------------------------------- entry point
def run_batch(
    in_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    options: BatchOptions | None = None,
    *,
    on_record: OnRecord | None = None,
) -> BatchSummary:
    """Parse every file under ``in_dir`` into ``out_dir``; see docs/batch.md.

    ``on_record(record, done, total)`` is called once per file as its manifest line is written
    (the CLI draws its progress bar from it). Bad files never raise: they become ``error``
    records. Raises :class:`~unmark.errors.BatchError` only for problems of the run itself
    (missing IN_DIR, OUT_DIR locked or unwritable, Dask missing).
    """
    opts = options or BatchOptions()
    t0 = time.perf_counter()
    src = Path(in_dir)
    if not src.is_dir():
        raise BatchError(f"input folder not found: {src}", code="E501", path=str(src))
    dst = Path(out_dir)
    try:
        dst.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder: {exc.strerror}", code="E502", path=str(dst)) from exc
    if dst.resolve() == src.resolve():
        raise BatchError("the output folder must differ from the input folder", code="E502", path=str(dst))
    dst = dst.resolve()
    if opts.engine == "dask":
        from .dask_engine import _import

        _import()  # E510 before any work if Dask is missing

    summary = BatchSummary(str(src), str(dst), engine=opts.engine, jobs=opts.jobs, manifest=str(dst / MANIFEST))
    settings = opts.settings_hash()
    with _locked(dst):
        remove_partials(dst)
        files = discover(src, dst)
        supported = [f for f in files if f.supported]
        bases = plan_outputs([f.rel for f in supported])
        owner = {o: f.rel for f in supported for o in W.output_names(bases[f.rel], opts.formats)}
        prev_state = latest_state(read_manifest(dst / MANIFEST))
        summary.total = len(files)
        done = 0
        final: dict[str, dict] = {}

        if opts.keep_history and not opts.resume:  # the manifest starts afresh: its records go to the history
            keep_history(dst / MANIFEST)
        with ManifestWriter(dst / MANIFEST, fresh=not opts.resume) as mf:
            def emit(rec: dict) -> None:
                nonlocal done
                mf.append(rec)
                done += 1
                final[rec["file"]] = rec
                st = rec["status"]
                if st == "ok":
                    summary.ok += 1
                    summary.pages += rec.get("pages") or 0
                elif st == "error":
                    summary.error += 1
                else:
                    summary.skipped += 1
                    if rec.get("code") is None:
                        summary.already_done += 1
                    elif rec.get("code") == "E520":
                        summary.unsupported += 1
                if rec.get("code") and st != "ok":
                    summary.errors_by_code[rec["code"]] = summary.errors_by_code.get(rec["code"], 0) + 1
                log.info("%s %s%s", st, rec["file"], f" {rec['code']} {rec.get('message')}" if rec.get("code") else "")
                if on_record is not None:
                    on_record(rec, done, summary.total)

            tasks: list[W.Task] = []
            for f in files:
                if not f.supported:
                    suffix = Path(f.rel).suffix or "(none)"
                    emit(_skip_record(f, settings, "E520", f"not a PDF or text file (suffix {suffix})"))
                    continue
                if f.link and not opts.follow_links:
                    emit(_skip_record(f, settings, "E531", "a symbolic link: not followed (use --follow-links)"))
                    continue
                base = bases[f.rel]
                prev = prev_state.get(f.rel)
                if opts.resume and prev is not None:
                    try:
                        sha = W.sha256_file(f.path)
                    except OSError:
                        sha = None
                    outs = W.output_names(base, opts.formats)
                    if sha and _unchanged(prev, sha, settings, outs, dst, opts.retry_errors):
                        emit(_skip_record(f, settings, None, f"unchanged since the last run ({prev['status']})", sha, prev))
                        final[f.rel] = prev
                        continue
                tasks.append(W.Task(f.rel, f.path, str(dst), base, opts, settings))
            # biggest first: a long file started last would leave the other workers idle
            tasks.sort(key=lambda t: -_size(t.path))
            run, pool = _engine(opts)
            for rec in run(tasks):
                _remove_stale(prev_state.get(rec["file"]), rec, dst, owner)
                emit(rec)
            if pool is not None:
                summary.worker_restarts = pool.restarts
        summary.records = list(final.values())
        summary.in_error = sum(1 for r in final.values() if r.get("status") == "error")
        # one current record per input, in input order (an interrupted run leaves appended lines
        # that the next run compacts)
        order = {f.rel: k for k, f in enumerate(files)}
        current = sorted(final.values(), key=lambda r: order.get(r["file"], len(order)))
        if opts.keep_history:  # superseded records kept apart (manifest.history.jsonl), if wanted
            keep_history(dst / MANIFEST, current)
        compact(dst / MANIFEST, current)

        if opts.align:
            from .align import align_outputs

            summary.align = align_outputs(final, files, dst, opts)
    summary.seconds = time.perf_counter() - t0
    return summary


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
