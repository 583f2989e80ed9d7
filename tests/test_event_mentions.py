"""Event mentions (TimeML style) and the MEANTIME evaluation."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from spacy.language import Language

from onrecord.eval.events import read_meantime
from onrecord.pipeline import Options, analyze_doc
from onrecord.records import Article, EventMention

from .helpers import MEANTIME


def mentions(nlp: Language, text: str) -> dict[str, EventMention]:
    rec = analyze_doc(Article("t", text, dt.date(2025, 8, 22)), nlp(text), Options.default())
    return {m.text: m for m in rec.event_mentions}


def test_classes_tense_and_anchor(nlp: Language) -> None:
    m = mentions(nlp, "Lavrov said the leaders met on Monday and will hold talks in May.")
    assert m["said"].event_class == "speech" and m["said"].dct_relation == "BEFORE"
    assert m["met"].time == "2025-08-18" and m["met"].tense == "PAST"
    assert m["hold"].tense == "FUTURE" and m["hold"].dct_relation == "AFTER"
    assert m["talks"].pos == "NOUN"


@pytest.mark.parametrize(
    ("word", "is_event"),
    [("negotiation", True), ("nation", False), ("government", False), ("payment", True)],
)
def test_eventive_nouns(nlp: Language, word: str, is_event: bool) -> None:
    text = f"The {word} was discussed."
    assert (word in mentions(nlp, text)) is is_event


def test_meantime_text_keeps_token_offsets() -> None:
    path = sorted(MEANTIME.rglob("*.xml"))[0]
    gold = read_meantime(path)
    assert gold.dct is not None and gold.events
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): t.text for t in root.iter("token")}
    for el in root.iter("EVENT_MENTION"):
        anchors = [a.get("t_id") for a in el.iter("token_anchor")]
        if len(anchors) == 1:
            ev = next(e for e in gold.events if gold.text[e.start : e.end] == tokens[anchors[0]])
            assert ev is not None


def test_eval_events_on_a_folder_without_meantime_is_a_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from onrecord.cli import cli

    result = CliRunner().invoke(cli, ["eval", "events", str(tmp_path)])
    assert result.exit_code == 2
    assert "no MEANTIME documents" in result.stderr and "Traceback" not in result.stderr
