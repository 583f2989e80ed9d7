"""Event commands: events, contradictions, deadlines, utterances (and PLOVER export)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

import click
from rich.console import Console
from rich.text import Text

from onrecord.cli.listing import (
    Column,
    count_line,
    emit,
    field,
    format_option,
    limit_options,
    unknown,
)
from onrecord.cli.options import date_option, db_option, echo_json

if TYPE_CHECKING:
    from onrecord.store import Store


def _statuses(ev: dict[str, Any]) -> str:
    return "\n".join(
        f"{s['asserted'] or s['published'] or 'undated'} {s['status']}: {s['source']}"
        + (f" (if {s['condition']})" if s["condition"] else "")
        for s in sorted(ev["statuses"], key=lambda s: s["asserted"] or s["published"] or "")
    )


EVENT_COLUMNS = (
    field("id"),
    field("event", "title", short=False, ratio=3),
    field("type"),
    Column("status by source (asserted, status: source)", _statuses, False, 5),
)


@click.command()
@click.option("--type", "event_type", help="Only events of this type (meeting, threat, …).")
@click.option("--status", help="Only events some source gives this status (held, denied, …).")
@limit_options(50)
@db_option
@format_option
def events(event_type: str | None, status: str | None, limit: int, everything: bool,
           db: str | None, fmt: str, as_json: bool) -> None:  # fmt: skip
    """Events across the store, with what each source says of them, most sources first."""
    from onrecord.extract.events.status import STATUSES
    from onrecord.store import open_store

    with open_store(db) as store:
        types = [t for t, _ in store.event_types()]
        if event_type and event_type not in types:
            raise unknown("event type", event_type, types)
        if status and status not in STATUSES:
            raise unknown("status", status, STATUSES)
        everyone = everything or status  # a status is read from every event's statuses
        rows, total = store.list_events(event_type, limit=limit)
        if everyone and total > len(rows):
            rows = store.list_events(event_type, limit=total)[0]
    if status:
        rows = [e for e in rows if any(s["status"] == status for s in e["statuses"])]
        total = len(rows)
        rows = rows if everything else rows[:limit]
    emit(rows, EVENT_COLUMNS, "json" if as_json else fmt, what="events", total=total)


@click.command()
@click.option("--limit", type=click.IntRange(1, 10000), default=100)
@click.option(
    "--kind",
    type=click.Choice(["status", "claim"]),
    help="Only event statuses that cannot both hold, or only opposed claims.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="List items at least this confident (default 0.65).",
)
@db_option
@format_option
def contradictions(
    limit: int, kind: str | None, min_confidence: float | None, db: str | None, fmt: str,
    as_json: bool,
) -> None:  # fmt: skip
    """Incompatible assertions: statuses of one event that cannot both hold, and
    claims one source affirms and another denies, most confident first."""
    from onrecord.claims.listing import MIN_CONFIDENCE
    from onrecord.claims.listing import contradictions as listing
    from onrecord.store import open_store

    with open_store(db) as store:
        found = listing(store, 1_000_000,
                        MIN_CONFIDENCE if min_confidence is None else min_confidence,
                        kind)  # fmt: skip
    rows = found[:limit]
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json(rows)
        return
    if fmt in ("tsv", "csv"):
        emit(rows, CONTRADICTION_COLUMNS, fmt, what="contradictions")
        return
    out = Console()
    if not rows:
        out.print("no contradictions found")
    for n, c in enumerate(rows, 1):
        about = f"#{c['event']} {c['event_name']}" if c["event"] is not None else "claim"
        out.print(
            Text(f"{n}. {about} — {c['relation']}, confidence {c['confidence']:.2f}", style="bold")
        )
        out.print(Text(f"   why: {c['why']}"))
        for side in (c["a"], c["b"]):
            status = f": {side['status']}" if side["status"] else ""
            out.print(
                Text(
                    f"   {side['source']} ({side['asserted'] or side['published'] or 'undated'})"
                    f"{status}\n"
                    f"     “{side['statement'] or side['evidence']}”\n"
                    f"     {side['title'] or side['article']}"
                )
            )
            if side["url"]:
                # a link is never wrapped: a terminal can still open it
                out.print(Text(f"     {side['url']}"), crop=False, soft_wrap=True)
    out.print(Text(count_line(len(rows), len(found), "contradictions"), style="dim"))


@click.command()
@click.option(
    "--as-of", callback=date_option, help="Judge due dates against this day (default today)."
)
@click.option("--status", type=click.Choice(["open", "due", "overdue"]), help="Only these.")
@limit_options(100)
@db_option
@format_option
def deadlines(as_of: dt.date | None, status: str | None, limit: int, everything: bool,
              db: str | None, fmt: str, as_json: bool) -> None:  # fmt: skip
    """Time limits set in statements: open, due and overdue, and what later
    statements report became of them (met, extended, missed), over time."""
    from onrecord.claims.listing import deadlines as listing
    from onrecord.store import open_store

    with open_store(db) as store:
        found = listing(store, as_of)
    if status:
        found = [d for d in found if d["status"] == status]
    rows = found if everything else found[:limit]
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json(rows)
        return
    if fmt in ("tsv", "csv"):
        emit(rows, DEADLINE_COLUMNS, fmt, what="deadlines")
        return
    # one block per deadline (not a table): dates and words are never cut, at any width
    out = Console()
    out.print(Text(count_line(len(rows), len(found), "deadlines"), style="bold"))
    for d in rows:
        outcome = f", reported {d['outcome']}" if d["outcome"] else ""
        out.print(
            Text(
                f"{d['status']}{outcome} · due {d['due'] or 'unknown'} · “{d['text']}” set "
                f"{d['said'] or 'on a day the text does not give'} by {d['speaker'] or '?'}",
                style="bold",
            )
        )
        out.print(Text(f"  “{d['statement']}”"))
        out.print(Text(f"  {d['title'] or d['article']}"))
        for h in d["history"]:
            out.print(
                Text(f"  → {h['date']} {h['status']}: {h['speaker'] or '?'}: “{h['content']}”",
                     style="italic")
            )  # fmt: skip


def write_plover(store: Store, out: TextIO) -> int:
    n = 0
    for rec in store.iter_plover():
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


@click.command(name="export-events")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File (default stdout).")
@db_option
def export_events(output: str | None, db: str | None) -> None:
    """Events as PLOVER-style JSONL records (one per source's status)."""
    from onrecord.store import open_store

    with open_store(db) as store:
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                write_plover(store, fh)
        else:
            write_plover(store, sys.stdout)


@click.command()
@click.option("--actor", "name", help="Only this actor's (a name, alias, surname or #id).")
@limit_options(50)
@db_option
@format_option
def utterances(name: str | None, limit: int, everything: bool, db: str | None, fmt: str,
               as_json: bool) -> None:  # fmt: skip
    """One remark reported by several articles: its first report, every outlet
    and date, which quote it verbatim, and where the quoted words differ."""
    from onrecord.claims.listing import utterances as listing
    from onrecord.store import open_store

    with open_store(db) as store:
        actor_id = store.resolve_actor(name)["id"] if name else None
        found = listing(store, actor_id)
    shown = found if everything else found[:limit]
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json({"items": shown})
        return
    if fmt in ("tsv", "csv"):
        emit(shown, UTTERANCE_COLUMNS, fmt, what="utterances")
        return
    out = Console()
    if not found:
        out.print("no utterance is reported more than once")
    for u in shown:
        first = u["first_reported"]
        out.print(
            Text(
                f"#{u['id']} {u['actor']}, {u['date'] or 'undated'}: "
                f"{len(u['statements'])} reports, first {first['published'] or '?'}",
                style="bold",
            )
        )
        for st in u["statements"]:
            how = "verbatim  " if st["verbatim"] else "paraphrase"
            out.print(Text(f"  {st['published'] or '':<10} {how} {st['title'] or st['article']}"))
            out.print(Text(f"    “{st['content']}”"))
        for v in u["variants"]:
            changes = "; ".join(f"“{c['a']}” → “{c['b']}”" for c in v["changes"])
            out.print(Text(f"  quoted differently: {changes}", style="yellow"))
            out.print(Text(f"    {v['a']['article']}: “{v['a']['quote']}”"))
            out.print(Text(f"    {v['b']['article']}: “{v['b']['quote']}”"))


def _side(side: str, key: str) -> Column:
    """A column of one side of a contradiction ("a_source", "b_statement", …)."""

    def value(c: dict[str, Any]) -> Any:
        return c[side].get(key)

    return Column(f"{side}_{key}", value, short=key in ("status", "statement_id"))


CONTRADICTION_COLUMNS = (
    field("kind"), field("relation"), field("confidence"), field("event"),
    field("event_name", short=False),
    *(_side(side, k) for side in ("a", "b") for k in ("source", "status", "statement",
                                                       "statement_id")),
    field("why", short=False),
)  # fmt: skip
DEADLINE_COLUMNS = tuple(
    field(k, short=k in ("status", "outcome", "due", "said", "statement_id"))
    for k in ("status", "outcome", "due", "text", "said", "speaker", "statement", "statement_id")
)
UTTERANCE_COLUMNS = (
    field("id"), field("actor", short=False), field("date"),
    Column("reports", lambda u: len(u["statements"])),
    Column("first_published", lambda u: u["first_reported"]["published"]),
    Column("quoted_differently", lambda u: "yes" if u["variants"] else "no"),
    Column("content", lambda u: u["statements"][0]["content"], False),
)  # fmt: skip

COMMANDS = (events, contradictions, deadlines, export_events, utterances)
