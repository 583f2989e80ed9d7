"""What the rest of onrecord sees of the store: the :class:`Store` interface
and the small records it takes and gives.

Every method the CLI, the web layer and the corpus loaders call is here, so
they hold a ``Store`` and never reach for a backend class;
:class:`onrecord.store.base.SqlStore` and its SQLite and PostgreSQL backends
implement it (mypy checks that they do, where ``open_store`` returns them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self

from onrecord.store.summaries import MAX_POINTS


@dataclass(frozen=True, slots=True)
class AddResult:
    status: str  # "stored" | "duplicate" | "near-duplicate"
    article_id: int
    duplicate_of: int | None = None
    similarity: float | None = None
    #: stored as a new version of this article (same URL, text no near-duplicate of it)
    version_of: int | None = None


#: One analyzed article ready to store, as :meth:`Store.add` takes it:
#: (record, content hash, MinHash signature, its bands, origin).
PreparedArticle = tuple[dict[str, Any], str, Sequence[int] | None, Sequence[int] | None, str | None]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str | None = None
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    article: int | None = None
    limit: int = 20
    offset: int = 0
    #: the outlet: a web domain ("reuters.com" also finds "uk.reuters.com")
    outlet: str | None = None
    #: an event (group) id: the statements that are a source's words about it
    event: int | None = None
    #: "date" (newest first) or "relevance" (best match to ``text`` first)
    sort: str = "date"

    def __post_init__(self) -> None:
        # a NUL means nothing in a search, and SQLite's FTS5 parser and PostgreSQL
        # both refuse it: it separates words, as a space would
        for name in ("text", "speaker"):
            value = getattr(self, name)
            if value is not None and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", " "))


#: the kinds of :class:`ActorRule`
RULE_KINDS = ("merge", "rename", "split", "not-a-person")


@dataclass(frozen=True, slots=True)
class ActorRule:
    """A user's correction of who is who (:mod:`onrecord.store.curation`):

    - ``merge``: actor ``actor_id`` is actor ``target_id`` (its statements and
      names join it, and it is gone);
    - ``rename``: actor ``actor_id`` is called ``name``;
    - ``split``: the statements of ``actor_id`` under the name ``alias``, or
      those in article ``article_id``, are another actor's (called ``name``,
      by default the alias, or the actor's own name for an article);
    - ``not-a-person``: ``actor_id`` is no speaker at all (its statements keep
      their speaker's name but no actor), or, with ``org``, an organisation.
    """

    kind: str
    actor_id: int
    target_id: int | None = None
    name: str | None = None
    alias: str | None = None
    article_id: int | None = None
    org: bool = False


class Store(Protocol):
    """Articles and their statements, actors and events, kept for search.

    A context manager: ``with open_store(url) as store:`` closes it at the end.
    Pages (``*_page``, ``event_ids``) are keyset pages: ``after`` is the key of
    the last item of the previous page."""

    # -- writing ---------------------------------------------------------------

    def known(self, url: str | None, content_hash: str, text: str | None = None) -> int | None:
        """The id of the stored article this one repeats: the same content hash,
        or the latest version at this URL when ``text`` is a near-duplicate of
        it (or not given); None for a new article or a new version."""
        ...

    def add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[int] | None = None,
        origin: str | None = None,
    ) -> AddResult:
        """Store one analyzed article in one transaction; a known one is not stored again."""
        ...

    def add_many(self, items: Sequence[PreparedArticle]) -> list[AddResult]:
        """Store many articles in one transaction, each as :meth:`add` would."""
        ...

    # -- statements ------------------------------------------------------------

    def search(self, query: SearchQuery) -> list[dict[str, Any]]: ...
    def statements_page(
        self, query: SearchQuery, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]: ...
    def statements(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The statements with these ids, in this order (unknown ids left out)."""
        ...

    def iter_statements(self) -> Iterator[dict[str, Any]]: ...
    def speaker_ids(self, speaker: str) -> list[int]:
        """The actors a speaker filter means (``#12``, a name, alias or surname)."""
        ...

    def count(self, query: SearchQuery, cap: int | None = None) -> int:
        """How many statements ``query`` finds (its limit and offset aside);
        with ``cap``, counting stops past it (``cap + 1`` means "more")."""
        ...

    def facets(
        self, query: SearchQuery, top: int = 10, sample: int = 100,
        ids: Sequence[int] | None = None,
    ) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
        """Counts of the newest ``sample`` statements ``query`` finds by speaker,
        kind, outlet and month: each ``{"value", "label", "count"}``, the
        largest ``top`` first. ``ids``: those newest statements, where the
        caller has them already (:meth:`newest_ids`)."""
        ...

    def newest_ids(self, query: SearchQuery, n: int) -> list[int]:
        """The ids of the ``n`` newest statements ``query`` finds."""
        ...

    def outlets(self) -> list[tuple[str, int]]:
        """Each outlet (web domain) with its number of articles, most first."""
        ...

    # -- articles --------------------------------------------------------------

    def articles_page(
        self, limit: int = 20, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]: ...
    def article(self, article_id: int) -> dict[str, Any] | None: ...
    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """The versions of an article (same URL, linked by ``previous_version``),
        oldest first, numbered from 1; [] for no such article."""
        ...

    def list_articles(
        self, q: str | None = None, outlet: str | None = None, sort: str = "newest",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
        """A numbered page of articles (title contains ``q``, from ``outlet``,
        in a named order of :data:`~onrecord.store.listings.ARTICLE_SORTS`) and the total."""
        ...

    # -- actors ----------------------------------------------------------------

    def actor(self, name: str) -> dict[str, Any] | None: ...
    def actors(self, top: int = 20) -> list[dict[str, Any]]: ...
    def actors_page(self, limit: int = 20, after: int | None = None) -> list[dict[str, Any]]: ...
    def list_actors(
        self, q: str | None = None, kind: str | None = None, sort: str = "statements",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]: ...  # fmt: skip
    def actor_by_id(
        self, actor_id: int, recent: int = 50, days: bool = True
    ) -> dict[str, Any] | None: ...
    def actor_activity(
        self, actor_id: int, max_points: int = MAX_POINTS, finest: str = "day"
    ) -> tuple[str, list[tuple[str, int]]]: ...

    # -- the user's rules about actors (curation.py) ---------------------------

    def resolve_actor(self, name: str) -> dict[str, Any]:
        """The one actor ``name`` (a name, alias, surname or ``#id``) means:
        id, name and kind; an :class:`~onrecord.errors.OnrecordError` of one
        line, with close names, when none or several may be meant."""
        ...

    def apply_rule(self, rule: ActorRule) -> dict[str, Any]:
        """Apply ``rule`` to the stored statements, actors and events at once,
        and keep it, so that articles stored later follow it; the rule kept."""
        ...

    def actor_rules(
        self, actor_id: int | None = None, deleted: bool = False
    ) -> list[dict[str, Any]]:
        """The rules kept, oldest first (those about one actor, with a note as
        seen from that actor; deleted ones too if ``deleted``)."""
        ...

    def delete_rule(self, rule_id: int) -> dict[str, Any] | None:
        """Stop following a rule for new articles (what it changed stays); the
        rule, or None if there is no such rule in force."""
        ...

    # -- events ----------------------------------------------------------------

    def events(self, limit: int = 50, event_type: str | None = None) -> list[dict[str, Any]]: ...
    def event_ids(
        self, limit: int = 20, after: int | None = None, event_type: str | None = None
    ) -> list[int]: ...
    def event(self, group_id: int) -> dict[str, Any] | None: ...
    def list_events(
        self, event_type: str | None = None, q: str | None = None, sort: str = "sources",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]: ...  # fmt: skip
    def event_types(self) -> list[tuple[str, int]]: ...
    def contradictions(self, limit: int = 100) -> list[dict[str, Any]]: ...
    def deadlines(self, as_of: dt.date | None = None) -> list[dict[str, Any]]: ...
    def iter_plover(self) -> Iterator[dict[str, Any]]: ...

    # -- cached statement vectors (positions) ---------------------------------

    def vectors(self, model: str) -> dict[int, bytes]: ...
    def save_vectors(self, model: str, vectors: Sequence[tuple[int, bytes]]) -> None: ...
    def vector_count(self, model: str) -> int:
        """How many statements have a cached content vector of ``model``."""
        ...

    def resolve_descriptions(self) -> int: ...
    def topic_model(self, model: str) -> list[tuple[int, str, float, bytes]]: ...
    def save_topic_model(
        self, model: str, threshold: float, topics: Sequence[tuple[int, str, bytes]]
    ) -> None: ...

    # -- the store itself ------------------------------------------------------

    def stats(self) -> dict[str, Any]: ...
    def version(self) -> int:
        """A number that grows whenever the content changes (for caches)."""
        ...

    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
