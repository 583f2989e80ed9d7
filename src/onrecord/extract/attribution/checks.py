"""What looks like a cue but reports nobody's words.

The cue pass (:mod:`~onrecord.extract.attribution.indirect`) proposes every
verb with a complement; these checks turn some of them away:

- the journalist's own reading, "X's remarks *appeared to* harden that
  stance", "it *seemed to* confirm": a hedge, not a report;
- a hypothetical, "threats of tariffs *if* it *refused* to agree": nobody
  refused anything;
- a relay, "X said …, *Al Jazeera reported*" / "*according to* Reuters, X told
  reporters: …": the medium passes on X's words, and X is the speaker; the
  inner statement stands on its own.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.extract.attribution.context import AttributionOptions, is_cue_verb

#: Verbs of seeming: what follows is the writer's impression.
_HEDGES = frozenset(["appear", "seem", "look"])
#: Subordinators that make a clause hypothetical or open.
_CONDITIONAL_MARKS = frozenset(["if", "unless", "lest"])


def is_hedge(verb: Token, options: AttributionOptions) -> bool:
    """ "appeared to harden", "seems to be": the writer's analysis, whether the
    cue found is the verb of seeming or the verb after it. (But "appeared to
    blame the staff" reports a blame, however hedged.)"""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _HEDGES:
        return not is_cue_verb(verb, options)
    return verb.lemma_.lower() in _HEDGES and any(
        c.dep_ == "xcomp" and not is_cue_verb(c, options) for c in verb.children
    )


def is_hypothetical(verb: Token) -> bool:
    """A refusal or promise in an if-clause ("if it refused to agree")
    reports nothing. (A reported "if he said that …" is left to the cue
    model: annotators often take it.)"""
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    tok = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def relays_a_cue(verb: Token, options: AttributionOptions) -> bool:
    """ "X said …, Al Jazeera reported": a medium's cue after a content that is
    itself a reporting clause with its own subject only relays it."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not _medium(subjects[0]):
        return False
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
    return any(_own_cue(c, options) for c in comps)


def according_to_relays(according: Token, options: AttributionOptions) -> bool:
    """ "According to Reuters, X told reporters: …": a medium, and a clause
    with a cue and a speaker of its own."""
    head = according.head
    to = according.nbor()
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if head.i == according.i or not objs or not _medium(objs[0]):
        return False
    verbs = [head, *(c for c in head.children if c.dep_ == "conj")]
    # "according to the Roper Center, Bloomberg reports …" nests two sources
    return any(_own_cue(v, options) and not _medium(_subject(v)) for v in verbs)


def _subject(verb: Token) -> Token:
    return next((c for c in verb.children if c.dep_ == "nsubj"), verb)


#: Head nouns of a medium: "state television", "the news agency", "US media".
_MEDIA_NOUNS = frozenset(
    [
        "agency",
        "outlet",
        "newspaper",
        "paper",
        "television",
        "tv",
        "broadcaster",
        "channel",
        "network",
        "media",
        "radio",
        "website",
        "daily",
    ]
)


def _medium(tok: Token) -> bool:
    """A news organisation: a named one (the tagger's ORG) or a media noun."""
    return tok.ent_type_ == "ORG" or tok.lemma_.lower() in _MEDIA_NOUNS


def _own_cue(verb: Token, options: AttributionOptions) -> bool:
    """A reporting verb with an active subject: someone says it."""
    return is_cue_verb(verb, options) and any(c.dep_ == "nsubj" for c in verb.children)
