"""``onrecord batch``: the analyze pipeline over a large corpus, to Parquet tables.

The driver turns the inputs into *units* (:func:`plan_units`): a group of up
to ``chunk`` small files, a range of up to ``chunk`` lines of a JSONL file,
or one feed or WARC shard. A worker reads a unit (the same readers as
``analyze``), analyzes its articles ``chunk`` at a time with
:func:`onrecord.pipeline.analyze_doc`, and writes each chunk's rows
(:mod:`onrecord.batch.tables`) to ``<out>/<table>/part-<unit>-<chunk>.parquet``,
under a temporary name then renamed, the ``articles`` file last. A part's
name depends only on where its articles are in the input, so a unit done
twice (a retry after a worker died) rewrites the same files with the same
rows: every article is in the output exactly once.

Engines: :func:`run_local` (a process pool on this machine) and
:func:`onrecord.batch.ray_engine.run_ray` (Ray Data, ``map_batches`` with an actor
per worker); both call :func:`process_unit`.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from onrecord.batch.tables import (
    SCHEMAS,
    TABLES,
    error_row,
    merge_rows,
    part_name,
    part_names,
    read_part,
    record_rows,
    rename_articles,
    to_tables,
)
from onrecord.errors import InputError, OnrecordError
from onrecord.inputs import Ids
from onrecord.records import Article

#: Articles per unit of small files or JSONL lines, and per written part.
DEFAULT_CHUNK = 64
JOB_FILE = "_job.json"
_GLOB_CHARS = "*?["


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of work: what a worker reads, analyzes and writes."""

    ordinal: int
    kind: str  # "files" | "jsonl" (a line range) | "file" (a feed, WARC, remote file) | "error"
    paths: list[str]
    size: int = 0  # bytes of input, for the ETA
    start: int = 0  # jsonl: byte range [start, end) and the number of its first line
    end: int = 0
    line: int = 1
    reason: str = ""  # error: why the given input could not be planned

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unit:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class ChunkDone:
    """A worker's report of one written part."""

    unit: int
    chunk: int
    articles: int
    errors: int
    statements: int
    weight: float  # share of the input bytes this chunk covers


# --------------------------------------------------------------------------- planning


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _expand(given: str) -> list[str] | str:
    """The files one command-line input names, or why it names none."""
    from onrecord.inputs import iter_directory
    from onrecord.inputs.reader import DIRECTORY_SUFFIXES

    if _is_remote(given):
        return _expand_remote(given)
    given = given.removeprefix("file://")
    path = Path(given)
    if path.is_dir():
        files = [str(p) for p in iter_directory(path)]
        return files or f"directory has no input files ({' '.join(DIRECTORY_SUFFIXES)})"
    if not path.exists() and any(c in given for c in _GLOB_CHARS):
        matches = sorted(p for p in glob.glob(given, recursive=True) if Path(p).is_file())
        return matches or "no files match this pattern"
    return [given]


def _expand_remote(uri: str) -> list[str] | str:
    """Files under an object-store URI (``s3://bucket/prefix/*.warc.gz``), via pyarrow."""
    import fnmatch

    from pyarrow import fs

    try:
        filesystem, path = fs.FileSystem.from_uri(uri.split("*")[0].rsplit("/", 1)[0] or uri)
        scheme = uri.split("://", 1)[0]
        infos = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except Exception as exc:
        return f"cannot list: {exc}"
    pattern = uri.split("://", 1)[1]
    found = sorted(
        f"{scheme}://{i.path}"
        for i in infos
        if i.type == fs.FileType.File and fnmatch.fnmatch(i.path, pattern)
    )
    return found or "no files match this pattern"


def _jsonl_ranges(path: str, chunk: int) -> list[tuple[int, int, int]] | None:
    """(byte start, byte end, first line number) of runs of ``chunk`` records,
    or None where the file is read whole (small, binary, empty or unreadable)."""
    try:
        with open(path, "rb") as fh:
            if b"\x00" in fh.read(8192):
                return None
            fh.seek(0)
            ranges: list[tuple[int, int, int]] = []
            start, first, records, offset = 0, 1, 0, 0
            for lineno, raw in enumerate(fh, start=1):
                if records == chunk:
                    ranges.append((start, offset, first))
                    start, first, records = offset, lineno, 0
                offset += len(raw)
                if raw.strip():
                    records += 1
            if records:
                ranges.append((start, offset, first))
    except OSError:
        return None
    return ranges if len(ranges) > 1 else None


def plan_units(inputs: Iterable[str], chunk: int = DEFAULT_CHUNK) -> list[Unit]:
    """The units of work for ``inputs`` (files, directories, globs, URIs), in input order."""
    from onrecord.inputs.sources import is_feed_path, is_warc_path

    units: list[Unit] = []
    group: list[str] = []
    group_size = 0

    def add(kind: str, paths: list[str], size: int = 0, **kw: Any) -> None:
        units.append(Unit(len(units), kind, paths, size, **kw))

    def flush() -> None:
        nonlocal group, group_size
        if group:
            add("files", group, group_size)
        group, group_size = [], 0

    for given in inputs:
        files = _expand(given)
        if isinstance(files, str):
            flush()
            add("error", [given], reason=files)
            continue
        for file in files:
            size = _size(file)
            path = Path(file)
            if _is_remote(file) or is_warc_path(path) or is_feed_path(path):
                flush()
                add("file", [file], size)
            elif file.lower().endswith(".jsonl"):
                flush()
                ranges = _jsonl_ranges(file, chunk)
                if ranges is None:
                    add("file", [file], size)
                for start, end, line in ranges or ():
                    add("jsonl", [file], end - start, start=start, end=end, line=line)
            else:
                group.append(file)
                group_size += size
                if len(group) >= chunk:
                    flush()
    flush()
    return units


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


# --------------------------------------------------------------------------- reading


class UnitIds(Ids):
    """Article ids unique within a unit, remembering each one's base (the id
    before a ``-2`` was added), so :func:`unique_ids` can make them unique
    across units as ``read_inputs`` does."""

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
    from onrecord.inputs import read_path

    ids = ids if ids is not None else UnitIds()
    if unit.kind == "error":
        yield InputError(unit.paths[0], unit.reason)
    elif unit.kind == "jsonl":
        yield from _read_jsonl_range(unit, ids, published)
    elif _is_remote(unit.paths[0]):
        yield from _read_remote(unit.paths[0], ids, published)
    else:
        for path in unit.paths:
            yield from read_path(Path(path), ids, published)


def _read_jsonl_range(unit: Unit, ids: Any, published: dt.date | None) -> Iterator[Any]:
    """Lines [start, end) of a JSONL file, read exactly as ``reader`` reads a whole one."""
    from onrecord.inputs import record_article
    from onrecord.inputs.reader import InputProblem, parse_jsonl_line

    path = Path(unit.paths[0])
    try:
        with path.open("rb") as fh:
            fh.seek(unit.start)
            data = fh.read(unit.end - unit.start)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    offset = unit.start
    for lineno, raw in enumerate(data.splitlines(keepends=True), start=unit.line):
        line_offset, offset = offset, offset + len(raw)
        where = f"{path}:{lineno}"
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, line_offset = raw[3:], line_offset + 3
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(
                where,
                f"not valid UTF-8: byte 0x{raw[exc.start]:02x} "
                f"at byte offset {line_offset + exc.start}",
            )
            continue
        if not line.strip():
            continue
        if "\x00" in line:
            yield InputError(where, "binary data (NUL byte) in line")
            continue
        try:
            record = parse_jsonl_line(line)
        except InputProblem as exc:
            yield InputError(where, str(exc))
            continue
        yield record_article(record, ids, f"{path.stem}-{lineno}", where, published)


def _read_remote(uri: str, ids: Any, published: dt.date | None) -> Iterator[Any]:
    """An object-store file copied to a local temporary file of the same name, then read."""
    import dataclasses

    from pyarrow import fs

    from onrecord.inputs import read_path

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


# --------------------------------------------------------------------------- one unit


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


# --------------------------------------------------------------------------- the job


def job_key(units: list[Unit], chunk: int, published: dt.date | None) -> str:
    """What identifies a job's output: the same inputs planned the same way."""
    doc = json.dumps(
        [[asdict(u) for u in units], chunk, published.isoformat() if published else None]
    )
    return hashlib.sha256(doc.encode()).hexdigest()[:16]


def prepare_out(out: Path, key: str, inputs: list[str]) -> None:
    """Make ``out`` ready: empty, or holding an earlier run of this same job
    (whose parts are then rewritten with the same content)."""
    if out.exists() and any(out.iterdir()):
        job = out / JOB_FILE
        try:
            same = json.loads(job.read_text())["key"] == key
        except (OSError, ValueError, KeyError):
            same = False
        if not same:
            raise OnrecordError(
                f"{out}: not empty and not an earlier run of this job; give an empty --out"
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / JOB_FILE).write_text(
        json.dumps({"key": key, "inputs": inputs, "complete": False}, indent=2) + "\n"
    )


def unique_ids(out: Path) -> int:
    """Give articles whose id another unit also used the id ``read_inputs`` would
    (``-2``, ``-3`` ... in input order), rewriting the few parts concerned.
    Returns the number of articles renamed."""
    ids = Ids()
    renames: dict[str, dict[tuple[int, int], str]] = {}
    for name in part_names(out):
        path = out / "articles" / name
        if not path.is_file():
            continue
        rows = pq.read_table(path, columns=["unit", "seq", "id", "base_id"]).to_pylist()
        for row in sorted(rows, key=lambda r: (r["unit"], r["seq"])):
            new = ids.claim(row["base_id"] if row["base_id"] is not None else row["id"])
            if new != row["id"]:
                renames.setdefault(name, {})[(row["unit"], row["seq"])] = new
    for name, renamed in renames.items():
        write_part(out, name, rename_articles(read_part(out, name), renamed))
    return sum(len(r) for r in renames.values())


def finish_out(out: Path, key: str, inputs: list[str], report: BatchReport) -> None:
    """Make ids unique, and mark the output complete, with an empty file for each
    table no part wrote."""
    unique_ids(out)
    for table in TABLES:
        folder = out / table
        if not any(folder.glob("part-*.parquet")):
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(SCHEMAS[table].empty_table(), folder / "empty.parquet")
    doc = {"key": key, "inputs": inputs, "complete": True, **report.summary()}
    (out / JOB_FILE).write_text(json.dumps(doc, indent=2) + "\n")


@dataclass(slots=True)
class BatchReport:
    """Counts so far; a chunk reported twice (a retry) counts once."""

    total_bytes: float = 0.0
    articles: int = 0
    errors: int = 0
    statements: int = 0
    done_bytes: float = 0.0
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    seen: set[tuple[int, int]] = field(default_factory=set)

    def add(self, done: ChunkDone) -> bool:
        if (done.unit, done.chunk) in self.seen:
            return False
        self.seen.add((done.unit, done.chunk))
        self.articles += done.articles
        self.errors += done.errors
        self.statements += done.statements
        self.done_bytes += done.weight
        self.seconds = time.perf_counter() - self.started
        return True

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def eta(self) -> float | None:
        if not self.done_bytes or not self.total_bytes:
            return None
        left = max(self.total_bytes - self.done_bytes, 0.0)
        return self.seconds * left / self.done_bytes

    def summary(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "errors": self.errors,
            "statements": self.statements,
            "seconds": round(self.seconds, 1),
        }

    def line(self) -> str:
        return (
            f"{self.articles} articles, {self.statements} statements, {self.errors} errors;"
            f" {self.rate:.1f} docs/s"
        )


Progress = Callable[[ChunkDone, BatchReport], None]


def _unit_task(unit: Unit, out: Path, published: dt.date | None, chunk: int) -> list[ChunkDone]:
    from onrecord.pipeline import worker_options

    return list(process_unit(unit, out, worker_options(), published, chunk))


def run_local(
    units: list[Unit],
    out: Path,
    workers: int | None = None,
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> BatchReport:
    """Run the units on ``workers`` local processes (default: all cores)."""
    workers = workers or os.cpu_count() or 1
    report = BatchReport(total_bytes=float(sum(u.size for u in units)))

    def done(item: ChunkDone) -> None:
        if report.add(item) and progress:
            progress(item, report)

    if workers <= 1:
        from onrecord.pipeline import Options

        options = Options.default()
        for unit in units:
            for item in process_unit(unit, out, options, published, chunk):
                done(item)
        return report
    from onrecord.pipeline import init_worker

    with ProcessPoolExecutor(max_workers=workers, initializer=init_worker) as pool:
        futures = [pool.submit(_unit_task, u, out, published, chunk) for u in units]
        for fut in as_completed(futures):
            for item in fut.result():
                done(item)
    return report
