"""Entities: cluster the named-entity mentions of one article.

"Russian Foreign Minister Sergei Lavrov", "Lavrov" and "Lavrov's" are one
person; the canonical name is the fullest personal name written ("Sergei
Lavrov"), without titles. A bare surname joins the full name that shares it;
two full names with the same surname but different first names stay apart.
The words written in front of a name ("Russian Foreign Minister", "Ukrainian
leader") are kept as the person's descriptors, which lets the speaker stage
resolve "the Russian foreign minister" later in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from onrecord.records import Entity, Span, Statement

KEPT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
#: Honorifics and offices that spaCy sometimes keeps inside a PERSON span.
TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "governor",
        "president",
        "vice",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "prime",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "lady",
        "sir",
        "gen",
        "gen.",
        "general",
        "col",
        "col.",
        "lt",
        "capt",
        "adm",
        "judge",
        "justice",
        "mayor",
        "sheriff",
        "speaker",
        "chairman",
        "chairwoman",
        "ceo",
        "rev",
        "rev.",
        "st.",
        "former",
    ]
)
#: Descriptor entries that name a nationality or country are kept apart, so
#: that "the Russian leader" can rule out "Ukrainian leader Volodymyr Zelensky".
NATION_PREFIX = "@"


def nation_key(word: str) -> str:
    """Compare nationality words loosely: "Russian"/"Russia", "U.S."/"US"."""
    key = word.lower().replace(".", "")
    for suffix in ("ian", "ean", "an", "ese", "ish", "i", "a"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


_LEADING = ("the ", "The ", "a ", "A ", "an ", "An ")


@dataclass(slots=True)
class _Cluster:
    label: str
    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    descriptors: set[str] = field(default_factory=set)
    heads: list[int] = field(default_factory=list)  # token index of each mention's head


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """Entities of one article and the lookups the speaker stage needs."""

    entities: tuple[Entity, ...]
    by_token: dict[int, str]  # token index -> entity id, for tokens of mentions
    descriptors: dict[str, frozenset[str]]  # entity id -> lower-cased role words
    types: dict[str, str]

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)


def clean_name(text: str, person: bool = True) -> str:
    """Strip possessives, leading articles and (for people) titles from a name:
    "President Putin's" -> "Putin", but "General Motors" stays."""
    name = text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for lead in _LEADING:
        if name.startswith(lead):
            name = name[len(lead) :]
    words = name.split()
    while person and len(words) > 1 and words[0].lower() in TITLES:
        words.pop(0)
    return " ".join(words)


def _person_key(name: str) -> tuple[str, str]:
    words = name.split()
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower() if words else "")


def _descriptors(ent: SpacySpan) -> set[str]:
    """Words in front of a name that say what the person is."""
    out = set()
    i = ent.start - 1
    doc = ent.doc
    while i >= max(0, ent.sent.start) and i >= ent.start - 8:
        tok = doc[i]
        if _of_the(doc, i, ent.sent.start):
            # "Leader of the Islamic Revolution Ali Khamenei": the office goes on
            i -= 2 if tok.lower_ == "the" else 1
            continue
        if tok.ent_type_ in ("NORP", "GPE"):
            out.add(NATION_PREFIX + nation_key(tok.text))
            i -= 1
            continue
        if tok.pos_ in ("PROPN", "NOUN", "ADJ"):
            out.add(tok.lemma_.lower())
            i -= 1
            continue
        if tok.tag_ == "POS":
            i -= 1
            continue
        break
    for tok in ent:
        if tok.lower_ in TITLES:
            out.add(tok.lower_.rstrip("."))
    return out


def _joined(doc: Doc) -> list[SpacySpan]:
    """The tagger's entities, two person names side by side made one
    ("Sayyid Badr" + "bin Hamad Albusaidi")."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start:
            out[-1] = SpacySpan(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _whole_name(ent: SpacySpan) -> SpacySpan:
    """ "Seyed Abbas | Araghchi": a capitalised name word the tagger left out
    (or gave another label) right after a person's name is part of it."""
    doc = ent.doc
    end = ent.end
    while (
        end < len(doc)
        and end < ent.sent.end
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and doc[end].ent_type_ in ("", "ORG", "GPE", "NORP")
        and doc[end].ent_iob_ != "I"
        and (doc[end].head.i in range(ent.start, end) or doc[end - 1].head.i == end)
    ):
        end += 1
    return SpacySpan(doc, ent.start, end, label=ent.label_) if end > ent.end else ent


def _of_the(doc: Doc, i: int, start: int) -> bool:
    """Is ``doc[i]`` the "of" (or "the" after "of") inside an office's name?"""
    if doc[i].lower_ == "the" and i - 1 > start and doc[i - 1].lower_ == "of":
        i -= 1
    return doc[i].lower_ == "of" and i - 1 >= start and doc[i - 1].pos_ in ("NOUN", "PROPN")


def build_entities(doc: Doc) -> EntityIndex:
    clusters: list[_Cluster] = []
    persons_full: dict[tuple[str, str], _Cluster] = {}
    pending_surnames: list[tuple[SpacySpan, str]] = []
    by_key: dict[tuple[str, str], _Cluster] = {}
    others: list[tuple[SpacySpan, str, _Cluster]] = []
    for ent in _joined(doc):
        if ent.label_ not in KEPT_LABELS:
            continue
        while len(ent) > 1 and (ent[-1].is_punct or ent[-1].pos_ in ("VERB", "AUX")):
            ent = ent[:-1]  # a headline verb run into the name: "Lavrov Says '"
        if ent.label_ == "PERSON":
            ent = _whole_name(ent)
        name = clean_name(ent.text, person=ent.label_ == "PERSON")
        if not name or not any(c.isalpha() for c in name):
            continue
        if ent.label_ == "PERSON":
            first, last = _person_key(name)
            if not first:
                pending_surnames.append((ent, name))
                continue
            cluster = persons_full.get((first, last))
            if cluster is None:
                cluster = _Cluster("PERSON", name)
                persons_full[(first, last)] = cluster
                clusters.append(cluster)
        else:
            # other kinds merge by name whatever label the tagger gave each
            # mention ("White House" as FAC here, ORG there)
            key = ("", name.lower())
            cluster = by_key.get(key)
            if cluster is None:
                cluster = _Cluster(ent.label_, name)
                by_key[key] = cluster
                clusters.append(cluster)
            others.append((ent, name, cluster))
        _add(cluster, ent, name)
    # A one-word non-person mention that is a known person's surname is that
    # person, mislabelled ("Trump" tagged ORG): move it over.
    for ent, name, cluster in others:
        words = name.split()
        if len(words) != 1:
            continue
        owners = [c for (f, la), c in persons_full.items() if la == words[0].lower()]
        if len(owners) == 1 and cluster.label != "PERSON":
            _move(cluster, owners[0], ent)
    for ent, name in pending_surnames:
        last = name.lower()
        matches = [c for (f, la), c in persons_full.items() if la == last or f == last]
        if len(matches) > 1:
            # the nearest full name written before this mention wins
            before = [c for c in matches if c.mentions and c.mentions[0][0] < ent.start_char]
            matches = before[-1:] if before else matches[:1]
        if matches:
            _add(matches[0], ent, name)
            continue
        cluster = by_key.get(("PERSON", last))
        if cluster is None:
            cluster = _Cluster("PERSON", name)
            by_key[("PERSON", last)] = cluster
            clusters.append(cluster)
        _add(cluster, ent, name)
    clusters = [c for c in clusters if c.mentions]
    clusters.sort(key=lambda c: c.mentions[0][0])
    entities = []
    by_token: dict[int, str] = {}
    descriptors: dict[str, frozenset[str]] = {}
    types: dict[str, str] = {}
    for n, c in enumerate(clusters, start=1):
        eid = f"E{n}"
        canonical = max(c.names, key=lambda s: (len(s.split()), len(s)))
        entities.append(Entity(eid, canonical, c.label, tuple(sorted(set(c.mentions)))))
        descriptors[eid] = frozenset(c.descriptors)
        types[eid] = c.label
        for s, e in c.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    by_token[tok.i] = eid
    return EntityIndex(tuple(entities), by_token, descriptors, types)


def _add(cluster: _Cluster, ent: SpacySpan, name: str) -> None:
    cluster.names.append(name)
    start, end = ent.start_char, ent.end_char
    text = ent.text
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            end -= len(suffix)
    cluster.mentions.append((start, end))
    cluster.heads.append(ent.root.i)
    if ent.label_ == "PERSON":
        cluster.descriptors |= _descriptors(ent)


def _move(src: _Cluster, dst: _Cluster, ent: SpacySpan) -> None:
    """Move one mention (and its name) from one cluster to another."""
    i = src.heads.index(ent.root.i)
    dst.mentions.append(src.mentions.pop(i))
    dst.heads.append(src.heads.pop(i))
    dst.names.append(src.names.pop(i))


def entity_records(index: EntityIndex, statements: Sequence[Statement]) -> tuple[Entity, ...]:
    """The article's entities as published: each with the speaker mentions
    resolved to it (a pronoun or description that refers to it) added to its
    own, and its descriptors (nationality keys left out)."""
    extra: dict[str, list[Span]] = {}
    for st in statements:
        if st.speaker.entity and st.speaker.span:
            extra.setdefault(st.speaker.entity, []).append(st.speaker.span)
    out = []
    for e in index.entities:
        mentions = set(e.mentions)
        for s in extra.get(e.id, []):
            if not any(m[0] < s[1] and s[0] < m[1] for m in mentions):
                mentions.add(s)
        descriptors = index.descriptors.get(e.id, frozenset())
        out.append(
            Entity(
                e.id,
                e.name,
                e.type,
                tuple(sorted(mentions)),
                tuple(sorted(d for d in descriptors if not d.startswith(NATION_PREFIX))),
            )
        )
    return tuple(out)
