"""One utterance reported by several outlets (issue 13): grouped, its first
report known, verbatim reports told from paraphrases, and a quotation whose
words changed between outlets shown — through the store, the CLI and the web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from onrecord.cli import cli
from onrecord.web.app import create_app

QUOTE = "We will never accept a deal that takes away our right to enrichment"
ARTICLES = [
    {"id": "wire-1", "published": "2025-05-18", "url": "https://wire.example/1",
     "title": "Petrov rejects terms",
     "text": f"Ivan Petrov said on Sunday: “{QUOTE}.”\n\nThe talks resume next week."},
    {"id": "post-1", "published": "2025-05-19", "url": "https://post.example/1",
     "title": "Ruritania holds firm",
     "text": f"Foreign Minister Ivan Petrov said on Sunday: “{QUOTE}.”"},
    # one word altered on the way
    {"id": "daily-1", "published": "2025-05-19", "url": "https://daily.example/1",
     "title": "Petrov: no deal",
     "text": "Ivan Petrov said on Sunday: “We will never accept a deal that takes away our "
             "right to uranium enrichment.”"},
    # another speaker, another remark
    {"id": "daily-2", "published": "2025-05-19",
     "text": "Tom Baker said on Monday that the weather in the capital was fine."},
]  # fmt: skip


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("utterances")
    src = tmp / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    code, out = run("ingest", str(src), "--db", str(tmp / "u.db"))
    assert code == 0, out
    return tmp / "u.db"


def test_three_outlets_one_utterance_with_its_variant(db: Path) -> None:
    code, out = run("utterances", "--json", "--db", str(db))
    assert code == 0, out
    (u,) = json.loads(out)["items"]
    assert u["actor"] == "Ivan Petrov" and u["date"] == "2025-05-18"
    assert {s["article"] for s in u["statements"]} == {"wire-1", "post-1", "daily-1"}
    assert u["first_reported"]["article"] == "wire-1"
    assert all(s["verbatim"] for s in u["statements"])
    # the altered quotation is shown, with the words that changed
    changed = [c for v in u["variants"] for c in v["changes"]]
    assert {"a": "", "b": "uranium"} in changed or {"a": "uranium", "b": ""} in changed
    assert {v["a"]["article"] for v in u["variants"]} | {
        v["b"]["article"] for v in u["variants"]
    } >= {"daily-1"}


def test_utterances_of_one_actor(db: Path) -> None:
    code, out = run("utterances", "--actor", "Tom Baker", "--json", "--db", str(db))
    assert code == 0 and json.loads(out)["items"] == []
    code, out = run("utterances", "--actor", "Nobody At All", "--db", str(db))
    assert code != 0 and "Nobody At All" in out


def test_utterances_at_80_columns(db: Path) -> None:
    result = CliRunner().invoke(cli, ["utterances", "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "quoted differently" in result.output and "“uranium”" in result.output


def test_the_page_embeds_nothing_and_follows_the_cli(tmp_path: Path) -> None:
    """/utterances groups what is compared already and says what is not; once
    `onrecord utterances` has compared them, the same server (its page cache
    on) shows the utterance: saving vectors moves the store's version."""
    import time

    from onrecord.positions.embeddings import MODEL_NAME
    from onrecord.store import open_store

    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = tmp_path / "fresh.db"
    assert run("ingest", str(src), "--db", str(db))[0] == 0
    client = TestClient(create_app(str(db)))
    page = client.get("/utterances").text
    assert "4 statements are not compared yet" in page and "Ivan Petrov" not in page
    with open_store(str(db)) as store:
        assert store.vector_count(MODEL_NAME) == 0
        before = store.version()
    assert run("utterances", "--db", str(db))[0] == 0
    with open_store(str(db)) as store:
        assert store.vector_count(MODEL_NAME) == 4 and store.version() > before
    time.sleep(0.3)  # the page cache looks at the version every quarter of a second
    page = client.get("/utterances").text
    assert "Ivan Petrov" in page and "not compared yet" not in page


def test_utterance_pages_and_api(db: Path) -> None:
    client = TestClient(create_app(str(db)))
    assert run("utterances", "--db", str(db))[0] == 0  # the page shows what is compared
    page = client.get("/utterances")
    assert page.status_code == 200 and "Ivan Petrov" in page.text
    items = client.get("/api/utterances").json()["items"]
    (u,) = items
    one = client.get(f"/utterances/{u['id']}")
    assert one.status_code == 200 and "Quoted differently" in one.text
    assert client.get(f"/api/utterances/{u['id']}").json()["id"] == u["id"]
    assert client.get("/utterances/999999").status_code == 404
    # statements link to their utterance: the article, search and actor pages
    first = u["first_reported"]
    article = client.get(f"/articles/{first['article_id']}").text
    assert f'href="/utterances/{u["id"]}"' in article and "one of 3 reports" in article
    found = client.get("/search", params={"q": "enrichment"}).text
    assert f'href="/utterances/{u["id"]}"' in found
    actor = client.get(f"/actors/{u['actor_id']}").text
    assert f'href="/utterances/{u["id"]}"' in actor


def test_a_spokesman_speaks_for_the_body(tmp_path: Path) -> None:
    """The body's announcement and its spokesman's words that day are one
    occasion: the spokesman's mention names the body."""
    articles = [
        {"id": "m-1", "published": "2025-07-29",
         "text": "The Foreign Ministry announced on Monday that it had no plan to resume the "
                 "talks with Freedonia.\n\nForeign Ministry spokesman Tomas Berg told "
                 "reporters on Monday: “For now, we have no plan to resume the talks with "
                 "Freedonia.”"},
    ]  # fmt: skip
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    code, out = run("ingest", str(src), "--db", str(tmp_path / "s.db"))
    assert code == 0, out
    code, out = run("utterances", "--json", "--db", str(tmp_path / "s.db"))
    (u,) = json.loads(out)["items"]
    speakers = {s["content"][:20] for s in u["statements"]}
    assert len(u["statements"]) == 2, speakers
