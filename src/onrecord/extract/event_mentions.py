"""Event mentions: every word that names something happening (TimeML style).

Broader than :mod:`onrecord.extract.events`, which keeps the typed events an analyst
follows: here every main verb and every eventive noun is a mention, with its
class (speech, cognitive, other), its tense, the time expression it is
anchored to ("met on Monday"), and its relation to the article's date
(BEFORE / INCLUDES / AFTER) — what NewsReader's MEANTIME annotates, and what
``onrecord eval events`` scores against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Token

from onrecord.extract.events import triggers
from onrecord.lang.en import words
from onrecord.records import EventMention, Timex

#: Verbs of thinking and feeling: MEANTIME's cognitive events (lemmas).
COGNITIVE = frozenset(
    "think believe expect hope fear know want plan decide consider doubt worry wish intend"
    " estimate predict assume suspect feel understand agree disagree prefer".split()
)
#: Suffixes of deverbal nouns that name events ("negotiation", "payment").
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")
#: Nouns with those suffixes that name things, not happenings.
NOT_EVENTS = frozenset(
    "nation station information population position question section condition"
    " government department apartment equipment moment percent president resident"
    " evidence audience science experience instance distance licence license finance"
    " administration organization organisation institution constitution generation"
    " edition portion option relation region tradition foundation location"
    " document element segment environment parliament".split()
)


@cache
def event_nouns() -> frozenset[str]:
    return words("event_nouns") | {lemma for lemma, pos in triggers() if pos == "NOUN"}


def is_event(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return tok.dep_ not in ("amod", "compound") and lemma not in ("be", "have", "do")
    if tok.pos_ == "NOUN":
        if lemma in event_nouns():
            return True
        return lemma.endswith(EVENT_SUFFIXES) and lemma not in NOT_EVENTS and len(lemma) > 6
    return False


def event_class(tok: Token, cues: frozenset[int] = frozenset()) -> str:
    """speech (the cue of a statement: ``cues`` holds their token indices),
    cognitive, or other."""
    lemma = tok.lemma_.lower()
    if tok.i in cues:
        return "speech"
    if lemma in COGNITIVE:
        return "cognitive"
    return "other"


def tense(tok: Token) -> str | None:
    """PAST, PRESENT or FUTURE of a verb (nouns have none)."""
    if tok.pos_ != "VERB":
        return None
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall"} or ("going" in aux):
        return "FUTURE"
    if tok.tag_ == "VBD" or aux & {"had", "was", "were", "did"}:
        return "PAST"
    if tok.tag_ == "VBN" and aux & {"has", "have", "'ve"}:
        return "PAST"
    if tok.tag_ in ("VBZ", "VBP") or aux & {"is", "are", "am", "does", "do"}:
        return "PRESENT"
    if tok.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "PRESENT"
    return None


_DCT_RELATION = {"PAST": "BEFORE", "PRESENT": "INCLUDES", "FUTURE": "AFTER"}


def _anchors(doc: Doc, timexes: Sequence[Timex]) -> dict[int, Timex]:
    """Token index -> the DATE/TIME expression that hangs from it: "met on
    Monday", "said Friday", "the March 3 election" (located once per document)."""
    out: dict[int, Timex] = {}
    for tx in timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("npadvmod", "tmod", "compound", "nmod", "poss"):
            out.setdefault(root.head.i, tx)
        elif root.dep_ == "pobj":
            out.setdefault(root.head.head.i, tx)
    return out


def event_mentions(
    doc: Doc, timexes: Sequence[Timex], cues: frozenset[int] = frozenset()
) -> list[EventMention]:
    """Every event word of the article, in text order; ``cues`` are the token
    indices of the statements' cues (speech events)."""
    out = []
    anchors = _anchors(doc, timexes)
    for tok in doc:
        if not is_event(tok):
            continue
        anchor = anchors.get(tok.i)
        t = tense(tok)
        out.append(
            EventMention(
                span=(tok.idx, tok.idx + len(tok)),
                text=tok.text,
                lemma=tok.lemma_.lower(),
                pos="VERB" if tok.pos_ == "VERB" else "NOUN",
                event_class=event_class(tok, cues),
                tense=t,
                time=anchor.value if anchor else None,
                time_span=anchor.span if anchor else None,
                dct_relation=_DCT_RELATION.get(t) if t else None,
            )
        )
    return out
