"""Linking tagged spans into attributions: which source and content go with which cue.

The tagger (:mod:`~onrecord.extract.attribution.tagger`) marks spans; this
stage ties them together, one attribution per cue:

* each content span goes to the nearest cue in its sentence (a content of
  several sentences, to the nearest cue in any of them), else the nearest in
  its paragraph. A cue with two content spans has a discontinuous content
  ("“…,” he said, “…”"). A content span whose paragraph has no cue continues
  the last attribution of the paragraph before it: a quote paragraph with no
  cue of its own is the same speaker still talking;
* each cue takes the nearest source in its sentence (several cues may share
  one: "he said … and added …");
* a cue that gets no content is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from onrecord.extract.attribution.tagger import TaggedSpan
from onrecord.extract.quotes import Quote
from onrecord.records import Span


@dataclass(slots=True)
class Linked:
    cue: TaggedSpan
    content: list[Span] = field(default_factory=list)
    source: TaggedSpan | None = None
    continuation_of: int | None = None  # index of the linked attribution it continues


_OPENING = '“"«„‘'
_CLOSING = '”"»’'


class _Layout:
    """Sentence and paragraph numbers of character offsets."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.sent_starts = [s.start_char for s in doc.sents]
        self.breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def sent(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def para(self, pos: int) -> int:
        return bisect.bisect_left(self.breaks, pos)

    def sents(self, start: int, end: int) -> range:
        return range(self.sent(start), self.sent(max(start, end - 1)) + 1)


def gap(a: TaggedSpan | Span, b: TaggedSpan | Span) -> int:
    """Characters between two spans (0 where they touch or overlap)."""
    s1, e1 = a.span if isinstance(a, TaggedSpan) else a
    s2, e2 = b.span if isinstance(b, TaggedSpan) else b
    return max(0, s2 - e1, s1 - e2)


def link(
    doc: Doc, text: str, tagged: Sequence[TaggedSpan], quotes: Sequence[Span] = ()
) -> list[Linked]:
    """Attributions in text order (a continuation follows the one it continues).

    ``quotes`` are the quotations' spans: only a quoted content continues an
    attribution of an earlier paragraph."""
    lay = _Layout(doc, text)
    tagged = [*tagged, *_untagged_cues(doc, lay, tagged)]
    cues = sorted((t for t in tagged if t.role == "cue"), key=lambda t: t.start)
    if not cues:
        return []
    linked = [Linked(c) for c in cues]
    cue_sent = [lay.sent(c.start) for c in cues]
    cue_para = [lay.para(c.start) for c in cues]
    carried: list[tuple[int, Span]] = []  # (cue index, content) of cue-less paragraphs
    for frag in sorted((t for t in tagged if t.role == "content"), key=lambda t: t.start):
        sents = lay.sents(frag.start, frag.end)
        near = [i for i in range(len(cues)) if cue_sent[i] in sents]
        if not near:
            near = [
                i
                for i in range(len(cues))
                if cue_para[i] == lay.para(frag.start)
                # a later cue only right after it ("“…” posted the president", which
                # the parser may cut into two sentences)
                and (cues[i].start < frag.start or gap(cues[i], frag) <= 2)
            ]
        if near:
            best = min(near, key=lambda i: (gap(cues[i], frag), cues[i].start > frag.start))
            linked[best].content.append(frag.span)
            continue
        before = [i for i in range(len(cues)) if cues[i].start < frag.start]
        quoted = any(gap(q, frag) == 0 for q in quotes)
        # a run-on quote paragraph may have lost its opening mark: "… work.”"
        if before and (quoted or text[frag.end - 1] in _CLOSING or text[frag.start] in _OPENING):
            carried.append((before[-1], frag.span))
    # "X said in a statement:" with the quotation as the next paragraph: its content
    opened = {i for i, _ in carried if not linked[i].content}
    for i, span in carried:
        if i in opened and (not linked[i].content or _para_of(lay, linked[i]) == lay.para(span[0])):
            linked[i].content.append(span)
    carried = [(i, span) for i, span in carried if i not in opened]
    for item in linked:
        item.content = _joined(text, sorted(item.content))
    tagged = _whole_sources(text, tagged)
    for i, item in enumerate(linked):
        sources = [
            t
            for t in tagged
            if t.role == "source"
            and lay.sent(t.start) == cue_sent[i]
            and not any(gap(t, c) == 0 for c in item.content)
            and not _subject_of_later(t, item.cue, cues)
        ]
        if sources:
            item.source = min(sources, key=lambda t: (gap(t, item.cue), t.start > item.cue.start))
    out: list[Linked] = []
    index: dict[int, int] = {}
    for i, item in enumerate(linked):
        if item.content:
            index[i] = len(out)
            out.append(item)
    latest: dict[int, Linked] = {}
    for i, span in carried:
        owner = _owner(i, index)
        if owner is None:
            continue
        prev = latest.get(owner, out[owner])
        if _para_of(lay, prev) == lay.para(span[0]):
            prev.content.append(span)
        else:
            cont = Linked(out[owner].cue, [span], out[owner].source, continuation_of=owner)
            out.append(cont)
            latest[owner] = cont
    ordered = sorted(out, key=lambda x: x.content[0][0])
    pos = {id(x): n for n, x in enumerate(ordered)}
    for x in ordered:
        if x.continuation_of is not None:
            x.continuation_of = pos[id(out[x.continuation_of])]
    return ordered


def _untagged_cues(doc: Doc, lay: _Layout, tagged: Sequence[TaggedSpan]) -> list[TaggedSpan]:
    """Cues the tagger missed between a source and a content of a sentence with
    no cue ("Norman, who follows the talks closely wrote in a post that “…”"):
    the verb the source is the subject of."""
    with_cue = {lay.sent(t.start) for t in tagged if t.role == "cue"}
    out = []
    for src in (t for t in tagged if t.role == "source"):
        n = lay.sent(src.start)
        if n in with_cue:
            continue
        later = [t for t in tagged if t.role == "content" and lay.sent(t.start) == n]
        span = doc.char_span(src.start, src.end, alignment_mode="expand")
        if span is None or not later:
            continue
        verb = span.root.head
        if (
            span.root.dep_ == "nsubj"
            and verb.pos_ == "VERB"
            and src.end <= verb.idx < min(t.start for t in later)
        ):
            out.append(TaggedSpan("cue", verb.idx, verb.idx + len(verb)))
            with_cue.add(n)
    return out


def _subject_of_later(source: TaggedSpan, cue: TaggedSpan, cues: Sequence[TaggedSpan]) -> bool:
    """Whether ``source`` stands after ``cue`` right before a cue of its own
    ("…, adding that …, Reuters reported": Reuters is not who added)."""
    return source.start > cue.start and any(
        c is not cue and c.start >= source.end and gap(source, c) <= 1 for c in cues
    )


def _whole_sources(text: str, tagged: Sequence[TaggedSpan]) -> list[TaggedSpan]:
    """Source pieces with only a space between them made one ("Iran's Supreme
    Leader" + "Ayatollah Ali Khamenei")."""
    pieces = sorted(t.span for t in tagged if t.role == "source")
    sources = _merged(text, pieces, lambda between: not between.strip())
    return [t for t in tagged if t.role != "source"] + [
        TaggedSpan("source", *_unbracketed(text, s, e)) for s, e in sources
    ]


def _unbracketed(text: str, start: int, end: int) -> Span:
    """A source less the end of a bracket opened before it ("(MENAFN) Iran's
    Foreign Ministry": the agency's dateline is not the speaker)."""
    close = text.find(")", start, end)
    if close >= 0 and "(" not in text[start:close]:
        rest = len(text[close + 1 : end]) - len(text[close + 1 : end].lstrip())
        if close + 1 + rest < end:
            return (close + 1 + rest, end)
    return (start, end)


def _para_of(lay: _Layout, item: Linked) -> int:
    return lay.para(item.content[-1][0])


#: What may stand between two pieces of one content: "X, but that Y", "X and Y".
_JOIN = re.compile(r"[\s,;]*(?:but|and|or)?[\s,;]*", re.IGNORECASE)


def _joined(text: str, spans: list[Span]) -> list[Span]:
    """Content pieces with only a comma or a conjunction between them made one."""
    return _merged(text, spans, lambda between: bool(between.strip() and _JOIN.fullmatch(between)))


def _merged(text: str, spans: list[Span], may_join: Callable[[str], bool]) -> list[Span]:
    """Sorted ``spans``, each made one with the one before where the text between
    them is one ``may_join`` accepts (never over a line break)."""
    out: list[Span] = []
    for s, e in spans:
        between = text[out[-1][1] : s] if out else ""
        if out and "\n" not in between and may_join(between):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _owner(i: int, index: dict[int, int]) -> int | None:
    while i >= 0:
        if i in index:
            return index[i]
        i -= 1
    return None


def kind_of(content: Sequence[Span], quotes: Sequence[Quote]) -> tuple[str, tuple[Span, ...]]:
    """direct (all quoted), mixed (a quotation inside) or indirect, with the quotations."""
    inside = tuple(q.span for q in quotes if any(gap(q.span, c) == 0 for c in content))
    if not inside:
        return "indirect", ()
    size = sum(e - s for s, e in content)
    quoted = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in content for s2, e2 in inside)
    return ("direct" if quoted >= 0.9 * size else "mixed"), inside
