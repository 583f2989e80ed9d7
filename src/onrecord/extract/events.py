"""Events: what the statements are about, and what each source says of them.

A pure function of the parsed article, its statements and entities. Event
words come from ``data/event_triggers.tsv`` (type, PLOVER type and mode).
For each mention of an event the stage finds its participants (entities in
the phrase: "between Putin and Zelensky", "a Putin-Zelensky meeting", "the
Ukrainian and Russian leaders"), place, date, and the status its source
asserts. The source is the speaker of the statement the mention stands in,
the author of a nested report ("Trump's suggestion that such talks…"), or
the article itself. The status comes from negation ("no meeting planned"),
conditions ("would only meet … if", "provided", "before committing"),
modality ("ready to meet", "would include"), plans ("preparations were
underway") and tense ("hosting … on Monday"). Mentions of one real-world
event are merged: the same participants, the same place, a relative clause
("talks, where Trump and Zelensky met"), or an anaphor ("such talks", "that
meeting", a bare "meeting" in a source's later words).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extract.entities import EntityIndex, nation_key
from onrecord.extract.speakers import antecedent, person_by_description, person_by_surname
from onrecord.records import Span, Timex


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Status words along the path from an event word to its clause (lemmas).
DENY = _words("deny reject dismiss rule refuse cancel scrap postpone")
PLAN = _words(
    "plan planned preparation prepare underway schedule scheduled upcoming expect imminent"
    " arrange set organize"
)
PROPOSE = _words(
    "propose proposal suggest suggestion offer ready willing willingness open possible"
    " potential idea call urge invite invitation"
)
CONDITION_MARKS = _words("if unless provided providing")
ANAPHORIC = _words("such this that these those the")
#: Nouns and verbs that report someone else's claim inside a statement.
REPORTING = _words(
    "say tell suggest suggestion claim announce announcement statement indicate insist"
    " propose proposal warn promise report"
)
#: Types whose assertion is itself the event happening ("Lavrov insisted on a veto").
SPEECH_ACTS = frozenset(["threat", "demand", "proposal", "refusal"])
_MAX_ANAPHOR_DISTANCE = 3000


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    plover: str
    mode: str


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    text = resources.files("onrecord").joinpath("data/event_triggers.tsv").read_text("utf-8")
    out: dict[tuple[str, str], Trigger] = {}
    rows = csv.reader(
        (ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"
    )
    for lemma, pos, etype, plover, *mode in rows:
        for p in ("NOUN", "VERB") if pos == "ANY" else (pos,):
            out[(lemma, p)] = Trigger(etype, plover, mode[0] if mode else "")
    return out


@dataclass(slots=True)
class _Mention:
    tok: Token
    trigger: Trigger
    participants: set[str]
    place: str | None
    date: Timex | None
    status: str | None
    condition: Span | None
    source: str | None  # entity id; None = the article
    source_name: str | None
    statement: str | None
    asserted: str | None
    anaphoric: bool
    distinct: frozenset[str] = frozenset()
    #: participants known only as "we"/"I" of the speaker: they do not say which event
    weak: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Event:
    trigger: Trigger
    mentions: list[_Mention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    place: str | None = None
    date: Timex | None = None
    distinct: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Doc
    text: str  # doc.text, read once: spaCy rebuilds it on every access
    index: EntityIndex
    statements: Sequence[dict[str, Any]]
    timexes: Sequence[Timex]
    published: str | None


def extract_events(
    doc: Doc,
    statements: Sequence[dict[str, Any]],
    index: EntityIndex,
    timexes: Sequence[Timex],
    published: str | None,
) -> list[dict[str, Any]]:
    """Typed events with participants, place, date and per-source statuses."""
    ctx = _Context(doc, doc.text, index, statements, timexes, published)
    table = triggers()
    mentions = []
    for tok in doc:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else ""
        trig = table.get((tok.lemma_.lower(), pos)) or table.get((tok.lower_, pos))
        if trig is None or (pos == "VERB" and tok.dep_ in ("amod", "compound", "aux")):
            continue
        if any(_cue_token(st, doc) == tok.i for st in statements):
            continue  # "agreed" as the cue of a statement is not an agreement
        of = tok.head
        if of.dep_ == "prep" and of.lower_ == "of" and _is_trigger(of.head, table):
            continue  # "threats of secondary tariffs": one event, the threat
        mentions.append(_mention(tok, trig, ctx))
    mentions += _interviews(ctx)
    mentions.sort(key=lambda m: m.tok.idx)
    _silence_conditions(mentions)
    events = _cluster(mentions)
    out = []
    for ev in events:
        record = _record(ev, ctx)
        if record["statuses"]:
            out.append(record)
    for n, record in enumerate(out, start=1):
        record["id"] = f"V{n}"
    return out


def _is_trigger(tok: Token, table: dict[tuple[str, str], Trigger]) -> bool:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    return (tok.lemma_.lower(), pos) in table or (tok.lower_, pos) in table


# --- one mention ------------------------------------------------------------


def _mention(tok: Token, trig: Trigger, ctx: _Context) -> _Mention:
    st = _statement_at(tok.idx, ctx.statements)
    source, source_name = _source(tok, st, ctx)
    status, condition = _status(tok, trig, st is not None, ctx)
    det = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    place = _place(tok, ctx)
    weak = frozenset(
        _entity(t, ctx, st) for t in _phrase(tok) if t.lower_ in ("i", "we", "me", "us")
    ) - {None}
    participants = {
        p
        for p in _participants(tok, ctx)
        if p != place and ctx.index.types.get(p) in _PARTICIPANT_TYPES
    }
    anaphoric = (bool(det & ANAPHORIC) and not participants) or (
        not participants and place is None and not any(c.dep_ == "compound" for c in tok.children)
    )
    distinct = frozenset(
        c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in _DISTINCT
    )
    return _Mention(
        tok=tok,
        trigger=trig,
        participants=participants,
        place=place,
        date=_date(tok, ctx),
        status=status,
        condition=condition,
        source=source,
        source_name=source_name,
        # a report nested in someone else's statement is not that statement's claim
        statement=st["id"] if st and source == st["speaker"].get("entity") else None,
        asserted=(st.get("date") if st else None) or ctx.published,
        anaphoric=anaphoric,
        distinct=distinct,
        weak=weak,  # type: ignore[arg-type]
    )


#: Verbs whose subject talks about an event rather than takes part in it.
_TALKING_ABOUT = frozenset(["refer", "mention", "describe", "cite", "call", "discuss", "criticize"])

#: Who can take part in an event: people, organisations, countries.
_PARTICIPANT_TYPES = frozenset(["PERSON", "ORG", "GPE"])

#: Modifiers that make an event another one than its unmodified namesake.
_DISTINCT = frozenset(["trilateral", "bilateral", "peace", "nuclear", "trade", "ceasefire"])


def _statement_at(offset: int, statements: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    for st in statements:
        if any(s <= offset < e for s, e in st["content"]["spans"]):
            return st
    return None


def _cue_token(st: dict[str, Any], doc: Doc) -> int | None:
    if not st.get("cue"):
        return None
    start, end = st["cue"]["span"]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _source(tok: Token, st: dict[str, Any] | None, ctx: _Context) -> tuple[str | None, str | None]:
    """Who asserts this mention: a nested reporter ("Trump's suggestion that
    such talks…"), else the statement's speaker, else the article."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            break
        child, node = node, node.head
        if (
            node.lemma_.lower() in REPORTING
            and node.i != tok.i
            and child.dep_ in ("ccomp", "acl", "xcomp", "dobj", "oprd")
        ):
            for child in node.children:
                if child.dep_ in ("poss", "nsubj") and child.i < tok.i:
                    eid = _entity(child, ctx, st)
                    if eid is not None and (st is None or eid != st["speaker"].get("entity")):
                        return eid, ctx.index.entity(eid).name
        if st is not None and not any(s <= node.idx < e for s, e in st["content"]["spans"]):
            break
    if st is not None:
        return st["speaker"].get("entity"), st["speaker"].get("name")
    return None, None


def _chain(tok: Token) -> list[Token]:
    """The event word and the words it hangs from, up to its clause's verb."""
    out = [tok]
    node = tok
    while node.head.i != node.i and len(out) < 6:
        node = node.head
        if node.lemma_.lower() in REPORTING:
            break  # "Trump's suggestion that such talks …": the report is not the status
        out.append(node)
        if node.pos_ in ("VERB", "AUX") and node.dep_ in (
            "ROOT",
            "ccomp",
            "advcl",
            "relcl",
            "conj",
        ):
            break
    return out


def _status(
    tok: Token, trig: Trigger, in_statement: bool, ctx: _Context
) -> tuple[str | None, Span | None]:
    chain = _chain(tok)
    sent = tok.sent
    # "How can we meet with a person who …?": a rhetorical question denies
    first = [t.lower_ for t in sent if not (t.is_space or t.is_punct)][:3]
    if first[:2] in (["how", "can"], ["how", "could"]) and sent.text.rstrip().endswith("?"):
        return "denied", None
    for node in chain:
        kids = list(node.children)
        if any(c.dep_ == "neg" for c in kids) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in kids
        ):
            return "denied", None
        lemma = node.lemma_.lower()
        if node.i != tok.i and lemma in DENY:
            if lemma in ("cancel", "scrap"):
                return "cancelled", None
            if lemma == "postpone":
                return "postponed", None
            return "denied", None
    for node in chain:
        for c in node.children:
            marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
            if c.dep_ in ("advcl", "acl", "ccomp") and marks & CONDITION_MARKS and c.i > tok.i:
                return "conditional", _span_of(c.subtree, marks)
            if c.dep_ in ("advcl", "prep") and c.lower_ in CONDITION_MARKS and c.i > tok.i:
                return "conditional", _span_of(c.subtree, {c.lower_})
        if node.dep_ == "advcl" and {
            g.lower_ for g in node.children if g.dep_ in ("mark", "prep")
        } & {"before"}:
            # "wanted more clarity … before committing to a summit"
            objs = [g for g in node.head.children if g.dep_ in ("dobj", "xcomp", "ccomp")]
            return "conditional", _span_of(objs[0].subtree, set()) if objs else None
        if node.lower_ == "before" and node.dep_ == "prep" and node.head.pos_ == "VERB":
            objs = [g for g in node.head.children if g.dep_ in ("dobj", "xcomp")]
            return "conditional", _span_of(objs[0].subtree, set()) if objs else None
    cond = _condition_after(tok, ctx)
    if cond is not None:
        return "conditional", cond
    words = {t.lemma_.lower() for t in chain} | {
        c.lemma_.lower() for t in chain for c in t.children if c.dep_ in ("amod", "acomp", "advmod")
    }
    relcl_modal = any(
        c.dep_ == "relcl" and any(g.lower_ == "would" for g in c.children) for c in tok.children
    )
    if words & PROPOSE or relcl_modal:
        return "proposed", None
    if words & PLAN or any(
        c.lower_ in ("will", "'ll", "shall") for t in chain for c in t.children if c.dep_ == "aux"
    ):
        return "planned", None
    reporter = chain[-1].head if chain[-1].head.i != chain[-1].i else None
    if reporter is not None and reporter.lemma_.lower() in PROPOSE:
        return "proposed", None  # "Turkey proposed a summit between …"
    if trig.type in SPEECH_ACTS and (in_statement or tok.pos_ == "NOUN"):
        return "held", None  # the threat or demand is made by being asserted
    past = any(t.tag_ in ("VBD", "VBN") for t in chain) or "recent" in words
    if past or any(c.dep_ == "poss" and c.lower_ in ("this", "last") for c in tok.children):
        return "held", None
    if tok.tag_ == "VBG" and tok.head.tag_ in ("VBD", "VBN"):
        return "held", None  # "announced after hosting …"
    return "mentioned", None


_CONDITION_TEXT = re.compile(
    r",\s*(?:provided(?: that)?|only if|if|unless|as long as|on condition that)\s+", re.I
)
_CLAUSE_END = re.compile(r"[.;?!]|[”\"]|,\s*[”\"]")


def _condition_after(tok: Token, ctx: _Context) -> Span | None:
    """ ", provided this meeting is really going to have an agenda": a
    condition set off after the event in the same sentence."""
    sent = tok.sent
    m = _CONDITION_TEXT.search(ctx.text, tok.idx + len(tok), sent.end_char)
    if m is None or m.start() - (tok.idx + len(tok)) > 80:
        return None
    end = _CLAUSE_END.search(ctx.text, m.end(), sent.end_char)
    stop = end.start() if end else sent.end_char
    text = ctx.text[m.end() : stop].rstrip(" ,")
    return (m.end(), m.end() + len(text)) if text else None


def _span_of(tokens: Any, drop: set[str]) -> Span | None:
    toks = [t for t in tokens if not (t.lower_ in drop and t.dep_ in ("mark", "prep"))]
    toks = [t for t in toks if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if not toks:
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1]))


def _entity(tok: Token, ctx: _Context, st: dict[str, Any] | None) -> str | None:
    eid = ctx.index.by_token.get(tok.i)
    if eid is not None:
        return eid
    low = tok.lower_
    if low in ("he", "she", "him", "her", "his"):
        return antecedent(ctx.doc, tok, ctx.index, [])
    if low in ("i", "we", "me", "us") and st is not None:
        entity: str | None = st["speaker"].get("entity")
        return entity
    if low in ("who", "which") and tok.head.dep_ == "relcl":
        return ctx.index.by_token.get(tok.head.head.i)
    if tok.pos_ == "PROPN":
        return person_by_surname(tok.text, ctx.index)
    return None


def _participants(tok: Token, ctx: _Context) -> set[str]:
    st = _statement_at(tok.idx, ctx.statements)
    out: set[str] = set()
    heads: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "against", "among"):
            heads += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("compound", "poss", "nmod") or (
            tok.pos_ == "VERB" and c.dep_ in ("nsubj", "dobj")
        ):
            heads.append(c)
        elif c.dep_ == "relcl":
            heads += [g for g in c.children if g.dep_ in ("dobj", "nsubj") and g.pos_ == "PRON"]
    if tok.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in tok.children):
        subj = _inherited_subject(tok)
        if subj is not None:
            heads.append(subj)
    if tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj"):
        # "committing to a summit with Putin": whoever commits takes part
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() not in REPORTING | _TALKING_ABOUT:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            subj = subj or _inherited_subject(verb)
            if subj is not None:
                heads.append(subj)
    for head in heads:
        group = [head, *[g for g in head.children if g.dep_ in ("conj", "nmod", "appos")]]
        group += [g for t in group for g in t.children if g.dep_ == "conj" and g not in group]
        for t in group:
            out |= _refs(t, ctx, st)
    return out


def _inherited_subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0]
    return None


def _refs(tok: Token, ctx: _Context, st: dict[str, Any] | None) -> set[str]:
    """Entities a participant word stands for."""
    whole = ctx.index.by_token.get(tok.i)
    name = ctx.index.entity(whole).name if whole else ""
    if "-" in name:
        # "Putin-Zelensky", "U.S.-Russia": each part is a name
        parts = {person_by_surname(p, ctx.index) or _by_name(p, ctx.index) for p in name.split("-")}
        found = {p for p in parts if p}
        if len(found) > 1:
            return found
    eid = _entity(tok, ctx, st)
    if eid is not None:
        return {eid}
    # "the Ukrainian and Russian leaders": one person per nationality
    nations = [c for c in tok.children if c.ent_type_ in ("NORP", "GPE")]
    nations += [g for c in nations for g in c.children if g.dep_ == "conj"]
    found = set()
    for n in nations:
        eid = person_by_description(
            tok.lemma_.lower(), {tok.lemma_.lower()}, {nation_key(n.text)}, ctx.index, [], tok.idx
        )
        if eid:
            found.add(eid)
    return found


def _by_name(name: str, index: EntityIndex) -> str | None:
    low = name.lower().strip(".")
    for e in index.entities:
        if e.name.lower().strip(".") == low or e.name.lower().replace(".", "") == low.replace(
            ".", ""
        ):
            return e.id
    return None


def _place(tok: Token, ctx: _Context) -> str | None:
    """Where: "in Alaska", "at the White House", "White House talks"."""
    candidates: list[Token] = []
    for node in _phrase(tok):
        if node.dep_ == "prep" and node.lower_ in ("in", "at"):
            candidates += [g for g in node.children if g.dep_ == "pobj"]
        if node.head.i == tok.i and node.dep_ == "compound":
            candidates.append(node)
    for c in candidates:
        for t in c.subtree:
            eid = ctx.index.by_token.get(t.i)
            if eid and ctx.index.types[eid] in ("GPE", "LOC", "FAC"):
                if node_is_compound(c, tok) and ctx.index.types[eid] != "FAC":
                    continue  # "U.S.-Russia summit" names the sides, not the place
                return eid
    return None


def node_is_compound(node: Token, tok: Token) -> bool:
    return node.head.i == tok.i and node.dep_ == "compound"


def _phrase(tok: Token) -> list[Token]:
    """The event word's own phrase: its subtree without embedded clauses."""
    out = []
    stack = [tok]
    while stack:
        node = stack.pop()
        out.append(node)
        stack += [c for c in node.children if c.dep_ not in ("ccomp", "advcl", "relcl", "acl")]
    return out


def _date(tok: Token, ctx: _Context) -> Timex | None:
    for tx in ctx.timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        span = ctx.doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.head.i == tok.i or (root.head.dep_ == "prep" and root.head.head.i == tok.i):
            return tx
        if root.dep_ == "poss" and root.head.i == tok.i:
            return tx  # "this week's talks"
    return None


def _interviews(ctx: _Context) -> list[_Mention]:
    """ "Lavrov told NBC's Meet the Press", "Trump told news host Todd Starnes
    on Thursday": telling a news outlet or host is an interview."""
    out = []
    trig = triggers()[("interview", "NOUN")]
    for st in ctx.statements:
        cue_i = _cue_token(st, ctx.doc)
        if cue_i is None or ctx.doc[cue_i].lemma_.lower() != "tell":
            continue
        cue = ctx.doc[cue_i]
        recipients = [c for c in cue.children if c.dep_ in ("dative", "dobj", "npadvmod")]
        for rec in recipients:
            words = {t.lower_ for t in rec.subtree}
            orgs = {
                ctx.index.by_token[t.i]
                for t in rec.subtree
                if t.i in ctx.index.by_token and ctx.index.types[ctx.index.by_token[t.i]] == "ORG"
            }
            persons = {
                ctx.index.by_token[t.i]
                for t in rec.subtree
                if t.i in ctx.index.by_token
                and ctx.index.types[ctx.index.by_token[t.i]] == "PERSON"
            }
            if not orgs and not words & {"host", "anchor", "interviewer", "show", "program"}:
                continue
            speaker = st["speaker"].get("entity")
            date = st.get("date")
            out.append(
                _Mention(
                    tok=rec,
                    trigger=trig,
                    participants={e for e in ({speaker} | orgs | persons) if e},
                    place=None,
                    date=Timex(0, 0, "", "DATE", date) if date else None,
                    status="held",
                    condition=None,
                    source=None,
                    source_name=None,
                    statement=st["id"],
                    asserted=ctx.published,
                    anaphoric=False,
                )
            )
    return out


def _silence_conditions(mentions: list[_Mention]) -> None:
    """A mention inside another's condition ("provided this meeting is …")
    asserts nothing of its own."""
    for m in mentions:
        for other in mentions:
            if (
                other is not m
                and other.condition
                and other.condition[0] <= m.tok.idx < other.condition[1]
            ):
                m.status = None


# --- one event per real-world event -----------------------------------------


#: Event types whose bare later mentions ("the meeting", "such talks") refer back.
_ANAPHORIC_TYPES = frozenset(["meeting"])


def _cluster(mentions: list[_Mention]) -> list[_Event]:
    events: list[_Event] = []
    by_source: dict[tuple[str | None, str], _Event] = {}
    for m in mentions:
        same = [e for e in events if e.trigger.type == m.trigger.type and e.distinct == m.distinct]
        # "we" of the speaker says nothing about which meeting is meant
        key = m.participants - m.weak
        target = next(
            (e for e in same if m.tok.dep_ == "relcl" and any(x.tok.i == m.tok.head.i
                                                               for x in e.mentions)),
            None,
        )  # fmt: skip
        if target is None and len(key) >= 2:
            target = next((e for e in same if e.participants == m.participants), None)
        if target is None and m.place is not None:
            target = next((e for e in reversed(same) if e.place == m.place), None)
        if target is None and key and m.trigger.type in _ANAPHORIC_TYPES:
            # "ready to meet" (he = Putin), "a summit with Putin": part of a known meeting
            target = next((e for e in reversed(same) if key < e.participants), None)
        if target is None and not key and m.trigger.type in _ANAPHORIC_TYPES:
            mine = by_source.get((m.source, m.trigger.type)) if m.source else None
            if mine is not None and mine in same:
                target = mine
            else:
                near = [
                    e for e in same if m.tok.idx - e.mentions[-1].tok.idx < _MAX_ANAPHOR_DISTANCE
                ]
                target = near[-1] if near else None
        if target is None:
            target = _Event(m.trigger, distinct=m.distinct)
            events.append(target)
        target.mentions.append(m)
        target.participants |= m.participants - m.weak
        target.place = target.place or m.place
        if target.date is None and m.status in ("held", None, "mentioned"):
            target.date = m.date
        if m.source and target.participants:
            by_source[(m.source, m.trigger.type)] = target
    return events


def _record(ev: _Event, ctx: _Context) -> dict[str, Any]:
    statuses = []
    seen = set()
    for m in ev.mentions:
        if m.status is None or (m.status == "mentioned" and len(ev.mentions) > 1):
            continue
        key = (m.source, m.status, m.statement)
        if key in seen:
            continue
        seen.add(key)
        sent: SpacySpan = m.tok.sent
        statuses.append(
            {
                "status": m.status,
                "source": {"entity": m.source, "name": m.source_name or "(the article)"},
                "statement": m.statement,
                "trigger": [m.tok.idx, m.tok.idx + len(m.tok)],
                "evidence": [sent.start_char, sent.start_char + len(sent.text.rstrip())],
                "condition": (
                    {
                        "text": ctx.text[m.condition[0] : m.condition[1]],
                        "span": list(m.condition),
                    }
                    if m.condition
                    else None
                ),
                "asserted": m.asserted,
            }
        )
    names = {e.id: e.name for e in ctx.index.entities}
    trig = ev.trigger
    mode = trig.mode
    if trig.type == "meeting" and any(s["status"] == "denied" for s in statuses):
        plover, mode = "REJECT", "meet"
    elif trig.type == "meeting" and any(
        s["status"] in ("proposed", "conditional") for s in statuses
    ):
        plover, mode = "REQUEST", "meet"
    else:
        plover = trig.plover
    return {
        "id": "",
        "type": trig.type,
        "plover": {"type": plover, "mode": mode or None},
        "participants": sorted(ev.participants),
        "participant_names": sorted(names[p] for p in ev.participants if p in names),
        "qualifiers": sorted(ev.distinct),
        "place": ev.place,
        "place_name": names.get(ev.place) if ev.place else None,
        "date": ev.date.value if ev.date else None,
        "mentions": [[m.tok.idx, m.tok.idx + len(m.tok)] for m in ev.mentions],
        "statuses": statuses,
    }
