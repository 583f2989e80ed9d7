"""Attribution on small texts, through the whole pipeline (real spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from onrecord.pipeline import Options, analyze_doc
from onrecord.records import Analysis, Article

FRIDAY = dt.date(2025, 8, 22)


def analyze(nlp: Language, text: str, published: dt.date | None = FRIDAY) -> Analysis:
    article = Article("t", text, published)
    return analyze_doc(article, nlp(text), Options.default())


def statements(record: Analysis) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (s.kind, s.speaker.name, s.cue.text if s.cue else None, s.content.text)
        for s in record.statements
    ]


# text -> (kind, speaker name, cue, content) expected among the statements
CASES = [
    (
        "Sergei Lavrov spoke on Friday. “There is no meeting planned,” Lavrov said.",
        ("direct", "Sergei Lavrov", "said", "“There is no meeting planned,”"),
    ),
    (
        "Sergei Lavrov spoke on Friday. “There is no meeting planned,” said Lavrov.",
        ("direct", "Sergei Lavrov", "said", "“There is no meeting planned,”"),
    ),
    (
        "Angela Merkel spoke in Berlin. Merkel said: “We will not give in to pressure.”",
        ("direct", "Angela Merkel", "said:", "“We will not give in to pressure.”"),
    ),
    (
        "Mayor Anne Hidalgo said Tuesday that the city would close the bridge.",
        ("indirect", "Anne Hidalgo", "said", "that the city would close the bridge"),
    ),
    (
        "Senator John Smith insisted that the bill must pass this year.",
        ("indirect", "John Smith", "insisted", "that the bill must pass this year"),
    ),
    (
        "The company announced that it would cut 500 jobs.",
        ("indirect", "company", "announced", "that it would cut 500 jobs"),
    ),
    (
        "Jane Doe claimed the election had been stolen from her party.",
        ("indirect", "Jane Doe", "claimed", "the election had been stolen from her party"),
    ),
    (
        "According to Pentagon officials, the troops will leave in March.",
        ("indirect", "Pentagon officials", "According to", "the troops will leave in March."),
    ),
    (
        "Donald Trump told reporters on Thursday that he would know “within two weeks” "
        "whether the talks were working.",
        (
            "mixed",
            "Donald Trump",
            "told",
            "that he would know “within two weeks” whether the talks were working",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_statement_found(nlp: Language, text: str, expected: tuple[str, ...]) -> None:
    assert expected in statements(analyze(nlp, text))


def test_quote_split_around_cue_is_one_statement(nlp: Language) -> None:
    text = (
        "Maria Lopez, the mayor, spoke on Monday. “We are ready,” Lopez said, "
        "“but nobody has called us.”"
    )
    rec = analyze(nlp, text)
    direct = [s for s in rec.statements if s.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].speaker.name == "Maria Lopez"
    assert [text[a:b] for a, b in direct[0].content.spans] == [
        "“We are ready,”",
        "“but nobody has called us.”",
    ]


def test_continuation_in_next_sentence_and_paragraph(nlp: Language) -> None:
    text = (
        "Tom Baker arrived late. “The vote was rigged,” Baker said. “Everyone knows it.”\n\n"
        "“We will appeal the decision next week.”\n\nThe court did not comment."
    )
    rec = analyze(nlp, text)
    direct = [s for s in rec.statements if s.kind == "direct"]
    assert all(s.speaker.name == "Tom Baker" for s in direct)
    quotes = [text[a:b] for s in direct for a, b in s.quotes]
    assert quotes == [
        "“The vote was rigged,”",
        "“Everyone knows it.”",
        "“We will appeal the decision next week.”",
    ]
    assert direct[-1].continues == direct[0].id


@pytest.mark.parametrize(
    "text",
    [
        "The leaders of a “Coalition of the Willing” met in Paris.",
        "She appeared on NBC’s “Meet the Press” on Sunday.",
        "The so-called “peace plan” was never published.",
    ],
)
def test_scare_quotes_and_titles_are_not_statements(nlp: Language, text: str) -> None:
    rec = analyze(nlp, text)
    assert not any(s.kind == "direct" for s in rec.statements)


def test_pronoun_speaker_resolved(nlp: Language) -> None:
    text = "President Joe Biden met the press on Monday. “We will get this done,” he said."
    rec = analyze(nlp, text)
    (st,) = [s for s in rec.statements if s.kind == "direct"]
    assert st.speaker.name == "Joe Biden"
    assert st.speaker.span is not None and text[slice(*st.speaker.span)] == "he"


def test_speaker_span_never_swallows_cue(nlp: Language) -> None:
    text = "Russian Foreign Minister Sergei Lavrov said Friday that no meeting is planned."
    rec = analyze(nlp, text)
    st = rec.statements[0]
    assert st.speaker.span is not None and st.cue is not None
    s, e = st.speaker.span
    cs = st.cue.span[0]
    assert text[s:e] == "Russian Foreign Minister Sergei Lavrov"
    assert e <= cs
    assert st.speaker.name == "Sergei Lavrov"


@pytest.mark.parametrize(
    "text",
    ["", "“", '""""', "He said “", "“Unclosed quote, he said.", "said said said"],
)
def test_malformed_text_does_not_crash(nlp: Language, text: str) -> None:
    rec = analyze(nlp, text)
    for s in rec.statements:
        for a, b in s.content.spans:
            assert 0 <= a < b <= len(text)


def test_every_offset_is_evidence(nlp: Language) -> None:
    text = "Jane Doe said Monday that the plan “will not work,” adding that it costs too much."
    rec = analyze(nlp, text)
    for s in rec.statements:
        assert s.content.text == " ".join(text[a:b] for a, b in s.content.spans)
        if s.cue:
            assert text[slice(*s.cue.span)] == s.cue.text
    for t in rec.timexes:
        assert text[slice(*t.span)] == t.text


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Russian leader said that talks were premature.", "Vladimir Putin"),
        ("The Ukrainian leader said that guarantees must come first.", "Volodymyr Zelensky"),
        ("The Russian foreign minister said that no meeting was planned.", "Sergei Lavrov"),
        ("President Putin said that he was ready.", "Vladimir Putin"),
    ],
)
def test_descriptions_and_titles_resolve_to_the_person(
    nlp: Language, sentence: str, speaker: str
) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met reporters. President Vladimir Putin and "
        "Ukrainian leader Volodymyr Zelensky have not met. U.S. President Donald Trump "
        f"wants a summit.\n\n{sentence}"
    )
    rec = analyze(nlp, text)
    last = [s for s in rec.statements if s.content.spans[0][0] > text.index(sentence)]
    assert last and last[0].speaker.name == speaker
