"""An event's title in words: "Putin – Zelensky meeting in Alaska, 15 Aug
2025", never a code ("meeting (2025-04-12TMO)", "PLOVER REJECT")."""

from __future__ import annotations

from typing import Any

from onrecord.present.dates import human_date


def event_title(event: dict[str, Any]) -> str:
    """The title of an event summary as the store reads it (``type``,
    ``participants``, ``place``, ``date``, ``statuses``): its participants and
    type, then where and when; with neither participant nor place, who mentions it."""
    kind = str(event.get("type") or "event")
    names = [str(p) for p in event.get("participants") or [] if p]
    if names:
        title = " – ".join(names[:3]) + (" and others" if len(names) > 3 else "") + f" {kind}"
    else:
        title = kind[:1].upper() + kind[1:]
    if event.get("place") and event["place"] not in names:
        title += f" in {event['place']}"
    when = human_date(event.get("date"))
    if when:
        title += f", {when}"
    if not names and not event.get("place"):
        title += _mentioned(event.get("statuses") or [])
    return title


def _mentioned(statuses: list[dict[str, Any]]) -> str:
    """ ", mentioned by Trump" (the first source), or ", mentioned in <article>"
    where the article tells of it in its own voice."""
    for st in statuses:
        source = st.get("source")
        if source and not str(source).startswith("("):
            return f", mentioned by {source}"
    for st in statuses:
        where = st.get("title") or st.get("article")
        if where:
            return f", mentioned in {where}"
    return ""
