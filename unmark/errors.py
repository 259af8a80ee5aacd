"""Exception classes and warning codes with stable identifiers.

Codes are part of the public contract: they never change meaning once released.

- E1xx: input (text path, files, encodings)
- E2xx: PDF extraction
- E3xx: alignment
- E4xx: terminology
- E5xx: batch
- E6xx: resources (rule files)
- W***: warnings attached to a document (recoverable problems)
"""
from __future__ import annotations


class UnmarkError(Exception):
    """Base class of every error unmark raises on purpose. ``code`` is stable."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None):
        if code is not None:
            self.code = code
        self.message = message
        self.path = path
        super().__init__(f"[{self.code}] {message}" + (f" ({path})" if path else ""))

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "path": self.path}


class InputError(UnmarkError):
    """Unreadable or unsuitable input (E1xx)."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class InputTooLargeError(InputError):
    code = "E104"


class InputNotFoundError(InputError):
    code = "E105"


class PdfError(UnmarkError):
    """PDF could not be read (E2xx)."""

    code = "E200"


class AlignmentError(UnmarkError):
    code = "E300"


class TermsError(UnmarkError):
    code = "E400"


class BatchError(UnmarkError):
    code = "E500"


class ResourceError(UnmarkError):
    """A rule file in resources/ is missing or invalid (E6xx)."""

    code = "E600"


class OutputError(UnmarkError):
    code = "E700"
