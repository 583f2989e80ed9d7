"""Words for people (onrecord.present): what an actor is described as, in
the articles' own phrases and never as a bag of words."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.present import described_as, descriptions


@pytest.mark.parametrize(
    ("name", "aliases", "roles", "expected"),
    [
        # the phrase in front of the name, not the words sorted
        ("Sergei Lavrov", ["Lavrov", "Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov"],
         ["foreign", "minister"], ["Russian Foreign Minister"]),
        # one inside a longer one is left out; longest first
        ("Donald Trump", ["President Donald Trump", "U.S. President Donald Trump",
                          "United States President Donald Trump", "Trump"],
         ["president"], ["United States President", "U.S. President"]),
        # a given name in front of the surname is not a description
        ("Caroline Leavitt", ["White House Press Secretary Karoline Leavitt"],
         ["house", "press", "secretary", "white"], ["White House Press Secretary"]),
        ("Abbas Araghchi", ["Iranian Foreign Minister Seyed Abbas Araghchi"],
         ["dr.", "foreign", "minister"], ["Iranian Foreign Minister"]),
        # a capitalized title that is one of the roles stays
        ("Bob Riley", ["Alabama Governor Bob Riley"], ["governor"], ["Alabama Governor"]),
        ("Arthur Lichte", ["General Arthur Lichte"], ["general"], ["General"]),
        # no phrase: nothing, not the name's own words
        ("Vladimir Putin", ["Putin", "Vladimir Putin"], ["president"], []),
        ("Pat Doe", ["Mr. Pat Doe", "Mr Doe"], [], []),
    ],
)  # fmt: skip
def test_descriptions_are_the_articles_phrases(
    name: str, aliases: list[str], roles: list[str], expected: list[str]
) -> None:
    assert descriptions(name, aliases, roles)[:2] == expected


def test_an_organisation_is_described_by_what_precedes_its_whole_name() -> None:
    aliases = ["The US car manufacturer General Motors", "General Motors", "Motors"]
    assert descriptions("General Motors", aliases, person=False) == ["The US car manufacturer"]
    assert descriptions("White House", ["the White House"], person=False) == []


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ({"name": "Vladimir Putin", "kind": "PERSON", "aliases": ["Putin"],
          "roles": ["president"]}, ["president"]),
        # several words and no phrase: no bag of words
        ({"name": "Duncan McNab", "kind": "PERSON", "aliases": ["Duncan McNab"],
          "roles": ["chief", "general", "staff", "usaf"]}, []),
        ({"name": "Sam Brownback", "kind": "PERSON", "aliases": ["Kansas senator Sam Brownback"],
          "roles": ["senator"]}, ["Kansas senator"]),
    ],
)  # fmt: skip
def test_described_as(actor: dict[str, Any], expected: list[str]) -> None:
    assert described_as(actor) == expected
