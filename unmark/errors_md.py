"""Write docs/errors.md from the registry: ``python -m unmark.errors_md > docs/errors.md``."""
from __future__ import annotations

import sys

from .errors import markdown

if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(markdown())
