"""Readable report of one analysis (``onrecord analyze`` without ``--json``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from onrecord.contract import from_json
from onrecord.records import Analysis, Statement

_MAX_CONTENT = 400


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
    if analysis.timexes:
        parts.append(_timexes(analysis))
    if analysis.entities:
        parts.append(_entities(analysis))
    return Group(*parts)


def _statements(analysis: Analysis) -> Table:
    by_speaker: dict[str, list[Statement]] = defaultdict(list)
    for st in analysis.statements:
        by_speaker[st.speaker.name or st.speaker.text or "(unattributed)"].append(st)
    table = Table(title=f"Statements ({len(analysis.statements)})", show_lines=True, expand=True)
    table.add_column("speaker", style="bold cyan", ratio=2)
    table.add_column("kind", ratio=1)
    # wide enough for an ISO day on one line: the basis wraps under it, the content gives way
    table.add_column("date", width=12, overflow="fold")
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=6)
    table.add_column("at", style="dim", ratio=1)
    for speaker, items in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        for n, st in enumerate(items):
            content = st.content.text
            if len(content) > _MAX_CONTENT:
                content = content[:_MAX_CONTENT] + "…"
            if st.deadline:
                d = st.deadline
                content += f"\n[deadline {d.duration} → due {d.due}]"
            table.add_row(
                speaker if n == 0 else "",
                st.kind,
                _date(st, analysis.text),
                st.cue.text if st.cue else "",
                Text(content),
                f"{st.content.spans[0][0]}",
            )
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
