"""Statements: attributions made into the records the later stages read.

Each :class:`~onrecord.extract.attribution.Attribution` gets its speaker
resolved to a person (:mod:`onrecord.extract.speakers`; a quotation that
continues an earlier one keeps that one's speaker), its date
(:mod:`onrecord.extract.dating`) and any deadline it sets
(:mod:`onrecord.extract.deadlines`). A pure function of the parsed article.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.extract.attribution import Attribution
from onrecord.extract.dating import date_statement
from onrecord.extract.deadlines import find_deadline
from onrecord.extract.entities import EntityIndex
from onrecord.extract.quotes import Quote
from onrecord.extract.speakers import (
    back_from_aside,
    relayed_author,
    resolve_later,
    resolve_speaker,
    run_on_quote,
)
from onrecord.records import Content, Cue, Span, Speaker, Statement, Timex


def build_statements(
    doc: Doc,
    text: str,
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    index: EntityIndex,
    timexes: Sequence[Timex],
    published: str | None,
) -> list[Statement]:
    """One :class:`Statement` per attribution, ids ``S1``, ``S2``, … in order.

    ``text`` is the article's text (spaCy's ``Doc.text`` rebuilds it on every
    access), ``quotes`` its quotations; ``published`` its ISO date, which
    dates statements that say nothing of when they were made.
    """
    # (char offset, entity id) of speakers resolved so far: "he" refers back to them
    recent: list[tuple[int, str]] = []
    quoted = [q.span for q in quotes]
    out: list[Statement] = []
    for n, att in enumerate(attributions, start=1):
        speaker = resolve_speaker(doc, att.source, att.source_token, index, recent)
        if speaker.entity is None and att.source_token is not None:
            speaker = _refer_back(doc, att.source_token, speaker, out, index)
        speaker = run_on_quote(doc, att.source_token, speaker, out, text)
        speaker = back_from_aside(doc, text, att.source_token, speaker, out, index)
        same = next((st for st in out if st.source_token == att.source_token), None)
        if same is not None and att.source_token is not None:
            # "he said, adding that …": one mention, one speaker
            speaker = Speaker(same.speaker.name, same.speaker.entity, speaker.span)
        if att.continuation_of is not None:
            prev = out[att.continuation_of].speaker
            speaker = Speaker(prev.name, prev.entity, speaker.span)
        reader = speaker.entity
        author = relayed_author(doc, att.cue_token, index)
        if author is not None:
            # "reading a statement from X, Y said": X's words
            speaker = Speaker(index.entity(author).name, author, speaker.span)
        if reader and att.source:
            # the one who spoke the words aloud is who "he" refers back to
            recent.append((att.source[0], reader))
        out.append(_statement(f"S{n}", att, speaker, doc, text, timexes, published, quoted, out))
    return resolve_later(doc, out, index)


#: Determiners of a mention that points back: "the official", "those reports".
_BACK = frozenset(["the", "this", "that", "these", "those"])
#: How many earlier statements a pointing-back mention may reach.
_REACH = 6


def _refer_back(
    doc: Doc, head: int, speaker: Speaker, earlier: Sequence[Statement], index: EntityIndex
) -> Speaker:
    """Speakers no entity stands for: "the official" is the "senior
    administration official" of an earlier statement, "it" the organisation
    or country that spoke just before, "they" the group."""
    tok = doc[head]
    word = tok.lower_
    recent = [st for st in earlier[-_REACH:] if st.speaker.name][::-1]
    if word in ("it", "they"):
        # the speaker just before, if not a person (pronouns for people are
        # the speaker stage's): "the ministry said … it added"
        if recent and not _person(recent[0], doc, index):
            return Speaker(recent[0].speaker.name, recent[0].speaker.entity, speaker.span)
        return speaker
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    if tok.pos_ != "NOUN" or not dets or dets[0] not in _BACK:
        return speaker
    lemma = tok.lemma_.lower()
    for st in recent:
        spoken = st.source_token
        if spoken is None or spoken == head:
            continue
        same = doc[spoken].lemma_.lower() == lemma
        # "the organization" after "the Human Rights Agency said"
        body = lemma in _BODIES and index.types.get(st.speaker.entity or "") == "ORG"
        if same or body:
            return Speaker(st.speaker.name, st.speaker.entity, speaker.span)
    return speaker


#: Nouns that stand for any organisation named before.
_BODIES = frozenset(["organization", "organisation", "group", "body", "agency", "institution"])


def _person(st: Statement, doc: Doc, index: EntityIndex) -> bool:
    if st.speaker.entity is not None:
        return index.types.get(st.speaker.entity) == "PERSON"
    spoken = st.source_token
    return spoken is None or doc[spoken].lower_ in ("he", "she", "i", "you")


def _statement(
    sid: str,
    att: Attribution,
    speaker: Speaker,
    doc: Doc,
    text: str,
    timexes: Sequence[Timex],
    published: str | None,
    quotes: Sequence[Span],
    earlier: Sequence[Statement],
) -> Statement:
    dating = date_statement(
        doc, text, att.cue_token, att.content, speaker, earlier, timexes, published, quotes
    )
    span = speaker.span
    return Statement(
        id=sid,
        kind=att.kind,
        speaker=Speaker(
            speaker.name, speaker.entity, span, text[span[0] : span[1]] if span else None
        ),
        cue=Cue(text[att.cue[0] : att.cue[1]], att.cue, att.cue_token) if att.cue else None,
        content=Content(" ".join(text[s:e] for s, e in att.content), att.content),
        quotes=att.quotes,
        date=dating.date,
        date_basis=dating.basis,
        date_span=dating.span,
        continues=earlier[att.continuation_of].id if att.continuation_of is not None else None,
        deadline=find_deadline(text, att.content, timexes, dating.date, published),
        source_token=att.source_token,
    )
