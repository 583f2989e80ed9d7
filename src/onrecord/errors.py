"""User-facing errors. Every message is one line, names what failed and why."""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class: shown to the user as one line, exit status non-zero."""


class InputError(OnrecordError):
    """An input document could not be read or is not an article.

    ``origin`` names the file (and line, for JSONL) the problem is in.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
