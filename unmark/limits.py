"""One meaning for resource limits everywhere (API and every command): ``None`` or ``0`` means
*no limit*; a negative value is a coded error (E123), never a silently odd run.

Limits: ``max_pages`` (pages per PDF), ``timeout`` (seconds per file), ``memory_mb`` (batch worker
memory), ``max_bytes`` (input size).
"""
from __future__ import annotations

import math

from .errors import InputError

FLAGS = {"max_pages": "--max-pages", "timeout": "--timeout", "memory_mb": "--memory-mb", "max_bytes": "--max-bytes"}


def limit(name: str, value, *, integer: bool = False):
    """``value`` checked and normalised: None/0 -> None (no limit), a positive number kept."""
    if value is None:
        return None
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
