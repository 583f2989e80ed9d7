"""Options and output helpers the command modules share."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import click

DB_HELP = "Store: a SQLite path or sqlite:///path (default onrecord.db), or postgresql://…"


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: a YYYY-MM-DD option value as a date, or a clear usage error."""
    if value is None:
        return None
    from onrecord.inputs.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def db_option(f: Any) -> Any:
    return click.option("--db", default=None, envvar="ONRECORD_DB", help=DB_HELP)(f)


def json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")(f)


def echo_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
