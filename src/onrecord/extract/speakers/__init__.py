"""Speakers: from the mention in the sentence to the person it refers to.

:mod:`.resolve` resolves one mention (names, pronouns, relative pronouns,
descriptions by their head and the article's descriptors); the rules that
need the statements around it live beside it: :mod:`.descriptions` (a
description resolved by a later named speaker), :mod:`.relays` ("reading a
statement from X", ", with X saying …") and :mod:`.asides` (a pronoun after
an unnamed-source aside).
"""

from __future__ import annotations

from onrecord.extract.speakers.asides import back_from_aside
from onrecord.extract.speakers.descriptions import resolve_later
from onrecord.extract.speakers.relays import relayed_author, run_on_quote
from onrecord.extract.speakers.resolve import (
    antecedent,
    person_by_description,
    person_by_surname,
    resolve_speaker,
)

__all__ = [
    "antecedent",
    "back_from_aside",
    "person_by_description",
    "person_by_surname",
    "relayed_author",
    "resolve_later",
    "resolve_speaker",
    "run_on_quote",
]
