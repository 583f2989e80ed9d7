"""Actors: one speaker across articles.

Each article names its speakers by the fullest name it gives ("Sergei
Lavrov", or just "Lavrov" if that is all it writes). Across articles:

* the same full name, or the same first and last name ("Hillary Clinton" /
  "Hillary Rodham Clinton"), is one actor;
* a bare surname joins the one known actor with that surname; where several
  share it, a role in common ("foreign minister") decides, else it is not
  merged (no evidence which one it is);
* a full name whose first name differs from a known actor's is another
  person ("Jeb Bush" is not "George Bush"); a full name does absorb an actor
  known so far only by that surname, when that surname is unambiguous.

Pure functions over :class:`KnownActor` rows; the store does the I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_NOT_NAME = re.compile(r"[^\w\s-]")


@dataclass(frozen=True, slots=True)
class KnownActor:
    id: int
    name: str
    kind: str
    roles: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Match:
    actor_id: int | None  # None: a new actor
    upgrade_name: bool = False  # the known actor had only a surname: take the full name


def normalize(name: str) -> str:
    """Lower case, no accents or punctuation: "Zelenskyy," -> "zelenskyy"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_NAME.sub("", text).lower().split())


def name_parts(name: str) -> tuple[str | None, str]:
    words = normalize(name).split()
    if not words:
        return None, ""
    return (words[0] if len(words) > 1 else None), words[-1]


def match_actor(name: str, kind: str, roles: Iterable[str], known: Sequence[KnownActor]) -> Match:
    """Which known actor (if any) ``name`` refers to."""
    norm = normalize(name)
    if not norm:
        return Match(None)
    same_kind = [a for a in known if a.kind == kind]
    exact = [a for a in same_kind if normalize(a.name) == norm]
    if exact:
        return Match(exact[0].id)
    if kind != "PERSON":
        return Match(None)
    first, last = name_parts(name)
    role_set = frozenset(roles)
    namesakes = [a for a in same_kind if name_parts(a.name)[1] == last]
    if first is None:
        if len(namesakes) == 1:
            return Match(namesakes[0].id)
        by_role = [a for a in namesakes if a.roles & role_set]
        return Match(by_role[0].id) if len(by_role) == 1 else Match(None)
    same_first = [a for a in namesakes if name_parts(a.name)[0] == first]
    if same_first:
        return Match(same_first[0].id)
    surname_only = [a for a in namesakes if name_parts(a.name)[0] is None]
    full = [a for a in namesakes if name_parts(a.name)[0] is not None]
    if len(surname_only) == 1 and not full:
        return Match(surname_only[0].id, upgrade_name=True)
    return Match(None)
