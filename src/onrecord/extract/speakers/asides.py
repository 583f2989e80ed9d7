"""A "he" that returns to the main speaker after an aside.

    "…,” he added.
    Vell said last week that the dam was finished. That was contradicted
    by a report, according to two engineers.
    "We have lost nothing," he said.

The middle paragraph is an aside: another person's earlier words, closed by
a third source. A pronoun that opens the next paragraph, with nobody named
before it there, goes back to the person who spoke before the aside (if the
article has already called that person by the same pronoun), not to the
one the aside mentioned.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.extract.entities import EntityIndex
from onrecord.records import Speaker, Statement

_PRONOUNS = frozenset(["he", "she"])


def paragraph_of(text: str, offset: int) -> int:
    """How many non-blank lines come before the one ``offset`` is on."""
    return sum(1 for line in text[:offset].split("\n")[:-1] if line.strip())


def back_from_aside(
    doc: Doc,
    text: str,
    head: int | None,
    speaker: Speaker,
    earlier: Sequence[Statement],
    index: EntityIndex,
) -> Speaker:
    """``speaker`` (a pronoun resolved to the aside's person) moved to the
    person who spoke before the aside; unchanged where there was no aside."""
    if head is None or speaker.entity is None or len(earlier) < 3:
        return speaker
    pron = doc[head]
    if pron.lower_ not in _PRONOUNS:
        return speaker
    here = paragraph_of(text, pron.idx)
    line_start = text.rfind("\n", 0, pron.idx) + 1
    named = [
        t
        for t in doc
        if line_start <= t.idx < pron.idx
        and index.types.get(index.by_token.get(t.i, ""), "") == "PERSON"
    ]
    if named:
        return speaker
    last = earlier[-1]
    aside = _where(text, last)
    if aside is None or aside != here - 1 or last.speaker.entity is not None:
        return speaker  # the aside closes with an unnamed source ("two engineers")
    in_aside = [st for st in earlier if _where(text, st) == aside]
    if not any(st.speaker.entity == speaker.entity for st in in_aside):
        return speaker
    before = [st for st in earlier if (_where(text, st) or aside) < aside]
    if not before or _where(text, before[-1]) != aside - 1:
        return speaker
    other = before[-1].speaker.entity
    if other is None or other == speaker.entity or index.types.get(other) != "PERSON":
        return speaker
    called = any(
        st.speaker.entity == other
        and st.source_token is not None
        and doc[st.source_token].lower_ == pron.lower_
        for st in before
    )
    if not called:
        return speaker
    return Speaker(index.entity(other).name, other, speaker.span)


def _where(text: str, st: Statement) -> int | None:
    """The paragraph of a statement's attribution (its speaker, else its cue)."""
    if st.speaker.span is not None:
        return paragraph_of(text, st.speaker.span[0])
    if st.cue is not None:
        return paragraph_of(text, st.cue.span[0])
    return None
