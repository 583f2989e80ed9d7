"""Who, where and when of an event mention, and who says so.

Participants are the entities in the event word's phrase ("between Putin
and Zelensky", "a Putin-Zelensky meeting", "the Ukrainian and Russian
leaders"); the place is a location in it ("in Alaska", "White House talks");
the date a time expression attached to it ("this week's talks"). The source
is the speaker of the statement the mention stands in, the author of a
nested report ("Trump's suggestion that such talks…"), or the article itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from onrecord.extract.entities import EntityIndex, nation_key
from onrecord.extract.events.records import EventContext
from onrecord.extract.events.triggers import REPORTING
from onrecord.extract.speakers import antecedent, person_by_description, person_by_surname
from onrecord.records import Statement, Timex

#: Verbs whose subject talks about an event rather than takes part in it.
_TALKING_ABOUT = frozenset(["refer", "mention", "describe", "cite", "call", "discuss", "criticize"])


def statement_at(offset: int, statements: Sequence[Statement]) -> Statement | None:
    for st in statements:
        if any(s <= offset < e for s, e in st.content.spans):
            return st
    return None


def mention_source(
    tok: Token, st: Statement | None, ctx: EventContext
) -> tuple[str | None, str | None]:
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
                    eid = entity_of(child, ctx, st)
                    if eid is not None and (st is None or eid != st.speaker.entity):
                        return eid, ctx.index.entity(eid).name
        if st is not None and not any(s <= node.idx < e for s, e in st.content.spans):
            break
    if st is not None:
        return st.speaker.entity, st.speaker.name
    return None, None


def entity_of(tok: Token, ctx: EventContext, st: Statement | None) -> str | None:
    eid = ctx.index.by_token.get(tok.i)
    if eid is not None:
        return eid
    low = tok.lower_
    if low in ("he", "she", "him", "her", "his"):
        return antecedent(ctx.doc, tok, ctx.index, [])
    if low in ("i", "we", "me", "us") and st is not None:
        return st.speaker.entity
    if low in ("who", "which") and tok.head.dep_ == "relcl":
        return ctx.index.by_token.get(tok.head.head.i)
    if tok.pos_ == "PROPN":
        return person_by_surname(tok.text, ctx.index)
    return None


def participants_of(tok: Token, ctx: EventContext) -> set[str]:
    st = statement_at(tok.idx, ctx.statements)
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


def _refs(tok: Token, ctx: EventContext, st: Statement | None) -> set[str]:
    """Entities a participant word stands for."""
    whole = ctx.index.by_token.get(tok.i)
    name = ctx.index.entity(whole).name if whole else ""
    if "-" in name:
        # "Putin-Zelensky", "U.S.-Russia": each part is a name
        parts = {person_by_surname(p, ctx.index) or _by_name(p, ctx.index) for p in name.split("-")}
        found = {p for p in parts if p}
        if len(found) > 1:
            return found
    eid = entity_of(tok, ctx, st)
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


def place_of(tok: Token, ctx: EventContext) -> str | None:
    """Where: "in Alaska", "at the White House", "White House talks"."""
    candidates: list[Token] = []
    for node in phrase_of(tok):
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


def phrase_of(tok: Token) -> list[Token]:
    """The event word's own phrase: its subtree without embedded clauses."""
    out = []
    stack = [tok]
    while stack:
        node = stack.pop()
        out.append(node)
        stack += [c for c in node.children if c.dep_ not in ("ccomp", "advcl", "relcl", "acl")]
    return out


def date_of(tok: Token, ctx: EventContext) -> Timex | None:
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
