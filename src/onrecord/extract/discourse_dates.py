"""Dates from the discourse: the day a statement with none of its own inherits.

News tells one occasion over several paragraphs: "Lavrov said on Tuesday …
He added that …", a press conference named in the lede and quoted for ten
paragraphs. A statement whose sentence gives no day takes the day of the
speaker's last dated statement before it, else the day of the scene the text
last set (a day hung from a verb, outside quotes) where no other speaker has
spoken since. A report the text marks as habitual or vague ("has repeatedly
said", "had earlier claimed", "days after … said") gets none; so does one that
opens a new scene ("In a separate post, …", "Separately, …").

Used by :mod:`onrecord.extract.dating`; pure functions of the parsed article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.records import Span, Speaker, Statement, Timex

#: Adverbs that make a report habitual or leave its day open.
_UNDATED_ADVERBS = frozenset(
    "repeatedly previously earlier already long often consistently frequently "
    "recently once before regularly always".split()
) | {"recent"}  # "Trump's recent suggestion"

#: Units of "days after … said": the saying is dated relative to something else.
_TIME_UNITS = frozenset("minute hour day week month year moment".split())

#: Words that open a new scene: what follows does not share the last day.
_NEW_SCENE = re.compile(
    r"\b(?:separately|in a separate|in another|in an earlier|earlier|"
    r"previously|last (?:week|month|year))\b",
    re.IGNORECASE,
)

#: Words for the day of speaking, inside what was said.
_TODAY = frozenset(("today", "tonight", "this morning", "this afternoon", "this evening"))

#: Words that turn to another speaker's thread: what follows does not share
#: the day another speaker set ("Meanwhile, …", "X, for his part, …").
_NEW_SPEAKER = re.compile(
    r"\b(?:meanwhile|for (?:his|her|its|their) part|in response|in turn)\b", re.IGNORECASE
)

#: Conjunctions of a clause that tells what came before or after the scene.
_BACKGROUND = frozenset(("after", "before", "until"))

#: A headline is a line of at most so many words; its lede within so many
#: characters below it.
_HEADLINE_WORDS = 20
_HEADLINE_LINES = 3
_BLANK_END = re.compile(r"\n[ \t]*\n$")
_BLANK_START = re.compile(r"\n[ \t]*(?:\n|$)")
_LEDE_CHARS = 1000

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
#: Dependencies by which a date hangs directly from a verb ("said Friday").
DATE_DEPS = ("npadvmod", "tmod", "advmod", "obl")

#: A wire dateline: a place and a comma opening a line, the day, then the
#: agency or a dash ("DOHA, June 14. /TASS/.", "WASHINGTON, July 22 (AFP) -").
_DATELINE_PLACE = re.compile(r"[ \t]*[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,3},[ \t]*")
_DATELINE_END = re.compile(r"(?:,? \d{4})?\.?[ \t]*(?:/|\(|[-–—])")


def day_of(value: str) -> str | None:
    """The ISO day of a TIMEX3 value, where it names one ("2025-06-24TEV")."""
    m = _DAY.match(value)
    return m.group(0) if m else None


_PRONOUNS = frozenset("he she it they we i you this that who".split())


def is_undated_report(cue: Token) -> bool:
    """Whether the report is habitual or undated: "has repeatedly said",
    "had earlier claimed", "has said", "Trump's recent suggestion", "days
    after … said", "was said to have"."""
    for child in cue.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("advmod", "amod") and lemma in _UNDATED_ADVERBS:
            return True
        if child.dep_ == "npadvmod" and lemma in _TIME_UNITS:
            return True  # "days after Trump said"
    # "was said to have concluded", "is reported to be": hearsay, no one's act
    deps = {c.dep_ for c in cue.children}
    if cue.tag_ == "VBN" and "auxpass" in deps and "xcomp" in deps:
        return True
    # "has said", "had warned": a perfect sets the act apart from the day the
    # story tells (English does not pair it with a day: "has said Friday")
    return cue.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in cue.children)


def context_date(
    doc: Doc,
    text: str,
    anchor: int,
    content: Sequence[Span],
    speaker: Speaker,
    earlier: Sequence[Statement],
    timexes: Sequence[Timex],
    published: str | None,
    quotes: Sequence[Span],
) -> tuple[str, Span | None] | None:
    """The day a statement standing at ``anchor`` (a character offset) with
    ``content`` inherits from its context, with the expression that set that
    day, or None: the speaker's last dated statement, else "today" in its own
    words, else the scene the narration last set."""
    before = _sentence_before(doc, text, anchor, content)
    if _NEW_SCENE.search(before):
        return None
    key = _speaker_key(speaker)
    for st in reversed(earlier):
        if key is not None and _speaker_key(st.speaker) == key:
            if st.date is not None and st.date_basis in ("timex", "context"):
                return st.date, st.date_span
            if st.date is None and st.date_span is not None:
                return None  # the speaker's last word was "this week": still vague
    for tx in timexes:
        # "Today is day 61": the speaker's today is the day of speaking
        if tx.text.lower() in _TODAY and any(s <= tx.start < e for s, e in content):
            day = day_of(tx.value)
            if day is not None:
                return day, tx.span
    if _NEW_SPEAKER.search(before):
        return None  # "Meanwhile, X said": another thread than the last day's
    # the spokesman of a body speaks for it ("the Foreign Ministry announced
    # Monday …" then "Foreign Ministry spokesman X …")
    words = speaker.text or (text[speaker.span[0] : speaker.span[1]] if speaker.span else "")
    mention = f" {words.lower()} "
    earlier = [s for s in earlier if not _named_in(s.speaker, mention)]
    return _scene_day(doc, text, anchor, key, earlier, timexes, published, quotes)


def _named_in(speaker: Speaker, mention: str) -> bool:
    """Whether ``speaker``'s name stands inside another's ``mention``."""
    name = (speaker.name or "").lower()
    return bool(name) and f" {name} " in mention


def is_headline(text: str, anchor: int) -> bool:
    """Whether ``anchor`` lies in a headline: a short line, not ended like a
    sentence, with more text below it, that opens the text or stands between
    blank lines (not one line of a paragraph wrapped by hand)."""
    start = text.rfind("\n", 0, anchor) + 1
    end = text.find("\n", anchor)
    line = text[start:end].strip() if end >= 0 else ""
    if not line or len(line.split()) > _HEADLINE_WORDS or line[-1] in '.!?:,;"”’':
        return False
    if sum(1 for ln in text[:start].splitlines() if ln.strip()) < _HEADLINE_LINES:
        return True  # among the first lines: the title, under a line or two of page chrome
    blank_before = start == 0 or _BLANK_END.search(text, 0, start) is not None
    return blank_before and _BLANK_START.match(text, end) is not None


def lede_day(
    doc: Doc,
    text: str,
    anchor: int,
    timexes: Sequence[Timex],
    published: str | None,
    quotes: Sequence[Span],
) -> tuple[str, Span | None] | None:
    """The first day the narration below ``anchor``'s line sets, near it (a
    day hung from a verb, outside quotes, not after publication)."""
    end = text.find("\n", anchor)
    for tx in sorted(timexes, key=lambda t: t.start):
        if tx.start < end or tx.type not in ("DATE", "TIME"):
            continue
        if tx.start > end + _LEDE_CHARS:
            break
        found = _narrated_day(doc, tx, quotes, published)
        if found is not None:
            return found
    return None


def _narrated_day(
    doc: Doc, tx: Timex, quotes: Sequence[Span], published: str | None
) -> tuple[str, Span | None] | None:
    """The day a time expression of the narration sets, if it sets one."""
    day = day_of(tx.value)
    if day is None or (published and day > published):
        return None  # "the talks slated for June 15" set no scene
    if any(s <= tx.start < e for s, e in quotes):
        return None
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None or not _on_verb(span.root):
        return None
    return day, tx.span


def _sentence_before(doc: Doc, text: str, anchor: int, content: Sequence[Span]) -> str:
    """The narration of the statement's sentence before it: not what was said
    (a quote's "previously" does not open a new scene)."""
    span = doc.char_span(anchor, anchor + 1, alignment_mode="expand")
    if span is None:
        return ""
    start = span.sent.start_char
    said = sorted((max(s, start), min(e, anchor)) for s, e in content if s < anchor and e > start)
    parts, pos = [], start
    for s, e in said:
        parts.append(text[pos:s])
        pos = max(pos, e)
    parts.append(text[pos:anchor])
    return " ".join(parts)


def _scene_day(
    doc: Doc,
    text: str,
    anchor: int,
    key: str | None,
    earlier: Sequence[Statement],
    timexes: Sequence[Timex],
    published: str | None,
    quotes: Sequence[Span],
) -> tuple[str, Span | None] | None:
    """The day of the last scene the narration set before ``anchor`` ("At a
    press conference on Monday, …", "Khamenei said on Tuesday …"): a day hung
    from a verb, outside quotes, not after publication, unless a speaker
    known to be another has spoken since."""
    # a speaker left unresolved ("Iran's supreme leader") may be this one
    others = [s for s in earlier if s.speaker.entity is not None and s.speaker.entity != key]
    # one mention, one turn: "X said …, adding …" speaks from where X first did
    first: dict[int, int] = {}
    for s in earlier:
        if s.source_token is not None:
            first.setdefault(s.source_token, _start(s))
    since = max(
        (
            first.get(s.source_token, _start(s)) if s.source_token is not None else _start(s)
            for s in others
        ),
        default=-1,
    )
    for tx in sorted(timexes, key=lambda t: -t.start):
        if tx.start >= anchor or tx.type not in ("DATE", "TIME"):
            continue
        if tx.start < since:
            return None  # another speaker has spoken since
        found = _narrated_day(doc, tx, quotes, published) or _dateline_day(text, tx, published)
        if found is not None:
            return found
    return None


def _dateline_day(text: str, tx: Timex, published: str | None) -> tuple[str, Span | None] | None:
    """The day of a wire dateline ("PLACE, June 14. /AGENCY/. …", "PLACE,
    June 14 (AGENCY) -"): the day the story below it tells."""
    line_start = text.rfind("\n", 0, tx.start) + 1
    if not _DATELINE_PLACE.fullmatch(text, line_start, tx.start):
        return None
    if not _DATELINE_END.match(text, tx.end):
        return None
    day = day_of(tx.value)
    if day is None or (published and day > published):
        return None
    return day, tx.span


def _on_verb(tok: Token) -> bool:
    """Whether a time expression dates an act (hangs from a verb that is not
    a noun's modifier: not "the talks slated for Sunday")."""
    if tok.dep_ in DATE_DEPS:
        head = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        head = tok.head.head
    else:
        return False
    if head.pos_ not in ("VERB", "AUX") or head.dep_ in ("acl", "relcl", "amod"):
        return False
    # "… after Britain launched a process on August 28": background, not the scene
    marks = [c.lower_ for c in head.children if c.dep_ == "mark"]
    if head.dep_ == "pcomp":
        marks.append(head.head.lower_)
    return not any(m in _BACKGROUND for m in marks)


def _speaker_key(speaker: Speaker) -> str | None:
    """Who speaks, for telling one speaker's thread from another's: the
    person resolved, else the mention's words where they name a speaker
    ("the three countries said … they added"; not a bare pronoun)."""
    if speaker.entity or speaker.name:
        return speaker.entity or speaker.name
    words = (speaker.text or "").lower().split()
    if not words or (len(words) == 1 and words[0] in _PRONOUNS):
        return None
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def _start(st: Statement) -> int:
    """Where a statement's cue or content first stands in the text."""
    spans = [*st.content.spans, *([st.cue.span] if st.cue else [])]
    return min((s for s, _ in spans), default=-1)
