"""Speakers: from the mention in the sentence to the person it refers to.

"Lavrov" and "Russian Foreign Minister Sergei Lavrov" name an entity
directly; "he" is resolved to the person most recently in subject position
(speakers of earlier statements first, then grammatical subjects, nearest
sentence first); "who" to the noun its clause hangs from; a description such
as "the Russian foreign minister" to the person introduced with those words.
A mention that resolves to nobody keeps its own text as the name, except a
pronoun, which then has no name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.extract.entities import NATION_PREFIX, EntityIndex, nation_key
from onrecord.records import Span, Speaker

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PLURAL = frozenset({"they", "them", "we", "us"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_GENERIC = frozenset({"the", "a", "an", "this", "that", "these", "those", "'s", "’s"})
_MAX_SENTENCES_BACK = 4


def resolve_speaker(
    doc: Doc,
    span: Span | None,
    head: int | None,
    index: EntityIndex,
    recent_speakers: list[tuple[int, str]],
) -> Speaker:
    """Resolve one speaker mention; ``recent_speakers`` holds (char offset,
    entity id) of speakers already resolved earlier in the article. The
    mention's words (``Speaker.text``) are left to the caller, which has the
    article's text."""
    if span is None or head is None:
        return Speaker(None, None, None)
    tok = doc[head]
    # "Zelensky, who … met Putin, said": the subject's own head names the
    # speaker; other names inside its clauses do not.
    eid = index.by_token.get(head)
    if eid is None:
        eid = _entity_in_span(doc, span, index)
    if eid is None and tok.pos_ == "PROPN":
        eid = person_by_surname(tok.text, index)
    if eid is None and tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        eid = _entity_in_span(doc, _token_span(tok.head.head), index)
    if eid is None and tok.lower_ in PERSONAL:
        eid = antecedent(doc, tok, index, recent_speakers)
    if eid is None and tok.pos_ in ("NOUN", "PROPN"):
        eid = _by_description(doc, span, index, recent_speakers)
    if eid is not None:
        return Speaker(index.entity(eid).name, eid, span)
    if tok.pos_ == "PRON" or tok.lower_ in RELATIVE:
        return Speaker(None, None, span)
    # an unresolved description keeps its words ("the premier of the German
    # state"), only the leading article goes
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    text = sub.text if sub is not None else ""
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            text = text[len(article) :]
    return Speaker(text, None, span)


def person_by_surname(word: str, index: EntityIndex) -> str | None:
    """A bare name the tagger missed ("Lopez said") that is exactly one known
    person's surname."""
    word = word.lower()
    owners = [
        e.id
        for e in index.entities
        if e.type == "PERSON" and len(e.name.split()) > 1 and e.name.split()[-1].lower() == word
    ]
    return owners[0] if len(owners) == 1 else None


def _token_span(tok: Token) -> Span:
    return (tok.idx, tok.idx + len(tok))


def _entity_in_span(doc: Doc, span: Span, index: EntityIndex) -> str | None:
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sub is None:
        return None
    found = [index.by_token[t.i] for t in sub if t.i in index.by_token]
    if not found:
        return None
    persons = [e for e in found if index.types[e] == "PERSON"]
    # "Russian Foreign Minister Sergei Lavrov": the person, not "Russian";
    # "Pentagon officials" are not the Pentagon, so no entity for them
    return persons[-1] if persons else None


def antecedent(
    doc: Doc, pron: Token, index: EntityIndex, recent_speakers: list[tuple[int, str]]
) -> str | None:
    sent = pron.sent
    sents = list(doc.sents)
    si = next(i for i, s in enumerate(sents) if s.start == sent.start)
    for back in range(_MAX_SENTENCES_BACK + 1):
        if si - back < 0:
            break
        s = sents[si - back]
        limit = pron.i if back == 0 else s.end
        people = [
            (t, index.by_token[t.i])
            for t in s
            if t.i < limit
            and t.i in index.by_token
            and index.types[index.by_token[t.i]] == "PERSON"
        ]
        if not people:
            continue
        spoke = [e for off, e in recent_speakers if s.start_char <= off < s.end_char]
        if spoke:
            return spoke[-1]
        subjects = [
            e
            for t, e in people
            if t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass")
        ]
        if subjects:
            return subjects[0] if back else subjects[-1]
        return people[0][1] if back else people[-1][1]
    return None


#: Role words that describe the same office in news prose: "the Russian
#: leader" may be introduced as "President Vladimir Putin".
ROLE_CLASSES: dict[str, frozenset[str]] = {
    # "prime" stands for "prime minister": a bare "minister" is not a leader
    "leader": frozenset(
        [
            "president",
            "premier",
            "prime",
            "chancellor",
            "king",
            "queen",
            "leader",
            "emir",
            "sultan",
            "ruler",
        ]
    ),
    "president": frozenset(["president", "leader"]),
    "minister": frozenset(["minister", "secretary"]),
    "diplomat": frozenset(["minister", "secretary", "ambassador", "envoy", "diplomat"]),
    "official": frozenset(["minister", "secretary", "official", "spokesman", "spokeswoman"]),
}


def _by_description(
    doc: Doc, span: Span, index: EntityIndex, recent_speakers: list[tuple[int, str]]
) -> str | None:
    """A description ("the Russian foreign minister", "the Russian leader")
    resolved to the one person introduced with a fitting role and nationality."""
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sub is None:
        return None
    nations = {nation_key(t.text) for t in sub if t.ent_type_ in ("NORP", "GPE")}
    words = {
        t.lemma_.lower()
        for t in sub
        if not t.is_punct and t.lower_ not in _GENERIC and t.ent_type_ not in ("NORP", "GPE")
    }
    head = sub.root.lemma_.lower()
    if not words or head not in words:
        return None
    return person_by_description(head, words, nations, index, recent_speakers, span[0])


def person_by_description(
    head: str,
    words: set[str],
    nations: set[str],
    index: EntityIndex,
    recent_speakers: list[tuple[int, str]],
    offset: int,
) -> str | None:
    """The one person introduced with a role fitting ``head`` (and the other
    ``words``) and no conflicting nationality; None where it is not clear."""
    roles = ROLE_CLASSES.get(head, frozenset()) | {head}
    matches = []
    for eid, desc in index.descriptors.items():
        if index.types[eid] != "PERSON" or not roles & desc:
            continue
        their = {d[len(NATION_PREFIX) :] for d in desc if d.startswith(NATION_PREFIX)}
        if nations and their and not nations & their:
            continue  # "the Russian leader" is not the Ukrainian one
        if not (words - {head}) <= desc:
            continue  # "the foreign minister" needs "foreign" among the descriptors
        matches.append((bool(nations & their), eid))
    if not matches:
        return None
    best = [eid for strong, eid in matches if strong] or [eid for _, eid in matches]
    if nations and len(best) > 1 and not any(strong for strong, _ in matches):
        return None  # several people could be "the Russian leader": do not guess
    # several people fit ("the president"): the one that spoke or appeared last
    for _, eid in reversed(recent_speakers):
        if eid in best:
            return eid
    before = [
        (e.mentions[0][0], e.id)
        for e in index.entities
        if e.id in best and e.mentions[0][0] < offset
    ]
    return max(before)[1] if before else best[0]
