"""Quotation spans found in raw text."""

from __future__ import annotations

import pytest

from onrecord.extract.quotes import find_quotes

CASES = [
    ("He said “we are ready,” and left.", ["“we are ready,”"]),
    ('He said "we are ready," and left.', ['"we are ready,"']),
    ("NYT style: ''It is over,'' he said.", ["''It is over,''"]),
    ("Nested: “He told me ‘no’ twice.”", ["“He told me ‘no’ twice.”"]),
    ("Apostrophes don’t open quotes: it’s fine.", []),
    ("Unbalanced “opening with no end", ["“opening with no end"]),
    ("Stray closing” mark only.", []),
    ('Two: "one," he said, "two."', ['"one,"', '"two."']),
    ("«Guillemets» work too.", ["«Guillemets»"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_open_quote_is_closed_at_paragraph_end() -> None:
    text = "“First paragraph of a long quote.\n\n“Second paragraph.”"
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "“First paragraph of a long quote.",
        "“Second paragraph.”",
    ]
    assert [q.closed for q in quotes] == [False, True]


@pytest.mark.parametrize("text", ["", "“", '"""', "''", "“”", "\n\n“\n\n”", "a" * 10 + "“" * 50])
def test_malformed_input_never_raises(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
