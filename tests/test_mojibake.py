"""Mojibake is repaired at input, and nothing else in the text changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.inputs import read_inputs
from onrecord.inputs.feeds import parse_feed
from onrecord.inputs.html import decode_html
from onrecord.inputs.jsonl import parse_jsonl_record
from onrecord.inputs.text import decode_text, repair_mojibake
from onrecord.records import Article


def as_mojibake(text: str) -> str:
    """``text``'s UTF-8 bytes read as Windows-1252, as a careless decoder does
    (bytes Windows-1252 leaves undefined become the control character of that
    number)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode())


# made-up sentences
CLEAN = "Minister François Dupré said “we will not sign” – at least not before Zelenskyy’s visit."
BROKEN = as_mojibake(CLEAN)


def test_the_broken_form_is_mojibake() -> None:
    assert "FranÃ§ois" in BROKEN and "â€œ" in BROKEN


@pytest.mark.parametrize(
    "text",
    [
        CLEAN,
        "He said: ‘No.’ — and left… (naïve café, São Paulo, Łódź, Ελλάδα, 東京)",
        "Plain \"straight\" quotes and 'apostrophes' -- and dashes.",
        "Ångström met Çelik and Øster in Kraków, Mötley Crüe played; © 2025 “Reuters”.",
    ],
)
def test_text_without_mojibake_is_unchanged(text: str) -> None:
    assert repair_mojibake(text) == text
    assert decode_text(text.encode("utf-8")) == text


def test_repair() -> None:
    assert repair_mojibake(BROKEN) == CLEAN
    assert repair_mojibake("FranÃ§ois") == "François"


def test_text_file_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"A made-up note\n\n{BROKEN}\n", encoding="utf-8")
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert CLEAN in article.text and "Ã" not in article.text


def test_jsonl_record_is_repaired_and_offsets_are_into_the_repaired_text(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": BROKEN, "title": "FranÃ§ois speaks"}, {"id": "b", "text": CLEAN}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    first, second = list(read_inputs([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == CLEAN and first.title == "François speaks"
    assert second.text == CLEAN  # byte for byte
    assert parse_jsonl_record({"text": BROKEN}).text == CLEAN


def test_html_payload_and_feed_are_repaired() -> None:
    page = f"<html><body><p>{BROKEN}</p></body></html>"
    assert CLEAN in decode_html(page.encode("utf-8"), "text/html; charset=utf-8")
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>FranÃ§ois</title><description>{BROKEN}</description></item>"
        "</channel></rss>"
    )
    [entry] = parse_feed(feed.encode("utf-8"))
    assert not isinstance(entry, Exception)
    assert entry.text == CLEAN and entry.title == "François"
