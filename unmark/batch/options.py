"""Options of a batch run: the one object the API takes and the CLI builds."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from ..errors import BatchError
from ..io.render import FORMATS

ENGINES = ("local", "dask")
INPUT_SUFFIXES = (".pdf", ".txt", ".text")

# seconds per file: the same default deadline as a single parse ("auto": 120 s, or 2 s a PDF page
# / 120 s a MB of text when that is more; unmark.limits); the worker's own coded error (E207/E152)
# comes first, the parent kills it only past the deadline plus a grace (E511)
DEFAULT_TIMEOUT = "auto"
DEFAULT_MEMORY_MB = 2048      # address-space limit of a worker process (RLIMIT_AS)


@dataclass(frozen=True)
class BatchOptions:
    """Settings of :func:`unmark.batch.run_batch`.

    Parse settings (``lang``, ``backend``, ``max_pages``, ``timeout``, ``memory_mb``, ``sentences``,
    ``disable``, ``provenance``, ``formats``) enter the settings hash recorded per file: ``resume`` re-does a file
    when any of them changes. Execution settings (``jobs``, ``engine``, ``scheduler``, ``progress``)
    do not change outputs and are not hashed.
    """

    formats: tuple[str, ...] = ("json",)
    jobs: int = 1
    resume: bool = False
    retry_errors: bool = False         # with resume: re-do files whose last status was an error
    max_pages: int | None = None
    timeout: float | str | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    lang: str = "auto"
    backend: str = "pypdf"
    sentences: bool = True
    disable: tuple[str, ...] = ()      # parse stages to skip (pipeline.STAGE_NAMES; unknown: E610)
    provenance: bool = True            # JSON with per-character source maps
    engine: str = "local"              # 'local' (process pool) | 'dask'
    scheduler: str | None = None       # dask scheduler address; None: a LocalCluster
    align: tuple[str, ...] = ()        # e.g. ('zh', 'en'): align the language versions of each document
    align_level: str = "paragraph"
    max_bytes: int | None = None       # text inputs: size limit (None: the parser's default)
    follow_links: bool = False         # inputs that are symbolic links: parsed (else skipped, E531)
    csv_safe: bool = True              # TSV/CSV outputs (--align): cells a spreadsheet would run neutralised
    keep_history: bool = False         # superseded manifest records appended to manifest.history.jsonl

    def __post_init__(self) -> None:
        fmts = tuple(dict.fromkeys(f.strip().lower() for f in self.formats if f.strip()))
        bad = [f for f in fmts if f not in FORMATS]
        if bad or not fmts:
            raise BatchError(f"unknown output format(s) {bad or fmts}; use {', '.join(FORMATS)}", code="E504")
        object.__setattr__(self, "formats", fmts)
        if self.jobs < 1:
            raise BatchError("--jobs must be at least 1", code="E504")
        if self.engine not in ENGINES:
            raise BatchError(f"unknown engine {self.engine!r}; use {', '.join(ENGINES)}", code="E504")
        from ..errors import InputError
        from ..limits import apply as apply_limits

        try:  # one meaning for 0 everywhere: no limit (a negative limit is an error)
            apply_limits(self, "timeout", "memory_mb", "max_pages", integer=("memory_mb", "max_pages"))
        except InputError as exc:
            raise BatchError(exc.message, code="E504") from exc
        if self.memory_mb is not None and self.memory_mb < 64:
            raise BatchError("--memory-mb must be at least 64 (or 0: no limit)", code="E504")
        langs = tuple(x.strip().lower() for x in self.align if x.strip())
        if langs and (len(langs) < 2 or len(set(langs)) != len(langs)):
            raise BatchError("--align needs two or more different languages, e.g. zh,en", code="E504")
        object.__setattr__(self, "align", langs)
        # fail early on a bad language (ParseOptions checks it)
        self.parse_options()

    # ---- derived
    def parse_options(self):
        from ..pipeline import ParseOptions

        kw = {} if self.max_bytes is None else {"max_bytes": self.max_bytes}
        # PDFs are read as by a single parse: in the worker's own reader process under the same
        # address-space limit as the worker, so a PDFium blow-up is the coded E250 (and an overrun
        # E207) in the file's record, never the death of the worker (E514)
        from ..limits import DEFAULT_MEMORY_MB as READER_MB

        return ParseOptions(
            lang=self.lang, backend=self.backend, max_pages=self.max_pages, timeout=self.timeout,
            sentences=self.sentences, disable=self.disable, memory_mb=self.memory_mb or READER_MB, **kw,
        )

    def hashed_settings(self) -> dict:
        """The settings that decide a file's outputs (with the unmark version)."""
        from .. import __version__

        d = asdict(self)
        keep = ("formats", "max_pages", "timeout", "memory_mb", "lang", "backend", "sentences", "provenance", "max_bytes")
        out = {k: d[k] for k in keep}
        out["formats"] = list(out["formats"])
        if self.disable:  # (absent when empty: the hashes of earlier runs stay valid)
            out["disable"] = list(self.disable)
        out["unmark"] = __version__
        return out

    def settings_hash(self) -> str:
        blob = json.dumps(self.hashed_settings(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def hard_timeout(self) -> float | None:
        """Wall-clock seconds after which the worker is killed: the parser's own timeout plus a
        grace. With the default deadline (``"auto"``) this is where it starts: the worker reports
        every lengthening (:func:`unmark.limits.on_grow`) and the engine moves the kill with it."""
        from ..limits import AUTO_BASE_S, grace, is_auto

        if self.timeout is None:
            return None
        return grace(AUTO_BASE_S if is_auto(self.timeout) else self.timeout)
