"""Cue lexicon: which words introduce an attribution, kept as data.

The lexicon lives in ``lang/en/cues.tsv`` (lemma, part of speech, how often the
word was a cue in PolNeAR train when it occurred, and how often it occurred).
``scripts/build_cues.py`` regenerates it from the training split; the
threshold that turns it into a word set is an option, tuned on dev.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from onrecord.lang.en import rows, words


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    pos: str
    cue: int  # times annotated as an attribution cue in PolNeAR train
    seen: int  # times the lemma occurred with that part of speech

    @property
    def rate(self) -> float:
        return self.cue / self.seen if self.seen else 0.0


@cache
def load_lexicon() -> tuple[CueEntry, ...]:
    return tuple(CueEntry(lemma, pos, int(n), int(seen)) for lemma, pos, n, seen in rows("cues"))


@cache
def core_verbs() -> frozenset[str]:
    """Verbs that are always cues (``lang/en/core_cues.txt``)."""
    return words("core_cues")


@cache
def cue_verbs(min_rate: float = 0.3, min_count: int = 3) -> frozenset[str]:
    """Verb lemmas that introduce attributions often enough to be taken as cues."""
    learned = {
        e.lemma
        for e in load_lexicon()
        if e.pos == "VERB" and e.cue >= min_count and e.rate >= min_rate
    }
    return frozenset(learned | core_verbs())
