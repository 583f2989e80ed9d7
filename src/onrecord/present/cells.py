"""Cells for spreadsheets: the one OWASP rule every CSV onrecord writes
follows (``export``, the CLI listings, the pages' CSV links)."""

from __future__ import annotations

from typing import Any

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs: text starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a single quote in front (the OWASP
    rule), so that a title such as ``=HYPERLINK(...)`` is shown, not
    evaluated. Numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
