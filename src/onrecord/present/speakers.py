"""A speaker as a page or a report names them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def own_words(said: str | None, name: str | None) -> str | None:
    """How the article itself names the speaker, where that adds something to
    their name ("he", "the minister"); None where it repeats it ("Lavrov",
    "U.S. President Donald Trump")."""
    if not said or not name or said == name:
        return None
    return said if name.split()[-1].lower() not in said.lower() else None


#: at most this many descriptions of an actor are shown
MOST_DESCRIPTIONS = 3


def descriptions(
    name: str, aliases: Sequence[str], roles: Sequence[str] = (), person: bool = True
) -> list[str]:
    """What articles call an actor, in their words: the part of each alias in
    front of the actor's name (or a person's surname): "Russian Foreign
    Minister" of "Russian Foreign Minister Sergei Lavrov". A person's given
    names left in front of the surname are not a description ("Karoline" of
    "White House Press Secretary Karoline Leavitt"): capitalized words at the
    end that are none of the ``roles`` are cut. Longest first, one inside a
    longer one left out ("President" in "U.S. President"), at most three."""
    tokens = name.split()
    if not tokens:
        return []
    full = [t.lower() for t in tokens]
    tails = [full, [full[-1]]] if person and len(full) > 1 else [full]
    known = {r.lower().rstrip(".") for r in roles}
    found: dict[str, str] = {}
    for alias in aliases:
        words = alias.split()
        lower = [w.lower() for w in words]
        tail = next((t for t in tails if lower[-len(t) :] == t), None)
        if tail is None:
            continue
        front = words[: -len(tail)]
        while person and front and front[-1][:1].isupper() and front[-1].lower() not in known:
            front.pop()
        phrase = " ".join(front).strip(" ,;:-–—")
        if phrase and not _RULE_WORDS.fullmatch(phrase):
            found.setdefault(phrase.lower(), phrase)
    out: list[str] = []
    for key in sorted(found, key=lambda k: (-len(k), k)):
        if not any(o.lower().endswith(key) for o in out):
            out.append(found[key])
    return out[:MOST_DESCRIPTIONS]


#: a "description" that only says who, not what (a first name, an initial, "Mr")
_RULE_WORDS = re.compile(r"(?i)(?:mr|mrs|ms|miss|dr|prof|sir|the|a|an|[a-z]\.?)\.?")


def described_as(actor: dict[str, Any]) -> list[str]:
    """The descriptions an actor page and ``onrecord actor`` show: the
    articles' phrases (:func:`descriptions`), else their one title word
    ("president"); never a bag of words ("chief; general; staff; usaf")."""
    roles = [str(r) for r in actor.get("roles") or ()]
    found = descriptions(
        str(actor.get("name") or ""), [str(a) for a in actor.get("aliases") or ()], roles,
        person=actor.get("kind") == "PERSON",
    )  # fmt: skip
    return found or (roles if len(roles) == 1 else [])
