"""The user's corrections of actors (``onrecord actors merge|rename|split|
not-a-person|rules``): applied to the store at once, the summary tables kept
in step, followed by articles stored later, kept across re-ingest, shown on
the actor's page. A small store from made-up articles, copied for each test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from onrecord.store import open_store
from onrecord.store.migrations import current_version

from .helpers import (
    PgServer,
    assert_summaries_agree,
    client_for,
    pg_query,
    run,
    sqlite_query,
)

pytestmark = pytest.mark.slow  # ingests a few articles through the pipeline

#: made-up articles: two spellings of one name (Lopez, Lopes), a surname that
#: automatic matching joins to a full name (Baker), a speaker known only by
#: surname (Garcia), and a meeting of two speakers in two articles (an event group)
ARTICLES = [
    ("a1", "2025-03-03", "Talks Stall\n\n\"We will not sign this deal,\" Maria Lopez told"
     " reporters on Monday. Lopez said she would meet Tom Baker in Geneva on Friday."),
    ("a2", "2025-03-04", "Port Strike\n\n\"The strike must end,\" Maria Lopes said on Tuesday."
     " Lopes added that a meeting with Tom Baker was planned."),
    ("a3", "2025-03-05", "Budget Fight\n\n\"The budget is fair,\" Baker said on Wednesday."
     " Baker added that taxes would not rise."),
    ("a4", "2025-03-06", "Rail Plan\n\n\"The trains will run on time,\" Garcia said on"
     " Thursday. Garcia said the plan was ready."),
    ("a5", "2025-03-07", "Harbour Deal\n\n\"This agreement protects jobs,\" Tom Baker said on"
     " Friday. Baker said he had met Maria Lopez."),
]  # fmt: skip


def write_jsonl(path: Path, articles: list[tuple[str, str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in articles),
        encoding="utf-8",
    )
    return path


def ingest(db: str, tmp: Path, *articles: tuple[str, str, str]) -> str:
    """Ingest made-up articles; the ingest's summary line."""
    src = write_jsonl(tmp / f"{articles[0][0]}.jsonl", list(articles))
    code, _, err = run("ingest", str(src), "--db", db, "--workers", "1")
    assert code == 0, err
    return err


def actors_cmd(db: str, *args: str) -> tuple[int, str, str]:
    return run("actors", *args, "--db", db)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("curation")
    db = tmp / "base.db"
    ingest(str(db), tmp, *ARTICLES)
    return db


@pytest.fixture
def db(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store.db"
    with sqlite3.connect(base) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def actor_ids(db: Path) -> dict[str, int]:
    return {n: int(i) for i, n in sqlite_query(db)("SELECT id, name FROM actors")}


def spoken(db: Path) -> dict[str, list[str]]:
    """Each article's speakers' actors (None: no actor), statement by statement."""
    rows = sqlite_query(db)(
        "SELECT ar.doc_id, a.name FROM statements s JOIN articles ar ON ar.id = s.article_id"
        " LEFT JOIN actors a ON a.id = s.actor_id ORDER BY s.id"
    )
    out: dict[str, list[str]] = {}
    for doc, name in rows:
        out.setdefault(doc, []).append(name)
    return out


def article_id(db: Path, doc: str) -> int:
    return int(sqlite_query(db)(f"SELECT id FROM articles WHERE doc_id = '{doc}'")[0][0])


def found_by(db: Path, text: str, speaker: str) -> list[str]:
    """Articles of statements matching words and a speaker (SQLite: the full-text index)."""
    code, out, err = run("search", text, "--speaker", speaker, "--json", "--db", str(db))
    assert code == 0, err
    return sorted(r["article"] for r in json.loads(out))


def test_the_store_is_as_automatic_matching_left_it(base: Path) -> None:
    assert spoken(base) == {
        "a1": ["Maria Lopez"] * 2, "a2": ["Maria Lopes"] * 2, "a3": ["Tom Baker"] * 2,
        "a4": ["Garcia"] * 2, "a5": ["Tom Baker"] * 2,
    }  # fmt: skip
    assert_summaries_agree(sqlite_query(base))
    (version,) = sqlite_query(base)("SELECT version FROM schema_version")[0]
    assert version == current_version() >= 2  # 2: the rule tables; later ones since


def test_a_store_of_version_1_gets_the_rule_tables(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for sql in ("DROP TABLE actor_rule_names", "DROP TABLE actor_rules",
                    "UPDATE schema_version SET version = 1"):  # fmt: skip
            conn.execute(sql)
    assert actors_cmd(str(db), "rename", "Garcia", "Ana Garcia")[0] == 0
    assert sqlite_query(db)("SELECT version FROM schema_version") == [(current_version(),)]
    assert sqlite_query(db)("SELECT kind, subject FROM actor_rules") == [("rename", "Garcia")]


def test_merge(db: Path, tmp_path: Path) -> None:
    ids = actor_ids(db)
    code, out, err = actors_cmd(str(db), "merge", "Maria Lopes", "Maria Lopez")
    assert (code, err) == (0, "")
    assert out == "rule #1: merged 'Maria Lopes' into 'Maria Lopez', 2 statement(s) moved\n"
    assert spoken(db)["a2"] == ["Maria Lopez"] * 2
    assert "Maria Lopes" not in actor_ids(db)
    query = sqlite_query(db)
    assert_summaries_agree(query)
    # the status Lopes gave of the meeting is Lopez's now
    assert query("SELECT DISTINCT source_actor_id FROM event_statuses WHERE source_name ="
                 " 'Maria Lopes'") == [(ids["Maria Lopez"],)]  # fmt: skip
    assert found_by(db, "strike", "Maria Lopez") == ["a2"]  # the full-text index moved too
    assert found_by(db, "strike", "Maria Lopes") == ["a2"]  # the old name is an alias
    assert found_by(db, "deal", "Maria Lopes") == ["a1"]
    # a new article follows the rule; re-ingesting changes nothing
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Dock Talks\n\n\"We are close to a deal,\""
                               " Maria Lopes said on Saturday."))  # fmt: skip
    assert spoken(db)["a6"] == ["Maria Lopez"]
    before = spoken(db)
    assert "5 duplicate" in ingest(str(db), tmp_path, *ARTICLES)
    assert spoken(db) == before
    assert_summaries_agree(query)
    code, out, _ = actors_cmd(str(db), "--top", "1", "--json")
    assert json.loads(out)[0]["name"] == "Maria Lopez"
    assert json.loads(out)[0]["statements"] == 5


def group_keys(db: Path) -> list[str]:
    """The participants part of the keys of event groups keyed by participants."""
    keys = sqlite_query(db)("SELECT key FROM event_groups WHERE key LIKE '%|actors:%'")
    return sorted("actors:" + k.rpartition("|actors:")[2] for (k,) in keys)


def test_merge_rekeys_the_event_groups(db: Path) -> None:
    """A meeting of Lopez and Baker is grouped by their actor ids: merged
    away, an actor's id leaves the group keys."""
    ids = actor_ids(db)
    assert group_keys(db) == [f"actors:{ids['Maria Lopez']},{ids['Tom Baker']}"]
    assert actors_cmd(str(db), "merge", "Maria Lopez", "Maria Lopes")[0] == 0
    lopes, baker = ids["Maria Lopes"], ids["Tom Baker"]
    assert group_keys(db) == [f"actors:{min(lopes, baker)},{max(lopes, baker)}"]
    assert_summaries_agree(sqlite_query(db))


def test_rename(db: Path, tmp_path: Path) -> None:
    garcia = actor_ids(db)["Garcia"]
    code, out, _ = actors_cmd(str(db), "rename", "Garcia", "Ana Garcia")
    assert (code, out) == (0, "rule #1: renamed 'Garcia' to 'Ana Garcia'\n")
    assert actor_ids(db)["Ana Garcia"] == garcia
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Rail Delay\n\n\"Repairs take a week,\""
                               " Garcia said on Saturday."))  # fmt: skip
    assert spoken(db)["a6"] == ["Ana Garcia"]
    code, out, _ = run("actor", "Garcia", "--json", "--db", str(db))  # the old name still finds her
    assert json.loads(out)["name"] == "Ana Garcia"
    assert_summaries_agree(sqlite_query(db))


def test_split_by_alias(db: Path, tmp_path: Path) -> None:
    code, out, _ = actors_cmd(str(db), "split", "Tom Baker", "--alias", "Baker")
    assert code == 0
    assert out == (
        "rule #1: split the statements under the name 'Baker' off 'Tom Baker' as 'Baker',"
        " 2 statement(s) moved\n"
    )
    said = spoken(db)
    assert (said["a3"], said["a5"]) == (["Baker"] * 2, ["Tom Baker"] * 2)
    assert_summaries_agree(sqlite_query(db))
    assert found_by(db, "budget", "Tom Baker") == []
    # without the rule, a bare "Baker" would join Tom Baker, the one known Baker
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Tax Vote\n\n\"The vote is on Monday,\""
                               " Baker said on Saturday."))  # fmt: skip
    assert spoken(db)["a6"] == ["Baker"]


def test_split_by_article(db: Path, tmp_path: Path) -> None:
    a5 = article_id(db, "a5")
    code, out, _ = actors_cmd(str(db), "split", "Tom Baker", "--article", str(a5),
                              "--name", "Thomas Baker")  # fmt: skip
    assert code == 0, out
    said = spoken(db)
    assert (said["a3"], said["a5"]) == (["Tom Baker"] * 2, ["Thomas Baker"] * 2)
    query = sqlite_query(db)
    assert_summaries_agree(query)  # the meeting group has both Bakers now
    thomas = actor_ids(db)["Thomas Baker"]
    assert query(f"SELECT COUNT(*) FROM event_statuses WHERE source_actor_id = {thomas}") != [(0,)]
    # the same name for another person in one article: later articles keep the first
    code, _, _ = actors_cmd(str(db), "split", "Maria Lopez", "--article", str(article_id(db, "a1")))
    assert code == 0
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Dock Talks\n\n\"We are close,\""
                               " Maria Lopez said on Saturday."))  # fmt: skip
    original = min(int(i) for (i,) in query("SELECT id FROM actors WHERE name = 'Maria Lopez'"))
    assert query(
        "SELECT s.actor_id FROM statements s JOIN articles ar ON ar.id = s.article_id"
        " WHERE ar.doc_id = 'a6'"
    ) == [(original,)]
    # two actors called so: the name is ambiguous now
    code, out, err = actors_cmd(str(db), "rename", "Maria Lopez", "Someone")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: 'Maria Lopez' may be any of 2 actors: Maria Lopez (#")


def test_not_a_person(db: Path, tmp_path: Path) -> None:
    code, out, _ = actors_cmd(str(db), "not-a-person", "Garcia")
    assert (code, out) == (0, "rule #1: 'Garcia' is not a person: no actor, 2 statement(s) moved\n")
    assert spoken(db)["a4"] == [None, None]
    assert "Garcia" not in actor_ids(db)
    assert_summaries_agree(sqlite_query(db))
    code, out, _ = run("search", "trains", "--json", "--db", str(db))
    (hit,) = json.loads(out)
    assert (hit["speaker"], hit["actor_id"]) == ("Garcia", None)  # the name stays
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Rail Delay\n\n\"Repairs take a week,\""
                               " Garcia said on Saturday."))  # fmt: skip
    assert spoken(db)["a6"] == [None]


def test_an_organisation(db: Path) -> None:
    code, out, _ = actors_cmd(str(db), "not-a-person", "Garcia", "--org")
    assert (code, out) == (0, "rule #1: 'Garcia' is not a person: an organisation\n")
    kinds = dict(sqlite_query(db)("SELECT name, kind FROM actors"))
    assert kinds["Garcia"] == "ORG"


def test_rules_are_listed_and_deleted(db: Path, tmp_path: Path) -> None:
    assert actors_cmd(str(db), "merge", "Maria Lopes", "Maria Lopez")[0] == 0
    assert actors_cmd(str(db), "rename", "#" + str(actor_ids(db)["Garcia"]), "Ana Garcia")[0] == 0
    code, out, _ = actors_cmd(str(db), "rules", "--json")
    rules = json.loads(out)
    assert [(r["id"], r["kind"], r["subject"], r["target"]) for r in rules] == [
        (1, "merge", "Maria Lopes", "Maria Lopez"),
        (2, "rename", "Garcia", "Ana Garcia"),
    ]
    code, out, _ = actors_cmd(str(db), "rules")
    assert code == 0 and "2 rules" in out and "rename" in out
    code, out, _ = actors_cmd(str(db), "rules", "--format", "tsv")
    lines = out.splitlines()
    assert lines[0].split("\t") == ["id", "kind", "rule", "statements", "created", "deleted"]
    assert [line.split("\t")[:2] for line in lines[1:]] == [["1", "merge"], ["2", "rename"]]
    code, out, _ = actors_cmd(str(db), "rules", "--delete", "1")
    assert (
        out == "rule #1 deleted: merged 'Maria Lopes' into 'Maria Lopez' (what it changed stays)\n"
    )
    assert [r["id"] for r in json.loads(actors_cmd(str(db), "rules", "--json")[1])] == [2]
    assert len(json.loads(actors_cmd(str(db), "rules", "--all", "--json")[1])) == 2
    # new articles no longer follow it; what it changed stays
    ingest(str(db), tmp_path, ("a6", "2025-03-08", "Dock Talks\n\n\"We are close to a deal,\""
                               " Maria Lopes said on Saturday."))  # fmt: skip
    assert spoken(db)["a6"] == ["Maria Lopes"] and spoken(db)["a2"] == ["Maria Lopez"] * 2
    code, _, err = actors_cmd(str(db), "rules", "--delete", "1")
    assert (code, err) == (2, "error: no rule #1 in force in the store\n")


def test_rules_change_the_store_version(db: Path) -> None:
    """The web layer's page cache keys on the version: a rule must move it."""
    with open_store(str(db)) as store:
        before = store.version()
    assert actors_cmd(str(db), "rename", "Garcia", "Ana Garcia")[0] == 0
    with open_store(str(db)) as store:
        renamed = store.version()
        store.delete_rule(1)
        assert before < renamed < store.version()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "Maria Lopx", "Maria Lopez"),
         "error: no actor named 'Maria Lopx' in the store (did you mean 'Maria Lopez',"
         " 'Maria Lopes'?)"),
        (("rename", "Nobody At All", "X"), "error: no actor named 'Nobody At All' in the store"),
        (("merge", "Maria Lopez", "Maria Lopez"),
         "error: 'Maria Lopez' (#{lopez}) is already that actor"),
        (("split", "Tom Baker", "--alias", "Tom Baker"),
         "error: split: 'Tom Baker' is the name of 'Tom Baker' itself; rename it instead"),
        (("split", "Tom Baker", "--alias", "Bakker"),
         "error: split: no statement of 'Tom Baker' is under the name 'Bakker'"),
        (("not-a-person", "#99999"), "error: no actor #99999 in the store"),
        (("rename", "Maria Lopes", "Maria  Lopez"),
         "error: rename 'Maria Lopes': 'Maria Lopez' is the name of actor #{lopez};"
         " merge them instead"),
    ],
)  # fmt: skip
def test_names_that_mean_no_one_actor(db: Path, args: tuple[str, ...], message: str) -> None:
    before = spoken(db)
    code, out, err = actors_cmd(str(db), *args)
    assert (code, out) == (2, "")
    assert err.splitlines() == [message.format(lopez=actor_ids(db)["Maria Lopez"])]
    assert spoken(db) == before
    assert actors_cmd(str(db), "rules", "--json")[1] == "[]\n"


def test_split_needs_one_scope(db: Path) -> None:
    code, _, err = actors_cmd(str(db), "split", "Tom Baker")
    assert code == 2 and "give one of --alias NAME or --article ID" in err


@pytest.mark.anyio
async def test_the_actor_page_shows_the_rules(db: Path) -> None:
    assert actors_cmd(str(db), "merge", "Maria Lopes", "Maria Lopez")[0] == 0
    assert actors_cmd(str(db), "split", "Tom Baker", "--alias", "Baker")[0] == 0
    ids = actor_ids(db)
    client: httpx.AsyncClient = client_for(db)
    async with client:
        page = (await client.get(f"/actors/{ids['Maria Lopez']}")).text
        assert "merged from Maria Lopes" in page
        page = (await client.get(f"/actors/{ids['Tom Baker']}")).text
        assert "split off: the statements under the name &#39;Baker&#39;, now Baker" in page
        page = (await client.get(f"/actors/{ids['Baker']}")).text
        assert "split from Tom Baker" in page
        api: dict[str, Any] = (await client.get(f"/api/actors/{ids['Maria Lopez']}")).json()
        assert [(r["kind"], r["note"]) for r in api["rules"]] == [
            ("merge", "merged from Maria Lopes")
        ]
        page = (await client.get(f"/actors/{ids['Garcia']}")).text
        assert 'class="rules"' not in page


@pytest.mark.service
def test_postgresql(pg: PgServer, tmp_path: Path) -> None:
    url = pg.new_database("curation")
    ingest(url, tmp_path, *ARTICLES)
    query = pg_query(url)
    code, _, err = actors_cmd(url, "merge", "Maria Lopes", "Maria Lopez")
    assert code == 0, err
    assert actors_cmd(url, "split", "Tom Baker", "--alias", "Baker")[0] == 0
    assert actors_cmd(url, "not-a-person", "Garcia")[0] == 0
    assert_summaries_agree(query)
    ingest(url, tmp_path, ("a6", "2025-03-08", "Dock Talks\n\n\"We are close to a deal,\""
                           " Maria Lopes said on Saturday."),
           ("a7", "2025-03-08", "Tax Vote\n\n\"The vote is on Monday,\" Baker said on"
                                " Saturday."))  # fmt: skip
    rows = query(
        "SELECT a.name FROM statements s JOIN articles ar ON ar.id = s.article_id"
        " JOIN actors a ON a.id = s.actor_id WHERE ar.doc_id IN ('a6', 'a7') ORDER BY s.id"
    )
    assert rows == [("Maria Lopez",), ("Baker",)]
    assert_summaries_agree(query)
    kinds = [r["kind"] for r in json.loads(actors_cmd(url, "rules", "--json")[1])]
    assert kinds == ["merge", "split", "not-a-person"]
    assert query("SELECT version FROM schema_version") == [(current_version(),)]
