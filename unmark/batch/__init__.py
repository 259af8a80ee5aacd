"""Batch runs: parallel, resumable, hardened against hostile input.

    >>> from unmark.batch import BatchOptions, run_batch
    >>> s = run_batch("pdfs/", "out/", BatchOptions(formats=("json", "md"), jobs=2, resume=True))  # doctest: +SKIP
    >>> s.ok, s.error, s.skipped                                                                   # doctest: +SKIP

Every file ends up in ``OUT_DIR/manifest.jsonl`` with status ``ok``, ``error`` (with a code) or
``skipped``; outputs are written atomically and a manifest line is appended only after them.
See docs/batch.md.
"""
from .manifest import latest_state, read_manifest
from .options import BatchOptions
from .paths import discover, plan_outputs, sanitize_component
from .runner import BatchSummary, run_batch
from .worker import Task, process_file

__all__ = [
    "BatchOptions", "BatchSummary", "run_batch", "read_manifest", "latest_state",
    "discover", "plan_outputs", "sanitize_component", "Task", "process_file",
]
