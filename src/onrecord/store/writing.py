"""Articles and their statements into the store, and the actors who speak.

Each article is written in one transaction together with its statements (and
their actors, events and summary counts), so an interrupted ingest never leaves
half an article; adding an article already stored (same URL or same normalized
content) changes nothing. Speakers become actors (matched to known ones by
:mod:`onrecord.store.actors`), with the ways their names are written kept as aliases.

SQL here is the common subset of SQLite and PostgreSQL, run through the
store's own helpers (``?`` placeholders).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from onrecord.store.actors import KnownActor, match_actor, normalize
from onrecord.store.curation import ActorCuration
from onrecord.store.events import EventQueries
from onrecord.store.interface import AddResult, PreparedArticle
from onrecord.store.names import (
    actor_kind,
    described_person,
    leading_name,
    role_words,
    same_role,
    surname_prefixes,
    trailing_name,
)
from onrecord.store.summaries import SummaryTables

#: Words that link the role words of a description ("minister of Oman").
_LINKING = frozenset(["of", "for", "to", "in", "at", "on", "and", "the"])

#: Speakers of these kinds become actors; descriptions without a name
#: ("Pentagon officials") stay speaker text on their statement.
ACTOR_KINDS = ("PERSON", "ORG", "GPE", "NORP")


def sort_date(date: str | None, published: str | None) -> str | None:
    """A full YYYY-MM-DD to order statements by: its own date if it is a
    day, else the article's publication date."""
    if date and len(date) == 10 and date[4] == "-" and date[7] == "-" and date[:4].isdigit():
        return date
    return published


class ArticleWriting(ActorCuration, EventQueries, SummaryTables):
    """Mixin of :class:`onrecord.store.base.SqlStore`: articles, statements and
    actors in. Builds on the events and summary mixins, whose tables each
    article's transaction also writes."""

    # provided by SqlStore
    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        raise NotImplementedError

    # -- writing ---------------------------------------------------------------

    def known(self, url: str | None, content_hash: str, text: str | None = None) -> int | None:
        """The stored article this one repeats: one with the same normalized
        text, or the latest version at its URL when ``text`` is within
        near-duplicate similarity of it (any text, when ``text`` is not
        given). Else None: a new article, or a new version at a stored URL."""
        row = self._one("SELECT id FROM articles WHERE content_hash = ?", (content_hash,))
        if row is not None:
            return int(row[0])
        latest = self._latest_version(url)
        if latest is None or (text is not None and not self._same_version(latest, text)):
            return None
        return latest

    def _latest_version(self, url: str | None) -> int | None:
        """The newest article stored at ``url`` (a URL's versions are one chain)."""
        if not url:
            return None
        row = self._one("SELECT MAX(id) FROM articles WHERE url = ?", (url,))
        return int(row[0]) if row is not None and row[0] is not None else None

    def _same_version(self, article_id: int, text: str) -> bool:
        """Whether ``text`` is a near-duplicate of stored article ``article_id``'s
        (an edit too small to be a new version)."""
        from onrecord.store.dedupe import NEAR_DUPLICATE_THRESHOLD, signature, similarity

        row = self._one("SELECT sig FROM signatures WHERE article_id = ?", (article_id,))
        if row is not None:
            stored = json.loads(row[0])
        else:  # a syndicated copy keeps no signature of its own
            found = self._one("SELECT text FROM articles WHERE id = ?", (article_id,))
            stored = signature(str(found[0]) if found else "")
        return similarity(signature(text), stored) >= NEAR_DUPLICATE_THRESHOLD

    def add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[int] | None = None,
        origin: str | None = None,
    ) -> AddResult:
        url, text = record.get("url"), record["text"]
        existing = self.known(url, content_hash, text)
        if existing is not None:
            return AddResult("duplicate", existing, existing)
        with self.transaction():
            # another process may have stored it since the check above
            existing = self.known(url, content_hash, text)
            if existing is not None:
                return AddResult("duplicate", existing, existing)  # nothing written
            return self._add(record, content_hash, signature, bands, origin)

    def add_many(self, items: Sequence[PreparedArticle]) -> list[AddResult]:
        """Store many articles (record, content hash, signature, bands, origin) in one
        transaction, for bulk loading: each as ``add`` would, known ones skipped. On any
        failure none of them is stored: every article stays all-or-nothing, and a re-run
        resumes."""
        results: list[AddResult] = []
        with self.transaction():
            for record, content_hash, signature, bands, origin in items:
                existing = self.known(record.get("url"), content_hash, record["text"])
                if existing is not None:
                    results.append(AddResult("duplicate", existing, existing))
                    continue
                results.append(self._add(record, content_hash, signature, bands, origin))
        return results

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """The versions of the article at ``article_id``'s URL, oldest first, each
        ``{"version", "id", "doc_id", "title", "published", "ingested_at",
        "previous_version", "n_statements"}`` (the article alone if it has no
        URL or one version; [] if there is no such article)."""
        row = self._one("SELECT url FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return []
        keys = ("id", "doc_id", "title", "published", "ingested_at", "previous_version",
                "n_statements")  # fmt: skip
        columns = ", ".join(keys)
        if row[0] is None:
            rows = self._rows(f"SELECT {columns} FROM articles WHERE id = ?", (article_id,))
        else:
            rows = self._rows(
                f"SELECT {columns} FROM articles WHERE url = ? ORDER BY id", (row[0],)
            )
        return [{"version": n, **dict(zip(keys, r, strict=True))} for n, r in enumerate(rows, 1)]

    def _add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None,
        bands: Sequence[int] | None,
        origin: str | None,
    ) -> AddResult:
        near, similarity = self._near_duplicate(signature, bands)
        # a stored URL with text that is no near-duplicate of it: a new version
        previous = self._latest_version(record.get("url"))
        statements = record["statements"] if near is None else []
        article_id = self._insert_id(
            "INSERT INTO articles (doc_id, url, content_hash, title, published, text, origin,"
            " duplicate_of, similarity, n_statements, ingested_at, previous_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record.get("url"),
                content_hash,
                record.get("title"),
                record.get("published"),
                record["text"],
                origin,
                near,
                similarity,
                len(statements),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                previous,
            ),
        )
        if signature is not None and near is None:
            self._exec(
                "INSERT INTO signatures (article_id, sig) VALUES (?, ?)",
                (article_id, json.dumps(list(signature))),
            )
            for band, value in enumerate(bands or ()):
                self._exec(
                    "INSERT INTO minhash_bands (band, value, article_id) VALUES (?, ?, ?)",
                    (band, value, article_id),
                )
        if near is not None:
            # a syndicated copy: linked to the original, its statements are
            # the original's and are not counted twice
            return AddResult("near-duplicate", article_id, near, similarity, previous)
        entities = {e["id"]: e for e in record.get("entities", [])}
        ids = []
        stored: list[tuple[int | None, str | None]] = []  # (actor, sort_date) per statement
        for st in statements:
            actor_id = self._actor_for(st, entities)
            day = sort_date(st.get("date"), record.get("published"))
            ids.append(self._insert_statement(article_id, st, actor_id, day))
            stored.append((actor_id, day))
        self._index_text(ids)
        self._count_statements(stored)
        statement_ids = {st["id"]: sid for st, sid in zip(statements, ids, strict=True)}
        self._store_events(article_id, record, statement_ids, entities)
        self._exec_many(
            "INSERT INTO narrated_deadlines (article_id, text, span_start, span_end, duration,"
            " due, set_by, set_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, d["text"], d["span"][0], d["span"][1], d.get("duration"),
                 d.get("due"), d.get("set_by"), d.get("set_on"))
                for d in record.get("deadlines", ())
            ],
        )  # fmt: skip
        return AddResult("stored", article_id, version_of=previous)

    def _insert_statement(
        self, article_id: int, st: dict[str, Any], actor_id: int | None, day: str | None
    ) -> int:
        sp, cue = st["speaker"], st["cue"]
        return self._insert_id(
            "INSERT INTO statements (article_id, local_id, kind, actor_id, speaker_name,"
            " speaker_text, speaker_start, speaker_end, cue_text, cue_start, cue_end, content,"
            " spans, date, date_basis, sort_date, deadline)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                st["id"],
                st["kind"],
                actor_id,
                sp["name"],
                sp.get("text"),
                sp["span"][0] if sp["span"] else None,
                sp["span"][1] if sp["span"] else None,
                cue["text"] if cue else None,
                cue["span"][0] if cue else None,
                cue["span"][1] if cue else None,
                st["content"]["text"],
                json.dumps(st["content"]["spans"]),
                st.get("date"),
                st.get("date_basis"),
                day,
                json.dumps(st["deadline"]) if st.get("deadline") else None,
            ),
        )

    def _near_duplicate(
        self, signature: Sequence[int] | None, bands: Sequence[int] | None
    ) -> tuple[int | None, float | None]:
        if signature is None or not bands:
            return None, None
        from onrecord.store.dedupe import NEAR_DUPLICATE_THRESHOLD, similarity

        clauses = " OR ".join("(band = ? AND value = ?)" for _ in bands)
        params: list[Any] = [x for pair in enumerate(bands) for x in pair]
        rows = self._rows(
            f"SELECT DISTINCT s.article_id, s.sig FROM minhash_bands b JOIN signatures s"
            f" ON s.article_id = b.article_id WHERE {clauses}",
            params,
        )
        best: tuple[float, int] | None = None
        for article_id, sig in rows:
            sim = similarity(list(signature), json.loads(sig))
            if sim >= NEAR_DUPLICATE_THRESHOLD and (best is None or sim > best[0]):
                best = (sim, int(article_id))
        return (best[1], round(best[0], 3)) if best else (None, None)

    def _actor_for(self, st: dict[str, Any], entities: dict[str, dict[str, Any]]) -> int | None:
        eid = st["speaker"].get("entity")
        ent = entities.get(eid) if eid else None
        if ent is None:
            # the name, else the words written ("an adviser to the minister, Omar Haddad")
            ent = self._named_in(st["speaker"].get("name")) or self._named_in(
                st["speaker"].get("text")
            )
        if ent is None:
            ent = described_person(st["speaker"].get("name") or "", entities.values())
        actor = self._actor_for_entity(ent, st["speaker"].get("text"))
        if actor is None and eid is None:
            # "the foreign minister of Oman": the one person other articles describe so
            actor = self._described_actor(st["speaker"].get("name") or "")
        return actor

    def resolve_descriptions(self) -> int:
        """Give the statements left without an actor the one known person their
        speaker's description now fits (roles gather as articles come in: the
        article that first says "the foreign minister of Oman" may come before
        the one that says "Omani Foreign Minister Badr Albusaidi"). Returns
        how many statements got an actor."""
        names = [
            str(n)
            for (n,) in self._rows(
                "SELECT DISTINCT speaker_name FROM statements"
                " WHERE actor_id IS NULL AND speaker_name IS NOT NULL"
            )
        ]
        found = {
            n: a
            for n in names
            # the user's rules about a name come first (curation.py)
            if self._curated(n) is None and (a := self._described_actor(n)) is not None
        }
        if not found:
            return 0
        with self.transaction():
            before = self._one("SELECT COUNT(*) FROM statements WHERE actor_id IS NULL")
            for name, actor in found.items():
                self._exec(
                    "UPDATE statements SET actor_id = ?"
                    " WHERE actor_id IS NULL AND speaker_name = ?",
                    (actor, name),
                )
            after = self._one("SELECT COUNT(*) FROM statements WHERE actor_id IS NULL")
            self._recount(sorted(set(found.values())))
        return int(before[0] if before else 0) - int(after[0] if after else 0)

    def _described_actor(self, description: str) -> int | None:
        """The one known person whose roles (gathered from every article) hold
        all the role words of ``description``, of two words or more ("foreign
        minister of Oman" is the actor described "Omani Foreign Minister")."""
        # a longer description is still one office ("head of the International
        # Atomic Energy Agency (IAEA)"), when every word of it fits
        words = (role_words(description, most=8) or set()) - _LINKING
        if len(words) < 2:
            return None
        key = max(words, key=len)[:4]
        rows = self._rows(
            "SELECT id, roles FROM actors WHERE kind = 'PERSON' AND roles LIKE ?",
            (f'%"{key}%',),
        )
        fits = [
            int(i)
            for i, roles in rows
            if all(any(same_role(w, r) for r in json.loads(roles)) for w in words)
        ]
        return fits[0] if len(fits) == 1 else None

    def _named_in(self, description: str | None) -> dict[str, Any] | None:
        """A speaker the article gave no entity, whose description ends in a
        person's name ("Spokesperson for the Foreign Ministry Esmaeil Baqaei"):
        that person, when known, or when the name stands apart after a comma."""
        found = trailing_name(description or "")
        if found is None:
            return None
        name, appositive = found
        known = match_actor(name, "PERSON", (), self._candidates(name)).actor_id is not None
        if not (appositive or known):
            return None
        return {"name": name, "type": "PERSON", "descriptors": []}

    def _actor_for_entity(self, ent: dict[str, Any] | None, mention: str | None) -> int | None:
        """The actor an article's entity is, created if new (see actors.py)."""
        if ent is None or ent["type"] not in ACTOR_KINDS:
            return None
        name = leading_name(ent["name"]) if ent["type"] == "PERSON" else ent["name"]
        decided = self._curated(name)  # the user's rules come first (curation.py)
        if decided is not None:
            return decided.actor_id
        kind = actor_kind(name, ent["type"])  # "BREAKING", "Patriot Coal" are no people
        if kind is None:
            return None
        roles = frozenset(ent.get("descriptors", []))
        known = self._candidates(name)
        match = match_actor(name, kind, roles, known)
        if match.actor_id is None:
            actor_id = self._insert_id(
                "INSERT INTO actors (name, norm, last, kind, roles) VALUES (?, ?, ?, ?, ?)",
                (name, normalize(name), _last(name), kind, json.dumps(sorted(roles))),
            )
        else:
            actor_id = match.actor_id
            row = self._one("SELECT roles FROM actors WHERE id = ?", (actor_id,))
            merged = sorted(set(json.loads(row[0]) if row else []) | roles)
            if match.upgrade_kind:
                self._exec(
                    "UPDATE actors SET kind = ? WHERE id = ?", (match.upgrade_kind, actor_id)
                )
            if match.upgrade_name:
                self._exec(
                    "UPDATE actors SET name = ?, norm = ?, roles = ? WHERE id = ?",
                    (name, normalize(name), json.dumps(merged), actor_id),
                )
            else:
                self._exec(
                    "UPDATE actors SET roles = ? WHERE id = ?", (json.dumps(merged), actor_id)
                )
        for alias in {name, mention or ""}:
            if _name_like(alias, name):
                self._add_alias(actor_id, alias)
        return actor_id

    def _candidates(self, name: str) -> list[KnownActor]:
        """Known actors ``name`` may be: the same name or surname, and people and
        organisations whose surname starts with a letter its spellings may start
        with (see :func:`onrecord.store.names.surname_prefixes`), for
        :func:`match_actor` to compare by spelling key."""
        prefixes = surname_prefixes(name)
        ranges = " OR ".join("(last >= ? AND last < ?)" for _ in prefixes)
        params: list[Any] = [_last(name), normalize(name)]
        params += [x for p in prefixes for x in (p, p[:-1] + chr(ord(p[-1]) + 1))]
        rows = self._rows(
            "SELECT id, name, kind, roles FROM actors WHERE last = ? OR norm = ?"
            + (f" OR (kind IN ('PERSON', 'ORG') AND ({ranges}))" if prefixes else ""),
            params,
        )
        return [KnownActor(int(i), n, k, frozenset(json.loads(r))) for i, n, k, r in rows]


def _name_like(alias: str, name: str) -> bool:
    """An alias worth keeping: a way of writing the name ("Lavrov", "Russian
    Foreign Minister Sergei Lavrov"), not a phrase about the person
    ("Lavrov's remarks on Friday")."""
    words = normalize(alias).split()
    return (
        bool(words)
        and alias[:1].isupper()
        and len(words) <= 6
        and "'s" not in alias
        and "’s" not in alias
        and words[-1] == _last(name)
    )


def _last(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""
