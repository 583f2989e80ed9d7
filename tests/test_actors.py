"""Actor matching across articles (pure rules)."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.store import open_store
from onrecord.store.actors import KnownActor, Match, match_actor, normalize
from onrecord.store.names import (
    actor_kind,
    described_person,
    leading_name,
    person_name,
    role_words,
    same_person,
    spelling_key,
    surname_prefixes,
    trailing_name,
)

KNOWN = [
    KnownActor(1, "Sergei Lavrov", "PERSON", frozenset({"foreign", "minister"})),
    KnownActor(2, "George Bush", "PERSON", frozenset({"president"})),
    KnownActor(3, "Jeb Bush", "PERSON", frozenset({"governor"})),
    KnownActor(4, "Kremlin", "ORG"),
    KnownActor(5, "Zelensky", "PERSON"),
]


@pytest.mark.parametrize(
    ("name", "kind", "roles", "expected"),
    [
        ("Sergei Lavrov", "PERSON", [], Match(1)),
        ("Lavrov", "PERSON", [], Match(1)),
        ("sergei  lavrov", "PERSON", [], Match(1)),
        ("Bush", "PERSON", [], Match(None)),  # two Bushes, no evidence
        ("Bush", "PERSON", ["governor"], Match(3)),  # the role decides
        ("Laura Bush", "PERSON", [], Match(None)),  # another first name: another person
        ("George Bush", "PERSON", [], Match(2)),
        ("Volodymyr Zelensky", "PERSON", [], Match(5, upgrade_name=True)),
        ("Kremlin", "ORG", [], Match(4)),
        ("Kremlin", "PERSON", [], Match(4)),  # a group speaker stays an organisation
        ("", "PERSON", [], Match(None)),
    ],
)
def test_match_actor(name: str, kind: str, roles: list[str], expected: Match) -> None:
    assert match_actor(name, kind, roles, KNOWN) == expected


def test_normalize_drops_accents_and_punctuation() -> None:
    assert normalize("  Emmanuel Macrón, ") == "emmanuel macron"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelensky", "Zelenskiy"),
        ("Araghchi", "Araqchi"),
        ("Sergei", "Sergey"),
        ("Dmitry", "Dmitri"),
        ("Mohammad", "Mohammed"),
        ("Baghaei", "Baqaei"),
        ("Grossi", "Grossi"),
        ("Leavitt", "Levitt"),
        ("Caroline", "Karoline"),
        ("Volodymyr", "Wolodymyr"),
        ("Albusaidi", "al-Busaidi"),
        ("Macrón", "Macron"),
    ],
)
def test_spellings_of_one_word_share_a_key(a: str, b: str) -> None:
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Clinton", "Clifton"), ("Trump", "Truman"), ("Bush", "Rush"), ("Tim", "Tom")],
)
def test_other_words_keep_other_keys(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Abbas Araghchi", "Abbas Araqchi"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Dmitry Peskov", "Dmitri Peskov"),
        ("Esmaeil Baghaei", "Esmaeil Baqaei"),
        ("Ali Khamenei", "Ayatollah Seyyed Ali Khamenei"),  # honorifics are not given names
        ("Hillary Clinton", "Crooked Hillary Clinton"),  # an epithet is not a name
        ("Hillary Clinton", "Hillary Rodham Clinton"),
        ("Badr Albusaidi", "Badr bin Hamad al-Busaidi"),  # a father's name, the article
        ("Badr Al Busaidi", "Badr Albusaidi"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("Rafael Grossi", "Rafael Gossi"),  # one letter dropped, same first name
        ("George Bush", "George W. Bush"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(person_name(a), person_name(b))
    assert same_person(person_name(b), person_name(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hillary Clinton", "Hillary Clifton"),  # a changed letter is another name
        ("Donald Trump", "Donald Truman"),
        ("George Bush", "George Rush"),
        ("Ali Khamenei", "Ali Larijani"),
        ("Jeb Bush", "George Bush"),  # a surname shared, first names differ
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Tim Cook", "Tom Cook"),
    ],
)
def test_not_same_person(a: str, b: str) -> None:
    assert not same_person(person_name(a), person_name(b))


SPELLED = [
    KnownActor(1, "Abbas Araghchi", "PERSON"),
    KnownActor(2, "Volodymyr Zelensky", "PERSON"),
    KnownActor(3, "Ali Khamenei", "PERSON"),
    KnownActor(4, "Ali Larijani", "PERSON"),
    KnownActor(5, "Hillary Clinton", "PERSON"),
    KnownActor(6, "White House", "ORG"),
    KnownActor(7, "Maria Okonjo", "ORG"),  # a person's full name the tagger typed ORG
]


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Abbas Araqchi", "PERSON", Match(1)),
        ("Araqchi", "PERSON", Match(1)),
        ("Araqchi", "ORG", Match(1)),  # typed ORG in one article: still the person
        ("Abbas Araghchi", "ORG", Match(1)),
        ("Zelenskyy", "PERSON", Match(2)),
        ("Volodymyr Zelenskiy", "PERSON", Match(2)),
        ("Ayatollah Ali Khamenei", "PERSON", Match(3)),
        ("Crooked Hillary Clinton", "PERSON", Match(5)),
        ("Hillary Clifton", "PERSON", Match(None)),
        ("Ali Laridschani", "PERSON", Match(None)),
        ("White House", "ORG", Match(6)),
        # typed PERSON here: one actor, now known to be a person
        ("Maria Okonjo", "PERSON", Match(7, upgrade_kind="PERSON")),
    ],
)
def test_match_across_spellings_and_kinds(name: str, kind: str, expected: Match) -> None:
    assert match_actor(name, kind, [], SPELLED) == expected


def test_a_full_name_absorbs_a_surname_typed_org() -> None:
    known = [KnownActor(1, "Okonjo", "ORG")]
    assert match_actor("Maria Okonjo", "PERSON", [], known) == Match(
        1, upgrade_name=True, upgrade_kind="PERSON"
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sergei Lavrov", "PERSON"),
        ("Ursula von der Leyen", "PERSON"),
        ("Badr bin Hamad Albusaidi", "PERSON"),
        ("Patriot Coal", "ORG"),  # an organisation word at the end
        ("Likud Party", "ORG"),
        ("Veto Power Impedes Peace Efforts", None),  # a headline
        ("Trump Tells Iran", None),
        ("BREAKING", None),  # shouted
        ("spokesman", None),  # a common noun
    ],
)
def test_actor_kind_of_names_typed_person(name: str, kind: str | None) -> None:
    assert actor_kind(name, "PERSON") == kind


def test_other_kinds_are_kept() -> None:
    assert actor_kind("Kremlin", "ORG") == "ORG"
    assert actor_kind("BREAKING", "GPE") == "GPE"


def test_leading_name_cuts_a_phrase_run_on() -> None:
    assert leading_name("Trump on Truth Social") == "Trump"
    assert leading_name("Ursula von der Leyen") == "Ursula von der Leyen"
    assert leading_name("Sergei Lavrov") == "Sergei Lavrov"


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("spokesman for the Foreign Ministry Anna Petrova", ("Anna Petrova", False)),
        ("an adviser to the minister, Omar Haddad", ("Omar Haddad", True)),
        ("Trump", ("Trump", False)),
        ("US president", None),
        ("U.S. President", None),
        ("Iranian officials", None),
        ("Tehran Times and Mehr News Agency", None),
        ("He", None),  # a pronoun is no name
        ("They", None),
    ],
)
def test_trailing_name(description: str, expected: tuple[str, bool] | None) -> None:
    assert trailing_name(description) == expected


def test_surname_prefixes_cover_spellings() -> None:
    assert {"g", "k", "q"} <= set(surname_prefixes("Muammar Qaddafi"))
    assert {"a", "b"} <= set(surname_prefixes("Badr Al Busaidi"))
    assert "b" in surname_prefixes("al-Busaidi")


def _article(n: int, speakers: list[tuple[str, str]]) -> dict[str, Any]:
    """A made-up analyzed article: one statement per (name, entity type)."""
    text = " ".join(f"{name} said things number {i}." for i, (name, _) in enumerate(speakers))
    entities, statements = [], []
    for i, (name, kind) in enumerate(speakers):
        start = text.index(f"{name} said things number {i}")
        span = [start, start + len(name)]
        entities.append({"id": f"E{i}", "name": name, "type": kind, "mentions": [span]})
        statements.append(
            {
                "id": f"S{i}",
                "kind": "indirect",
                "speaker": {"name": name, "text": name, "span": span, "entity": f"E{i}"},
                "cue": {"text": "said", "span": [span[1] + 1, span[1] + 5]},
                "content": {"text": f"things number {i}", "spans": [[span[1] + 6, span[1] + 22]]},
                "date": None,
                "deadline": None,
            }
        )
    return {"id": f"a{n}", "text": text, "statements": statements, "entities": entities}


def test_one_actor_per_person_in_the_store() -> None:
    with open_store("sqlite:///:memory:") as store:
        articles = [
            [("Araqchi", "ORG"), ("BREAKING", "PERSON"), ("Patriot Coal", "PERSON")],
            [("Abbas Araghchi", "PERSON"), ("Volodymyr Zelensky", "PERSON")],
            [("Abbas Araqchi", "ORG"), ("Zelenskyy", "PERSON")],
        ]
        for n, speakers in enumerate(articles):
            store.add(_article(n, speakers), f"hash{n}")
        actors = {(a["name"], a["kind"]): a["statements"] for a in store.actors(top=20)}
    assert actors == {
        ("Abbas Araghchi", "PERSON"): 3,
        ("Volodymyr Zelensky", "PERSON"): 2,
        ("Patriot Coal", "ORG"): 1,
    }


def test_one_word_names_across_kinds() -> None:
    known = [KnownActor(1, "Araghchi", "ORG"), KnownActor(2, "Stanley", "PERSON")]
    assert match_actor("Araqchi", "PERSON", [], known) == Match(1)  # until a full name says
    # an ORG-typed name does not rename a person known by surname
    assert match_actor("Morgan Stanley", "ORG", [], known) == Match(None)
    assert match_actor("Abbas Araghchi", "ORG", [], known) == Match(1, upgrade_name=True)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Norway's chief negotiator", {"chief", "negotiator"}),
        ("the 60-year-old minister", {"minister"}),
        ("his lawyer", None),  # someone else's lawyer
        ("He", None),
        ("senior officials", None),  # a group
        ("Anna Petrova", None),  # a name, not a description
        ("the well-known envoy", None),
    ],
)
def test_role_words(description: str, expected: set[str] | None) -> None:
    assert role_words(description) == expected


PEOPLE = [
    {"id": "E1", "name": "Anna Petrova", "type": "PERSON", "descriptors": ["chief", "negotiator"]},
    {"id": "E2", "name": "Omar Haddad", "type": "PERSON", "descriptors": ["minister", "deputy"]},
    {"id": "E3", "name": "Norway", "type": "GPE", "descriptors": []},
]


def test_described_person_is_the_one_person_whose_roles_fit() -> None:
    assert described_person("Norway's chief negotiator", PEOPLE) == PEOPLE[0]
    assert described_person("the minister", PEOPLE) == PEOPLE[1]
    assert described_person("the foreign minister", PEOPLE) is None  # "foreign" fits nobody
    two = [
        *PEOPLE,
        {"id": "E4", "name": "Lena Berg", "type": "PERSON", "descriptors": ["minister"]},
    ]
    assert described_person("the minister", two) is None  # two could be meant


def test_unnamed_speakers_get_the_actor_the_article_names() -> None:
    text = (
        "Norway's chief negotiator said the talks went well. Chief negotiator Anna Petrova "
        "said more. An aide to the minister, Omar Haddad, said nothing was agreed."
    )

    def statement(n: int, name: str, mention: str, entity: str | None) -> dict[str, Any]:
        start = text.index(mention)
        span = [start, start + len(mention)]
        return {
            "id": f"S{n}",
            "kind": "indirect",
            "speaker": {"name": name, "text": mention, "span": span, "entity": entity},
            "cue": None,
            "content": {"text": "x", "spans": [[span[1] + 6, span[1] + 10]]},
            "date": None,
            "deadline": None,
        }

    article = {
        "id": "a1",
        "text": text,
        "entities": [
            {
                "id": "E1",
                "name": "Anna Petrova",
                "type": "PERSON",
                "mentions": [[text.index("Anna"), text.index("Anna") + 12]],
                "descriptors": ["chief", "negotiator"],
            }
        ],
        "statements": [
            statement(1, "Norway's chief negotiator", "Norway's chief negotiator", None),
            statement(2, "Anna Petrova", "Chief negotiator Anna Petrova", "E1"),
            statement(3, "Omar Haddad", "An aide to the minister, Omar Haddad", None),
        ],
    }
    with open_store("sqlite:///:memory:") as store:
        store.add(article, "hash")
        actors = {a["name"]: a["statements"] for a in store.actors(top=20)}
    assert actors == {"Anna Petrova": 2, "Omar Haddad": 1}


def test_a_description_is_the_one_person_other_articles_describe_so() -> None:
    """ "The foreign minister of Oman" in a later article is the actor earlier
    articles call "Omani Foreign Minister Badr Albusaidi"; a description that
    fits two known people, or one word of a role, is nobody in particular."""

    def one(n: int, name: str, entity: dict[str, Any] | None) -> dict[str, Any]:
        text = f"{name} said the talks went well."
        span = [0, len(name)]
        return {
            "id": f"a{n}",
            "text": text,
            "entities": [{**entity, "mentions": [span]}] if entity else [],
            "statements": [
                {
                    "id": "S1",
                    "kind": "indirect",
                    "speaker": {"name": name, "text": name, "span": span,
                                "entity": entity["id"] if entity else None},
                    "cue": {"text": "said", "span": [span[1] + 1, span[1] + 5]},
                    "content": {"text": "the talks went well",
                                "spans": [[span[1] + 6, len(text) - 1]]},
                    "date": None,
                    "deadline": None,
                }
            ],
        }  # fmt: skip

    albusaidi = {"id": "E1", "name": "Badr Albusaidi", "type": "PERSON",
                 "descriptors": ["omani", "foreign", "minister"]}  # fmt: skip
    araghchi = {"id": "E1", "name": "Abbas Araghchi", "type": "PERSON",
                "descriptors": ["iranian", "foreign", "minister"]}  # fmt: skip
    with open_store("sqlite:///:memory:") as store:
        store.add(one(1, "Badr Albusaidi", albusaidi), "h1")
        store.add(one(2, "Abbas Araghchi", araghchi), "h2")
        store.add(one(3, "foreign minister of Oman", None), "h3")
        store.add(one(4, "the foreign minister", None), "h4")  # two fit
        store.add(one(5, "the minister", None), "h5")  # one word
        # a long description is one office when every word fits
        grossi = {
            "id": "E1",
            "name": "Rafael Grossi",
            "type": "PERSON",
            "descriptors": ["head", "international", "atomic", "energy", "agency"],
        }
        store.add(one(6, "Rafael Grossi", grossi), "h6")
        store.add(one(7, "head of the International Atomic Energy Agency", None), "h7")
        actors = {a["name"]: a["statements"] for a in store.actors(top=20)}
    assert actors == {"Badr Albusaidi": 2, "Abbas Araghchi": 1, "Rafael Grossi": 2}
    # the description may come first: once the person is described so, the
    # pass that ingest runs after its articles gives it its actor
    with open_store("sqlite:///:memory:") as store:
        store.add(one(1, "foreign minister of Oman", None), "h1")
        store.add(one(2, "Badr Albusaidi", albusaidi), "h2")
        assert store.resolve_descriptions() == 1
        actors = {a["name"]: a["statements"] for a in store.actors(top=20)}
        assert store.resolve_descriptions() == 0  # nothing left to place
    assert actors == {"Badr Albusaidi": 2}
