"""Descriptions whose person is known only from a later statement.

"The talks were hosted by Vell. … the top Ruritanian diplomat said" leaves
the speaker stage without an answer when nothing introduced Vell as a
diplomat (or the tagger took "Vell" for an organisation), until "… Vell
said" further on. A description left unresolved goes to the one speaker of
a later statement, named before the description, whom nothing the article
says rules out: not another nationality, not another office. Statements
that ran on from the description's (its "I" paragraphs) follow it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from onrecord.extract.entities import NATION_PREFIX, EntityIndex, nation_key
from onrecord.extract.speakers.resolve import ROLE_CLASSES
from onrecord.records import Statement

#: Offices a description can name a person by.
_ROLES = frozenset(w for words in ROLE_CLASSES.values() for w in words) | frozenset(ROLE_CLASSES)
#: Words that make a name an organisation's, not a person's.
_ORG_WORDS = frozenset(
    [
        "ministry",
        "agency",
        "council",
        "office",
        "news",
        "department",
        "committee",
        "house",
        "union",
        "organization",
        "organisation",
        "group",
        "force",
        "forces",
        "army",
        "party",
        "government",
        "times",
        "post",
        "press",
    ]
)
#: The types of entity a person may have been tagged as.
_PERSONISH = frozenset(["PERSON", "ORG"])


def resolve_later(doc: Doc, statements: list[Statement], index: EntityIndex) -> list[Statement]:
    """``statements`` with each unresolved description ("the top Ruritanian
    diplomat") given the one fitting speaker named after it."""
    out = list(statements)
    for i, st in enumerate(out):
        head = st.source_token
        if st.speaker.entity is not None or head is None or st.speaker.span is None:
            continue
        tok = doc[head]
        role = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or role not in _ROLES:
            continue
        sub = doc.char_span(st.speaker.span[0], st.speaker.span[1], alignment_mode="expand")
        if sub is None or any(t.ent_type_ == "PERSON" or t.tag_ == "POS" for t in sub):
            continue
        nations = {nation_key(t.text) for t in sub if t.ent_type_ in ("NORP", "GPE")}
        roles = ROLE_CLASSES.get(role, frozenset()) | {role}
        fits = {
            later.speaker.entity
            for later in out[i + 1 :]
            if later.speaker.entity is not None
            and _fits(later.speaker.entity, roles, nations, index)
            and _named_before(later.speaker.entity, st.speaker.span[0], index)
        }
        if len(fits) != 1:
            continue
        eid = fits.pop()
        name = index.entity(eid).name
        old = st.speaker.name
        for j in range(i, len(out)):
            cur = out[j]
            if cur.speaker.entity is None and (j == i or (old and cur.speaker.name == old)):
                out[j] = replace(cur, speaker=replace(cur.speaker, name=name, entity=eid))
    return out


def _named_before(eid: str, offset: int, index: EntityIndex) -> bool:
    mentions = index.entity(eid).mentions
    return bool(mentions) and mentions[0][0] < offset


def _fits(eid: str, roles: frozenset[str], nations: set[str], index: EntityIndex) -> bool:
    if index.types.get(eid) not in _PERSONISH:
        return False
    desc = index.descriptors.get(eid, frozenset())
    their = {d[len(NATION_PREFIX) :] for d in desc if d.startswith(NATION_PREFIX)}
    if nations and their and not nations & their:
        return False
    offices = {d for d in desc if d in _ROLES}
    if offices and not offices & roles:
        return False
    if index.types[eid] == "ORG":
        # an organisation only if nothing says it is one: "al-Vell", not "the Vell Agency"
        words = index.entity(eid).name.lower().split()
        return not desc and not _ORG_WORDS & set(words) and not index.entity(eid).name.isupper()
    return True
