"""A worker of ``onrecord batch``: read one unit, analyze it, write its Parquet parts.

A worker reads a unit (:func:`read_unit`, with the same readers as
``analyze``), analyzes its articles ``chunk`` at a time with
:func:`onrecord.pipeline.analyze_serial`, and writes each chunk's rows
(:mod:`onrecord.batch.tables`) to ``<out>/<table>/part-<unit>-<chunk>.parquet``
(:func:`write_part`), under a temporary name then renamed, the ``articles``
file last.  A part's name depends only on where its articles are in the
input, so a unit done twice (a retry after a worker died) rewrites the same
files with the same rows: every article is in the output exactly once.
Each written part is reported as a :class:`ChunkDone`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from onrecord.batch.plan import DEFAULT_CHUNK, Unit, is_remote
from onrecord.batch.tables import error_row, merge_rows, part_name, record_rows, to_tables
from onrecord.errors import InputError
from onrecord.inputs import Ids, read_jsonl, read_path
from onrecord.records import Article


@dataclass(frozen=True, slots=True)
class ChunkDone:
    """A worker's report of one written part."""

    unit: int
    chunk: int
    articles: int
    errors: int
    statements: int
    weight: float  # share of the input bytes this chunk covers


class UnitIds(Ids):
    """Article ids unique within a unit, remembering each one's base (the id
    before a ``-2`` was added), so :func:`onrecord.batch.output.unique_ids` can
    make them unique across units as ``read_inputs`` does."""

    def __init__(self) -> None:
        super().__init__()
        self.bases: dict[str, str] = {}

    def claim(self, base: str) -> str:
        claimed = super().claim(base)
        self.bases[claimed] = base
        return claimed


def read_unit(
    unit: Unit, published: dt.date | None, ids: UnitIds | None = None
) -> Iterator[Article | InputError]:
    """A unit's articles and bad inputs, as ``read_inputs`` gives them for its files."""
    ids = ids if ids is not None else UnitIds()
    if unit.kind == "error":
        yield InputError(unit.paths[0], unit.reason)
    elif unit.kind == "jsonl":
        path = Path(unit.paths[0])
        yield from read_jsonl(path, ids, published, unit.start, unit.end, unit.line)
    elif is_remote(unit.paths[0]):
        yield from _read_remote(unit.paths[0], ids, published)
    else:
        for path_name in unit.paths:
            yield from read_path(Path(path_name), ids, published)


def _read_remote(uri: str, ids: Ids, published: dt.date | None) -> Iterator[Article | InputError]:
    """An object-store file copied to a local temporary file of the same name, then read."""
    from pyarrow import fs

    with tempfile.TemporaryDirectory(prefix="onrecord-") as tmp:
        local = Path(tmp) / uri.rsplit("/", 1)[-1]
        try:
            filesystem, path = fs.FileSystem.from_uri(uri)
            with filesystem.open_input_stream(path) as src, local.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except Exception as exc:
            yield InputError(uri, f"cannot read: {exc}")
            return
        for item in read_path(local, ids, published):
            if isinstance(item, Article):
                yield dataclasses.replace(item, origin=item.origin.replace(str(local), uri))
            else:
                yield InputError(item.origin.replace(str(local), uri), item.reason)


def process_unit(
    unit: Unit,
    out: Path,
    options: Any,
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> Iterator[ChunkDone]:
    """Read, analyze and write one unit, one part per ``chunk`` articles."""
    from onrecord.pipeline import analyze_serial

    ids = UnitIds()
    items = list(read_unit(unit, published, ids))
    if not items:
        yield ChunkDone(unit.ordinal, 0, 0, 0, 0, float(unit.size))
        return
    for n, begin in enumerate(range(0, len(items), chunk)):
        part = items[begin : begin + chunk]
        articles = [a for a in part if isinstance(a, Article)]
        results = iter(analyze_serial(articles, options)) if articles else iter(())
        rows = []
        origins = {a.id: a.origin for a in articles}
        for seq, item in enumerate(part, start=begin):
            result = item if isinstance(item, InputError) else next(results)
            if isinstance(result, InputError):
                rows.append(
                    {"errors": [error_row(unit.ordinal, seq, result.origin, result.reason)]}
                )
            else:
                rid = result["id"]
                rows.append(record_rows(result, unit.ordinal, seq, origins.get(rid),
                                        ids.bases.get(rid)))  # fmt: skip
        merged = merge_rows(rows)
        write_part(out, part_name(unit.ordinal, n), merged)
        yield ChunkDone(
            unit.ordinal,
            n,
            len(merged["articles"]),
            len(merged["errors"]),
            len(merged["statements"]),
            unit.size * len(part) / len(items),
        )


def write_part(out: Path, name: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Each non-empty table's rows to ``<out>/<table>/<name>``, atomically, articles last."""
    for table, data in to_tables(rows).items():  # TABLES order: articles last
        if data.num_rows == 0:
            continue
        final = out / table / name
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{name}.{uuid.uuid4().hex}.tmp")
        pq.write_table(data, tmp, compression="zstd")
        os.replace(tmp, final)
