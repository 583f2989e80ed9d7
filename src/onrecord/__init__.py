"""onrecord: who said what, about whom, when — from news articles.

    >>> import onrecord, datetime
    >>> record = onrecord.analyze_text("“No meeting is planned,” Lavrov said.",
    ...                                published=datetime.date(2025, 8, 22))
    >>> for record in onrecord.analyze(["articles/"]):  # files, directories
    ...     ...
    >>> with onrecord.open_store("onrecord.db") as store:
    ...     store.stats()

The analysis functions are imported on first use, so that importing the
package (for its record types) does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError, OnrecordError
from onrecord.records import Analysis, Article, Entity, Event, Mention, Statement, Timex

if TYPE_CHECKING:
    from onrecord.contract import analysis_schema, from_json, to_json, validate_analysis
    from onrecord.inputs import read_inputs
    from onrecord.pipeline import analyze, analyze_article, analyze_stream, analyze_text
    from onrecord.store import open_store

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Event",
    "InputError",
    "Mention",
    "OnrecordError",
    "Statement",
    "Timex",
    "analysis_schema",
    "analyze",
    "analyze_article",
    "analyze_stream",
    "analyze_text",
    "from_json",
    "open_store",
    "read_inputs",
    "to_json",
    "validate_analysis",
]
__version__ = "0.1.0"

_LAZY = {
    "analyze": "onrecord.pipeline",
    "open_store": "onrecord.store",
    "analyze_article": "onrecord.pipeline",
    "analyze_stream": "onrecord.pipeline",
    "analyze_text": "onrecord.pipeline",
    "read_inputs": "onrecord.inputs",
    "analysis_schema": "onrecord.contract",
    "from_json": "onrecord.contract",
    "to_json": "onrecord.contract",
    "validate_analysis": "onrecord.contract",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
