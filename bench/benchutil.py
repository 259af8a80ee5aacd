"""Helpers shared by the benchmark scripts."""
from __future__ import annotations

import platform
from pathlib import Path


def cpu_model(default: str = "") -> str:
    """The CPU model name from /proc/cpuinfo (Linux), else ``default``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return default or platform.processor() or platform.machine()
