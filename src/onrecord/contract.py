"""The JSON of the ``analyze --json`` contract: made from the records, read
back into them, and checked against the published schema.

This is the one place that spells the contract's keys. :func:`to_json` turns
an :class:`~onrecord.records.Analysis` into the JSON-ready dict (keys in the
order ``analyze --json`` has always printed them: ``json.dumps`` keeps dict
order), :func:`from_json` reads such a dict back, and
``to_json(from_json(j)) == j`` for every record ``to_json`` wrote. The
schema is ``data/analysis.schema.json`` (``onrecord schema`` prints it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from onrecord.records import (
    Analysis,
    Condition,
    Content,
    Cue,
    Deadline,
    Entity,
    Event,
    EventMention,
    EventSource,
    EventStatus,
    NarratedDeadline,
    Plover,
    Span,
    Speaker,
    Statement,
    Timex,
)

JSON = dict[str, Any]

#: Keys of each object of the contract, in the order they are written (the
#: Parquet tables of ``onrecord batch`` take their columns from these).
ARTICLE_KEYS = ("id", "title", "published", "url", "text")
LIST_KEYS = ("entities", "statements", "timexes", "events", "event_mentions")
ENTITY_KEYS = ("id", "name", "type", "mentions", "descriptors")
STATEMENT_KEYS = (
    "id",
    "kind",
    "speaker",
    "cue",
    "content",
    "quotes",
    "date",
    "date_basis",
    "date_span",
    "continues",
    "deadline",
)
SPEAKER_KEYS = ("name", "entity", "span", "text")
CUE_KEYS = ("text", "span")
CONTENT_KEYS = ("text", "spans")
DEADLINE_KEYS = ("text", "span", "duration", "due")
TIMEX_KEYS = ("span", "text", "type", "value", "mod")
#: Keys left out of an object when they have no value (rather than written as null).
OMITTED_WHEN_NULL = {"timexes": frozenset({"mod"})}


# --- records -> JSON ----------------------------------------------------------


def to_json(analysis: Analysis) -> JSON:
    """The contract's JSON object for one analyzed article."""
    a = analysis
    return {
        "id": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
        "text": a.text,
        "entities": [_entity_json(e) for e in a.entities],
        "statements": [_statement_json(s) for s in a.statements],
        "timexes": [_timex_json(t) for t in a.timexes],
        "events": [_event_json(e) for e in a.events],
        "event_mentions": [_event_mention_json(m) for m in a.event_mentions],
        "deadlines": [_narrated_json(d) for d in a.deadlines],
    }


def _narrated_json(d: NarratedDeadline) -> JSON:
    dl = d.deadline
    return {
        "text": dl.text,
        "span": list(dl.span),
        "duration": dl.duration,
        "due": dl.due,
        "set_by": d.set_by,
        "set_on": d.set_on,
    }


def _spans(spans: Iterable[Span]) -> list[list[int]]:
    return [list(s) for s in spans]


def _entity_json(e: Entity) -> JSON:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "mentions": _spans(e.mentions),
        "descriptors": list(e.descriptors),
    }


def _statement_json(s: Statement) -> JSON:
    sp, cue, dl = s.speaker, s.cue, s.deadline
    return {
        "id": s.id,
        "kind": s.kind,
        "speaker": {
            "name": sp.name,
            "entity": sp.entity,
            "span": list(sp.span) if sp.span else None,
            "text": sp.text,
        },
        "cue": {"text": cue.text, "span": list(cue.span)} if cue else None,
        "content": {"text": s.content.text, "spans": _spans(s.content.spans)},
        "quotes": _spans(s.quotes),
        "date": s.date,
        "date_basis": s.date_basis,
        "date_span": list(s.date_span) if s.date_span else None,
        "continues": s.continues,
        "deadline": (
            {"text": dl.text, "span": list(dl.span), "duration": dl.duration, "due": dl.due}
            if dl
            else None
        ),
    }


def _timex_json(t: Timex) -> JSON:
    """One time expression as the contract writes it (``mod`` only when set)."""
    out: JSON = {"span": [t.start, t.end], "text": t.text, "type": t.type, "value": t.value}
    if t.mod:
        out["mod"] = t.mod
    return out


def _event_json(e: Event) -> JSON:
    return {
        "id": e.id,
        "type": e.type,
        "plover": {"type": e.plover.type, "mode": e.plover.mode},
        "participants": list(e.participants),
        "participant_names": list(e.participant_names),
        "qualifiers": list(e.qualifiers),
        "place": e.place,
        "place_name": e.place_name,
        "date": e.date,
        "mentions": _spans(e.mentions),
        "statuses": [_status_json(s) for s in e.statuses],
    }


def _status_json(s: EventStatus) -> JSON:
    cond = s.condition
    return {
        "status": s.status,
        "source": {"entity": s.source.entity, "name": s.source.name},
        "statement": s.statement,
        "trigger": list(s.trigger),
        "evidence": list(s.evidence),
        "condition": {"text": cond.text, "span": list(cond.span)} if cond else None,
        "asserted": s.asserted,
    }


def _event_mention_json(m: EventMention) -> JSON:
    return {
        "span": list(m.span),
        "text": m.text,
        "lemma": m.lemma,
        "pos": m.pos,
        "class": m.event_class,
        "tense": m.tense,
        "time": m.time,
        "time_span": list(m.time_span) if m.time_span else None,
        "dct_relation": m.dct_relation,
    }


# --- JSON -> records ----------------------------------------------------------


def from_json(record: JSON) -> Analysis:
    """The records of one contract JSON object (as ``analyze --json`` writes it).

    Keys the schema does not require may be missing (older output): they read
    as empty or None. What JSON does not carry (token indices) is None.
    """
    published = record["published"]
    return Analysis(
        id=record["id"],
        title=record["title"],
        published=dt.date.fromisoformat(published) if published else None,
        url=record["url"],
        text=record["text"],
        entities=tuple(_entity(e) for e in record["entities"]),
        statements=tuple(_statement(s) for s in record["statements"]),
        timexes=tuple(_timex(t) for t in record["timexes"]),
        events=tuple(_event(e) for e in record.get("events", ())),
        event_mentions=tuple(_event_mention(m) for m in record.get("event_mentions", ())),
        deadlines=tuple(
            NarratedDeadline(
                Deadline(d["text"], _span(d["span"]), d.get("duration"), d.get("due")),
                d.get("set_by"),
                d.get("set_on"),
            )
            for d in record.get("deadlines", ())
        ),
    )


def _span(value: Sequence[int]) -> Span:
    return (value[0], value[1])


def _opt_span(value: Sequence[int] | None) -> Span | None:
    return _span(value) if value else None


def _span_tuple(values: Iterable[Sequence[int]]) -> tuple[Span, ...]:
    return tuple(_span(v) for v in values)


def _entity(e: JSON) -> Entity:
    return Entity(
        e["id"], e["name"], e["type"], _span_tuple(e["mentions"]), tuple(e.get("descriptors", ()))
    )


def _statement(s: JSON) -> Statement:
    """One statement of the contract as a record."""
    sp, cue, content, dl = s["speaker"], s["cue"], s["content"], s.get("deadline")
    return Statement(
        id=s["id"],
        kind=s["kind"],
        speaker=Speaker(sp["name"], sp["entity"], _opt_span(sp["span"]), sp.get("text")),
        cue=Cue(cue["text"], _span(cue["span"])) if cue else None,
        content=Content(content["text"], _span_tuple(content["spans"])),
        quotes=_span_tuple(s.get("quotes", ())),
        date=s["date"],
        date_basis=s.get("date_basis"),
        date_span=_opt_span(s.get("date_span")),
        continues=s.get("continues"),
        deadline=(
            Deadline(dl["text"], _span(dl["span"]), dl["duration"], dl["due"]) if dl else None
        ),
    )


def _timex(t: JSON) -> Timex:
    """One time expression of the contract as a record."""
    start, end = t["span"]
    return Timex(start, end, t["text"], t["type"], t["value"], t.get("mod"))


def _event(e: JSON) -> Event:
    return Event(
        id=e["id"],
        type=e["type"],
        plover=Plover(e["plover"]["type"], e["plover"]["mode"]),
        participants=tuple(e["participants"]),
        participant_names=tuple(e.get("participant_names", ())),
        qualifiers=tuple(e.get("qualifiers", ())),
        place=e["place"],
        place_name=e.get("place_name"),
        date=e["date"],
        mentions=_span_tuple(e["mentions"]),
        statuses=tuple(_status(s) for s in e["statuses"]),
    )


def _status(s: JSON) -> EventStatus:
    cond = s["condition"]
    return EventStatus(
        status=s["status"],
        source=EventSource(s["source"]["entity"], s["source"]["name"]),
        statement=s["statement"],
        trigger=_span(s["trigger"]),
        evidence=_span(s["evidence"]),
        condition=Condition(cond["text"], _span(cond["span"])) if cond else None,
        asserted=s["asserted"],
    )


def _event_mention(m: JSON) -> EventMention:
    """One event mention of the contract as a record."""
    return EventMention(
        span=_span(m["span"]),
        text=m["text"],
        lemma=m["lemma"],
        pos=m["pos"],
        event_class=m["class"],
        tense=m["tense"],
        time=m["time"],
        time_span=_opt_span(m.get("time_span")),
        dct_relation=m["dct_relation"],
    )


# --- the published schema -----------------------------------------------------


@cache
def analysis_schema() -> JSON:
    text = resources.files("onrecord").joinpath("data/analysis.schema.json").read_text("utf-8")
    schema: JSON = json.loads(text)
    return schema


def validate_analysis(record: JSON) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``record`` fits the contract,
    and ``ValueError`` if a span does not lie inside the text."""
    jsonschema.Draft202012Validator(analysis_schema()).validate(record)
    n = len(record["text"])
    for span in _all_spans(record):
        if not 0 <= span[0] <= span[1] <= n:
            raise ValueError(f"span {span} outside the text (length {n})")


def _all_spans(record: JSON) -> list[list[int]]:
    out = []
    for e in record["entities"]:
        out += e["mentions"]
    for s in record["statements"]:
        out += s["content"]["spans"] + s.get("quotes", [])
        if s.get("date_span"):
            out.append(s["date_span"])
        if s["speaker"]["span"]:
            out.append(s["speaker"]["span"])
        if s["cue"]:
            out.append(s["cue"]["span"])
    out += [t["span"] for t in record["timexes"]]
    for ev in record.get("events", []):
        out += ev["mentions"]
        for st in ev["statuses"]:
            out += [st["trigger"], st["evidence"]]
            if st["condition"]:
                out.append(st["condition"]["span"])
    out += [m["span"] for m in record.get("event_mentions", [])]
    out += [d["span"] for d in record.get("deadlines", [])]
    return out
