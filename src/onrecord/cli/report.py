"""Readable report of one analysis (``onrecord analyze`` without ``--json``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

_MAX_CONTENT = 400


def render(record: dict[str, Any]) -> Group:
    header = Text()
    header.append(record.get("title") or record["id"], style="bold")
    meta = [f"id {record['id']}"]
    if record.get("published"):
        meta.append(f"published {record['published']}")
    if record.get("url"):
        meta.append(record["url"])
    header.append("\n" + " · ".join(meta), style="dim")
    parts: list[Any] = [Panel(header)]
    parts.append(_statements(record))
    if record["timexes"]:
        parts.append(_timexes(record))
    if record["entities"]:
        parts.append(_entities(record))
    return Group(*parts)


def _statements(record: dict[str, Any]) -> Table:
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for st in record["statements"]:
        sp = st["speaker"]
        by_speaker[sp["name"] or sp.get("text") or "(unattributed)"].append(st)
    table = Table(title=f"Statements ({len(record['statements'])})", show_lines=True, expand=True)
    table.add_column("speaker", style="bold cyan", ratio=2)
    table.add_column("kind", ratio=1)
    table.add_column("date", ratio=1)
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=6)
    table.add_column("at", style="dim", ratio=1)
    for speaker, items in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        for n, st in enumerate(items):
            content = st["content"]["text"]
            if len(content) > _MAX_CONTENT:
                content = content[:_MAX_CONTENT] + "…"
            if st.get("deadline"):
                d = st["deadline"]
                content += f"\n[deadline {d['duration']} → due {d['due']}]"
            table.add_row(
                speaker if n == 0 else "",
                st["kind"],
                st["date"] or "",
                st["cue"]["text"] if st["cue"] else "",
                Text(content),
                f"{st['content']['spans'][0][0]}",
            )
    return table


def _timexes(record: dict[str, Any]) -> Table:
    table = Table(title="Dates and times")
    for col in ("text", "type", "value", "at"):
        table.add_column(col)
    for t in record["timexes"]:
        table.add_row(Text(t["text"]), t["type"], t["value"], str(t["span"][0]))
    return table


def _entities(record: dict[str, Any]) -> Table:
    table = Table(title="Entities")
    for col in ("id", "name", "type", "mentions"):
        table.add_column(col)
    for e in record["entities"]:
        table.add_row(e["id"], Text(e["name"]), e["type"], str(len(e["mentions"])))
    return table


def print_report(console: Console, record: dict[str, Any]) -> None:
    console.print(render(record))
