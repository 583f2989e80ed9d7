"""Events, deadlines and contradictions in the store.

Each article's events are stored with the per-source statuses the analysis
found, linked to the statements that assert them. Across articles, mentions
of one real-world event share an event group: the same type, the same
participating actors (as actor ids, so "Lavrov" here is "Sergei Lavrov"
there) or the same place, the same qualifiers ("trilateral"), and dates no
more than a week apart where both are known. Contradictions are pairs of
statuses of one group that cannot both be true: that it happens (held,
planned, proposed) and that it does not (denied, cancelled) — across sources,
or from one source at two different times (a change of stance).

SQL here is the common subset of SQLite and PostgreSQL, run through the
store's own helpers (``?`` placeholders, one transaction per article).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from onrecord.present import event_title, human_date

#: Statuses that say an event happens, happened or will happen, and those
#: that say it does not: one of each about the same event is a contradiction.
AFFIRMING = frozenset(["held", "planned", "proposed"])
NEGATING = frozenset(["denied", "cancelled"])
#: Dated mentions further apart than this are different events.
MAX_DAYS_APART = 7
#: (actor id, group id) of event_participants, once each
ADD_PARTICIPANT = (
    "INSERT INTO event_participants (actor_id, group_id) VALUES (?, ?)"
    " ON CONFLICT (actor_id, group_id) DO NOTHING"
)
#: the event groups an actor (both parameters) takes part in (event_participants
#: mirrors events.participants) or is the source of a status of
ACTOR_GROUPS = (
    "SELECT group_id FROM event_participants WHERE actor_id = ?"
    " UNION SELECT group_id FROM event_statuses WHERE source_actor_id = ?"
)


def incompatible(a: str, b: str) -> bool:
    return (a in AFFIRMING and b in NEGATING) or (a in NEGATING and b in AFFIRMING)


#: The source name of a status the article's narration asserts.
NARRATOR = "(the article)"


def _state(due: str | None, today: str) -> str:
    """open, due (today) or overdue; unknown where no due day could be counted."""
    if not due:
        return "unknown"
    return "overdue" if due < today else "due" if due == today else "open"


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (for a limit stated in narration)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return text[left + 1 : right].strip()


def _source_of(st: dict[str, Any]) -> str:
    """Who asserts a status: the actor, else the source's name ("" for the narration)."""
    actor = st.get("source_actor_id")
    if actor is not None:
        return f"#{actor}"
    name = str(st.get("source") or "")
    return "" if name == NARRATOR else name.lower()


#: Statuses asserted further apart than this (days) are not about one occasion.
WINDOW_DAYS = 31


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two asserted dates (0 where either is unknown)."""
    if not a or not b:
        return 0
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def _strength(st: dict[str, Any]) -> tuple[int, int, int]:
    """How strong a status's evidence is: dated, a cancellation over a denial,
    more of the source's own words."""
    return (
        st.get("asserted") is not None,
        st["status"] == "cancelled",
        len(st.get("statement") or ""),
    )


def _status_items(gid: int, statuses: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One contradiction per pair of sources (or one source at two times) of an
    event group: the strongest evidence of each side, and why."""
    pairs: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for i, a in enumerate(statuses):
        for b in statuses[i + 1 :]:
            if not incompatible(a["status"], b["status"]):
                continue
            ka, kb = _source_of(a), _source_of(b)
            if not ka or not kb:
                continue  # the article's own narration is no source
            same = ka == kb
            if same and (a["asserted"] is None or a["asserted"] == b["asserted"]):
                continue  # one source, one moment: not a change of stance
            if _days_apart(a["asserted"], b["asserted"]) > WINDOW_DAYS:
                continue  # months apart: another occasion of the same kind
            yes, no = (a, b) if a["status"] in AFFIRMING else (b, a)
            pairs.setdefault((_source_of(yes), _source_of(no)), []).append((yes, no))
    out = []
    for (ka, kb), found in pairs.items():
        yes = max((y for y, _ in found), key=_strength)
        no = max((n for _, n in found), key=_strength)
        a, b = sorted((yes, no), key=lambda st: (st.get("asserted") or "", st["statement_id"]))
        same = ka == kb
        out.append(
            {
                "event": gid,
                "kind": "status",
                "relation": "stance change" if same else "across sources",
                "confidence": round(min(1.0, 0.6 + 0.1 * len(found)), 2),
                "why": f"{yes['source']} says {yes['status']}; {no['source']} says {no['status']}",
                "a": a,
                "b": b,
                "pairs": [[y["statement_id"], n["statement_id"]] for y, n in found],
            }
        )
    return out


class SqlAccess:
    """What the store's mixins use of :class:`onrecord.store.base.SqlStore` (which
    provides it): run SQL, read rows."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError


class EventQueries(SqlAccess):
    """Mixin of :class:`onrecord.store.base.SqlStore`: events in, events out."""

    # provided by SqlStore
    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        raise NotImplementedError

    def _actor_for_entity(self, ent: dict[str, Any] | None, mention: str | None) -> int | None:
        raise NotImplementedError

    # -- writing ---------------------------------------------------------------

    def _store_events(
        self,
        article_id: int,
        record: dict[str, Any],
        statement_ids: dict[str, int],
        entities: dict[str, dict[str, Any]],
    ) -> None:
        for ev in record.get("events", []):
            actors = sorted(
                a
                for a in (self._actor_for_entity(entities.get(p), None) for p in ev["participants"])
                if a is not None
            )
            place = ev.get("place_name")
            group = self._event_group(ev, actors, place)
            self._add_participants(group, actors)  # who takes part in which group, by actor
            event_id = self._insert_id(
                "INSERT INTO events (article_id, local_id, group_id, type, plover, mode, date,"
                " place, participants, participant_names, qualifiers, mentions)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    ev["id"],
                    group,
                    ev["type"],
                    ev["plover"]["type"],
                    ev["plover"]["mode"],
                    ev.get("date"),
                    place,
                    json.dumps(actors),
                    json.dumps(ev["participant_names"]),
                    json.dumps(ev.get("qualifiers", [])),
                    json.dumps(ev["mentions"]),
                ),
            )
            for st in ev["statuses"]:
                source = st["source"]
                actor = (
                    self._actor_for_entity(entities.get(source["entity"]), None)
                    if source.get("entity")
                    else None
                )
                cond = st.get("condition")
                self._exec(
                    "INSERT INTO event_statuses (event_id, group_id, status, source_actor_id,"
                    " source_name, statement_id, trigger_start, trigger_end, evidence_start,"
                    " evidence_end, condition_text, asserted)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        event_id,
                        group,
                        st["status"],
                        actor,
                        source["name"],
                        statement_ids.get(st["statement"]) if st.get("statement") else None,
                        st["trigger"][0],
                        st["trigger"][1],
                        st["evidence"][0],
                        st["evidence"][1],
                        cond["text"] if cond else None,
                        st.get("asserted"),
                    ),
                )

    def _add_participants(self, group_id: int, actor_ids: Sequence[int]) -> None:
        """Index the event's participating actors: which groups an actor takes
        part in is then a lookup, not a scan of ``events.participants``."""
        rows = [(a, group_id) for a in sorted(set(actor_ids))]
        if rows:
            self._exec_many(ADD_PARTICIPANT, rows)

    def _event_group(self, ev: dict[str, Any], actors: list[int], place: str | None) -> int:
        qualifiers = ",".join(ev.get("qualifiers", []))
        if len(actors) >= 2:
            key = f"{ev['type']}|{qualifiers}|actors:{','.join(map(str, actors))}"
        elif place:
            key = f"{ev['type']}|{qualifiers}|place:{place.lower()}"
        else:
            key = None  # nothing says which event it is: its own group
        date = ev.get("date")
        if key is not None:
            for gid, gdate in self._rows(
                "SELECT id, date FROM event_groups WHERE key = ? ORDER BY id DESC", (key,)
            ):
                if _close(date, gdate):
                    if date and not gdate:
                        self._exec("UPDATE event_groups SET date = ? WHERE id = ?", (date, gid))
                    return int(gid)
        name = _group_name(ev, place)
        return self._insert_id(
            "INSERT INTO event_groups (type, key, date, name) VALUES (?, ?, ?, ?)",
            (ev["type"], key, date, name),
        )

    # -- reading ---------------------------------------------------------------

    _STATUS_COLUMNS = (
        "es.group_id, es.status, es.source_name, es.source_actor_id, es.condition_text,"
        " es.asserted,"
        " es.evidence_start, es.evidence_end, e.article_id, ar.doc_id, ar.title, ar.url,"
        " ar.published, SUBSTR(ar.text, es.evidence_start + 1, es.evidence_end -"
        " es.evidence_start), s.id, s.content"
    )
    _STATUS_FROM = (
        " FROM event_statuses es JOIN events e ON e.id = es.event_id"
        " JOIN articles ar ON ar.id = e.article_id"
        " LEFT JOIN statements s ON s.id = es.statement_id"
    )

    def _status(self, row: Sequence[Any]) -> dict[str, Any]:
        (gid, status, source, actor, cond, asserted, es, ee, art, doc_id, title, url, published,
         evidence, sid, content) = row  # fmt: skip
        return {
            "event": int(gid),
            "status": status,
            "source": source,
            "source_actor_id": actor,
            "condition": cond,
            "asserted": asserted,
            "evidence": evidence,
            "evidence_span": [es, ee],
            "statement_id": sid,
            "statement": content,
            "article_id": int(art),
            "article": doc_id,
            "title": title,
            "url": url,
            "published": published,
        }

    def events(self, limit: int = 50, event_type: str | None = None) -> list[dict[str, Any]]:
        """Event groups, most-reported first, each with its statuses by source."""
        where = "WHERE g.type = ?" if event_type else ""
        params: list[Any] = [event_type] if event_type else []
        rows = self._rows(
            "SELECT g.id, g.type, g.name, g.date, COUNT(DISTINCT e.article_id), COUNT(es.id)"
            " FROM event_groups g JOIN events e ON e.group_id = g.id"
            f" LEFT JOIN event_statuses es ON es.event_id = e.id {where}"
            " GROUP BY g.id, g.type, g.name, g.date"
            " ORDER BY COUNT(es.id) DESC, g.id LIMIT ?",
            [*params, limit],
        )
        return [self._event_summary(r) for r in rows]

    def event(self, group_id: int) -> dict[str, Any] | None:
        row = self._one(
            "SELECT g.id, g.type, g.name, g.date, COUNT(DISTINCT e.article_id), COUNT(es.id)"
            " FROM event_groups g JOIN events e ON e.group_id = g.id"
            " LEFT JOIN event_statuses es ON es.event_id = e.id WHERE g.id = ?"
            " GROUP BY g.id, g.type, g.name, g.date",
            (group_id,),
        )
        return self._event_summary(row) if row else None

    def _event_summary(self, row: Sequence[Any]) -> dict[str, Any]:
        gid, etype, name, date, articles, _n_statuses = row
        detail = self._one(
            "SELECT plover, mode, place, participant_names FROM events WHERE group_id = ?"
            " ORDER BY id LIMIT 1",
            (gid,),
        )
        statuses = [
            self._status(r)
            for r in self._rows(
                "SELECT " + self._STATUS_COLUMNS + self._STATUS_FROM
                + " WHERE es.group_id = ? ORDER BY es.asserted, es.id",
                (gid,),
            )
        ]  # fmt: skip
        plover, mode, place, names = detail or (None, None, None, "[]")
        summary = {
            "id": int(gid),
            "type": etype,
            "name": name,
            "date": date,
            "plover": {"type": plover, "mode": mode},
            "place": place,
            "participants": json.loads(names),
            "articles": int(articles),
            "statuses": statuses,
        }
        # the name in words (participants, place, a human date): what pages and listings show
        summary["title"] = event_title(summary)
        summary["when"] = human_date(date)
        return summary

    def contradictions(self, limit: int = 100) -> list[dict[str, Any]]:
        """Pairs of statuses of one event that cannot both hold."""
        rows = self._rows(
            "SELECT " + self._STATUS_COLUMNS + self._STATUS_FROM
            + " WHERE es.status IN ('held', 'planned', 'proposed', 'denied', 'cancelled')"
            " AND es.statement_id IS NOT NULL"
            " ORDER BY es.group_id, es.asserted, es.id"
        )  # fmt: skip
        by_group: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            st = self._status(r)
            by_group.setdefault(st["event"], []).append(st)
        out: list[dict[str, Any]] = []
        for gid, statuses in by_group.items():
            out.extend(_status_items(gid, statuses))
        out.sort(key=lambda c: -c["confidence"])
        groups: dict[int, dict[str, Any]] = {}
        for gid in {int(c["event"]) for c in out}:
            found = self.event(gid)
            if found is not None:
                groups[gid] = found
        for c in out:
            ev = groups.get(int(c["event"]))
            c["event_name"] = ev["name"] if ev else None
            c["event_type"] = ev["type"] if ev else None
        return out[:limit]

    def deadlines(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Statements that set a time limit, with whether it is open, due or overdue."""
        today = (as_of or dt.date.today()).isoformat()
        rows = self._rows(
            "SELECT s.id, s.deadline, s.content, s.speaker_name, a.name, s.date, ar.doc_id,"
            " ar.title, ar.url FROM statements s JOIN articles ar ON ar.id = s.article_id"
            " LEFT JOIN actors a ON a.id = s.actor_id WHERE s.deadline IS NOT NULL"
            " ORDER BY s.id"
        )
        out = []
        for sid, deadline, content, sp_name, actor, said, doc_id, title, url in rows:
            d = json.loads(deadline)
            due = d.get("due")
            state = _state(due, today)
            out.append(
                {
                    "statement_id": int(sid),
                    "narrated_id": None,
                    "speaker": actor or sp_name,
                    "said": said,
                    "text": d.get("text"),
                    "duration": d.get("duration"),
                    "due": due,
                    "status": state,
                    "statement": content,
                    "article": doc_id,
                    "title": title,
                    "url": url,
                }
            )
        narrated = self._rows(
            "SELECT d.id, d.text, d.duration, d.due, d.set_by, d.set_on, d.span_start,"
            " d.span_end, ar.text, ar.doc_id, ar.title, ar.url FROM narrated_deadlines d"
            " JOIN articles ar ON ar.id = d.article_id ORDER BY d.id"
        )
        for (nid, text, duration, due, set_by, set_on, start, end, body, doc_id, title,
             url) in narrated:  # fmt: skip
            out.append(
                {
                    "statement_id": None,  # stated by the narration, not quoted
                    "narrated_id": int(nid),
                    "speaker": set_by,
                    "said": set_on,
                    "text": text,
                    "duration": duration,
                    "due": due,
                    "status": _state(due, today),
                    "statement": _sentence(str(body), int(start), int(end)),
                    "article": doc_id,
                    "title": title,
                    "url": url,
                }
            )
        order = {"overdue": 0, "due": 1, "open": 2, "unknown": 3}
        out.sort(key=lambda d: (order[d["status"]], d["due"] or ""))
        return out

    def iter_plover(self) -> Iterator[dict[str, Any]]:
        """One PLOVER-style record per event status (source, event, mode, context)."""
        rows = self._rows(
            "SELECT e.group_id, g.name, e.type, e.plover, e.mode, e.date, e.place,"
            " e.participant_names, es.status, es.source_name, es.condition_text, es.asserted,"
            " SUBSTR(ar.text, es.evidence_start + 1, es.evidence_end - es.evidence_start),"
            " ar.doc_id, ar.url, ar.published, es.id"
            " FROM event_statuses es JOIN events e ON e.id = es.event_id"
            " JOIN event_groups g ON g.id = e.group_id JOIN articles ar ON ar.id = e.article_id"
            " ORDER BY es.id"
        )
        for row in rows:
            (gid, name, etype, plover, mode, date, place, names, status, source, cond, asserted,
             text, doc_id, url, published, sid) = row  # fmt: skip
            participants = json.loads(names)
            yield {
                "id": f"onrecord-{sid}",
                "event_id": int(gid),
                "event_name": name,
                "event_type": plover,
                "mode": mode,
                "onrecord_type": etype,
                "event_date": date or asserted,
                "status": status,
                "condition": cond,
                "source_actor": source,
                # PLOVER's actor1 acts (the source who rejects, proposes, threatens…),
                # actor2 is acted upon; a reported event's sides otherwise
                "actor1": source if source and source != NARRATOR else _nth(participants, 0),
                "actor2": next((p for p in participants if p != source), None)
                if source and source != NARRATOR
                else _nth(participants, 1),
                "participants": participants,
                "location": place,
                "text": text,
                "story_date": published,
                "story_id": doc_id,
                "url": url,
            }


def _nth(items: Sequence[str], n: int) -> str | None:
    return items[n] if len(items) > n else None


def _close(a: str | None, b: str | None) -> bool:
    try:
        da, db = dt.date.fromisoformat(a or ""), dt.date.fromisoformat(b or "")
    except ValueError:
        return True  # an unknown or partial date does not tell two events apart
    return abs((da - db).days) <= MAX_DAYS_APART


def _group_name(ev: dict[str, Any], place: str | None) -> str:
    who = " – ".join(ev["participant_names"][:3])
    qualifiers = " ".join(ev.get("qualifiers", []))
    parts = [p for p in (who, qualifiers, ev["type"]) if p]
    name = " ".join(parts)
    if place:
        name += f" at {place}"
    if ev.get("date"):
        name += f" ({ev['date']})"
    return name
