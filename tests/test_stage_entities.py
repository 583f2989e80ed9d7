"""Entities on their own: small made-up texts -> canonical names, types and mentions.

Through the public entry point (``onrecord.analyze_text``, the output contract).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import onrecord

FRIDAY = dt.date(2025, 8, 22)


def entities(text: str) -> dict[str, tuple[str, list[str]]]:
    """Each entity's canonical name -> (type, the words of its mentions in order)."""
    rec: dict[str, Any] = onrecord.analyze_text(text, published=FRIDAY)
    return {e["name"]: (e["type"], [text[a:b] for a, b in e["mentions"]]) for e in rec["entities"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname is the person named in full in the same text
        (
            "Sergei Lavrov arrived. Lavrov said the talks were over.",
            {"Sergei Lavrov": ("PERSON", ["Sergei Lavrov", "Lavrov"])},
        ),
        # ... before or after the full name
        (
            "Mr. Baker spoke to Tom Baker.",
            {"Tom Baker": ("PERSON", ["Baker", "Tom Baker"])},
        ),
        (
            "“We are ready,” Lopez said. Maria Lopez is the mayor.",
            {"Maria Lopez": ("PERSON", ["Lopez", "Maria Lopez"])},
        ),
        # two people and two places, each surname to its own person
        (
            "Anna Kowalski arrived in Warsaw. Kowalski met Tom Baker, and Baker left for Berlin.",
            {
                "Anna Kowalski": ("PERSON", ["Anna Kowalski", "Kowalski"]),
                "Warsaw": ("GPE", ["Warsaw"]),
                "Tom Baker": ("PERSON", ["Tom Baker", "Baker"]),
                "Berlin": ("GPE", ["Berlin"]),
            },
        ),
        # the name leaves out the article; the mention keeps the words as written
        (
            "The European Union and NATO met in Brussels.",
            {
                "European Union": ("ORG", ["The European Union"]),
                "NATO": ("ORG", ["NATO"]),
                "Brussels": ("GPE", ["Brussels"]),
            },
        ),
        (
            "Tom Baker works for Acme Corp. in Chicago.",
            {
                "Tom Baker": ("PERSON", ["Tom Baker"]),
                "Acme Corp.": ("ORG", ["Acme Corp."]),
                "Chicago": ("GPE", ["Chicago"]),
            },
        ),
        # pronouns and descriptions that name a speaker are mentions of the person
        (
            "Tom Baker spoke first. “It will fail,” he said.",
            {"Tom Baker": ("PERSON", ["Tom Baker", "he"])},
        ),
        (
            "Foreign Minister Anna Kowalski arrived in Rome. "
            "The foreign minister said the talks were useful.",
            {
                "Anna Kowalski": ("PERSON", ["Anna Kowalski", "The foreign minister"]),
                "Rome": ("GPE", ["Rome"]),
            },
        ),
    ],
)
def test_canonical_names_types_and_mentions(
    text: str, expected: dict[str, tuple[str, list[str]]]
) -> None:
    assert entities(text) == expected


def test_entity_ids_are_unique_and_mentions_sorted() -> None:
    text = "Anna Kowalski arrived in Warsaw. Kowalski met Tom Baker, and Baker left for Berlin."
    rec = onrecord.analyze_text(text, published=FRIDAY)
    ids = [e["id"] for e in rec["entities"]]
    assert len(ids) == len(set(ids)) == 4
    for e in rec["entities"]:
        assert e["mentions"] == sorted(e["mentions"])
        assert all(0 <= a < b <= len(text) for a, b in e["mentions"])
