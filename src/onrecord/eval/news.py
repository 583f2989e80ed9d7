"""Score the pipeline and the store against the newsdev gold (``onrecord eval news``).

Pure scoring: the caller (:func:`onrecord.eval.run.run_news`) analyzes the
articles, stores them, and hands over what was predicted as the small records
below. The figures, as the newsdev README suggests scoring them:

- **statement recall**: a core gold statement (neither optional nor short) is
  matched by a predicted statement of its article whose content spans cover at
  least 60% of the gold content's words (the gold content is an exact substring
  of the text; of several occurrences the best covered counts). Over all
  non-optional statements, short ones need all their words covered. Precision:
  the share of predicted statements that match a gold statement (optional ones
  too) or lie at least half inside gold contents.
- **speaker accuracy** over matched core statements: the predicted name (the
  resolved name, else the mention) is the gold speaker, an acceptable speaker,
  or an alias of their actor entry, compared case- and space-insensitively;
  pronoun aliases ("he") never count alone.
- **date accuracy** over matched core statements: the predicted day equals the
  gold date (a predicted value that is not a day counts as no date), overall
  and apart for explicit, inferred and undated gold.
- **actors unfragmented**: of the gold people who speak a matched core
  statement, the share whose matched statements all went to one store actor (a
  statement with no actor is a fragment of its own).
- **deadlines**: non-optional gold deadlines found as a deadline of the same
  article (a statement's, or one the narration states) whose text contains
  the gold phrase or is contained in it; how many of those carry the gold due
  date.
- **contradictions**: a listed item is right where one of the statement pairs
  it rests on overlaps the gold ``a`` and ``b`` contents (same articles, either
  order): recall over the non-optional gold, precision over what is listed.
- **utterances**: of the gold same-utterance clusters with two or more
  statements matched, the share whose matched statements the store groups in
  one utterance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from onrecord.eval.news_gold import Gold, GoldActor, GoldStatement
from onrecord.records import Span

#: share of the gold content's words a predicted statement must cover
COVERAGE = 0.6
#: share of the shorter of two contents that must overlap for a contradiction side
SIDE_OVERLAP = 0.5
#: aliases that name nobody by themselves
PRONOUNS = frozenset(
    "i you he she it we they me him her us them his hers its our their this that".split()
)

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EDGES = " \t\n\"'“”‘’.,;:!?()[]"

Scores = dict[str, float | int]


@dataclass(frozen=True, slots=True)
class PredStatement:
    """One predicted statement, as the scorer reads it."""

    id: str  # the statement's id in its article ("S3")
    spans: tuple[Span, ...]  # content spans in the article text
    speaker: str | None = None  # resolved name, else the mention's words
    date: str | None = None
    deadline: str | None = None  # the deadline phrase it sets, if any
    due: str | None = None


@dataclass(frozen=True, slots=True)
class PredArticle:
    id: str
    text: str
    statements: tuple[PredStatement, ...] = ()
    #: the limits the narration states outside any statement: (words, due)
    deadlines: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class StoreSide:
    """One side of a contradiction the store lists: its statement's article and spans."""

    article: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class StoreView:
    """What the scorer reads of the store after the ingest."""

    #: (article id, statement id) -> the actor the store gave the statement (None: none)
    actor_of: Mapping[tuple[str, str], int | None]
    #: each listed contradiction as the statement pairs it rests on (strongest first)
    contradictions: Sequence[Sequence[tuple[StoreSide, StoreSide]]] = ()
    #: (article id, statement id) -> the utterance the store groups it in
    utterance_of: Mapping[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Match:
    gold: GoldStatement
    pred: PredStatement


# -- spans and words ------------------------------------------------------------


def words(text: str, start: int, end: int) -> list[Span]:
    """The word spans of ``text[start:end]``, in text offsets."""
    return [m.span() for m in _WORD.finditer(text, start, end)]


def _covered(word: Span, spans: Iterable[Span]) -> bool:
    """At least half of the word's characters lie inside the spans."""
    s, e = word
    inside = sum(max(0, min(e, e2) - max(s, s2)) for s2, e2 in spans)
    return 2 * inside >= e - s


def coverage(text: str, span: Span, spans: Sequence[Span]) -> float:
    """The share of the words of ``text[span]`` that ``spans`` cover."""
    ws = words(text, *span)
    if not ws:
        return 0.0
    return sum(_covered(w, spans) for w in ws) / len(ws)


def occurrences(text: str, content: str) -> list[Span]:
    """Every place ``content`` occurs in ``text`` (overlapping ones too)."""
    out = []
    i = text.find(content)
    while i >= 0 and content:
        out.append((i, i + len(content)))
        i = text.find(content, i + 1)
    return out


def best_coverage(text: str, content: str, spans: Sequence[Span]) -> float:
    """How well ``spans`` cover the best covered occurrence of ``content``."""
    return max((coverage(text, occ, spans) for occ in occurrences(text, content)), default=0.0)


def best_match(gold: GoldStatement, article: PredArticle | None) -> PredStatement | None:
    """The predicted statement of the article covering the gold content best, if it
    covers enough: 60% of its words (all of them for a short statement)."""
    if article is None:
        return None
    need = 1.0 if gold.short else COVERAGE
    best: tuple[float, PredStatement] | None = None
    for st in article.statements:
        cov = best_coverage(article.text, gold.content, st.spans)
        if cov >= need and (best is None or cov > best[0]):
            best = (cov, st)
    return best[1] if best else None


# -- names -------------------------------------------------------------------------


def normalize(name: str) -> str:
    """Case-, space-, hyphen- and edge-punctuation-insensitive form of a name,
    without a leading "the" ("the Europeans" and "Europeans" name the same)."""
    folded = name.replace("’", "'").replace("-", " ").casefold().strip(_EDGES)
    out = " ".join(folded.split())
    return out[4:] if out.startswith("the ") else out


def accepted_names(gold: GoldStatement, actors: Mapping[str, GoldActor]) -> frozenset[str]:
    """Every normalized name that credits the speaker of ``gold``: the speaker and
    acceptable speakers, and their actor entries' names and aliases, less pronouns."""
    names: set[str] = set()
    for speaker in (gold.speaker, *gold.acceptable):
        names.add(normalize(speaker))
        actor = actors.get(normalize(speaker))
        if actor is not None:
            names.add(normalize(actor.name))
            names.update(normalize(a) for a in actor.aliases)
    return frozenset(n for n in names if n and n not in PRONOUNS)


def speaker_correct(predicted: str | None, accepted: frozenset[str]) -> bool:
    return predicted is not None and normalize(predicted) in accepted


def actor_index(actors: Iterable[GoldActor]) -> dict[str, GoldActor]:
    return {normalize(a.name): a for a in actors}


# -- dates -------------------------------------------------------------------------


def day(value: str | None) -> str | None:
    """A predicted date as a day, or None when it does not fix one."""
    return value if value and _DAY.match(value) else None


def date_category(gold: GoldStatement) -> str:
    if gold.date is None:
        return "undated"
    return "inferred" if gold.date_inferred else "explicit"


# -- the figures -------------------------------------------------------------------


def _share(n: int, of: int) -> float:
    return n / of if of else 0.0


def statement_figures(
    gold: Gold, articles: Mapping[str, PredArticle]
) -> tuple[Scores, list[Match]]:
    """Recall (core, all non-optional) and precision; the matched core statements."""
    core = [g for g in gold.statements if g.core]
    required = [g for g in gold.statements if not g.optional]
    matches = []
    for g in core:
        pred = best_match(g, articles.get(g.article))
        if pred is not None:
            matches.append(Match(g, pred))
    all_matched = len(matches) + sum(
        best_match(g, articles.get(g.article)) is not None for g in required if g.short
    )
    supported, predicted = _precision(gold, articles)
    scores: Scores = {
        "statements.core": len(core),
        "statements.core.matched": len(matches),
        "statements.recall": _share(len(matches), len(core)),
        "statements.required": len(required),
        "statements.required.matched": all_matched,
        "statements.required_recall": _share(all_matched, len(required)),
        "statements.predicted": predicted,
        "statements.precision": _share(supported, predicted),
    }
    return scores, matches


def _precision(gold: Gold, articles: Mapping[str, PredArticle]) -> tuple[int, int]:
    """(predicted statements supported by the gold, predicted statements) in gold articles."""
    by_article: dict[str, list[GoldStatement]] = {}
    for g in gold.statements:
        by_article.setdefault(g.article, []).append(g)
    supported = predicted = 0
    for article_id, golds in by_article.items():
        article = articles.get(article_id)
        if article is None:
            continue
        gold_spans = [occ for g in golds for occ in occurrences(article.text, g.content)]
        for st in article.statements:
            predicted += 1
            own = [w for s, e in st.spans for w in words(article.text, s, e)]
            inside = sum(_covered(w, gold_spans) for w in own)
            if (own and 2 * inside >= len(own)) or any(
                best_coverage(article.text, g.content, st.spans) >= (1.0 if g.short else COVERAGE)
                for g in golds
            ):
                supported += 1
    return supported, predicted


def speaker_date_figures(gold: Gold, matches: Sequence[Match]) -> Scores:
    actors = actor_index(gold.actors)
    right = sum(speaker_correct(m.pred.speaker, accepted_names(m.gold, actors)) for m in matches)
    scores: Scores = {
        "speaker.accuracy": _share(right, len(matches)),
        "speaker.n": len(matches),
    }
    dated = [(date_category(m.gold), day(m.pred.date) == m.gold.date) for m in matches]
    scores["date.accuracy"] = _share(sum(ok for _, ok in dated), len(dated))
    scores["date.n"] = len(dated)
    for kind in ("explicit", "inferred", "undated"):
        of_kind = [ok for k, ok in dated if k == kind]
        scores[f"date.{kind}.accuracy"] = _share(sum(of_kind), len(of_kind))
        scores[f"date.{kind}.n"] = len(of_kind)
    return scores


def actor_figures(gold: Gold, matches: Sequence[Match], store: StoreView) -> Scores:
    """Of the gold people speaking matched statements, the share that are one store actor."""
    people = {normalize(a.name) for a in gold.actors if a.type == "person"}
    actors: dict[str, set[int]] = {}  # person -> the store actors of their statements
    unassigned: Counter[str] = Counter()  # person -> their statements with no actor
    for m in matches:
        person = normalize(m.gold.speaker)
        if person not in people:
            continue
        actor = store.actor_of.get((m.gold.article, m.pred.id))
        actors.setdefault(person, set())
        if actor is None:
            unassigned[person] += 1  # a statement without an actor is a fragment of its own
        else:
            actors[person].add(actor)
    whole = sum(len(ids) == 1 and not unassigned[p] for p, ids in actors.items())
    pieces = sum(len(ids) + unassigned[p] for p, ids in actors.items())
    return {
        "actors.unfragmented": _share(whole, len(actors)),
        "actors.people": len(actors),
        "actors.per_person": _share(pieces, len(actors)),
    }


def _phrases_overlap(a: str, b: str) -> bool:
    a, b = normalize(a), normalize(b)
    return bool(a and b) and (a in b or b in a)


def deadline_figures(gold: Gold, articles: Mapping[str, PredArticle]) -> Scores:
    wanted = [d for d in gold.deadlines if not d.optional]
    found = with_due = 0
    for d in wanted:
        article = articles.get(d.article)
        stated = [(st.deadline, st.due) for st in (article.statements if article else ())]
        hits = [
            (words, due)
            for words, due in [*stated, *(article.deadlines if article else ())]
            if words and _phrases_overlap(words, d.text)
        ]
        found += bool(hits)
        with_due += any(due == d.due for _, due in hits)
    return {
        "deadlines.gold": len(wanted),
        "deadlines.found": found,
        "deadlines.recall": _share(found, len(wanted)),
        "deadlines.with_due": with_due,
        "deadlines.due_recall": _share(with_due, len(wanted)),
    }


def side_overlaps(text: str, content: str, spans: Sequence[Span]) -> bool:
    """A store statement's spans overlap a gold content: half the words of the
    shorter of the two lie in the other."""
    if not spans:
        return False
    own = [w for s, e in spans for w in words(text, s, e)]
    for occ in occurrences(text, content):
        if coverage(text, occ, spans) >= SIDE_OVERLAP:
            return True
        if own and sum(_covered(w, [occ]) for w in own) >= SIDE_OVERLAP * len(own):
            return True
    return False


def contradiction_figures(
    gold: Gold, articles: Mapping[str, PredArticle], store: StoreView
) -> Scores:
    def side_matches(side: StoreSide, article: str, content: str) -> bool:
        pred = articles.get(article)
        return (
            side.article == article
            and pred is not None
            and side_overlaps(pred.text, content, side.spans)
        )

    def pair_matches(pair: tuple[StoreSide, StoreSide], index: int) -> bool:
        c = gold.contradictions[index]
        x, y = pair
        return (
            side_matches(x, c.a.article, c.a.content) and side_matches(y, c.b.article, c.b.content)
        ) or (
            side_matches(x, c.b.article, c.b.content) and side_matches(y, c.a.article, c.a.content)
        )

    indexes = range(len(gold.contradictions))
    wanted = [i for i in indexes if not gold.contradictions[i].optional]
    # a listed item is right where any statement pair it rests on is a gold pair
    found = sum(
        any(pair_matches(p, i) for item in store.contradictions for p in item) for i in wanted
    )
    right = sum(
        any(pair_matches(p, i) for p in item for i in indexes) for item in store.contradictions
    )
    return {
        "contradictions.gold": len(wanted),
        "contradictions.found": found,
        "contradictions.recall": _share(found, len(wanted)),
        "contradictions.listed": len(store.contradictions),
        "contradictions.precision": _share(right, len(store.contradictions)),
    }


def utterance_figures(gold: Gold, articles: Mapping[str, PredArticle], store: StoreView) -> Scores:
    """Of the gold same-utterance clusters with two or more statements found,
    the share whose found statements the store groups as one utterance."""
    by_id = {g.id: g for g in gold.statements}
    whole = judged = 0
    for cluster in gold.clusters:
        found = []
        for sid in cluster.statements:
            g = by_id.get(sid)
            pred = best_match(g, articles.get(g.article)) if g is not None else None
            if g is not None and pred is not None:
                found.append(store.utterance_of.get((g.article, pred.id)))
        if len(found) < 2:
            continue
        judged += 1
        whole += None not in found and len(set(found)) == 1
    return {
        "utterances.clusters": judged,
        "utterances.whole": whole,
        "utterances.recall": _share(whole, judged),
    }


def evaluate(gold: Gold, articles: Mapping[str, PredArticle], store: StoreView) -> Scores:
    """Every figure of the report, keyed ``area.figure`` (shares in 0..1, counts)."""
    scores: Scores = {"articles": len(articles)}
    statement_scores, matches = statement_figures(gold, articles)
    scores.update(statement_scores)
    scores.update(speaker_date_figures(gold, matches))
    scores.update(actor_figures(gold, matches, store))
    scores.update(deadline_figures(gold, articles))
    scores.update(contradiction_figures(gold, articles, store))
    scores.update(utterance_figures(gold, articles, store))
    return scores


def format_report(scores: Mapping[str, float | int]) -> str:
    def pct(key: str) -> str:
        return f"{float(scores[key]) * 100:.1f}"

    def n(key: str) -> int:
        return int(scores[key])

    lines = [f"newsdev — {n('articles')} articles", ""]
    lines.append(
        f"statements  recall {pct('statements.recall')}"
        f" ({n('statements.core.matched')}/{n('statements.core')} core)"
        f"   non-optional {pct('statements.required_recall')}"
        f" ({n('statements.required.matched')}/{n('statements.required')})"
    )
    lines.append(
        f"            precision {pct('statements.precision')}"
        f" (of {n('statements.predicted')} predicted)"
    )
    lines.append(f"speakers    accuracy {pct('speaker.accuracy')} (of {n('speaker.n')} matched)")
    lines.append(f"dates       accuracy {pct('date.accuracy')} (of {n('date.n')} matched)")
    lines.append(
        "            "
        + "  ".join(
            f"{kind} {pct(f'date.{kind}.accuracy')} ({n(f'date.{kind}.n')})"
            for kind in ("explicit", "inferred", "undated")
        )
    )
    lines.append(
        f"actors      unfragmented {pct('actors.unfragmented')}"
        f" (of {n('actors.people')} people; {float(scores['actors.per_person']):.2f}"
        " store actors each)"
    )
    lines.append(
        f"deadlines   recall {pct('deadlines.recall')}"
        f" ({n('deadlines.found')}/{n('deadlines.gold')})"
        f"   with the gold due {pct('deadlines.due_recall')} ({n('deadlines.with_due')})"
    )
    lines.append(
        f"contradictions recall {pct('contradictions.recall')}"
        f" ({n('contradictions.found')}/{n('contradictions.gold')})"
        f"   precision {pct('contradictions.precision')}"
        f" (of {n('contradictions.listed')} listed)"
    )
    lines.append(
        f"utterances  recall {pct('utterances.recall')}"
        f" ({n('utterances.whole')}/{n('utterances.clusters')} clusters kept whole)"
    )
    return "\n".join(lines)
