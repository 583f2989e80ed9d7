"""Cue lexicon: which words introduce an attribution, kept as data.

The lexicon lives in ``data/cues.tsv`` (lemma, part of speech, how often the
word was a cue in PolNeAR train when it occurred, and how often it occurred).
``scripts/build_cues.py`` regenerates it from the training split; the
threshold that turns it into a word set is an option, tuned on dev.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


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
    text = resources.files("onrecord").joinpath("data/cues.tsv").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, pos, cue, seen = line.split("\t")
        entries.append(CueEntry(lemma, pos, int(cue), int(seen)))
    return tuple(entries)


@cache
def core_verbs() -> frozenset[str]:
    """Verbs that are always cues (``data/core_cues.txt``)."""
    text = resources.files("onrecord").joinpath("data/core_cues.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@cache
def cue_verbs(min_rate: float = 0.3, min_count: int = 3) -> frozenset[str]:
    """Verb lemmas that introduce attributions often enough to be taken as cues."""
    learned = {
        e.lemma
        for e in load_lexicon()
        if e.pos == "VERB" and e.cue >= min_count and e.rate >= min_rate
    }
    return frozenset(learned | core_verbs())
