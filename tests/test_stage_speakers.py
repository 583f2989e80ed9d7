"""Speakers on their own: small made-up texts -> who each statement is attributed to.

Through the public entry point (``onrecord.analyze_text``, the output contract), so
the tables hold whatever the stages' internal signatures become.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import onrecord

FRIDAY = dt.date(2025, 8, 22)

Said = tuple[str | None, str, str | None, str]


def said(text: str) -> list[Said]:
    """(speaker name, speaker words, cue, content) of each statement, in order."""
    rec: dict[str, Any] = onrecord.analyze_text(text, published=FRIDAY)
    out = []
    for s in rec["statements"]:
        speaker = s["speaker"]
        # the words must be the text's own, at the offsets given
        if speaker["span"] is not None:
            assert text[slice(*speaker["span"])] == speaker["text"]
        out.append(
            (speaker["name"], speaker["text"], s["cue"] and s["cue"]["text"], s["content"]["text"])
        )
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full name, with a title or an apposition that is not part of the name
        # (the mention keeps an apposition's closing comma, as PolNeAR marks sources)
        (
            "“The bridge will close,” Mayor Maria Lopez told reporters.",
            [("Maria Lopez", "Mayor Maria Lopez", "told", "“The bridge will close,”")],
        ),
        (
            "Maria Lopez, the mayor of Springfield, said the bridge would close.",
            [
                (
                    "Maria Lopez",
                    "Maria Lopez, the mayor of Springfield,",
                    "said",
                    "the bridge would close",
                )
            ],
        ),
        # a surname alone is the person named in full elsewhere, even later on
        (
            "Kremlin spokesman Dmitry Peskov said the talks were over. "
            "Peskov added that Moscow was ready.",
            [
                ("Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", "said", "the talks were over"),
                ("Dmitry Peskov", "Peskov", "added", "that Moscow was ready"),
            ],
        ),
        (
            "“We are ready,” Lopez said. Maria Lopez is the mayor.",
            [("Maria Lopez", "Lopez", "said", "“We are ready,”")],
        ),
        # organisations speak too
        (
            "The White House said the president would travel to Rome.",
            [("White House", "The White House", "said", "the president would travel to Rome")],
        ),
        (
            "Officials said the plan would be announced within two weeks.",
            [("Officials", "Officials", "said", "the plan would be announced within two weeks")],
        ),
    ],
)
def test_names(text: str, expected: list[Said]) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun goes to the person spoken of before it
        (
            "Tom Baker spoke first. “It will fail,” he said.",
            [("Tom Baker", "he", "said", "“It will fail,”")],
        ),
        (
            "Tom Baker spoke first. “It will fail,” he said. “Nobody wants it,” he added.",
            [
                ("Tom Baker", "he", "said", "“It will fail,”"),
                ("Tom Baker", "he", "added", "“Nobody wants it,”"),
            ],
        ),
        # ... and to the previous speaker rather than to someone only mentioned
        (
            "Tom Baker spoke first. Then Anna Kowalski said the plan was flawed. "
            "She added that it cost too much.",
            [
                ("Anna Kowalski", "Anna Kowalski", "said", "the plan was flawed"),
                ("Anna Kowalski", "She", "added", "that it cost too much"),
            ],
        ),
        (
            "Senator John Smith insisted that the bill must pass. He said it would pass on Monday.",
            [
                ("John Smith", "Senator John Smith", "insisted", "that the bill must pass"),
                ("John Smith", "He", "said", "it would pass on Monday"),
            ],
        ),
    ],
)
def test_pronouns_go_to_the_previous_speaker(text: str, expected: list[Said]) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a description names the person introduced with it
        (
            "Kremlin spokesman Dmitry Peskov met reporters on Monday. "
            "The Kremlin spokesman said the talks were premature.",
            ("Dmitry Peskov", "The Kremlin spokesman"),
        ),
        (
            "Kremlin spokesman Dmitry Peskov met reporters on Monday. "
            "The spokesman said the talks were premature.",
            ("Dmitry Peskov", "The spokesman"),
        ),
        (
            "Foreign Minister Anna Kowalski arrived in Rome. "
            "The foreign minister said the talks were useful.",
            ("Anna Kowalski", "The foreign minister"),
        ),
        (
            "Prime Minister Keir Starmer said Britain would help. "
            "The prime minister also said aid would follow.",
            ("Keir Starmer", "The prime minister"),
        ),
        # with nobody to resolve it to, the description itself is the speaker
        (
            "The Kremlin spokesman said the talks would continue.",
            ("Kremlin spokesman", "The Kremlin spokesman"),
        ),
    ],
)
def test_descriptions(text: str, expected: tuple[str, str]) -> None:
    name, words, _, _ = said(text)[-1]
    assert (name, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue after a relative clause on the speaker: the clause is part of
        # the speaker's words, not of the name, and is not a statement itself
        (
            "Anna Kowalski, who chairs the committee, said the vote would be delayed.",
            [
                (
                    "Anna Kowalski",
                    "Anna Kowalski, who chairs the committee,",
                    "said",
                    "the vote would be delayed",
                )
            ],
        ),
        (
            "The vote would be delayed, said Anna Kowalski, who chairs the committee.",
            [
                (
                    "Anna Kowalski",
                    "Anna Kowalski, who chairs the committee",
                    "said",
                    "The vote would be delayed",
                )
            ],
        ),
        (
            "“We are ready,” said Anna Kowalski, who chairs the committee.",
            [
                (
                    "Anna Kowalski",
                    "Anna Kowalski, who chairs the committee",
                    "said",
                    "“We are ready,”",
                )
            ],
        ),
        (
            "Anna Kowalski, who chairs the committee, told reporters: “The vote is delayed.”",
            [
                (
                    "Anna Kowalski",
                    "Anna Kowalski, who chairs the committee,",
                    "told",
                    "“The vote is delayed.”",
                )
            ],
        ),
        (
            "Dmitry Peskov, who speaks for the Kremlin, said the talks would continue.",
            [
                (
                    "Dmitry Peskov",
                    "Dmitry Peskov, who speaks for the Kremlin,",
                    "said",
                    "the talks would continue",
                )
            ],
        ),
    ],
)
def test_relative_clauses(text: str, expected: list[Said]) -> None:
    assert said(text) == expected


def test_speaker_is_linked_to_its_entity() -> None:
    text = "Tom Baker spoke first. “It will fail,” he said."
    rec = onrecord.analyze_text(text, published=FRIDAY)
    (st,) = rec["statements"]
    (entity,) = [e for e in rec["entities"] if e["id"] == st["speaker"]["entity"]]
    assert entity["name"] == "Tom Baker"
    assert st["speaker"]["span"] in entity["mentions"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name inside a quotation is not what "he" refers to
        (
            "Tom Baker spoke first. “I met John Smith yesterday,” he said.",
            [("Tom Baker", "he", "said", "“I met John Smith yesterday,”")],
        ),
        # a dateline (a place in capitals, a dash) is not the speaker, nor what
        # a later pronoun refers to
        (
            "CAIRO – Foreign Minister Anna Kowalski said on Monday that the talks would "
            "resume. She added that a deal was close.",
            [
                (
                    "Anna Kowalski",
                    "Foreign Minister Anna Kowalski",
                    "said",
                    "that the talks would resume",
                ),
                ("Anna Kowalski", "She", "added", "that a deal was close"),
            ],
        ),
        (
            "MILAN, Italy – President John Carter on Saturday announced "
            "that the strikes were over.",
            [("John Carter", "President John Carter", "announced", "that the strikes were over")],
        ),
        # a pronoun on a noun joined to one with a possessor is that possessor's,
        # not the reporting speaker's
        (
            "Anna Kowalski claimed the two sides agreed on some points, including Tom Baker’s "
            "opposition to the plan and his view that the city should pay for it.",
            [("Tom Baker", "his", "view", "that the city should pay for it")],
        ),
        # an organisation's "it", an unnamed official named again
        (
            "The Foreign Ministry said the plan was illegal. “It will fail,” it added.",
            [
                ("Foreign Ministry", "The Foreign Ministry", "said", "the plan was illegal"),
                ("Foreign Ministry", "it", "added", "“It will fail,”"),
            ],
        ),
        (
            "A senior administration official said the talks were useful. "
            "The official added that a deal was close.",
            [
                (
                    "senior administration official",
                    "A senior administration official",
                    "said",
                    "the talks were useful",
                ),
                (
                    "senior administration official",
                    "The official",
                    "added",
                    "that a deal was close",
                ),
            ],
        ),
    ],
)
def test_pronouns_and_mentions_that_point_back(text: str, expected: list[Said]) -> None:
    found = said(text)
    for statement in expected:
        assert statement in found, found


def test_all_caps_word_is_never_a_speaker() -> None:
    for name, words, _, _ in said("WASHINGTON – The senator said the vote would be delayed."):
        assert name != "WASHINGTON" and words != "WASHINGTON"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head of the description and the words the person was introduced with
        (
            "Polish Foreign Minister Anna Kowalski arrived in Rome on Monday. "
            "The top Polish diplomat said the talks were useful.",
            ("Anna Kowalski", "The top Polish diplomat"),
        ),
        (
            "US President John Carter met reporters in Rome. "
            "The US leader said the deal was close.",
            ("John Carter", "The US leader"),
        ),
        (
            "Israeli Prime Minister David Levi spoke in Haifa. "
            "The Israeli PM said the campaign would continue.",
            ("David Levi", "The Israeli PM"),
        ),
        # "Putin's spokesman" is the spokesman, not Putin
        (
            "Kremlin spokesman Dmitry Peskov met reporters. President Vladimir Putin stayed in "
            "Moscow. Putin's spokesman said the talks were over.",
            ("Dmitry Peskov", "Putin's spokesman"),
        ),
        (
            "President Vladimir Putin stayed in Moscow. "
            "Putin's spokesman said the talks were over.",
            ("Putin's spokesman", "Putin's spokesman"),
        ),
        # only someone introduced before the description
        (
            "The leader said the talks were useful. Vice President Tom Baker arrived later.",
            ("leader", "The leader"),
        ),
        # a published piece speaks for its publisher
        ("A CNN report said the sites were intact.", ("CNN", "A CNN report")),
    ],
)
def test_descriptions_by_head_and_descriptors(text: str, expected: tuple[str, str]) -> None:
    name, words, _, _ = said(text)[0]
    assert (name, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dash-parenthetical relative clause is part of the speaker's words
        (
            "Tom Baker — who has sought a deal for months — said the talks would resume.",
            [
                (
                    "Tom Baker",
                    "Tom Baker — who has sought a deal for months",
                    "said",
                    "the talks would resume",
                )
            ],
        ),
        # media relays: the person whose words they are is the speaker
        (
            "According to Reuters, President John Carter told reporters on Friday: "
            "“We will not sign this deal.”",
            [("John Carter", "President John Carter", "told", "“We will not sign this deal.”")],
        ),
        (
            "“Unrealistic demands stop negotiations,” the Tasnim news agency cited "
            "Foreign Minister Anna Kowalski as saying.",
            [
                (
                    "Anna Kowalski",
                    "Foreign Minister Anna Kowalski",
                    "cited",
                    "“Unrealistic demands stop negotiations,”",
                )
            ],
        ),
        # a speaker after the verb
        (
            "“We will do it again, if necessary!” posted President John Carter.",
            [
                (
                    "John Carter",
                    "President John Carter",
                    "posted",
                    "“We will do it again, if necessary!”",
                )
            ],
        ),
    ],
)
def test_cues_around_the_speaker(text: str, expected: list[Said]) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the journalist's own reading
        "The minister's remarks on Friday appeared to harden that stance.",
        "The vote seemed to mark the end of the party's long decline.",
        # a hypothetical
        "The summit was seen as an attempt to avoid new tariffs if the country refused "
        "to agree to a settlement.",
    ],
)
def test_not_statements(text: str) -> None:
    assert said(text) == []


def speakers_of(text: str) -> list[str | None]:
    return [name for name, _, _, _ in said(text)]


def test_statement_read_out_is_its_authors() -> None:
    text = (
        "Governor Anna Vell stayed in the capital on Monday. "
        "Reading a statement from Vell, spokesman Tom Brandt said, “We will rebuild the dam.”"
    )
    # (the reading itself, "Reading a statement", may be a statement of Brandt's)
    quote = [st for st in said(text) if "rebuild" in st[3]]
    assert [name for name, *_ in quote] == ["Anna Vell"]


def test_pronoun_after_an_aside_returns_to_the_main_speaker() -> None:
    text = (
        "Minister Karl Ostro said on Monday that the dam had held.\n\n"
        "“The river rose, but the wall stood,” he said.\n\n"
        "“Nobody was hurt,” he added.\n\n"
        "Mayor Tom Brandt said last week that the dam was lost. "
        "A survey has found otherwise, according to two engineers.\n\n"
        "“We have lost nothing,” he said.\n\n"
        "“The town is safe,” he said."
    )
    names = speakers_of(text)
    assert names[-2:] == ["Karl Ostro", "Karl Ostro"]
    assert "Tom Brandt" in names


def test_person_in_a_with_clause_speaks_for_himself() -> None:
    text = (
        "Ruritania has repeatedly stated that its aim is to stop the dam project, "
        "with Prime Minister Karl Ostro accusing Borduria of “moving very quickly” "
        "toward finishing it."
    )
    out = said(text)
    assert [(name, cue) for name, _, cue, _ in out] == [
        ("Ruritania", "has repeatedly stated"),
        ("Karl Ostro", "accusing"),
    ]
    assert "Ostro" not in out[0][3]


def test_description_named_later_and_run_on_first_person_paragraph() -> None:
    text = (
        "The talks were hosted by Vell.\n\n"
        "“We hosted both delegations today,” the top Ruritanian diplomat said.\n\n"
        "I would like to thank my colleagues for their work.”\n\n"
        "“We will continue,” Vell said."
    )
    names = speakers_of(text)
    assert len(names) == 3
    assert names[0] == names[1] == names[2]
    assert names[0] is not None and "Vell" in names[0]


def test_the_person_after_a_possessive_speaks() -> None:
    """ "Ruritania's Petrov" in a headline is the person, not the country."""
    text = (
        "Ruritania's Petrov rejects Baker's claims about the bridge\n\n"
        "Ruritanian Prime Minister Ivan Petrov said on Friday that the bridge would stay open."
    )
    names = [name for name, _, _, _ in said(text)]
    assert names and set(names) == {"Ivan Petrov"}
