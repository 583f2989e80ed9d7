"""Merging the mentions of one real-world event within an article.

Mentions join an event of the same type and qualifiers when they name the
same participants or the same place, hang from it as a relative clause
("talks, where Trump and Zelensky met"), or refer back to it ("such talks",
"that meeting", a bare "meeting" in a source's later words). Each merged
event becomes an :class:`~onrecord.records.Event` with what each source
asserts of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from onrecord.extract.events.records import EventContext, Mention
from onrecord.extract.events.triggers import Trigger
from onrecord.records import (
    Condition,
    Event,
    EventSource,
    EventStatus,
    Plover,
    Timex,
)

#: Event types whose bare later mentions ("the meeting", "such talks") refer back.
_ANAPHORIC_TYPES = frozenset(["meeting"])
_MAX_ANAPHOR_DISTANCE = 3000


@dataclass(slots=True)
class EventCluster:
    """The mentions merged so far into one event, and what they agree on."""

    trigger: Trigger
    mentions: list[Mention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    place: str | None = None
    date: Timex | None = None
    distinct: frozenset[str] = frozenset()


def cluster_mentions(mentions: list[Mention]) -> list[EventCluster]:
    """Mentions, in text order, merged into events."""
    events: list[EventCluster] = []
    by_source: dict[tuple[str | None, str], EventCluster] = {}
    for m in mentions:
        same = [e for e in events if e.trigger.type == m.trigger.type and e.distinct == m.distinct]
        # "we" of the speaker says nothing about which meeting is meant
        key = m.participants - m.weak
        target = next(
            (e for e in same if m.tok.dep_ == "relcl" and any(x.tok.i == m.tok.head.i
                                                               for x in e.mentions)),
            None,
        )  # fmt: skip
        if target is None and len(key) >= 2:
            target = next((e for e in same if e.participants == m.participants), None)
        if target is None and m.place is not None:
            target = next((e for e in reversed(same) if e.place == m.place), None)
        if target is None and key and m.trigger.type in _ANAPHORIC_TYPES:
            # "ready to meet" (he = Putin), "a summit with Putin": part of a known meeting
            target = next((e for e in reversed(same) if key < e.participants), None)
        if target is None and not key and m.trigger.type in _ANAPHORIC_TYPES:
            mine = by_source.get((m.source, m.trigger.type)) if m.source else None
            if mine is not None and mine in same:
                target = mine
            else:
                near = [
                    e for e in same if m.tok.idx - e.mentions[-1].tok.idx < _MAX_ANAPHOR_DISTANCE
                ]
                target = near[-1] if near else None
        if target is None:
            target = EventCluster(m.trigger, distinct=m.distinct)
            events.append(target)
        target.mentions.append(m)
        target.participants |= m.participants - m.weak
        target.place = target.place or m.place
        if target.date is None and m.status in ("held", None, "mentioned"):
            target.date = m.date
        if m.source and target.participants:
            by_source[(m.source, m.trigger.type)] = target
    return events


def statuses_of(ev: EventCluster, ctx: EventContext) -> list[EventStatus]:
    """What each source says of the event, once per (source, status, statement)."""
    statuses = []
    seen = set()
    for m in ev.mentions:
        if m.status is None or (m.status == "mentioned" and len(ev.mentions) > 1):
            continue
        key = (m.source, m.status, m.statement)
        if key in seen:
            continue
        seen.add(key)
        sent: SpacySpan = m.tok.sent
        condition = (
            Condition(ctx.text[m.condition[0] : m.condition[1]], m.condition)
            if m.condition
            else None
        )
        statuses.append(
            EventStatus(
                status=m.status,
                source=EventSource(m.source, m.source_name or "(the article)"),
                statement=m.statement,
                trigger=(m.tok.idx, m.tok.idx + len(m.tok)),
                evidence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
                condition=condition,
                asserted=m.asserted,
            )
        )
    return statuses


def event_record(
    eid: str, ev: EventCluster, statuses: list[EventStatus], ctx: EventContext
) -> Event:
    names = {e.id: e.name for e in ctx.index.entities}
    trig = ev.trigger
    mode = trig.mode
    if trig.type == "meeting" and any(s.status == "denied" for s in statuses):
        plover, mode = "REJECT", "meet"
    elif trig.type == "meeting" and any(s.status in ("proposed", "conditional") for s in statuses):
        plover, mode = "REQUEST", "meet"
    else:
        plover = trig.plover
    return Event(
        id=eid,
        type=trig.type,
        plover=Plover(plover, mode or None),
        participants=tuple(sorted(ev.participants)),
        participant_names=tuple(sorted(names[p] for p in ev.participants if p in names)),
        qualifiers=tuple(sorted(ev.distinct)),
        place=ev.place,
        place_name=names.get(ev.place) if ev.place else None,
        date=ev.date.value if ev.date else None,
        mentions=tuple((m.tok.idx, m.tok.idx + len(m.tok)) for m in ev.mentions),
        statuses=tuple(statuses),
    )
