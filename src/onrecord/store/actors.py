"""Actors: one speaker across articles.

Each article names its speakers by the fullest name it gives ("Sergei
Lavrov", or just "Lavrov" if that is all it writes). Across articles, names
are compared by spelling key (:mod:`onrecord.store.names`: "Araqchi" is
"Araghchi", "Sergey" is "Sergei"):

* the same full name, or the same surname and a first name in common
  ("Hillary Clinton" / "Hillary Rodham Clinton" / "Crooked Hillary Clinton",
  "Ali Khamenei" / "Ayatollah Seyyed Ali Khamenei"), is one actor;
* a bare surname joins the one known actor with that surname; where several
  share it, a role in common ("foreign minister") decides, else it is not
  merged (no evidence which one it is);
* a full name whose first name differs from a known actor's is another
  person ("Jeb Bush" is not "George Bush"); a full name does absorb an actor
  known so far only by that surname, when that surname is unambiguous;
* the tagger's PERSON and ORG are not trusted apart: a person's name typed
  ORG in one article is still that person ("Araghchi" as ORG), and becomes a
  person actor once any article types it PERSON; a one-word PERSON that is
  only known as an organisation ("Kremlin") is that organisation.

Pure functions over :class:`KnownActor` rows; the store does the I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from onrecord.store.names import (
    PersonName,
    looks_like_person,
    person_name,
    same_person,
    same_surname,
)

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
    upgrade_kind: str | None = None  # the known actor's kind was wrong ("ORG"): now this


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


def _personal(actor: KnownActor) -> bool:
    """Could the actor be a person: typed so, or an ORG with a person's full
    name (a one-word ORG is more likely an organisation: "Kremlin")."""
    if actor.kind == "PERSON":
        return True
    return (
        actor.kind == "ORG"
        and bool(person_name(actor.name).given)
        and looks_like_person(actor.name)
    )


def _found(actor: KnownActor, kind: str, upgrade_name: bool = False) -> Match:
    """A match; a person-typed name turns a known ORG of that name into a person."""
    upgrade = "PERSON" if kind == "PERSON" and actor.kind != "PERSON" else None
    return Match(actor.id, upgrade_name, upgrade)


def match_actor(name: str, kind: str, roles: Iterable[str], known: Sequence[KnownActor]) -> Match:
    """Which known actor (if any) ``name`` (typed ``kind``) refers to."""
    norm = normalize(name)
    if not norm:
        return Match(None)
    exact = [a for a in known if a.kind == kind and normalize(a.name) == norm]
    if exact:
        return Match(exact[0].id)
    person = kind == "PERSON" or (kind == "ORG" and looks_like_person(name))
    if not person:
        return Match(None)
    me = person_name(name)
    people = [a for a in known if _personal(a)]
    namesakes = [a for a in people if same_surname(person_name(a.name), me)]
    if not me.given:
        found = _by_surname(me, namesakes, frozenset(roles))
        if found is not None:
            return _found(found, kind)
        # a one-word name known only as an organisation is it: "Kremlin" typed
        # PERSON is the Kremlin; "Araqchi" typed PERSON is "Araghchi" typed ORG
        # until a full name says which it is
        orgs = [a for a in known if a.kind == "ORG" and len(normalize(a.name).split()) == 1]
        orgs = [a for a in orgs if same_surname(person_name(a.name), me)]
        if len(orgs) == 1:
            return Match(orgs[0].id)
        joined = [a for a in people if person_name(a.name).joined == me.joined]
        return _found(joined[0], kind) if len(joined) == 1 else Match(None)
    same = [a for a in people if same_person(person_name(a.name), me)]
    if same:
        # the same name written alike first, then the same surname, then a typo
        best = min(
            same,
            key=lambda a: (normalize(a.name) != norm, not same_surname(person_name(a.name), me)),
        )
        return _found(best, kind)
    # a one-word ORG with this surname is the person too ("Araghchi" typed ORG)
    one_word_orgs = [a for a in known if a.kind == "ORG" and a not in people]
    namesakes += [a for a in one_word_orgs if same_surname(person_name(a.name), me)]
    surname_only = [a for a in namesakes if not person_name(a.name).given]
    full = [a for a in namesakes if person_name(a.name).given]
    # (a name typed ORG does not rename a person: "Morgan Stanley" is not the
    # "Stanley" known so far)
    renames = kind == "PERSON" or (len(surname_only) == 1 and surname_only[0].kind == "ORG")
    if len(surname_only) == 1 and not full and renames:
        return _found(surname_only[0], kind, upgrade_name=True)
    return Match(None)


def _by_surname(
    me: PersonName, namesakes: Sequence[KnownActor], roles: frozenset[str]
) -> KnownActor | None:
    """The one known person a bare surname is: the only one with it, or the
    only one of them with a role in common."""
    if len(namesakes) == 1:
        return namesakes[0]
    by_role = [a for a in namesakes if a.roles & roles]
    return by_role[0] if len(by_role) == 1 else None
