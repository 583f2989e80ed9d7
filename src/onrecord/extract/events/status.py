"""Event status: what a source asserts of an event it mentions.

Held, planned, proposed, denied (cancelled, postponed), conditional or merely
mentioned, read from the parse around the event word: negation ("no meeting
planned"), conditions ("would only meet … if", "provided", "before
committing"), modality ("ready to meet", "would include"), plans
("preparations were underway") and tense ("hosting … on Monday"). A
conditional status carries the condition's character span.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from onrecord.extract.events.records import EventContext, Mention
from onrecord.extract.events.triggers import REPORTING, Trigger
from onrecord.records import Span

#: every status a source can give an event
STATUSES = ("held", "planned", "proposed", "conditional", "postponed", "cancelled", "denied",
            "mentioned")  # fmt: skip

#: Status words along the path from an event word to its clause (lemmas).
DENY = frozenset("deny reject dismiss rule refuse cancel scrap postpone".split())
PLAN = frozenset(
    "plan planned preparation prepare underway schedule scheduled upcoming expect imminent"
    " arrange set organize".split()
)
PROPOSE = frozenset(
    "propose proposal suggest suggestion offer ready willing willingness open possible"
    " potential idea call urge invite invitation".split()
)
CONDITION_MARKS = frozenset("if unless provided providing".split())
#: Types whose assertion is itself the event happening ("Lavrov insisted on a veto").
SPEECH_ACTS = frozenset(["threat", "demand", "proposal", "refusal"])


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


def mention_status(
    tok: Token, trig: Trigger, in_statement: bool, ctx: EventContext
) -> tuple[str | None, Span | None]:
    """The status the source asserts of this mention, and its condition's span."""
    chain = _chain(tok)
    sent = tok.sent
    # "How can we meet with a person who …?": a rhetorical question denies
    first = [t.lower_ for t in sent if not (t.is_space or t.is_punct)][:3]
    if first[:2] in (["how", "can"], ["how", "could"]) and sent.text.rstrip().endswith("?"):
        return "denied", None
    not_denial = _not_a_denial(tok, chain)
    if not_denial is not None:
        return not_denial
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


#: Nouns for how, where or when an event takes place: rejecting one of them
#: ("rejected any alternative format for the talks", "no talks in any other
#: form") rejects a proposal about the event, not the event.
QUALIFIERS = frozenset(
    "format form venue location place date time timing terms proposal offer modality "
    "mechanism framework level".split()
)
#: Verbs whose negation is a hedge ("does not rule out a meeting", "did not exclude").
_HEDGED = frozenset(["rule", "exclude"])


def _not_a_denial(tok: Token, chain: list[Token]) -> tuple[str | None, Span | None] | None:
    """A negation around the event that does not deny it: a rejected format
    or venue, a negated condition or consequence ("could face sanctions if it
    does not agree to a meeting"), a hedge ("does not rule out a meeting")."""
    negated = [
        n
        for n in chain
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in n.children)
    ]
    denying = [n for n in chain if n.i != tok.i and n.lemma_.lower() in DENY]
    if not negated and not denying:
        return None
    for node in chain:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if marks & CONDITION_MARKS:
            return "conditional", _span_of(node.subtree, marks)
    on_path = {n.i for n in chain}
    for n in chain[1:]:
        if n.pos_ == "NOUN" and any(
            c.dep_ in ("acl", "ccomp") and c.i in on_path for c in n.children
        ):
            # "dismissed Iran's insistence that the talks would be indirect": a
            # claim about the event is rejected, not the event
            return "mentioned", None
    if any(n.lemma_.lower() in _HEDGED for n in negated):
        return "proposed", None  # a possibility left open
    if any(n.lemma_.lower() in QUALIFIERS for n in chain[1:]):
        return "conditional", None  # "rejected any alternative format for the talks"
    for n in negated:
        for prep in (c for c in n.children if c.dep_ == "prep"):
            if any(g.lemma_.lower() in QUALIFIERS for g in prep.children if g.dep_ == "pobj"):
                return "conditional", None  # "no negotiations in any other form"
    return None


_CONDITION_TEXT = re.compile(
    r",\s*(?:provided(?: that)?|only if|if|unless|as long as|on condition that)\s+", re.I
)
_CLAUSE_END = re.compile(r"[.;?!]|[”\"]|,\s*[”\"]")


def _condition_after(tok: Token, ctx: EventContext) -> Span | None:
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


def silence_conditions(mentions: list[Mention]) -> None:
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
