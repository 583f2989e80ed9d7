"""An article's text as HTML with its statements marked: the speaker, the cue
and the content of each, every statement's words wrapped in an element with
``id="s<statement id>"`` (the target of every link to it), a statement
reported inside another's words nested inside it.

HTML is built here by joining escaped pieces (one article can hold hundreds
of marks; a template loop over them would be slow), never from raw text.
"""

from __future__ import annotations

import itertools
from typing import Any

from markupsafe import Markup, escape

#: a mark's priority where marks overlap: the speaker over the cue over the content
_RANK = {"speaker": 3, "cue": 2, "content": 1}

Mark = tuple[int, int, str, dict[str, Any]]


def speaker_name(st: dict[str, Any]) -> str:
    """Who said it, as a page shows them ("unknown speaker", never "None")."""
    return str(st.get("speaker") or st.get("speaker_text") or "unknown speaker")


def extent(st: dict[str, Any]) -> tuple[int, int] | None:
    """From the start of a statement's content to its end."""
    spans = st.get("spans") or []
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def nesting(statements: list[dict[str, Any]]) -> dict[int, int]:
    """Each statement reported inside another's words (its content within the
    other's): its id → the id of the innermost statement holding it."""
    spans = {st["id"]: e for st in statements if (e := extent(st)) is not None}
    parent: dict[int, int] = {}
    for iid, inner in spans.items():
        holders = [
            (outer[1] - outer[0], oid) for oid, outer in spans.items()
            if oid != iid and outer != inner and outer[0] <= inner[0] and inner[1] <= outer[1]
        ]  # fmt: skip
        if holders:
            parent[iid] = min(holders)[1]
    return parent


def _marks(statements: list[dict[str, Any]]) -> list[Mark]:
    marks: list[Mark] = []
    for st in statements:
        for a, b in st.get("spans") or []:
            marks.append((a, b, "content", st))
        if st.get("cue_span"):
            marks.append((*st["cue_span"], "cue", st))
        if st.get("speaker_span"):
            marks.append((*st["speaker_span"], "speaker", st))
    return marks


def _wrappers(
    statements: list[dict[str, Any]], n: int
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """(start, end, id) of the statements whose words nest in one another, and
    (position, id) anchors for those whose words cross another's."""
    ranges = sorted(
        ((max(0, e[0]), min(n, e[1]), st["id"]) for st in statements if (e := extent(st))),
        key=lambda r: (r[0], -r[1], r[2]),
    )
    kept: list[tuple[int, int, int]] = []
    anchors: list[tuple[int, int]] = []
    open_: list[tuple[int, int, int]] = []
    for start, end, sid in ranges:
        while open_ and open_[-1][1] <= start:
            open_.pop()
        if start >= end or (open_ and end > open_[-1][1]):
            anchors.append((start, sid))
            continue
        kept.append((start, end, sid))
        open_.append((start, end, sid))
    return kept, anchors


def article_html(text: str, statements: list[dict[str, Any]]) -> Markup:
    """The text with every statement marked (see the module's note)."""
    n = len(text)
    marks = _marks(statements)
    wrappers, anchors = _wrappers(statements, n)
    cuts = sorted(
        {0, n}
        | {max(0, min(n, p)) for a, b, _, _ in marks for p in (a, b)}
        | {p for a, b, _ in wrappers for p in (a, b)}
        | {p for p, _ in anchors}
    )
    opens: dict[int, list[tuple[int, int, int]]] = {}
    for w in wrappers:
        opens.setdefault(w[0], []).append(w)
    anchor_at: dict[int, list[int]] = {}
    for p, sid in anchors:
        anchor_at.setdefault(p, []).append(sid)
    out: list[str] = []
    stack: list[int] = []  # ends of the open wrappers
    for a, b in itertools.pairwise(cuts):
        while stack and stack[-1] <= a:
            stack.pop()
            out.append("</span>")
        for _start, end, sid in sorted(opens.get(a, []), key=lambda w: -w[1]):
            out.append(f'<span class="statement" id="s{sid}">')
            stack.append(end)
        for sid in anchor_at.get(a, []):
            out.append(f'<span class="anchor" id="s{sid}"></span>')
        if a < b:
            out.append(_piece(text[a:b], _best(marks, a, b)))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def _best(marks: list[Mark], a: int, b: int) -> Mark | None:
    """The mark a piece shows: the highest kind, then the innermost."""
    best: Mark | None = None
    for m in marks:
        inside = m[0] <= a and b <= m[1]
        if inside and (
            best is None or (_RANK[m[2]], best[1] - best[0]) > (_RANK[best[2]], m[1] - m[0])
        ):
            best = m
    return best


def _piece(text: str, mark: Mark | None) -> str:
    words = escape(text)
    if mark is None:
        return str(words)
    kind, st = mark[2], mark[3]
    title = escape(f"{speaker_name(st)} ({st.get('kind')})")
    if kind == "speaker":
        if st.get("actor_id"):
            href = f"/actors/{int(st['actor_id'])}"
            return f'<a class="speaker" href="{href}" title="{title}">{words}</a>'
        return f'<span class="speaker" title="{title}">{words}</span>'
    if kind == "cue":
        return f'<span class="cue" title="{title}">{words}</span>'
    return f'<mark class="content" title="{title}">{words}</mark>'
