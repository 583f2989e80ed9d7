"""Read PolNeAR attribution annotations (brat standoff) into plain records.

PolNeAR (Newell, Margolin & Ruths 2018) marks each attribution with a
``Source``, a ``Cue`` and a ``Content`` text-bound annotation, tied together by
an ``E`` line. Spans may be discontinuous (``a b;c d``) and are Python
character offsets into ``text/<name>.txt``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.records import Span


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    published: dt.date | None
    attributions: tuple[GoldAttribution, ...]


def _parse_spans(field: str) -> tuple[Span, ...]:
    spans = []
    for part in field.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Parse one brat .ann file's text into attributions (in file order)."""
    bounds: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, spans = parts[1].partition(" ")
            bounds[parts[0]] = (label, _parse_spans(spans))
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    out = []
    for roles in events:

        def spans_of(role: str, roles: dict[str, str] = roles) -> tuple[Span, ...]:
            ref = roles.get(role)
            return bounds[ref][1] if ref in bounds else ()

        out.append(GoldAttribution(spans_of("Source"), spans_of("Cue"), spans_of("Content")))
    return tuple(out)


def _metadata(root: Path) -> dict[str, dt.date]:
    meta = root.parent / "metadata.tsv"
    dates: dict[str, dt.date] = {}
    if meta.is_file():
        with meta.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                try:
                    dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
                except (KeyError, ValueError):
                    continue
    return dates


def load_split(root: Path) -> Iterator[GoldDocument]:
    """Yield the documents of one split directory (``.../polnear/dev``).

    Where an article has several annotators' files, the first by name is used.
    """
    dates = _metadata(root)
    ann_dir = root / "attributions"
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted(ann_dir.glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        yield GoldDocument(
            name=txt.stem,
            text=txt.read_text(encoding="utf-8"),
            published=dates.get(txt.stem),
            attributions=parse_ann(anns[0].read_text(encoding="utf-8")),
        )
