"""Explicit opposition between two statements' words.

Each statement's content becomes a set of *terms* with a polarity: a word
stem ("agree" for "agreed", "agreement"), or the class a word of a known
scale belongs to ("obliterated", "severely destroyed" and "serious damage"
all say the damage was *great*), negated where a negator governs it ("no
agreement", "did nothing significant", "I'm not talking"). Two statements
oppose each other where a term has one polarity in one and the other in the
other; hedges ("does not rule out") and what a condition negates ("if Iran
does not agree") are not negations of the claim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Words that negate the terms after them in their clause.
NEGATORS = frozenset(
    "no not n't never nothing none neither nor without cannot can't won't "
    "don't doesn't didn't isn't aren't wasn't weren't hasn't haven't".split()
)
#: Ends a negator's reach.
_CLAUSE_END = re.compile(r"[,.;:!?—–()]|\b(?:but|and|or|while|whereas|which|that|because)\b")
#: Opens a condition, whose negations are not the claim's ("if Iran does not agree").
_CONDITION = re.compile(r"\b(?:if|unless|whether|until)\b[^,.;:!?]*", re.IGNORECASE)
#: Hedges: a negated doubt is no denial ("does not rule out", "not impossible").
_HEDGES = re.compile(
    r"\b(?:not|n't|never)\s+(?:\w+\s+){0,2}?(?:rule[sd]?\s+out|exclude[sd]?|impossible|"
    r"unlikely|deny|denied|denies)\b",
    re.IGNORECASE,
)
#: Both ways at once: no polarity ("with or without a deal").
_EITHER_WAY = re.compile(r"\bwith or without\b|\bwhether or not\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|n't")

#: Words too general to carry a claim.
_GENERIC = frozenset(
    "be is are was were been being am have has had having do does did say said says "
    "tell told will would shall should can could may might must also just very so "
    "that this these those there here it its they them their we our us you your he "
    "his him she her i me my a an the of to in on at for with by from as about into "
    "over after before up out any all some such more most other than then now one "
    "what which who whom whose when where why how if there's it's".split()
)
_SUFFIXES = ("ments", "ment", "ing", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude stem: "agreed", "agreement", "agrees" -> "agree"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if suffix in ("ed", "es", "ing") and len(base) >= 4 and base[-1] == base[-2]:
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return word


@cache
def scales() -> Mapping[str, str]:
    """Stem -> the class of a scale it belongs to (``lang/en/opposites.tsv``):
    words that say the same thing of one scale, so that one negated opposes
    another affirmed ("nothing significant" against "obliterated")."""
    out: dict[str, str] = {}
    ref = resources.files("onrecord") / "lang" / "en" / "opposites.tsv"
    for line in ref.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, words = line.split("\t", 1)
        for word in words.split():
            if word.startswith("-"):
                out[stem(word[1:])] = f"-{name}"
            else:
                out[stem(word)] = name
    return out


@dataclass(frozen=True, slots=True)
class Terms:
    """A statement's terms with the polarities they have in it."""

    polarity: Mapping[str, frozenset[bool]]

    def opposed(self, other: Terms) -> list[str]:
        """Terms affirmed in one and negated in the other (neither side saying both)."""
        out = []
        for term, mine in self.polarity.items():
            theirs = other.polarity.get(term)
            if theirs is not None and len(mine) == len(theirs) == 1 and mine != theirs:
                out.append(term)
        return sorted(out)

    def shared(self, other: Terms) -> set[str]:
        return set(self.polarity) & set(other.polarity)


#: Words a negator reaches over to the word it negates ("not even a little",
#: "is not going to stop").
_SKIP = frozenset(
    "any a an the even really yet at all fully totally quite going gonna ever to "
    "be been being is are was were".split()
)
#: "not something that can be stopped" is "cannot be stopped" (the clause
#: would otherwise end the negation's reach at "that").
_NOT_SOMETHING = re.compile(
    r"\b(?:not|never) (?:something|anything|a thing) (?:that|which) (?:can|could|will|would)",
    re.IGNORECASE,
)


def terms(text: str) -> Terms:
    """The terms of a statement's content with their polarities. A negator
    negates the one word it governs ("no agreement", "not talking"), and only
    a word of a scale carries a polarity that can oppose another statement's;
    other words are the subject two statements share."""
    text = _HEDGES.sub(" ", text)
    text = _CONDITION.sub(" , ", text)
    text = _EITHER_WAY.sub(" ", text)
    text = _NOT_SOMETHING.sub("cannot", text)
    table = scales()
    found: dict[str, set[bool]] = {}
    low = text.lower().replace("’", "'")
    for clause in _CLAUSE_END.split(low):
        if not clause:
            continue
        negated = False
        for word in _WORD.findall(clause):
            if word in NEGATORS or word.endswith("n't"):
                negated = True
                continue
            if word in _SKIP or (negated and word.endswith("ly")):
                continue
            if word in _GENERIC:
                negated = False  # "can't have a weapon": the negation is spent
                continue
            base = stem(word)
            scale = table.get(base)
            if scale is not None:
                flip = scale.startswith("-")
                found.setdefault(scale.lstrip("-"), set()).add(negated == flip)
            else:
                found.setdefault(base, set()).add(True)
            negated = False
    return Terms({k: frozenset(v) for k, v in found.items()})
