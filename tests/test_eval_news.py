"""The newsdev scorer (onrecord.eval.news) on small made-up gold and predictions;
the command's errors. The real corpus is scored in test_quality_gate.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import OnrecordError
from onrecord.eval.news import (
    PredArticle,
    PredStatement,
    StoreSide,
    StoreView,
    accepted_names,
    actor_index,
    best_match,
    coverage,
    evaluate,
    format_report,
    normalize,
    speaker_correct,
)
from onrecord.eval.news_gold import (
    Gold,
    GoldActor,
    GoldContradiction,
    GoldDeadline,
    GoldSide,
    GoldStatement,
    parse_gold,
    read_gold,
)
from onrecord.eval.run import run_news

from .helpers import run

TEXT = (
    "Jane Doe said on Monday that the new talks will start next week in the capital. "
    "The ministry denied that any talks had been planned at all this year. "
    "Doe added that it was fine."
)
CONTENT = "the new talks will start next week in the capital"  # 10 words
DENIAL = "any talks had been planned at all this year"
SHORT = "it was fine"


def span_of(part: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def words_span(first: int, n: int, content: str = CONTENT) -> tuple[int, int]:
    """The span of ``n`` words of ``content`` from its word ``first`` on, in TEXT."""
    start = TEXT.index(content)
    ws = content.split()
    offset = len(" ".join(ws[:first])) + (1 if first else 0)
    return start + offset, start + offset + len(" ".join(ws[first : first + n]))


def gold_statement(**kw: object) -> GoldStatement:
    fields: dict[str, object] = {
        "id": "G1", "article": "a1", "speaker": "Jane Doe", "acceptable": (),
        "content": CONTENT, "date": "2025-03-03", "date_inferred": False,
    }  # fmt: skip
    fields.update(kw)
    return GoldStatement(**fields)  # type: ignore[arg-type]


ACTORS = (
    GoldActor("Jane Doe", "person", ("Jane Doe", "Doe", "the minister", "she", "She")),
    GoldActor("Foreign Ministry", "organisation", ("the ministry",)),
    GoldActor("John Roe", "person", ("Roe",)),
)


# -- word coverage ---------------------------------------------------------------


@pytest.mark.parametrize(("n_words", "matched"), [(10, True), (6, True), (5, False), (0, False)])
def test_a_statement_matches_when_it_covers_60_percent_of_the_gold_words(
    n_words: int, matched: bool
) -> None:
    spans = (words_span(0, n_words),) if n_words else ()
    article = PredArticle("a1", TEXT, (PredStatement("S1", spans),))
    assert (best_match(gold_statement(), article) is not None) is matched


def test_coverage_counts_words_not_characters() -> None:
    start, _ = span_of(CONTENT)
    # "the new talks" covered, and half of "will": 3 of 10 words, then 4
    assert coverage(TEXT, span_of(CONTENT), [(start, start + 13)]) == pytest.approx(0.3)
    assert coverage(TEXT, span_of(CONTENT), [(start, start + 16)]) == pytest.approx(0.4)


def test_the_best_predicted_statement_and_other_articles() -> None:
    small = PredStatement("S1", (words_span(0, 6),))
    whole = PredStatement("S2", (words_span(0, 10),))
    article = PredArticle("a1", TEXT, (small, whole))
    assert best_match(gold_statement(), article) == whole
    assert best_match(gold_statement(), None) is None


def test_a_short_statement_needs_all_its_words() -> None:
    gold = gold_statement(content=SHORT, short=True)
    part = PredStatement("S1", (span_of("it was"),))
    full = PredStatement("S2", (span_of("that it was fine"),))
    assert best_match(gold, PredArticle("a1", TEXT, (part,))) is None
    assert best_match(gold, PredArticle("a1", TEXT, (part, full))) == full


def test_the_best_covered_occurrence_of_a_repeated_content_counts() -> None:
    text = "Roe said: talks are over now. Later Roe repeated: talks are over now."
    second = text.rindex("talks are over now")
    article = PredArticle("a1", text, (PredStatement("S1", ((second, len(text) - 1),)),))
    gold = gold_statement(content="talks are over now", short=True)
    assert best_match(gold, article) is not None


# -- speakers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "acceptable", "correct"),
    [
        ("Jane Doe", (), True),
        ("  jane   DOE ", (), True),
        ("Doe", (), True),
        ("Minister", (), True),  # the alias "the minister"
        ("She", (), False),  # a pronoun alias names nobody by itself
        ("he", (), False),
        (None, (), False),
        ("John Roe", (), False),
        ("Roe", ("John Roe",), True),  # an acceptable speaker's alias
    ],
)
def test_speaker_names_compare_through_the_gold_aliases(
    predicted: str | None, acceptable: tuple[str, ...], correct: bool
) -> None:
    accepted = accepted_names(gold_statement(acceptable=acceptable), actor_index(ACTORS))
    assert speaker_correct(predicted, accepted) is correct


def test_a_speaker_without_an_actor_entry_is_its_own_name() -> None:
    accepted = accepted_names(gold_statement(speaker="Local media"), actor_index(ACTORS))
    assert accepted == {"local media"}
    assert normalize("The  Local-Media.") == "local media"


# -- the whole evaluation ----------------------------------------------------------


def _gold() -> Gold:
    return Gold(
        actors=ACTORS,
        statements=(
            gold_statement(id="G1"),  # explicit date
            gold_statement(
                id="G2",
                speaker="Foreign Ministry",
                content=DENIAL,
                date="2025-03-03",
                date_inferred=True,
            ),
            gold_statement(id="G3", content=SHORT, date=None, short=True),
            gold_statement(id="G4", content="Doe added", date=None, optional=True, short=True),
        ),
        deadlines=(
            GoldDeadline("a1", "next week", "2025-03-10"),
            GoldDeadline("a1", "this year", None, optional=True),
        ),
        contradictions=(GoldContradiction(GoldSide("a1", CONTENT), GoldSide("a1", DENIAL)),),
    )


def _predicted() -> dict[str, PredArticle]:
    statements = (
        PredStatement("S1", (words_span(0, 10),), "Doe", "2025-03-03", "next week", "2025-03-10"),
        PredStatement("S2", (span_of(DENIAL),), "he", "2025-03"),  # not a day: no date
        PredStatement("S3", (span_of(SHORT),), "Jane Doe", None),
        PredStatement("S4", (span_of("Jane Doe said on Monday"),), "Jane Doe", None),
    )
    return {"a1": PredArticle("a1", TEXT, statements)}


def test_evaluate_on_a_made_up_article() -> None:
    sides = (StoreSide("a1", (span_of(DENIAL),)), StoreSide("a1", (words_span(2, 6),)))
    store = StoreView({("a1", "S1"): 7, ("a1", "S2"): None, ("a1", "S3"): 8}, [[sides]])
    scores = evaluate(_gold(), _predicted(), store)
    assert scores["statements.core"] == 2 and scores["statements.recall"] == 1.0
    assert scores["statements.required"] == 3 and scores["statements.required.matched"] == 3
    assert scores["statements.predicted"] == 4 and scores["statements.precision"] == 0.75
    assert scores["speaker.accuracy"] == 0.5  # "Doe" right, "he" names nobody
    assert scores["date.explicit.accuracy"] == 1.0 and scores["date.explicit.n"] == 1
    assert scores["date.inferred.accuracy"] == 0.0 and scores["date.inferred.n"] == 1
    assert scores["date.undated.n"] == 0 and scores["date.accuracy"] == 0.5
    assert scores["deadlines.gold"] == 1 and scores["deadlines.recall"] == 1.0
    assert scores["deadlines.due_recall"] == 1.0
    assert scores["contradictions.recall"] == 1.0 and scores["contradictions.precision"] == 1.0
    report = format_report(scores)
    assert all(len(line) <= 80 for line in report.splitlines()), report
    for needle in ("recall", "speakers", "explicit", "inferred", "undated", "unfragmented"):
        assert needle in report


def test_an_undated_gold_statement_wants_no_day() -> None:
    gold = Gold(ACTORS, (gold_statement(date=None),), (), ())
    for predicted, right in (("2025-03-03", 0.0), ("PAST_REF", 1.0), (None, 1.0)):
        pred = PredStatement("S1", (words_span(0, 10),), "Doe", predicted)
        scores = evaluate(gold, {"a1": PredArticle("a1", TEXT, (pred,))}, StoreView({}))
        assert scores["date.undated.n"] == 1 and scores["date.undated.accuracy"] == right


@pytest.mark.parametrize(
    ("actors", "unfragmented"),
    [
        ((7, 7), 1.0),  # one person, one store actor
        ((7, 8), 0.0),  # two store actors
        ((7, None), 0.0),  # a statement without an actor is a fragment
        ((None, None), 0.0),
    ],
)
def test_a_person_is_unfragmented_when_all_their_statements_share_one_actor(
    actors: tuple[int | None, int | None], unfragmented: float
) -> None:
    later = "the talks had been planned for a long time"
    text = TEXT + " Doe said the talks had been planned for a long time, she said."
    gold = Gold(ACTORS, (gold_statement(id="G1"), gold_statement(id="G2", content=later)), (), ())
    start = text.rindex(later)
    statements = (
        PredStatement("S1", (words_span(0, 10),), "Doe"),
        PredStatement("S2", ((start, start + len(later)),), "Doe"),
    )
    store = StoreView({("a1", "S1"): actors[0], ("a1", "S2"): actors[1]})
    scores = evaluate(gold, {"a1": PredArticle("a1", text, statements)}, store)
    assert scores["actors.people"] == 1 and scores["actors.unfragmented"] == unfragmented


def test_organisations_do_not_count_as_people() -> None:
    gold = Gold(ACTORS, (gold_statement(speaker="Foreign Ministry"),), (), ())
    pred = PredStatement("S1", (words_span(0, 10),), "Foreign Ministry")
    scores = evaluate(gold, {"a1": PredArticle("a1", TEXT, (pred,))}, StoreView({}))
    assert scores["actors.people"] == 0 and scores["speaker.accuracy"] == 1.0


def test_a_contradiction_in_other_articles_or_spans_does_not_match() -> None:
    elsewhere = (StoreSide("a2", (span_of(DENIAL),)), StoreSide("a1", (words_span(0, 10),)))
    unrelated = (StoreSide("a1", (span_of(SHORT),)), StoreSide("a1", (words_span(0, 10),)))
    store = StoreView({}, [[elsewhere], [unrelated]])
    scores = evaluate(_gold(), _predicted(), store)
    assert scores["contradictions.recall"] == 0.0 and scores["contradictions.listed"] == 2
    assert scores["contradictions.precision"] == 0.0


# -- reading the gold, and the command's errors ----------------------------------


def test_parse_gold_reads_the_fields_it_scores() -> None:
    data = {
        "actors": [{"name": "Jane Doe", "type": "person", "aliases": ["Doe"]}],
        "statements": [
            {"id": "G1", "article": "a1", "speaker": "Jane Doe", "content": CONTENT,
             "date": "2025-03-03", "date_inferred": True, "acceptable_speakers": ["Roe"]},
        ],
        "deadlines": [{"article": "a1", "text": "next week", "due": None, "optional": True}],
        "contradictions": [],
    }  # fmt: skip
    gold = parse_gold(data)
    assert gold.statements[0].acceptable == ("Roe",) and gold.statements[0].core
    assert gold.statements[0].date_inferred and gold.deadlines[0].optional


def test_a_malformed_gold_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps({"statements": [{"id": "G1"}]}), encoding="utf-8")
    with pytest.raises(OnrecordError, match="not a newsdev gold file"):
        read_gold(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(OnrecordError, match="not JSON"):
        read_gold(bad)


def test_a_directory_without_the_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OnrecordError, match="not a newsdev corpus"):
        run_news(tmp_path)
    code, out, err = run("eval", "news", str(tmp_path / "missing"))
    assert code == 2 and not out
    assert err.count("\n") == 1 and "not a newsdev corpus" in err
