"""``onrecord article ID``: one stored article as the page shows it — its
text with every statement marked (the speaker bold, the cue underlined, the
words said highlighted, each statement's id where its words start), then
its statements in the order of the text with who, cue and date."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.text import Text

from onrecord.cli.listing import Column, emit, field, format_option
from onrecord.cli.options import db_option
from onrecord.errors import OnrecordError

STYLES = {"speaker": "bold green", "cue": "underline", "content": "on grey23"}


def marked_text(text: str, statements: list[dict[str, Any]]) -> Text:
    """The article text with its statements' speaker, cue and content styled,
    and ``[s<id>]`` before the first word of each statement."""
    out = Text(text)
    starts: dict[int, list[int]] = {}
    for st in statements:
        for a, b in st["spans"]:
            out.stylize(STYLES["content"], a, b)
        for key, kind in (("cue_span", "cue"), ("speaker_span", "speaker")):
            if st.get(key):
                out.stylize(STYLES[kind], *st[key])
        first = min([a for a, _ in st["spans"]] + ([st["speaker_span"][0]]
                                                   if st.get("speaker_span") else []))  # fmt: skip
        starts.setdefault(first, []).append(int(st["id"]))
    # ids inserted from the end, so earlier offsets stay right
    for pos in sorted(starts, reverse=True):
        label = Text("".join(f"[s{i}]" for i in sorted(starts[pos])), style="bold cyan")
        out = Text.assemble(out[:pos], label, out[pos:])
    return out


def _date(st: dict[str, Any]) -> str:
    from onrecord.present import date_label

    basis = date_label(st.get("date"), st.get("date_basis"))
    return f"{st['date']} ({basis})" if st.get("date") and basis else st.get("date") or "undated"


STATEMENT_COLUMNS = (
    Column("id", lambda s: f"s{s['id']}"),
    Column(
        "speaker",
        lambda s: s.get("speaker") or f"unresolved: {s.get('speaker_text') or '?'}",
        False,
        2,
    ),
    field("kind"),
    field("cue", short=False, ratio=1),
    Column("date", _date, False, 2),
    field("content", short=False, ratio=5),
)


#: ``--versions``: the texts stored at the article's URL, oldest first
VERSION_COLUMNS = (
    field("version"),
    field("id"),
    field("stored", "ingested_at"),
    field("published"),
    field("statements", "n_statements"),
    Column("title", lambda v: v.get("title") or v.get("doc_id") or "", False, 4),
)


@click.command()
@click.argument("article_id", type=click.IntRange(0))
@click.option(
    "--versions", is_flag=True,
    help="The versions stored at the article's URL (a correction, an update), oldest first.",
)  # fmt: skip
@db_option
@format_option
def article(article_id: int, versions: bool, db: str | None, fmt: str, as_json: bool) -> None:
    """One stored article (its id, as listings and pages show it): the text
    with its statements marked, then the statements in the order of the text;
    with ``--versions``, the versions of it instead."""
    from onrecord.store import open_store

    with open_store(db) as store:
        found = store.article(article_id)
        listed = store.versions(article_id) if versions else []
    if found is None:
        raise OnrecordError(f"no article {article_id} in the store (onrecord search lists ids)")
    if versions:
        emit(listed, VERSION_COLUMNS, "json" if as_json else fmt, what="versions")
        return
    statements = sorted(found["statement_list"], key=lambda s: (min(a for a, _ in s["spans"]),
                                                                 s["id"]))  # fmt: skip
    fmt = "json" if as_json else fmt
    if fmt == "json":
        emit(statements, STATEMENT_COLUMNS, fmt, what="statements",
             json_doc={**found, "statement_list": statements})  # fmt: skip
        return
    if fmt == "table":
        out = Console()
        head = Text(found["title"] or found["doc_id"], style="bold")
        meta = [f"article {found['id']}", found["published"] or "undated"]
        if found["url"]:
            meta.append(found["url"])
        head.append("\n" + " · ".join(meta), style="dim")
        out.print(head)
        legend = Text.assemble(
            ("speaker", STYLES["speaker"]), " ", ("cue", STYLES["cue"]), " ",
            ("what was said", STYLES["content"]), " [s<id>] where a statement starts",
        )  # fmt: skip
        out.print(legend)
        out.print()
        out.print(marked_text(found["text"], statements))
        out.print()
    emit(statements, STATEMENT_COLUMNS, fmt, what="statements")


COMMANDS = (article,)
