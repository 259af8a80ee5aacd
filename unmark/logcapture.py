"""Log lines of the libraries unmark drives (pypdf's ``EOF marker not found``, ...) become warnings
on the document instead of stray lines on stderr."""
from __future__ import annotations

import contextlib
import logging
from collections import Counter
from typing import Iterator


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages[record.getMessage().strip()] += 1
        except Exception:  # noqa: BLE001 - a broken log record never breaks a parse
            pass


@contextlib.contextmanager
def captured(logger_name: str) -> Iterator[Counter]:
    """Collect the WARNING-or-above records of ``logger_name`` (message -> count) while the block
    runs; they do not reach the root handlers."""
    logger = logging.getLogger(logger_name)
    h = _Collect()
    old = logger.propagate
    logger.addHandler(h)
    logger.propagate = False
    try:
        yield h.messages
    finally:
        logger.removeHandler(h)
        logger.propagate = old


def as_warnings(messages: Counter, code: str, source: str) -> list:
    from .model import DocWarning

    return [DocWarning(code, f"{source}: {m}" + (f" (x{n})" if n > 1 else "")) for m, n in messages.items() if m]
