"""Planning ``onrecord batch``: the inputs as *units* of work, and the job's key.

:func:`plan_units` turns the command-line inputs (files, directories, globs,
object-store URIs) into units: a group of up to ``chunk`` small files, a
range of up to ``chunk`` records of a JSONL file
(:func:`onrecord.inputs.jsonl.line_ranges`), or one feed, WARC or remote
file; an input that names no file is an ``error`` unit, so the error reaches
the output like any bad input.  The plan depends only on the inputs and
``chunk``, so :func:`job_key` recognises an earlier run of the same job.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from onrecord.inputs import DIRECTORY_SUFFIXES, iter_directory
from onrecord.inputs.feeds import is_feed_path
from onrecord.inputs.jsonl import JSONL_SUFFIX, line_ranges
from onrecord.inputs.warc import is_warc_path

#: Articles per unit of small files or JSONL lines, and per written part.
DEFAULT_CHUNK = 64
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


def is_remote(path: str) -> bool:
    """Whether ``path`` is an object-store URI (``s3://...``), not a local file."""
    return "://" in path and not path.startswith("file://")


def _expand(given: str) -> list[str] | str:
    """The files one command-line input names, or why it names none."""
    if is_remote(given):
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


def plan_units(inputs: Iterable[str], chunk: int = DEFAULT_CHUNK) -> list[Unit]:
    """The units of work for ``inputs`` (files, directories, globs, URIs), in input order."""
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
            if is_remote(file) or is_warc_path(path) or is_feed_path(path):
                flush()
                add("file", [file], size)
            elif file.lower().endswith(JSONL_SUFFIX):
                flush()
                ranges = line_ranges(path, chunk)
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


def job_key(units: list[Unit], chunk: int, published: dt.date | None) -> str:
    """What identifies a job's output: the same inputs planned the same way."""
    doc = json.dumps(
        [[asdict(u) for u in units], chunk, published.isoformat() if published else None]
    )
    return hashlib.sha256(doc.encode()).hexdigest()[:16]
