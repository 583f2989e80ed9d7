"""Events: what the statements are about, and what each source says of them.

A pure function of the parsed article, its statements and entities. Event
words come from ``lang/en/event_triggers.tsv`` (type, PLOVER type and mode).
For each mention of an event the stage finds its participants (entities in
the phrase: "between Putin and Zelensky", "a Putin-Zelensky meeting", "the
Ukrainian and Russian leaders"), place, date, and the status its source
asserts. The source is the speaker of the statement the mention stands in,
the author of a nested report ("Trump's suggestion that such talks…"), or
the article itself. The status comes from negation ("no meeting planned"),
conditions ("would only meet … if", "provided", "before committing"),
modality ("ready to meet", "would include"), plans ("preparations were
underway") and tense ("hosting … on Monday"). Mentions of one real-world
event are merged: the same participants, the same place, a relative clause
("talks, where Trump and Zelensky met"), or an anaphor ("such talks", "that
meeting", a bare "meeting" in a source's later words).

This module finds the mentions; the parts live beside it, by role:
:mod:`~onrecord.extract.events.triggers` (which words name events),
:mod:`~onrecord.extract.events.participants` (who, where, when, and the
source), :mod:`~onrecord.extract.events.status` (held, planned, denied,
conditional…) and :mod:`~onrecord.extract.events.merging` (one event per
real-world event, and the records).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.extract.entities import EntityIndex
from onrecord.extract.events.merging import cluster_mentions, event_record, statuses_of
from onrecord.extract.events.participants import (
    date_of,
    entity_of,
    mention_source,
    participants_of,
    phrase_of,
    place_of,
    statement_at,
)
from onrecord.extract.events.records import EventContext, Mention
from onrecord.extract.events.status import mention_status, silence_conditions
from onrecord.extract.events.triggers import Trigger, is_trigger, triggers
from onrecord.records import Event, Statement, Timex

# ``triggers`` is read from here by the TimeML mention stage
__all__ = ["extract_events", "triggers"]

ANAPHORIC = frozenset("such this that these those the".split())

#: Who can take part in an event: people, organisations, countries.
_PARTICIPANT_TYPES = frozenset(["PERSON", "ORG", "GPE"])

#: Modifiers that make an event another one than its unmodified namesake.
_DISTINCT = frozenset(["trilateral", "bilateral", "peace", "nuclear", "trade", "ceasefire"])


def extract_events(
    doc: Doc,
    statements: Sequence[Statement],
    index: EntityIndex,
    timexes: Sequence[Timex],
    published: str | None,
) -> list[Event]:
    """Typed events with participants, place, date and per-source statuses,
    ids ``V1``, ``V2``, … ; ``published`` is the article's ISO date."""
    ctx = EventContext(doc, doc.text, index, statements, timexes, published)
    table = triggers()
    cues = {st.cue_token for st in statements if st.cue_token is not None}
    mentions = []
    for tok in doc:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else ""
        trig = table.get((tok.lemma_.lower(), pos)) or table.get((tok.lower_, pos))
        if trig is None or (pos == "VERB" and tok.dep_ in ("amod", "compound", "aux")):
            continue
        if tok.i in cues:
            continue  # "agreed" as the cue of a statement is not an agreement
        of = tok.head
        if of.dep_ == "prep" and of.lower_ == "of" and is_trigger(of.head, table):
            continue  # "threats of secondary tariffs": one event, the threat
        mentions.append(_mention(tok, trig, ctx))
    mentions += _interviews(ctx)
    mentions.sort(key=lambda m: m.tok.idx)
    silence_conditions(mentions)
    out: list[Event] = []
    for ev in cluster_mentions(mentions):
        statuses = statuses_of(ev, ctx)
        if statuses:  # an event nobody asserts anything of is left out
            out.append(event_record(f"V{len(out) + 1}", ev, statuses, ctx))
    return out


def _mention(tok: Token, trig: Trigger, ctx: EventContext) -> Mention:
    st = statement_at(tok.idx, ctx.statements)
    source, source_name = mention_source(tok, st, ctx)
    status, condition = mention_status(tok, trig, st is not None, ctx)
    det = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    place = place_of(tok, ctx)
    weak = frozenset(
        entity_of(t, ctx, st) for t in phrase_of(tok) if t.lower_ in ("i", "we", "me", "us")
    ) - {None}
    participants = {
        p
        for p in participants_of(tok, ctx)
        if p != place and ctx.index.types.get(p) in _PARTICIPANT_TYPES
    }
    anaphoric = (bool(det & ANAPHORIC) and not participants) or (
        not participants and place is None and not any(c.dep_ == "compound" for c in tok.children)
    )
    distinct = frozenset(
        c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in _DISTINCT
    )
    return Mention(
        tok=tok,
        trigger=trig,
        participants=participants,
        place=place,
        date=date_of(tok, ctx),
        status=status,
        condition=condition,
        source=source,
        source_name=source_name,
        # a report nested in someone else's statement is not that statement's claim
        statement=st.id if st and source == st.speaker.entity else None,
        asserted=(st.date if st else None) or ctx.published,
        anaphoric=anaphoric,
        distinct=distinct,
        weak=weak,  # type: ignore[arg-type]
    )


def _interviews(ctx: EventContext) -> list[Mention]:
    """ "Lavrov told NBC's Meet the Press", "Trump told news host Todd Starnes
    on Thursday": telling a news outlet or host is an interview."""
    out = []
    trig = triggers()[("interview", "NOUN")]
    for st in ctx.statements:
        cue_i = st.cue_token
        if cue_i is None or ctx.doc[cue_i].lemma_.lower() != "tell":
            continue
        cue = ctx.doc[cue_i]
        recipients = [c for c in cue.children if c.dep_ in ("dative", "dobj", "npadvmod")]
        for rec in recipients:
            words = {t.lower_ for t in rec.subtree}
            orgs = {
                ctx.index.by_token[t.i]
                for t in rec.subtree
                if t.i in ctx.index.by_token and ctx.index.types[ctx.index.by_token[t.i]] == "ORG"
            }
            persons = {
                ctx.index.by_token[t.i]
                for t in rec.subtree
                if t.i in ctx.index.by_token
                and ctx.index.types[ctx.index.by_token[t.i]] == "PERSON"
            }
            if not orgs and not words & {"host", "anchor", "interviewer", "show", "program"}:
                continue
            speaker = st.speaker.entity
            date = st.date
            out.append(
                Mention(
                    tok=rec,
                    trigger=trig,
                    participants={e for e in ({speaker} | orgs | persons) if e},
                    place=None,
                    date=Timex(0, 0, "", "DATE", date) if date else None,
                    status="held",
                    condition=None,
                    source=None,
                    source_name=None,
                    statement=st.id,
                    asserted=ctx.published,
                    anaphoric=False,
                )
            )
    return out
