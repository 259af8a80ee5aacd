"""A test double for the batch engines' deadline growth, importable by name in every process a
batch starts: a Dask worker unpickles a task's options, and so does the sidecar subprocess the
task runs in (put this folder on ``PYTHONPATH`` for it).

:class:`SlowOptions` stands in for a file whose work outlasts the engine's first kill limit (as a
500-page PDF's 1,000 s outlast the 150 s batch starts from under the default deadline): the
engine starts from :data:`KILL_AFTER_S`, the parse takes :data:`WORK_S`, and with ``grows`` the
file's default deadline is lengthened as ``grow_for_pages(500)`` does, when its parse begins.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from unmark import limits
from unmark.batch import BatchOptions

KILL_AFTER_S = 2.0   # the engine's kill limit before any growth
WORK_S = 4.0         # how long the file's parse takes (twice the kill limit)
GROW_PAGES = 500     # the grown default deadline: 1,000 s


@dataclass(frozen=True)
class SlowOptions(BatchOptions):
    grows: bool = False   # the file's default deadline grows when its parse begins

    def hard_timeout(self) -> float | None:
        return KILL_AFTER_S

    def parse_options(self):
        # the worker asks for the parse options under the file's deadline, as its parse begins
        # (BatchOptions asks for them once more when it is built, outside any deadline)
        if limits.remaining() is not None:
            if self.grows:
                limits.grow_for_pages(GROW_PAGES)
            time.sleep(WORK_S)
        return super().parse_options()
