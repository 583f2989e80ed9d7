"""The user's corrections of who is who, kept in the store as rules.

Automatic resolution (:mod:`onrecord.store.actors`) will never be perfect, so
a journalist corrects it (:class:`onrecord.store.interface.ActorRule`): merge
two actors, rename one, split off the statements under one name or in one
article, or say that an "actor" is no person. A rule does two things:

1. it changes the store at once, in one transaction: statements move to
   their actor (and in SQLite's full-text index, which keeps each statement's
   actor), aliases, roles and events follow, and the per-actor summary tables
   (:mod:`onrecord.store.summaries`) are counted again for the actors touched,
   so they still equal a ``GROUP BY`` over the statements;
2. it pins the names it is about (normalized, as ``actors.norm``) to the
   actor they now mean, or to no actor: an article stored later that names a
   speaker so gets that actor before any automatic matching
   (:meth:`ActorCuration._curated`, called where articles are written).

Rules live in the store (``actor_rules``, ``actor_rule_names``), so they
survive a re-ingest (a known article changes nothing anyway); the latest rule
about a name wins. A rule can be deleted: new articles stop following it, and
what it changed stays. Rules that send names to an actor follow it when it is
merged into another, or found to be no person.

SQL here is the common subset of SQLite and PostgreSQL, run through the
store's own helpers (``?`` placeholders).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from onrecord.errors import OnrecordError
from onrecord.store.actors import name_parts, normalize
from onrecord.store.events import ACTOR_GROUPS, ADD_PARTICIPANT
from onrecord.store.interface import RULE_KINDS, ActorRule
from onrecord.store.names import close_matches
from onrecord.store.summaries import SummaryTables

#: ids per statement (SQLite limits the number of parameters)
_CHUNK = 500
#: close names offered when a name means no actor
_SUGGESTIONS = 5

_RULE_COLUMNS = (
    "id, kind, actor_id, subject, target_id, target, scope, statements, created_at, deleted_at"
)


@dataclass(frozen=True, slots=True)
class Decision:
    """What a rule says a name in a new article is: an actor, or none."""

    actor_id: int | None
    rule_id: int


@dataclass(frozen=True, slots=True)
class _Actor:
    id: int
    name: str
    norm: str
    kind: str
    roles: list[str]


def rule_summary(rule: dict[str, Any]) -> str:
    """One line saying what a rule did."""
    kind, subject, target, scope = rule["kind"], rule["subject"], rule["target"], rule["scope"]
    if kind == "merge":
        return f"merged {subject!r} into {target!r}"
    if kind == "rename":
        return f"renamed {subject!r} to {target!r}"
    if kind == "split":
        return f"split {_scope_text(scope)} off {subject!r} as {target!r}"
    what = "an organisation" if target else "no actor"
    return f"{subject!r} is not a person: {what}"


def rule_note(rule: dict[str, Any], actor_id: int) -> str:
    """What a rule says on one actor's page."""
    kind, subject, target, scope = rule["kind"], rule["subject"], rule["target"], rule["scope"]
    if kind == "merge":
        return f"merged from {subject}"
    if kind == "rename":
        return f"renamed from {subject}"
    if kind == "split" and rule["actor_id"] == actor_id:
        return f"split off: {_scope_text(scope)}, now {target}"
    if kind == "split":
        return f"split from {subject}: {_scope_text(scope)}"
    return "not a person: an organisation" if target else "not a person"


def _scope_text(scope: str | None) -> str:
    what, _, value = (scope or "").partition(":")
    if what == "article":
        return f"the statements in article #{value}"
    return f"the statements under the name {value!r}"


class ActorCuration(SummaryTables):
    """Mixin of :class:`onrecord.store.base.SqlStore` (through the writing
    mixin, which asks :meth:`_curated` first): rules applied, kept and read."""

    # provided by SqlStore
    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        raise NotImplementedError

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def _unindex_text(self, statement_ids: Sequence[int], actor_id: int) -> None:
        raise NotImplementedError

    # -- names to actors -------------------------------------------------------

    def resolve_actor(self, name: str) -> dict[str, Any]:
        actor = self._resolve(name)
        return {"id": actor.id, "name": actor.name, "kind": actor.kind}

    def _resolve(self, name: str) -> _Actor:
        """The one actor a name means: ``#id``, else the actor of that name, else
        of that alias, else of that surname."""
        text = name.strip()
        if text.removeprefix("#").isdigit():
            found = self._actor_row(int(text.removeprefix("#")))
            if found is None:
                raise OnrecordError(f"no actor #{text.removeprefix('#')} in the store")
            return found
        norm = normalize(text)
        for sql in (
            "SELECT id FROM actors WHERE norm = ?",
            "SELECT DISTINCT actor_id FROM aliases WHERE norm = ?",
            "SELECT id FROM actors WHERE last = ?",
        ):
            ids = sorted({int(r[0]) for r in self._rows(sql, (norm,))}) if norm else []
            if len(ids) == 1:
                found = self._actor_row(ids[0])
                assert found is not None
                return found
            if ids:
                actors = [a for a in map(self._actor_row, ids[:8]) if a is not None]
                listed = ", ".join(f"{a.name} (#{a.id})" for a in actors)
                more = ", …" if len(ids) > len(actors) else ""
                raise OnrecordError(
                    f"{name!r} may be any of {len(ids)} actors: {listed}{more};"
                    " give the full name or #id"
                )
        close = self.close_names(text)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise OnrecordError(f"no actor named {name!r} in the store{hint}")

    def close_names(self, text: str, n: int = _SUGGESTIONS) -> list[str]:
        """Actors' names close to ``text`` (a misspelt name, or surname: "Lavrof"
        → "Sergei Lavrov"), the closest first."""
        by_form: dict[str, str] = {}
        for (name,) in self._rows("SELECT DISTINCT name FROM actors"):
            name = str(name)
            by_form.setdefault(name.lower(), name)
            by_form.setdefault(name.split()[-1].lower() if name.split() else name.lower(), name)
        forms = close_matches(text.lower(), by_form, n=n * 3, cutoff=0.6)
        return list(dict.fromkeys(by_form[f] for f in forms))[:n]

    def _actor_row(self, actor_id: int) -> _Actor | None:
        row = self._one("SELECT id, name, norm, kind, roles FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            return None
        return _Actor(int(row[0]), row[1], row[2], row[3], list(json.loads(row[4])))

    # -- rules in --------------------------------------------------------------

    def apply_rule(self, rule: ActorRule) -> dict[str, Any]:
        if rule.kind not in RULE_KINDS:
            raise OnrecordError(f"unknown rule {rule.kind!r}: one of {', '.join(RULE_KINDS)}")
        with self.transaction():
            actor = self._actor_row(rule.actor_id)
            if actor is None:
                raise OnrecordError(f"no actor #{rule.actor_id} in the store")
            if rule.kind == "merge":
                rule_id = self._merge(actor, rule.target_id)
            elif rule.kind == "rename":
                rule_id = self._rename(actor, rule.name or "")
            elif rule.kind == "split":
                rule_id = self._split(actor, rule)
            else:
                rule_id = self._not_a_person(actor, rule.org)
            kept = self._rule_rows("WHERE id = ?", (rule_id,))
        return kept[0]

    def _merge(self, actor: _Actor, target_id: int | None) -> int:
        target = self._actor_row(target_id) if target_id is not None else None
        if target is None:
            raise OnrecordError(f"merge {actor.name!r}: no actor #{target_id} to merge it into")
        if target.id == actor.id:
            raise OnrecordError(f"{actor.name!r} (#{actor.id}) is already that actor")
        own = self._alias_norms(actor.id)
        names = {actor.norm, *own}
        moved = self._move_statements(self._statement_ids(actor.id), actor.id, target.id)
        taken = set(self._alias_norms(target.id))
        for norm in own:
            if norm not in taken:
                self._exec(
                    "UPDATE aliases SET actor_id = ? WHERE actor_id = ? AND norm = ?",
                    (target.id, actor.id, norm),
                )
        self._exec("DELETE FROM aliases WHERE actor_id = ?", (actor.id,))
        self._add_alias(target.id, actor.name)
        roles = sorted({*target.roles, *actor.roles})
        self._exec("UPDATE actors SET roles = ? WHERE id = ?", (json.dumps(roles), target.id))
        self._remap_events(actor.id, target.id)
        self._follow(actor.id, target.id)
        self._recount([actor.id, target.id])
        self._exec("DELETE FROM actors WHERE id = ?", (actor.id,))
        return self._keep("merge", actor, target.id, target.name, None, moved, names)

    def _rename(self, actor: _Actor, new: str) -> int:
        new = " ".join(new.split())
        norm = normalize(new)
        if not norm:
            raise OnrecordError(f"rename {actor.name!r}: the new name is empty")
        other = self._one("SELECT id FROM actors WHERE norm = ? AND id <> ?", (norm, actor.id))
        if other is not None:
            raise OnrecordError(
                f"rename {actor.name!r}: {new!r} is the name of actor #{other[0]};"
                " merge them instead"
            )
        self._exec(
            "UPDATE actors SET name = ?, norm = ?, last = ? WHERE id = ?",
            (new, norm, name_parts(new)[1], actor.id),
        )
        self._add_alias(actor.id, actor.name)  # searches by the old name still find them
        self._add_alias(actor.id, new)
        return self._keep("rename", actor, actor.id, new, None, 0, {actor.norm, norm})

    def _split(self, actor: _Actor, rule: ActorRule) -> int:
        if (rule.alias is None) == (rule.article_id is None):
            raise OnrecordError("split: give either an alias or an article, not both")
        if rule.alias is not None:
            alias = " ".join(rule.alias.split())
            norm = normalize(alias)
            if norm == actor.norm:
                raise OnrecordError(
                    f"split: {alias!r} is the name of {actor.name!r} itself; rename it instead"
                )
            # the speaker's name in their article (its fullest), as the article wrote it
            rows = self._rows(
                "SELECT id, speaker_name, article_id FROM statements WHERE actor_id = ?",
                (actor.id,),
            )
            under = [(int(i), int(a)) for i, sp, a in rows if normalize(sp or "") == norm]
            ids = [i for i, _ in under]
            articles = {a for _, a in under}
            if not ids:
                raise OnrecordError(
                    f"split: no statement of {actor.name!r} is under the name {alias!r}"
                )
            name, scope = rule.name or alias, f"alias:{alias}"
        else:
            ids = [
                int(r[0])
                for r in self._rows(
                    "SELECT id FROM statements WHERE actor_id = ? AND article_id = ?",
                    (actor.id, rule.article_id),
                )
            ]
            if not ids:
                raise OnrecordError(
                    f"split: {actor.name!r} has no statement in article #{rule.article_id}"
                )
            articles = {int(rule.article_id or 0)}
            name, scope = rule.name or actor.name, f"article:{rule.article_id}"
        name = " ".join(name.split())
        if not normalize(name):
            raise OnrecordError("split: the new actor's name is empty")
        new_id = self._insert_id(
            "INSERT INTO actors (name, norm, last, kind, roles) VALUES (?, ?, ?, ?, '[]')",
            (name, normalize(name), name_parts(name)[1], actor.kind),
        )
        moved = self._move_statements(ids, actor.id, new_id)
        if rule.alias is not None:
            self._exec(
                "UPDATE aliases SET actor_id = ? WHERE actor_id = ? AND norm = ?",
                (new_id, actor.id, normalize(rule.alias)),
            )
        self._add_alias(new_id, name)
        for article_id in sorted(articles):
            self._remap_events(actor.id, new_id, article_id)
        self._recount([actor.id, new_id])
        if rule.alias is None and normalize(name) == actor.norm:
            # the same name for someone else in one article: later ones still mean the actor
            return self._keep("split", actor, new_id, name, scope, moved, {actor.norm}, actor.id)
        return self._keep("split", actor, new_id, name, scope, moved, {normalize(name)})

    def _not_a_person(self, actor: _Actor, org: bool) -> int:
        names = {actor.norm, *self._alias_norms(actor.id)}
        if org:
            self._exec("UPDATE actors SET kind = 'ORG' WHERE id = ?", (actor.id,))
            return self._keep("not-a-person", actor, actor.id, actor.name, None, 0, names)
        moved = self._move_statements(self._statement_ids(actor.id), actor.id, None)
        self._exec("DELETE FROM aliases WHERE actor_id = ?", (actor.id,))
        self._remap_events(actor.id, None)
        self._follow(actor.id, None)
        self._recount([actor.id])
        self._exec("DELETE FROM actors WHERE id = ?", (actor.id,))
        return self._keep("not-a-person", actor, None, None, None, moved, names)

    def _keep(
        self,
        kind: str,
        actor: _Actor,
        target_id: int | None,
        target: str | None,
        scope: str | None,
        moved: int,
        names: Iterable[str],
        pinned_to: int | None = None,
    ) -> int:
        """Record a rule, and the names it decides for new articles: they mean
        ``target_id`` (None: no actor), or ``pinned_to`` where it is given."""
        rule_id = self._insert_id(
            "INSERT INTO actor_rules (kind, actor_id, subject, target_id, target, scope,"
            " statements, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, actor.id, actor.name, target_id, target, scope, moved, _now()),
        )
        means = pinned_to if pinned_to is not None else target_id
        rows = [(rule_id, n, means) for n in sorted(set(names)) if n]
        if rows:
            self._exec_many(
                "INSERT INTO actor_rule_names (rule_id, norm, actor_id) VALUES (?, ?, ?)", rows
            )
        return rule_id

    # -- moving statements, aliases and events --------------------------------

    def _statement_ids(self, actor_id: int) -> list[int]:
        rows = self._rows("SELECT id FROM statements WHERE actor_id = ?", (actor_id,))
        return [int(r[0]) for r in rows]

    def _alias_norms(self, actor_id: int) -> list[str]:
        return [str(r[0]) for r in self._rows(
            "SELECT norm FROM aliases WHERE actor_id = ?", (actor_id,)
        )]  # fmt: skip

    def _add_alias(self, actor_id: int, alias: str) -> None:
        norm = normalize(alias)
        if norm and not self._one(
            "SELECT 1 FROM aliases WHERE actor_id = ? AND norm = ?", (actor_id, norm)
        ):
            self._exec(
                "INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?)",
                (actor_id, alias, norm),
            )

    def _move_statements(self, ids: Sequence[int], old: int, new: int | None) -> int:
        """Give statements of actor ``old`` to ``new`` (None: no actor); the number moved."""
        self._unindex_text(ids, old)
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ", ".join("?" for _ in chunk)
            self._exec(f"UPDATE statements SET actor_id = ? WHERE id IN ({marks})", [new, *chunk])
        self._index_text(ids)  # again, under their new actor
        return len(ids)

    def _remap_events(self, old: int, new: int | None, article_id: int | None = None) -> None:
        """Actor ``old`` is ``new`` (None: no actor) in events, in all of them
        or in one article's: their participants, the sources of their statuses,
        who takes part in which group, and (when ``old`` is gone) the groups'
        keys, which name their participants by actor id (events.py)."""
        groups = sorted({int(r[0]) for r in self._rows(ACTOR_GROUPS, (old, old))})
        if not groups:
            return
        marks = ", ".join("?" for _ in groups)
        where, params = f"group_id IN ({marks})", list(groups)
        if article_id is not None:
            where, params = where + " AND article_id = ?", [*params, article_id]
        for event_id, participants in self._rows(
            f"SELECT id, participants FROM events WHERE {where}", params
        ):
            ids = set(json.loads(participants))
            if old in ids:
                ids = (ids - {old}) | ({new} if new is not None else set())
                self._exec(
                    "UPDATE events SET participants = ? WHERE id = ?",
                    (json.dumps(sorted(ids)), event_id),
                )
        self._exec(
            f"UPDATE event_statuses SET source_actor_id = ? WHERE source_actor_id = ?"
            f" AND event_id IN (SELECT id FROM events WHERE {where})",
            [new, old, *params],
        )
        # who takes part in the groups touched, derived again for both actors
        self._exec(
            f"DELETE FROM event_participants WHERE actor_id = ? AND group_id IN ({marks})",
            [old, *groups],
        )
        pairs = {
            (a, int(g))
            for g, p in self._rows(
                f"SELECT group_id, participants FROM events WHERE group_id IN ({marks})", groups
            )
            for a in json.loads(p)
            if a in (old, new)
        }
        if pairs:
            self._exec_many(ADD_PARTICIPANT, sorted(pairs))
        if article_id is None:
            self._rekey_groups(groups, old, new)

    def _rekey_groups(self, groups: Sequence[int], old: int, new: int | None) -> None:
        """Groups keyed by their participants ("type|qualifiers|actors:1,5")
        keyed by who they are now, so later mentions still join them."""
        marks = ", ".join("?" for _ in groups)
        for gid, key in self._rows(
            f"SELECT id, key FROM event_groups WHERE id IN ({marks})", list(groups)
        ):
            head, sep, ids = (key or "").rpartition("|actors:")
            if not sep:
                continue
            actors = {int(a) for a in ids.split(",") if a}
            if old not in actors:
                continue
            actors = (actors - {old}) | ({new} if new is not None else set())
            rekeyed = f"{head}|actors:{','.join(map(str, sorted(actors)))}"
            self._exec(
                "UPDATE event_groups SET key = ? WHERE id = ?",
                (rekeyed if len(actors) >= 2 else None, gid),
            )

    def _follow(self, old: int, new: int | None) -> None:
        """Rules that send names to actor ``old`` send them to ``new`` now."""
        self._exec("UPDATE actor_rules SET target_id = ? WHERE target_id = ?", (new, old))
        self._exec("UPDATE actor_rule_names SET actor_id = ? WHERE actor_id = ?", (new, old))

    # -- rules out ---------------------------------------------------------------

    def _curated(self, name: str) -> Decision | None:
        """What the latest rule in force about ``name`` (an article's name for
        an entity) says it is, if any rule does: asked before automatic matching."""
        norm = normalize(name)
        if not norm:
            return None
        rows = self._rows(
            "SELECT r.id, n.actor_id FROM actor_rule_names n JOIN actor_rules r"
            " ON r.id = n.rule_id WHERE n.norm = ? AND r.deleted_at IS NULL ORDER BY r.id DESC",
            (norm,),
        )
        for rule_id, target_id in rows:
            if target_id is None:
                return Decision(None, int(rule_id))
            if self._one("SELECT 1 FROM actors WHERE id = ?", (target_id,)):
                self._add_alias(int(target_id), name)
                return Decision(int(target_id), int(rule_id))
        return None

    def actor_rules(
        self, actor_id: int | None = None, deleted: bool = False
    ) -> list[dict[str, Any]]:
        conditions: list[str] = [] if deleted else ["deleted_at IS NULL"]
        params: list[Any] = []
        if actor_id is not None:
            conditions.append("(actor_id = ? OR target_id = ?)")
            params = [actor_id, actor_id]
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rules = self._rule_rows(where + " ORDER BY id", params)
        if actor_id is not None:
            for rule in rules:
                rule["note"] = rule_note(rule, actor_id)
        return rules

    def delete_rule(self, rule_id: int) -> dict[str, Any] | None:
        with self.transaction():
            found = self._rule_rows("WHERE id = ? AND deleted_at IS NULL", (rule_id,))
            if not found:
                return None
            now = _now()
            self._exec("UPDATE actor_rules SET deleted_at = ? WHERE id = ?", (now, rule_id))
        return {**found[0], "deleted_at": now}

    def _rule_rows(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        rows = self._rows(f"SELECT {_RULE_COLUMNS} FROM actor_rules {where}", params)
        keys = _RULE_COLUMNS.split(", ")
        out = []
        for row in rows:
            rule = dict(zip(keys, row, strict=True))
            for key in ("id", "actor_id", "target_id", "statements"):
                rule[key] = int(rule[key]) if rule[key] is not None else None
            rule["summary"] = rule_summary(rule)
            out.append(rule)
        return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
