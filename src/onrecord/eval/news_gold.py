"""The newsdev gold (``gold.json``) read into typed records for :mod:`onrecord.eval.news`.

Only the fields the scorer reads are kept: actors with their aliases,
statements (article, speaker and acceptable speakers, content, date and the
``optional`` / ``short`` / ``date_inferred`` flags), deadlines and
contradictions, and the same-utterance clusters (statement ids). Events are
not scored yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.errors import OnrecordError


@dataclass(frozen=True, slots=True)
class GoldActor:
    name: str
    type: str  # person | organisation
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldStatement:
    id: str
    article: str
    speaker: str
    acceptable: tuple[str, ...]
    content: str
    date: str | None
    date_inferred: bool = False
    optional: bool = False
    short: bool = False

    @property
    def core(self) -> bool:
        """Scored for core recall: neither optional nor short (8 words or more)."""
        return not self.optional and not self.short


@dataclass(frozen=True, slots=True)
class GoldDeadline:
    article: str
    text: str
    due: str | None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldSide:
    article: str
    content: str


@dataclass(frozen=True, slots=True)
class GoldContradiction:
    a: GoldSide
    b: GoldSide
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldCluster:
    """Statements (gold ids, unique across the corpus) that report one utterance."""

    statements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gold:
    actors: tuple[GoldActor, ...]
    statements: tuple[GoldStatement, ...]
    deadlines: tuple[GoldDeadline, ...]
    contradictions: tuple[GoldContradiction, ...]
    clusters: tuple[GoldCluster, ...] = ()


def parse_gold(data: dict[str, Any]) -> Gold:
    """The typed gold of a parsed ``gold.json`` (raises ``KeyError``/``TypeError`` on a bad one)."""
    actors = tuple(
        GoldActor(a["name"], a.get("type", ""), tuple(a.get("aliases", ())))
        for a in data.get("actors", ())
    )
    statements = tuple(
        GoldStatement(
            id=s["id"],
            article=s["article"],
            speaker=s["speaker"],
            acceptable=tuple(s.get("acceptable_speakers") or ()),
            content=s["content"],
            date=s.get("date"),
            date_inferred=bool(s.get("date_inferred")),
            optional=bool(s.get("optional")),
            short=bool(s.get("short")),
        )
        for s in data.get("statements", ())
    )
    deadlines = tuple(
        GoldDeadline(d["article"], d["text"], d.get("due"), bool(d.get("optional")))
        for d in data.get("deadlines", ())
    )
    contradictions = tuple(
        GoldContradiction(
            GoldSide(c["a"]["article"], c["a"]["content"]),
            GoldSide(c["b"]["article"], c["b"]["content"]),
            bool(c.get("optional")),
        )
        for c in data.get("contradictions", ())
    )
    clusters = tuple(
        GoldCluster(tuple(c["statements"])) for c in data.get("statement_clusters", ())
    )
    return Gold(actors, statements, deadlines, contradictions, clusters)


def read_gold(path: Path) -> Gold:
    """``path`` (a ``gold.json``) read; a missing or malformed file is a one-line error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OnrecordError(f"{path}: cannot read the gold ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise OnrecordError(f"{path}: not JSON ({exc})") from exc
    try:
        return parse_gold(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise OnrecordError(f"{path}: not a newsdev gold file (bad or missing {exc})") from exc
