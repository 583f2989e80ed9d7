"""Speakers who pass on someone else's words, and quotations that run on.

"Reading a statement from the governor, the aide said: …" and "the aide
said on behalf of the governor" put the governor's words in the aide's
mouth: the statement is the governor's. A paragraph that opens with "I …"
outside any quotation marks is a quotation whose opening mark the article
dropped: it continues the statement just before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.extract.entities import EntityIndex
from onrecord.records import Speaker, Statement

#: Verbs of passing on a text: "reading a statement from X".
_RELAY_VERBS = frozenset(["read", "deliver", "relay", "convey", "pass", "share", "quote"])
#: What is passed on.
_TEXTS = frozenset(["statement", "message", "letter", "note", "remark", "word", "text"])
#: Prepositions that name the author of the text passed on.
_AUTHOR_PREPS = frozenset(["from", "of", "by"])


def relayed_author(doc: Doc, cue: int | None, index: EntityIndex) -> str | None:
    """The person whose statement the speaker reads out or delivers, found
    from the cue verb: "Reading a statement from X, Y said" and "Y said on
    behalf of X" give X; None where nobody else's words are passed on."""
    if cue is None:
        return None
    verb = doc[cue]
    for child in verb.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in _RELAY_VERBS:
            for obj in child.children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() in _TEXTS:
                    # "from X" hangs from the text or from the verb
                    found = _author(obj, index, _AUTHOR_PREPS) or _author(
                        child, index, frozenset(["from"])
                    )
                    if found is not None:
                        return found
        if child.dep_ == "prep" and child.lower_ == "on":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lower_ == "behalf":
                    found = _author(obj, index, frozenset(["of"]))
                    if found is not None:
                        return found
    return None


def _author(noun: Token, index: EntityIndex, preps: frozenset[str]) -> str | None:
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for tok in obj.subtree:
                eid = index.by_token.get(tok.i)
                if eid is not None and index.types[eid] == "PERSON":
                    return eid
    return None


def run_on_quote(
    doc: Doc, head: int | None, speaker: Speaker, earlier: Sequence[Statement], text: str
) -> Speaker:
    """ "I" outside quotation marks at the start of a paragraph: the words of
    the speaker of the statement just before, if that one ended in the
    paragraph before."""
    if head is None or speaker.entity is not None or not earlier:
        return speaker
    tok = doc[head]
    if tok.text != "I" or speaker.span is None:
        return speaker
    start = text.rfind("\n", 0, tok.idx) + 1
    if text[start : tok.idx].strip():
        return speaker  # not the paragraph's first word
    prev = earlier[-1]
    if prev.speaker.name is None or not prev.content.spans:
        return speaker
    end = prev.content.spans[-1][1]
    between = text[end:start]
    lines = between.split("\n")
    if end > start or len(lines) < 2 or any(line.strip() for line in lines[1:]):
        return speaker  # the statement before ended in an earlier paragraph
    return Speaker(prev.speaker.name, prev.speaker.entity, speaker.span)
