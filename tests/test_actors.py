"""Actor matching across articles (pure rules)."""

from __future__ import annotations

import pytest

from onrecord.store.actors import KnownActor, Match, match_actor, normalize

KNOWN = [
    KnownActor(1, "Sergei Lavrov", "PERSON", frozenset({"foreign", "minister"})),
    KnownActor(2, "George Bush", "PERSON", frozenset({"president"})),
    KnownActor(3, "Jeb Bush", "PERSON", frozenset({"governor"})),
    KnownActor(4, "Kremlin", "ORG"),
    KnownActor(5, "Zelensky", "PERSON"),
]


@pytest.mark.parametrize(
    ("name", "kind", "roles", "expected"),
    [
        ("Sergei Lavrov", "PERSON", [], Match(1)),
        ("Lavrov", "PERSON", [], Match(1)),
        ("sergei  lavrov", "PERSON", [], Match(1)),
        ("Bush", "PERSON", [], Match(None)),  # two Bushes, no evidence
        ("Bush", "PERSON", ["governor"], Match(3)),  # the role decides
        ("Laura Bush", "PERSON", [], Match(None)),  # another first name: another person
        ("George Bush", "PERSON", [], Match(2)),
        ("Volodymyr Zelensky", "PERSON", [], Match(5, upgrade_name=True)),
        ("Kremlin", "ORG", [], Match(4)),
        ("Kremlin", "PERSON", [], Match(None)),
        ("", "PERSON", [], Match(None)),
    ],
)
def test_match_actor(name: str, kind: str, roles: list[str], expected: Match) -> None:
    assert match_actor(name, kind, roles, KNOWN) == expected


def test_normalize_drops_accents_and_punctuation() -> None:
    assert normalize("  Emmanuel Macrón, ") == "emmanuel macron"
