"""Exports: Parquet (pyarrow), written in row groups so memory stays flat.
(CSV cells are made safe for spreadsheets by :mod:`onrecord.present.cells`.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

_INT_FIELDS = ("id", "article_id", "actor_id")


def schema(fields: Sequence[str]) -> pa.Schema:
    return pa.schema([pa.field(f, pa.int64() if f in _INT_FIELDS else pa.string()) for f in fields])


def write_parquet(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], out: str | BinaryIO,
    batch: int = 10_000,
) -> int:  # fmt: skip
    sch = schema(fields)
    n = 0
    with pq.ParquetWriter(out, sch) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=sch))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=sch))
            n += len(chunk)
    return n
