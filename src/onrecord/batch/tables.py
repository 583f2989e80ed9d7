"""The Parquet tables of ``onrecord batch``: records of the ``analyze --json``
contract flattened to rows with a fixed Arrow schema, and rebuilt from them.

Pure functions, no I/O besides :func:`read_part` / :func:`iter_parts`.

Every row carries ``unit`` and ``seq``: the input unit it came from and its
position in that unit, so ``ORDER BY unit, seq`` is the order ``analyze``
prints. The child tables (entities, statements, timexes, events) also carry
``article`` (the article id) and ``position`` (index in the record's list).
Nested objects are Arrow structs and lists with the contract's field names
(``speaker.span``, ``content.spans``, ``deadline.due`` ...). A key the schema
does not know (a field added to the contract later) is kept, as JSON, in the
row's ``extra`` column, so :func:`rebuild` always returns the record exactly.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from onrecord.contract import (
    ARTICLE_KEYS,
    CONTENT_KEYS,
    CUE_KEYS,
    DEADLINE_KEYS,
    ENTITY_KEYS,
    OMITTED_WHEN_NULL,
    SPEAKER_KEYS,
    STATEMENT_KEYS,
    TIMEX_KEYS,
)

SPAN = pa.list_(pa.int64())
SPANS = pa.list_(SPAN)
_KEYS = [("unit", pa.int32()), ("seq", pa.int32())]
_CHILD_KEYS = [*_KEYS, ("article", pa.string()), ("position", pa.int32())]


def _fields(keys: tuple[str, ...], *types: pa.DataType) -> list[tuple[str, pa.DataType]]:
    """(field, Arrow type) of a contract object: its keys, as
    :mod:`onrecord.contract` spells and orders them, each with its type."""
    return list(zip(keys, types, strict=True))


_ARTICLE_FIELDS = _fields(ARTICLE_KEYS, *[pa.string()] * 5)
_ENTITY_FIELDS = _fields(
    ENTITY_KEYS, pa.string(), pa.string(), pa.string(), SPANS, pa.list_(pa.string())
)
_SPEAKER = _fields(SPEAKER_KEYS, pa.string(), pa.string(), SPAN, pa.string())
_CUE = _fields(CUE_KEYS, pa.string(), SPAN)
_CONTENT = _fields(CONTENT_KEYS, pa.string(), SPANS)
_DEADLINE = _fields(DEADLINE_KEYS, pa.string(), SPAN, pa.string(), pa.string())
_STATEMENT_FIELDS = _fields(
    STATEMENT_KEYS,
    pa.string(),  # id
    pa.string(),  # kind
    pa.struct(_SPEAKER),
    pa.struct(_CUE),
    pa.struct(_CONTENT),
    SPANS,  # quotes
    pa.string(),  # date
    pa.string(),  # date basis
    SPAN,  # date span
    pa.string(),  # continues
    pa.struct(_DEADLINE),
)
_TIMEX_FIELDS = _fields(TIMEX_KEYS, SPAN, pa.string(), pa.string(), pa.string(), pa.string())
_EXTRA = ("extra", pa.string())

_CONTRACT_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": _ARTICLE_FIELDS,
    "entities": _ENTITY_FIELDS,
    "statements": _STATEMENT_FIELDS,
    "timexes": _TIMEX_FIELDS,
}

SCHEMAS: dict[str, pa.Schema] = {
    # origin: the file (and line) it came from; base_id: its id before ids
    # repeated across the input were made unique (see batch.unique_ids)
    "articles": pa.schema(
        [*_KEYS, ("origin", pa.string()), ("base_id", pa.string()), *_ARTICLE_FIELDS, _EXTRA]
    ),
    "entities": pa.schema([*_CHILD_KEYS, *_ENTITY_FIELDS, _EXTRA]),
    "statements": pa.schema([*_CHILD_KEYS, *_STATEMENT_FIELDS, _EXTRA]),
    "timexes": pa.schema([*_CHILD_KEYS, *_TIMEX_FIELDS, _EXTRA]),
    # the contract says nothing of an event's fields yet: each is one JSON document
    "events": pa.schema([*_CHILD_KEYS, ("event", pa.string())]),
    # an input that could not be read, or an article whose analysis failed
    "errors": pa.schema([*_KEYS, ("id", pa.string()), ("reason", pa.string())]),
}
#: Table names; ``articles`` last: it is written last and marks a part complete.
TABLES = ("errors", "entities", "statements", "timexes", "events", "articles")
#: The record's lists and the table each goes to.
_CHILDREN = ("entities", "statements", "timexes", "events")


def _struct_keys(dtype: pa.DataType) -> tuple[str, ...] | None:
    if pa.types.is_struct(dtype):
        return tuple(dtype.field(i).name for i in range(dtype.num_fields))
    return None


def _flatten(obj: dict[str, Any], table: str) -> dict[str, Any]:
    """The contract object's fields as one row; what the schema cannot hold
    exactly goes, as JSON, to ``extra``."""
    fields = _CONTRACT_FIELDS[table]
    known = dict(fields)
    omitted = OMITTED_WHEN_NULL.get(table, frozenset())
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in obj.items():
        if key not in known:
            extra[key] = value
            continue
        sub = _struct_keys(known[key])
        if (
            sub is not None
            and value is not None
            and (not isinstance(value, dict) or tuple(value) != sub)
        ):
            extra[key] = value  # a nested object of another shape: kept exactly
            continue
        if key in omitted and value is None:
            extra[key] = None
            continue
        row[key] = value
    absent = [k for k, _ in fields if k not in obj and k not in omitted]
    if absent:
        extra["__absent__"] = absent
    if list(obj) != [k for k in (*(k for k, _ in fields), *extra) if k in obj]:
        extra["__order__"] = list(obj)
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def _unflatten(row: dict[str, Any], table: str) -> dict[str, Any]:
    omitted = OMITTED_WHEN_NULL.get(table, frozenset())
    extra: dict[str, Any] = json.loads(row["extra"]) if row.get("extra") else {}
    absent = set(extra.pop("__absent__", []))
    order = extra.pop("__order__", None)
    out: dict[str, Any] = {}
    for key, _ in _CONTRACT_FIELDS[table]:
        if key in absent or key in extra or (key in omitted and row.get(key) is None):
            continue
        out[key] = row.get(key)
    out.update(extra)
    if order is not None:
        out = {k: out[k] for k in order}
    return out


def record_rows(
    record: dict[str, Any], unit: int, seq: int, origin: str | None, base_id: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """One analyzed record as rows of each table (pure)."""
    head = {k: v for k, v in record.items() if k not in _CHILDREN}
    article: dict[str, Any] = {"unit": unit, "seq": seq, "origin": origin, "base_id": base_id}
    article.update(_flatten(head, "articles"))
    missing = [k for k in _CHILDREN if k not in record]
    if missing or list(record) != [*head, *(k for k in _CHILDREN if k in record)]:
        extra = json.loads(article["extra"]) if article["extra"] else {}
        extra["__record_order__"] = list(record)
        article["extra"] = json.dumps(extra, ensure_ascii=False)
    rows: dict[str, list[dict[str, Any]]] = {"articles": [article]}
    keys = {"unit": unit, "seq": seq, "article": record["id"]}
    for table in ("entities", "statements", "timexes"):
        rows[table] = [
            {**keys, "position": i, **_flatten(obj, table)}
            for i, obj in enumerate(record.get(table, []))
        ]
    rows["events"] = [
        {**keys, "position": i, "event": json.dumps(ev, ensure_ascii=False)}
        for i, ev in enumerate(record.get("events", []))
    ]
    return rows


def error_row(unit: int, seq: int, origin: str, reason: str) -> dict[str, Any]:
    return {"unit": unit, "seq": seq, "id": origin, "reason": reason}


def to_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    """Rows of each table as Arrow tables with the fixed schemas."""
    return {t: pa.Table.from_pylist(rows.get(t, []), schema=SCHEMAS[t]) for t in TABLES}


def merge_rows(parts: Sequence[dict[str, list[dict[str, Any]]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for part in parts:
        for table, rows in part.items():
            out[table].extend(rows)
    return out


def rebuild(tables: dict[str, pa.Table]) -> list[tuple[dict[str, Any], str | None]]:
    """The records (and their origins) the tables of one part hold, in order."""
    children: dict[str, dict[tuple[int, int], list[dict[str, Any]]]] = {}
    for table in _CHILDREN:
        grouped: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        if table in tables:
            for row in tables[table].to_pylist():
                grouped[(row["unit"], row["seq"])].append(row)
        children[table] = grouped
    out: list[tuple[dict[str, Any], str | None]] = []
    articles = sorted(tables["articles"].to_pylist(), key=lambda r: (r["unit"], r["seq"]))
    for art in articles:
        key = (art["unit"], art["seq"])
        extra: dict[str, Any] = json.loads(art["extra"]) if art["extra"] else {}
        order = extra.pop("__record_order__", None)
        art["extra"] = json.dumps(extra) if extra else None
        record = _unflatten(art, "articles")
        for table in ("entities", "statements", "timexes"):
            rows = sorted(children[table].get(key, []), key=lambda r: r["position"])
            record[table] = [_unflatten(r, table) for r in rows]
        events = sorted(children["events"].get(key, []), key=lambda r: r["position"])
        record["events"] = [json.loads(r["event"]) for r in events]
        if order is not None:
            record = {k: record[k] for k in order}
        out.append((record, art["origin"]))
    return out


# --------------------------------------------------------------------------- files


def part_name(unit: int, chunk: int) -> str:
    """A part's file name: fixed by its place in the input, so a retried
    chunk overwrites its own files and never adds a second copy."""
    return f"part-{unit:08d}-{chunk:05d}.parquet"


def part_names(out: Path) -> list[str]:
    """Names of the complete parts (their ``articles`` file exists), in input order."""
    names = {p.name for p in (out / "articles").glob("part-*.parquet")}
    names |= {p.name for p in (out / "errors").glob("part-*.parquet")}
    return sorted(names)


def read_part(out: Path, name: str) -> dict[str, pa.Table]:
    tables: dict[str, pa.Table] = {}
    for table in TABLES:
        path = out / table / name
        tables[table] = (
            pq.read_table(path, schema=SCHEMAS[table])
            if path.is_file()
            else SCHEMAS[table].empty_table()
        )
    return tables


def iter_records(out: Path) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Every record a batch output holds, with its origin, in input order."""
    for name in part_names(out):
        yield from rebuild(read_part(out, name))


def rename_articles(
    tables: dict[str, pa.Table], renames: dict[tuple[int, int], str]
) -> dict[str, list[dict[str, Any]]]:
    """The part's rows with new article ids for the (unit, seq) keys given."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for table, data in tables.items():
        column = "id" if table == "articles" else "article"
        rows[table] = data.to_pylist()
        if column in data.column_names:
            for row in rows[table]:
                row[column] = renames.get((row["unit"], row["seq"]), row[column])
    return rows


def iter_errors(out: Path) -> Iterator[dict[str, Any]]:
    for name in part_names(out):
        path = out / "errors" / name
        if path.is_file():
            yield from pq.read_table(path).to_pylist()
