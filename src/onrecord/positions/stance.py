"""Stance of a statement toward its topic: support, oppose, conditional, unclear.

Rules over the statement's own words, not a model: news statements state a
position with a small vocabulary (reject, rule out, only if, wants, must), and a
rule that fires can be shown to the user as the reason. The cue words are data
(the tables below), each rule with the reason it exists. The topic itself is
not parsed: a statement in a topic is taken to be about it, so "there is no
meeting planned" in a meeting topic opposes (denies) the meeting.

Rules, first match wins:

1. a condition ("only if", "unless", "provided that", "as long as", "X first")
   → conditional: a position held on terms is neither a yes nor a no;
2. a rejection word ("rejects", "opposes", "ruled out", "against") → oppose,
   but a negated one ("not against", "never opposed") → support;
3. a negation ("no", "not", "never", "won't") → oppose: the statement denies
   something about the topic;
4. a support word ("supports", "backs", "wants", "should", "will") → support;
5. otherwise → unclear.

A cell of the actor × topic table (:func:`aggregate`) takes the majority of its
statements' clear stances, the most recent one breaking a tie.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STANCES = ("support", "oppose", "conditional", "unclear")


@dataclass(frozen=True, slots=True)
class Stance:
    stance: str  # one of STANCES
    cue: str | None = None  # the words that decided it
    rule: str | None = None  # which rule fired


@dataclass(frozen=True, slots=True)
class Cell:
    stance: str
    statements: tuple[int, ...]  # oldest first
    counts: dict[str, int]


# (pattern, reason). Patterns are matched on lowercased text with ’ made ', at word boundaries.
CONDITION_CUES: tuple[tuple[str, str], ...] = (
    (r"only (?:if|when|after|once|on condition)", "an explicit restriction to a case"),
    (r"(?:provided|providing) (?:that )?", "a stipulation"),
    (r"on (?:the )?conditions? (?:that|of)", "a named condition"),
    (r"as long as|so long as", "holds only while something else holds"),
    (r"unless", "a negative condition: 'no unless X' is 'yes if X'"),
    (r"(?:depends|dependent|contingent) (?:on|upon)", "the position waits on something"),
    (r"(?:set|sets|setting|put|puts|laid|lays) (?:out )?(?:\w+ )?conditions", "conditions named"),
    (r"preconditions?", "conditions before a yes"),
    (r"(?:not|never|no|\w+n't) \w+(?: \w+)? (?:until|before)",
     "no now, yes after something: 'not until'"),
    # "guarantees first": the thing comes only after the speaker's demand is met
    (r"(?<!the )(?<!a )first(?=\s*(?:[.,;!?\"”]|$))", "a demand to be met first"),
    # a conditional clause: "if …" but not the "whether" of "asked if", nor "even if"/"as if"
    (r"(?<!ask )(?<!asked )(?<!asks )(?<!wonder )(?<!know )(?<!see )(?<!even )(?<!as )if\b",
     "a conditional clause"),
)  # fmt: skip

OPPOSE_CUES: tuple[tuple[str, str], ...] = (
    (r"oppos(?:e|es|ed|ing|ition)", "opposition named"),
    (r"reject(?:s|ed|ing|ion)?", "rejection named"),
    (r"rul(?:e|es|ed|ing) out", "a possibility excluded"),
    (r"refus(?:e|es|ed|ing|al)", "a refusal"),
    (r"(?:deny|denies|denied|denial)", "a denial"),
    (r"dismiss(?:es|ed|ing)?", "something waved away"),
    (r"condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)", "moral rejection"),
    (r"against", "a position against"),
    (r"vetoe?s?|vetoed", "a veto"),
    (r"(?:will|would|must) (?:be )?(?:stop|stopped|block|blocked|halt|halted)", "a stop"),
    (r"(?:unacceptable|out of the question|non-starter|nonsense|absurd)", "a flat no"),
    (r"(?:mistake|disaster|failure|failed|hoax|lie|lies|fake|obsolete|terrible|horrible|worst)\b",
     "condemned as bad, false or outdated"),
)  # fmt: skip

NEGATION_CUES: tuple[tuple[str, str], ...] = (
    # "no meeting planned": the thing itself is denied
    (r"no(?! doubt| matter| one but| longer only)", "the thing is denied"),
    (r"not(?! only)|\w+n't", "a negated verb: 'not', 'won't', 'don't'"),
    (r"never|nothing|none|neither|nor", "a categorical negation"),
    (r"no longer", "a position given up"),
)  # fmt: skip

SUPPORT_CUES: tuple[tuple[str, str], ...] = (
    (r"support(?:s|ed|ing)?|back(?:s|ed|ing)", "support named"),
    (r"endors(?:e|es|ed|ing)|favou?r(?:s|ed)?|welcom(?:e|es|ed|ing)", "approval named"),
    (r"agree(?:s|d)?|approv(?:e|es|ed)", "agreement"),
    (r"wants?|wanted|hopes?|hoped", "a wish for it"),
    (r"should|must|need(?:s)? to|has to|have to", "an obligation asserted"),
    (r"calls? for|called for|urg(?:e|es|ed)|demand(?:s|ed)?|propos(?:e|es|ed)", "asking for it"),
    (r"ready to|prepared|preparing|willing|committed|plan(?:s|ned)? to|will\b", "intention"),
    (r"(?:is|are|was|were) (?:being )?(?:planned|prepared|organized|arranged)|underway",
     "it is underway"),
    (r"great|good|important|right thing|success|progress|beautiful", "praised"),
)  # fmt: skip


def _compile(table: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    """One pattern for a table: its leftmost match is the earliest of any cue's
    (ties to the cue listed first), found in one pass over the text."""
    return re.compile("|".join(r"\b(?:" + p + r")" for p, _ in table))


_CONDITION = _compile(CONDITION_CUES)
_OPPOSE = _compile(OPPOSE_CUES)
_NEGATION = _compile(NEGATION_CUES)
_SUPPORT = _compile(SUPPORT_CUES)
# a negation within three words before a rejection word flips it: "not against"
_NEGATED_BEFORE = re.compile(r"(?:\bnot|\bnever|\bno|n't)\b(?:\W+\w+){0,2}\W*$")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


#: Another's position named inside the statement ("Trump's opposition to …",
#: "Kyiv's rejection of the plan"): the words of a nested claim, not the speaker's.
_NESTED = re.compile(
    r"\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+(?:\w+\s+)?"
    r"(?:oppos\w*|reject\w*|refus\w*|deni\w*|denial|support\w*|backing|demand\w*|"
    r"proposal\w*|call\w*|insistence|view|position|claim\w*|threat\w*)\b"
    r"(?:\s+(?:to|of|for|that|on|against)\b[^,.;:!?]*)?"
)


def own_words(text: str) -> str:
    """The statement less the positions of others it names."""
    return _NESTED.sub(" ", text)


def stance_of(text: str) -> Stance:
    """The stance a statement's content takes toward its topic (its own claim:
    "Trump's opposition to …" inside it is Trump's, not the speaker's)."""
    t = _norm(own_words(text))
    m = _first(_CONDITION, t)
    if m:
        return Stance("conditional", m.group(0).strip(), "condition")
    m = _first(_OPPOSE, t)
    if m:
        neg = _NEGATED_BEFORE.search(t[: m.start()])
        if neg:
            end = re.compile(r"\w*").match(t, m.end())
            cue = t[neg.start() : end.end() if end else m.end()]
            return Stance("support", cue, "negated-oppose")
        return Stance("oppose", m.group(0), "oppose")
    m = _first(_NEGATION, t)
    if m:
        return Stance("oppose", m.group(0), "negation")
    m = _first(_SUPPORT, t)
    if m:
        return Stance("support", m.group(0), "support")
    return Stance("unclear")


def aggregate(items: Iterable[tuple[int, str, str | None]]) -> Cell:
    """One cell from ``(statement id, stance, date)``: the majority of the clear
    stances (support, oppose, conditional); a tie goes to the most recent of the
    tied ones; no clear stance → unclear."""
    rows = sorted(items, key=lambda r: (r[2] or "", r[0]))
    counts = Counter(stance for _, stance, _ in rows)
    clear = {s: c for s, c in counts.items() if s != "unclear"}
    if not clear:
        stance = "unclear"
    else:
        top = max(clear.values())
        tied = {s for s, c in clear.items() if c == top}
        stance = next(s for _, s, _ in reversed(rows) if s in tied)
    return Cell(stance, tuple(r[0] for r in rows), {s: counts[s] for s in STANCES if counts[s]})
