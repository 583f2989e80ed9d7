"""Resolving one speaker mention to the person it refers to.

"Lavrov" and "Russian Foreign Minister Sergei Lavrov" name an entity
directly; "he" is resolved to the person most recently in subject position
(speakers of earlier statements first, then grammatical subjects outside
quotations, nearest sentence first); "who" to the noun its clause hangs from;
a description such as "the Russian foreign minister" to the person introduced
with those words before it. A mention that resolves to nobody keeps its own
text as the name, except a pronoun, which then has no name.

A dateline run into the subject ("MILAN, Italy – President X said") is not
part of the speaker, and an all-capitals word alone (a dateline, a slogan)
never names one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extract.entities import NATION_PREFIX, EntityIndex, nation_key
from onrecord.extract.quotes import find_quotes
from onrecord.records import Span, Speaker

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PLURAL = frozenset({"they", "them", "we", "us"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_GENERIC = frozenset({"the", "a", "an", "this", "that", "these", "those", "'s", "’s"})
_MAX_SENTENCES_BACK = 4
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
#: Role words that say which pronoun a person takes.
_FEMALE_WORDS = frozenset(
    ["spokeswoman", "chairwoman", "congresswoman", "ms", "mrs", "madam", "queen", "princess"]
)
_MALE_WORDS = frozenset(["spokesman", "chairman", "congressman", "mr", "king", "prince", "sir"])
#: Separators that end a dateline run into a sentence ("CAIRO – …", "Tel Aviv, June 13: …").
_DATELINE_SEPARATORS = frozenset(["–", "—", "-", "--", ":"])
_MAX_DATELINE_TOKENS = 8
_DATELINE_ENTS = frozenset(["GPE", "LOC", "DATE", "ORG", "FAC", "NORP"])


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
    span, head = _after_dateline(doc, span, head)
    tok = doc[head]
    if _all_caps(tok) and len(_tokens(doc, span)) == 1:
        return Speaker(None, None, span)  # "CAIRO" said nothing
    # "Zelensky, who … met Putin, said": the subject's own head names the
    # speaker; other names inside its clauses do not.
    eid = index.by_token.get(head)
    if eid is None or index.types[eid] != "PERSON":
        # "Iran's Khamenei mocks …": the person after the possessive, not the country
        eid = _possessed_person(doc, span, index) or eid
    if eid is not None and index.types[eid] != "PERSON" and tok.pos_ == "PROPN":
        # "Trump on Truth Social" tagged as one organisation: the person
        eid = person_by_surname(tok.text, index) or eid
    if eid is None:
        eid = _entity_in_span(doc, span, index)
    if eid is None and tok.pos_ == "PROPN" and not _all_caps(tok):
        eid = person_by_surname(tok.text, index)
    if eid is None and tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        eid = _entity_in_span(doc, _token_span(tok.head.head), index)
    if eid is None and tok.lower_ in PERSONAL:
        eid = nested_possessor(tok, index)
    if eid is None and tok.lower_ in PERSONAL:
        eid = antecedent(doc, tok, index, recent_speakers)
    if eid is None and tok.pos_ in ("NOUN", "PROPN"):
        eid = _by_description(doc, span, index, recent_speakers)
    if eid is not None:
        return Speaker(index.entity(eid).name, eid, span)
    if tok.pos_ == "PRON" or tok.lower_ in RELATIVE:
        return Speaker(None, None, span)
    # an unresolved description keeps its words ("the premier of the German
    # state"), only the leading article goes, and what a comma sets off
    # ("an adviser to the leader, Ali Shamkhani"; "the ministers, who …")
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tok.i]
    publisher = _publisher(tok) or _earlier_publisher(tok)
    if publisher is not None:
        sub = publisher
    elif named and tok.pos_ == "NOUN":
        sub = doc[min(t.i for t in named[0].subtree) : max(t.i for t in named[0].subtree) + 1]
    elif sub is not None and _trailing_name(sub) is not None:
        sub = _trailing_name(sub)
    elif sub is not None:
        comma = next(
            (t.i for t in sub if t.text == "," and t.i > tok.i and t.nbor().lower_ in RELATIVE),
            None,
        )
        if comma is not None:
            sub = doc[sub.start : comma]
    text = sub.text if sub is not None else ""
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            text = text[len(article) :]
    return Speaker(text, None, span)


def _trailing_name(sub: SpacySpan) -> SpacySpan | None:
    """ "an adviser to the leader, Ali Shamkhani": the name set off at the end."""
    commas = [t.i for t in sub if t.text == ","]
    if not commas or commas[-1] + 1 >= sub.end:
        return None
    rest = sub.doc[commas[-1] + 1 : sub.end]
    if all(t.pos_ == "PROPN" and t.is_title for t in rest) and sub[0].pos_ != "PROPN":
        return rest
    return None


#: Nouns for a published piece: "a CNN report" is CNN's.
_PIECES = frozenset(["report", "article", "story", "broadcast", "bulletin"])


def _publisher(tok: Token) -> SpacySpan | None:
    """Who published "a CNN report", "US media reports", "a report by CNN"."""
    if tok.lemma_.lower() not in _PIECES:
        return None
    doc = tok.doc
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                sub = list(objs[0].subtree)
                return doc[sub[0].i : sub[-1].i + 1]
    mods = [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i and c.pos_ != "ADJ"
    ]
    if not mods:
        return None
    start = min(t.i for m in mods for t in m.subtree)
    end = tok.i
    if doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end] if end > start else None


#: Sentences back that "the report" looks for the report it names again.
_PIECE_SENTENCES = 3


def _earlier_publisher(tok: Token) -> SpacySpan | None:
    """Who published "the report" that an earlier sentence named ("His
    comments followed a CNN report … According to the report, …")."""
    if tok.lemma_.lower() not in _PIECES or not any(
        c.lower_ in ("the", "that", "this") for c in tok.children
    ):
        return None
    doc = tok.doc
    first = tok.sent.start
    for _ in range(_PIECE_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for prev in reversed(doc[first : tok.i]):
        if prev.lemma_.lower() == tok.lemma_.lower():
            found = _publisher(prev)
            if found is not None:
                return found
    return None


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


def _tokens(doc: Doc, span: Span) -> list[Token]:
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    return [t for t in sub if not t.is_space] if sub is not None else []


def _all_caps(tok: Token) -> bool:
    """ "MILAN", "CAIRO", "NO": shouted words and datelines, not speakers."""
    return len(tok.text) > 1 and tok.text.isalpha() and tok.text.isupper()


def _after_dateline(doc: Doc, span: Span, head: int) -> tuple[Span, int]:
    """ "MILAN, Italy – US President X" -> "US President X": a short place (and
    date) ended by a dash or a colon opens the sentence, not the speaker."""
    toks = _tokens(doc, span)
    cut = next(
        (
            i
            for i, t in enumerate(toks[:_MAX_DATELINE_TOKENS])
            if t.text in _DATELINE_SEPARATORS
            and 0 < i < len(toks) - 1
            and (t.text == ":" or toks[i - 1].whitespace_)  # not "R-Ohio"
        ),
        None,
    )
    if cut is None or (not toks[0].is_title and not _all_caps(toks[0])):
        return span, head
    lead = [t for t in toks[:cut] if not t.is_punct]
    # only a place (an agency, a date) makes a dateline: "Tom Baker — who …" is no place
    if not all(t.ent_type_ in _DATELINE_ENTS or _all_caps(t) for t in lead) or not any(
        t.ent_type_ in ("GPE", "LOC") or _all_caps(t) for t in lead
    ):
        return span, head
    rest = toks[cut + 1 :]
    inside = {t.i for t in rest}
    root = next((t for t in rest if t.head.i not in inside or t.head.i == t.i), rest[-1])
    return (rest[0].idx, rest[-1].idx + len(rest[-1])), root.i


#: Dependencies that lead away from the person a mention names: "Putin's
#: spokesman", "an adviser to the president", "the man who met Putin".
_NOT_THE_MENTIONED = frozenset(["poss", "prep", "pobj", "relcl", "acl", "agent"])


def _entity_in_span(doc: Doc, span: Span, index: EntityIndex) -> str | None:
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sub is None:
        return None
    found = [
        index.by_token[t.i]
        for t in sub
        if t.i in index.by_token
        and not _all_caps(t)
        and (not _away_from_head(t, sub.root) or _closing_name(t, sub, index))
    ]
    if not found:
        return None
    persons = [e for e in found if index.types[e] == "PERSON"]
    # "Russian Foreign Minister Sergei Lavrov": the person, not "Russian";
    # "Pentagon officials" are not the Pentagon, so no entity for them
    return persons[-1] if persons else None


def _possessed_person(doc: Doc, span: Span, index: EntityIndex) -> str | None:
    """The person named right after a possessive in the mention ("Iran's
    Khamenei"), by entity or by surname."""
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sub is None:
        return None
    for t in sub:
        if t.tag_ != "POS" or t.i + 1 >= sub.end:
            continue
        names = [n for n in doc[t.i + 1 : sub.end] if n.pos_ == "PROPN"]
        if not names:
            return None
        last = names[-1]
        eid = index.by_token.get(last.i)
        if eid is not None and index.types[eid] == "PERSON":
            return eid
        return person_by_surname(last.text, index)
    return None


def _away_from_head(tok: Token, root: Token) -> bool:
    """True if ``tok`` hangs from the mention's head through a possessive, a
    preposition or a clause: "Putin's spokesman" is not Putin."""
    seen = 0
    while tok.i != root.i and tok.head.i != tok.i and seen < 12:
        if tok.dep_ in _NOT_THE_MENTIONED:
            return True
        tok = tok.head
        seen += 1
    return False


def _closing_name(tok: Token, sub: SpacySpan, index: EntityIndex) -> bool:
    """ "Spokesperson for the Foreign Ministry Esmaeil Baqaei": a name that
    ends the mention right after a title is the speaker's, whatever the parse
    hung it from; "a spokesman for Putin" and "Putin's aide" are not Putin."""
    eid = index.by_token[tok.i]
    toks = [t for t in sub if index.by_token.get(t.i) == eid]
    first, last = toks[0], toks[-1]
    if last.i != sub[-1].i or first.i == sub.start or any(t.dep_ == "poss" for t in toks):
        return False
    before = sub.doc[first.i - 1]
    return (
        before.pos_ in ("NOUN", "PROPN")
        and index.types.get(index.by_token.get(before.i, ""), "") != "PERSON"
    )


def nested_possessor(pron: Token, index: EntityIndex) -> str | None:
    """ "Trump's opposition to X and his view that …": a possessive pronoun on
    a noun joined to another noun with a possessor refers to that possessor,
    not to whoever reports both."""
    if pron.dep_ != "poss" or pron.head.dep_ != "conj":
        return None
    first = pron.head.head
    for child in first.children:
        if child.dep_ == "poss":
            eid = index.by_token.get(child.i)
            if eid is not None and index.types[eid] == "PERSON":
                return eid
    return None


def antecedent(
    doc: Doc, pron: Token, index: EntityIndex, recent_speakers: list[tuple[int, str]]
) -> str | None:
    """The person a pronoun refers to: in the nearest sentence (its own, before
    it, first) that has one, the speaker of an earlier statement, else the
    subject of a main clause, else any person named there; never a name
    inside a quotation, an all-capitals word, or a person the pronoun's
    gender rules out."""
    sents = list(doc.sents)
    si = next(i for i, s in enumerate(sents) if s.start <= pron.i < s.end)
    quoted = _quote_spans(doc)
    pron_quoted = _in(pron.idx, quoted)
    gender = _pronoun_gender(pron.lower_)
    genders = _known_genders(doc, index, recent_speakers)

    def fits(eid: str) -> bool:
        return index.types[eid] == "PERSON" and genders.get(eid, gender) == gender

    # sentences wholly inside a quotation do not count towards the distance
    near = [
        t
        for t in sents[: si + 1]
        if t.start == sents[si].start or pron_quoted or not _inside_any(t, quoted)
    ][-(_MAX_SENTENCES_BACK + 1) :]
    fallback: str | None = None
    for sent in reversed(near):
        back = sent.start != sents[si].start
        end_char = pron.idx if not back else sent.end_char
        spoke = [
            (off, e) for off, e in recent_speakers if sent.start_char <= off < end_char and fits(e)
        ]
        if spoke:
            # the speaker of the sentence's main statement before one nested in it
            main = [(off, e) for off, e in spoke if not _nested_mention(doc, off)]
            return (main or spoke)[-1][1]
        people = [
            (t, index.by_token[t.i])
            for t in sent
            if t.idx < end_char
            and t.i in index.by_token
            and fits(index.by_token[t.i])
            and not _all_caps(t)
            and (pron_quoted or not _in(t.idx, quoted))
        ]
        subjects = [e for t, e in people if _is_subject(t)]
        if subjects:
            return subjects[0] if back else subjects[-1]
        if people and fallback is None:
            # a person named in passing: only if no sentence has a subject
            fallback = people[0][1] if back else people[-1][1]
    return fallback


def _inside_any(sent: SpacySpan, spans: list[Span]) -> bool:
    return any(s <= sent.start_char and sent.end_char <= e + 1 for s, e in spans)


def _pronoun_gender(word: str) -> str:
    return "m" if word in _MALE else "f" if word in _FEMALE else ""


def _known_genders(
    doc: Doc, index: EntityIndex, recent_speakers: list[tuple[int, str]]
) -> dict[str, str]:
    """What the article tells of each person's pronoun: earlier statements
    whose speaker was a pronoun, and role words ("spokeswoman")."""
    out: dict[str, str] = {}
    for eid, desc in index.descriptors.items():
        if desc & _FEMALE_WORDS:
            out[eid] = "f"
        elif desc & _MALE_WORDS:
            out[eid] = "m"
    for off, eid in recent_speakers:
        sub = doc.char_span(off, off + 1, alignment_mode="expand")
        if sub is not None and _pronoun_gender(sub[0].lower_):
            out.setdefault(eid, _pronoun_gender(sub[0].lower_))
    return out


def _is_subject(tok: Token) -> bool:
    """The subject (or part of the subject's name) of a main clause."""
    seen = 0
    while tok.dep_ in ("compound", "appos", "flat", "conj") and seen < 6:
        tok = tok.head
        seen += 1
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    # a finite verb: "Al Busaidi acting as mediator" (a fragment) has no subject to refer to
    finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )
    return verb.dep_ in ("ROOT", "ccomp", "parataxis") and finite


def _nested_mention(doc: Doc, offset: int) -> bool:
    """A speaker mention that is a possessor ("Trump's position that …")."""
    sub = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if sub is None:
        return False
    tok = sub[0]
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "poss"


def _quote_spans(doc: Doc) -> list[Span]:
    cached = doc.user_data.get("onrecord.quote_spans")
    if cached is None:
        cached = [q.span for q in find_quotes(doc.text)]
        doc.user_data["onrecord.quote_spans"] = cached
    return list(cached)


def _in(offset: int, spans: list[Span]) -> bool:
    return any(s <= offset < e for s, e in spans)


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
    # "the official" is rarely a named minister: an unnamed official stays unnamed
    "spokesman": frozenset(["spokesman", "spokeswoman", "spokesperson"]),
    "spokeswoman": frozenset(["spokesman", "spokeswoman", "spokesperson"]),
    "spokesperson": frozenset(["spokesman", "spokeswoman", "spokesperson"]),
}
#: Short forms of role words: "the Israeli PM".
_ROLE_SHORT = {"pm": "prime", "fm": "minister", "potus": "president"}
#: Words of a description that say nothing of the office: "the top diplomat",
#: "the veteran envoy".
_NOT_ROLE_WORDS = frozenset(
    ["top", "senior", "chief", "leading", "veteran", "powerful", "own", "current", "new"]
)


def _by_description(
    doc: Doc, span: Span, index: EntityIndex, recent_speakers: list[tuple[int, str]]
) -> str | None:
    """A description ("the Russian foreign minister", "the Russian leader")
    resolved to the one person introduced with a fitting role and nationality."""
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sub is None:
        return None
    nations = {nation_key(t.text) for t in sub if t.ent_type_ in ("NORP", "GPE")}
    # "Putin's spokesman": the possessor is whom the person works for, not a role
    owners = {t.i for t in sub if t.ent_type_ == "PERSON" or t.tag_ == "POS"}
    words = {
        _ROLE_SHORT.get(t.lemma_.lower(), t.lemma_.lower())
        for t in sub
        if not t.is_punct
        and t.lower_ not in _GENERIC
        and t.lower_ not in _NOT_ROLE_WORDS
        and t.ent_type_ not in ("NORP", "GPE")
        and t.i not in owners
    }
    head = _ROLE_SHORT.get(sub.root.lemma_.lower(), sub.root.lemma_.lower())
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
    """The one person introduced before ``offset`` with a role fitting
    ``head`` (and the other ``words``) and no conflicting nationality; None
    where it is not clear."""
    roles = ROLE_CLASSES.get(head, frozenset()) | {head}
    introduced = {e.id for e in index.entities if e.mentions and e.mentions[0][0] < offset}
    matches = []
    for eid, desc in index.descriptors.items():
        if index.types[eid] != "PERSON" or not roles & desc or eid not in introduced:
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
