"""Readable report of one analysis (``onrecord analyze`` without ``--json``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from onrecord.contract import from_json
from onrecord.present import own_words
from onrecord.records import Analysis, Statement


def render(record: dict[str, Any]) -> Group:
    """The report of one record of the contract (read back into its records)."""
    analysis = from_json(record)
    header = Text()
    header.append(analysis.title or analysis.id, style="bold")
    meta = [f"id {analysis.id}"]
    if analysis.published:
        meta.append(f"published {analysis.published.isoformat()}")
    if analysis.url:
        meta.append(analysis.url)
    header.append("\n" + " · ".join(meta), style="dim")
    parts: list[Any] = [Panel(header)]
    parts.append(_statements(analysis))
    if analysis.events:
        parts.append(_events(analysis))
    if analysis.deadlines:
        parts.append(_deadlines(analysis))
    if analysis.timexes:
        parts.append(_timexes(analysis))
    if analysis.entities:
        parts.append(_entities(analysis))
    return Group(*parts)


def _statements(analysis: Analysis) -> Table:
    """The statements in the order of the text: who, how, when, what (nothing cut)."""
    ordered = sorted(analysis.statements, key=lambda st: (st.content.spans[0][0], st.id))
    table = Table(title=f"Statements ({len(ordered)}), in the order of the text",
                  show_lines=True, expand=True)  # fmt: skip
    table.add_column("at", style="dim", no_wrap=True, min_width=5)
    table.add_column("speaker", style="bold cyan", ratio=2, overflow="fold")
    table.add_column("kind", no_wrap=True, min_width=8)
    # wide enough for an ISO day on one line: the basis wraps under it
    table.add_column("date", no_wrap=False, min_width=10, overflow="fold")
    table.add_column("content", ratio=6, overflow="fold")
    for st in ordered:
        content = Text(st.content.text)
        if st.cue:
            content = Text.assemble(Text(f"[{st.cue.text}] ", style="italic"), content)
        if st.deadline:
            d = st.deadline
            content.append(f"\n[deadline “{d.text}” → due {d.due or 'unknown'}]", style="yellow")
        who = st.speaker.name or st.speaker.text or "(unattributed)"
        said = own_words(st.speaker.text, st.speaker.name)
        if said:
            who += f" (“{said}”)"  # a pronoun or a role: the article's own words
        table.add_row(str(st.content.spans[0][0]), Text(who), st.kind,
                      _date(st, analysis.text), content)  # fmt: skip
    return table


def _events(analysis: Analysis) -> Table:
    """Each event with each source's status of it, in the order they are asserted."""
    from onrecord.present import event_title

    table = Table(title=f"Events ({len(analysis.events)})", show_lines=True, expand=True)
    table.add_column("event", ratio=3, overflow="fold")
    table.add_column("status by source", ratio=5, overflow="fold")
    for ev in analysis.events:
        title = event_title(
            {
                "type": ev.type,
                "participants": list(ev.participant_names),
                "place": ev.place_name,
                "date": ev.date,
                "statuses": [{"source": s.source.name} for s in ev.statuses],
            }
        )
        lines = Text()
        for s in sorted(ev.statuses, key=lambda s: s.asserted or ""):
            if lines:
                lines.append("\n")
            lines.append(f"{s.asserted or 'undated'} ", style="dim")
            lines.append(s.status, style="bold")
            lines.append(f": {s.source.name}")
            if s.condition:
                lines.append(f" (if {s.condition.text})", style="dim")
        table.add_row(Text(title), lines)
    return table


def _deadlines(analysis: Analysis) -> Table:
    table = Table(title=f"Deadlines in the narration ({len(analysis.deadlines)})", expand=True)
    table.add_column("deadline", ratio=3, overflow="fold")
    table.add_column("due", no_wrap=True, min_width=10)
    table.add_column("set by", ratio=2, overflow="fold")
    table.add_column("set on", no_wrap=True, min_width=10)
    for d in analysis.deadlines:
        table.add_row(Text(d.deadline.text), d.deadline.due or "unknown", Text(d.set_by or "?"),
                      d.set_on or "?")  # fmt: skip
    return table


def _date(st: Statement, text: str) -> Text:
    """The day it was said and on what grounds: "2025-08-18 (said Monday)",
    "(context)", "(published)"; "undated" where the article does not fix it."""
    if not st.date:
        return Text("undated", style="dim")
    out = Text(st.date)
    if st.date_basis == "timex" and st.date_span:
        words = " ".join(text[st.date_span[0] : st.date_span[1]].split())
        out.append(f"\n(said {words})", style="dim")
    elif st.date_basis:
        out.append(f"\n({st.date_basis})", style="dim")
    return out


def _timexes(analysis: Analysis) -> Table:
    table = Table(title="Dates and times")
    for col in ("text", "type", "value", "at"):
        table.add_column(col)
    for t in analysis.timexes:
        table.add_row(Text(t.text), t.type, t.value, str(t.start))
    return table


def _entities(analysis: Analysis) -> Table:
    table = Table(title="Entities")
    for col in ("id", "name", "type", "mentions"):
        table.add_column(col)
    for e in analysis.entities:
        table.add_row(e.id, Text(e.name), e.type, str(len(e.mentions)))
    return table


def print_report(console: Console, record: dict[str, Any]) -> None:
    console.print(render(record))
