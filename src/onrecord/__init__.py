"""onrecord: who said what, about whom, when — from news articles.

    >>> import onrecord, datetime
    >>> record = onrecord.analyze_text("“No meeting is planned,” Lavrov said.",
    ...                                published=datetime.date(2025, 8, 22))

The analysis functions are imported on first use, so that importing the
package (for its record types) does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError, OnrecordError
from onrecord.records import Article, Entity, Mention, Statement, Timex

if TYPE_CHECKING:
    from onrecord.inputs import read_inputs
    from onrecord.pipeline import analyze_article, analyze_stream, analyze_text
    from onrecord.schema import analysis_schema, validate_analysis

__all__ = [
    "Article",
    "Entity",
    "InputError",
    "Mention",
    "OnrecordError",
    "Statement",
    "Timex",
    "analysis_schema",
    "analyze_article",
    "analyze_stream",
    "analyze_text",
    "read_inputs",
    "validate_analysis",
]
__version__ = "0.1.0"

_LAZY = {
    "analyze_article": "onrecord.pipeline",
    "analyze_stream": "onrecord.pipeline",
    "analyze_text": "onrecord.pipeline",
    "read_inputs": "onrecord.inputs",
    "analysis_schema": "onrecord.schema",
    "validate_analysis": "onrecord.schema",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
