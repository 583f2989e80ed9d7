"""onrecord: who said what, about whom, when — from news articles."""

from __future__ import annotations

from onrecord.errors import InputError, OnrecordError
from onrecord.records import Article, Entity, Mention, Statement, Timex

__all__ = [
    "Article",
    "Entity",
    "InputError",
    "Mention",
    "OnrecordError",
    "Statement",
    "Timex",
]
__version__ = "0.1.0"
