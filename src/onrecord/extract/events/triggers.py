"""Event words: which words name an event, of what type.

The lexicon is data, ``lang/en/event_triggers.tsv``: a lemma, its part of
speech (NOUN, VERB or ANY), the event type, its PLOVER type and mode. Read
once and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from onrecord.lang.en import rows

#: Nouns and verbs that report someone else's claim inside a statement.
REPORTING = frozenset(
    "say tell suggest suggestion claim announce announcement statement indicate insist"
    " propose proposal warn promise report".split()
)


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    plover: str
    mode: str


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    out: dict[tuple[str, str], Trigger] = {}
    for lemma, pos, etype, plover, *mode in rows("event_triggers"):
        for p in ("NOUN", "VERB") if pos == "ANY" else (pos,):
            out[(lemma, p)] = Trigger(etype, plover, mode[0] if mode else "")
    return out


def is_trigger(tok: Token, table: dict[tuple[str, str], Trigger]) -> bool:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    return (tok.lemma_.lower(), pos) in table or (tok.lower_, pos) in table
