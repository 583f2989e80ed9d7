"""Score event mentions and their time anchoring against NewsReader MEANTIME
(``onrecord eval events ../shared/data/meantime``).

MEANTIME annotates, per Wikinews article, tokens, EVENT_MENTIONs (with the
class of the event instance they refer to: SPEECH_COGNITIVE, OTHER,
GRAMMATICAL, MIX), TIMEX3s (with the document creation time) and TLINKs
between them. The text is rebuilt from the tokens (keeping each token's
offsets), the real pipeline runs on it, and:

* event mentions: precision / recall / F1 by token overlap, overall and
  recall per gold class (speech and cognitive events included);
* time anchoring, over matched mentions: where the gold links the event to a
  time expression of the text (not the creation time) with IS_INCLUDED,
  INCLUDES, SIMULTANEOUS or DURING, whether the predicted anchor has the same
  value; and where the gold relates the event to the creation time (BEFORE,
  AFTER, INCLUDES, IS_INCLUDED, …), whether the predicted tense-based relation
  agrees (BEFORE / AFTER / overlapping).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.contract import from_json
from onrecord.errors import OnrecordError
from onrecord.eval.polnear import prf
from onrecord.pipeline import analyze_stream
from onrecord.records import Article, EventMention

_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "%", ")", "]", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m", "’s"}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "$", "#"}
_ANCHORING = {"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING", "DURING_INV", "IDENTITY"}
_INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE",
            "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEGINS": "BEGUN_BY",
            "BEGUN_BY": "BEGINS", "ENDS": "ENDED_BY", "ENDED_BY": "ENDS"}  # fmt: skip
#: Gold relations to the creation time, folded to what tense can tell.
_DCT_FOLD = {"BEFORE": "BEFORE", "IBEFORE": "BEFORE", "ENDS": "BEFORE", "AFTER": "AFTER",
             "IAFTER": "AFTER", "BEGUN_BY": "AFTER", "INCLUDES": "INCLUDES",
             "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "INCLUDES", "BEGINS": "INCLUDES",
             "ENDED_BY": "INCLUDES"}  # fmt: skip


@dataclass(slots=True)
class GoldEvent:
    start: int
    end: int
    cls: str
    time: str | None = None  # value of an anchoring time expression in the text
    dct: str | None = None  # BEFORE / AFTER / INCLUDES relative to the creation time


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    dct: dt.date | None
    events: list[GoldEvent] = field(default_factory=list)


def read_meantime(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sentence = None
    prev_text = ""
    for tok in root.iter("token"):
        text = tok.text or ""
        sentence = tok.get("sentence")
        if prev_sentence is not None and sentence != prev_sentence:
            sep = "\n\n" if prev_sentence == "0" else " "
        elif not parts or text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        prev_sentence, prev_text = sentence, text
    doc = GoldDoc(root.get("doc_name", path.stem), "".join(parts), None)
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        return doc

    def span(el: ET.Element) -> tuple[int, int] | None:
        anchors = [offsets[a.get("t_id", "")] for a in el.iter("token_anchor")]
        anchors = [a for a in anchors if a]
        return (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None

    timex: dict[str, tuple[str, bool]] = {}
    for el in markables.iter("TIMEX3"):
        value = el.get("value", "")
        is_dct = el.get("functionInDocument") == "CREATION_TIME"
        timex[el.get("m_id", "")] = (value, is_dct)
        if is_dct:
            with contextlib.suppress(ValueError):
                doc.dct = dt.date.fromisoformat(value[:10])
    classes = {el.get("m_id", ""): el.get("class", "") for el in markables.iter("EVENT")}
    instance_of: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    if relations is not None:
        for rel in relations.iter("REFERS_TO"):
            src, tgt = rel.find("source"), rel.find("target")
            if src is not None and tgt is not None:
                instance_of[src.get("m_id", "")] = tgt.get("m_id", "")
        for rel in relations.iter("TLINK"):
            src, tgt = rel.find("source"), rel.find("target")
            if src is not None and tgt is not None:
                links.append((src.get("m_id", ""), tgt.get("m_id", ""), rel.get("reltype", "")))
    mentions: dict[str, GoldEvent] = {}
    for el in markables.iter("EVENT_MENTION"):
        sp = span(el)
        if sp is None:
            continue
        cls = classes.get(instance_of.get(el.get("m_id", ""), ""), "") or "OTHER"
        mentions[el.get("m_id", "")] = GoldEvent(sp[0], sp[1], cls)
    for a_id, b_id, reltype in links:
        if a_id in mentions and b_id in timex:
            event, tx, relation = mentions[a_id], timex[b_id], reltype
        elif b_id in mentions and a_id in timex:
            event, tx, relation = mentions[b_id], timex[a_id], _INVERSE.get(reltype, reltype)
        else:
            continue
        value, is_dct = tx
        if is_dct:
            event.dct = _DCT_FOLD.get(relation, event.dct)
        elif relation in _ANCHORING:
            event.time = value
    doc.events = sorted(mentions.values(), key=lambda e: e.start)
    return doc


def evaluate(path: Path, workers: int | None = None) -> dict[str, Any]:
    files = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    try:
        golds = [read_meantime(f) for f in files]
    except ET.ParseError as exc:
        raise OnrecordError(f"{path}: not MEANTIME XML ({exc})") from None
    golds = [g for g in golds if g.text.strip()]
    if not golds:
        raise OnrecordError(f"{path}: no MEANTIME documents (NewsReader token XML, *.xml)")
    articles = [Article(g.name, g.text, g.dct, origin=g.name) for g in golds]
    counts: Counter[str] = Counter()
    for gold, record in zip(golds, analyze_stream(articles, workers=workers), strict=True):
        if isinstance(record, Exception):
            counts["gold"] += len(gold.events)
            continue
        _score(gold, from_json(record).event_mentions, counts)
    return _result(counts, len(golds))


def _score(gold: GoldDoc, predicted: Sequence[EventMention], counts: Counter[str]) -> None:
    counts["gold"] += len(gold.events)
    counts["predicted"] += len(predicted)
    used: set[int] = set()
    for g in gold.events:
        counts[f"gold:{g.cls}"] += 1
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.span[0] < g.end and g.start < p.span[1]
            ),
            None,
        )
        if match is None:
            continue
        used.add(match)
        p = predicted[match]
        counts["matched"] += 1
        counts[f"matched:{g.cls}"] += 1
        if g.time:
            counts["time:gold"] += 1
            counts["time:ok"] += int(p.time == g.time)
            counts["time:predicted"] += int(p.time is not None)
        if g.dct:
            counts["dct:gold"] += 1
            counts["dct:ok"] += int(p.dct_relation == g.dct)
            counts["dct:predicted"] += int(p.dct_relation is not None)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _result(c: Counter[str], docs: int) -> dict[str, Any]:
    p, r, f = prf(c["matched"], c["predicted"], c["gold"])
    out: dict[str, Any] = {
        "documents": docs,
        "gold": c["gold"],
        "predicted": c["predicted"],
        "matched": c["matched"],
        "precision": p,
        "recall": r,
        "f1": f,
        "recall_by_class": {
            k.split(":", 1)[1]: _ratio(c[f"matched:{k.split(':', 1)[1]}"], v)
            for k, v in c.items()
            if k.startswith("gold:")
        },
        "time_anchor_accuracy": _ratio(c["time:ok"], c["time:gold"]),
        "time_anchor_coverage": _ratio(c["time:predicted"], c["time:gold"]),
        "time_anchor_gold": c["time:gold"],
        "dct_relation_accuracy": _ratio(c["dct:ok"], c["dct:gold"]),
        "dct_relation_coverage": _ratio(c["dct:predicted"], c["dct:gold"]),
        "dct_relation_gold": c["dct:gold"],
    }
    return out


def format_report(s: dict[str, Any]) -> str:
    pct = lambda x: f"{100 * x:.1f}"  # noqa: E731
    lines = [
        f"MEANTIME events — {s['documents']} documents, {s['gold']} gold mentions,"
        f" {s['predicted']} predicted",
        f"event mentions:  P {pct(s['precision'])}  R {pct(s['recall'])}  F1 {pct(s['f1'])}",
        "recall by class: "
        + ", ".join(f"{k} {pct(v)}" for k, v in sorted(s["recall_by_class"].items())),
        f"time anchoring (matched, gold anchored to a text timex, n={s['time_anchor_gold']}):"
        f" accuracy {pct(s['time_anchor_accuracy'])}, anchored {pct(s['time_anchor_coverage'])}",
        f"relation to the article date (n={s['dct_relation_gold']}):"
        f" accuracy {pct(s['dct_relation_accuracy'])}, given {pct(s['dct_relation_coverage'])}",
    ]
    return "\n".join(lines)
