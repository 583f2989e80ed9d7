"""The language data loader (onrecord.lang.en): comments and blank lines are
not entries, fields are kept as written, an unknown list is a clear error."""

from __future__ import annotations

import pytest

from onrecord.lang.en import parse_rows, parse_words, rows, words


def test_words_skip_comments_and_blank_lines() -> None:
    text = "# reporting verbs\n\nsay\n  tell  \n   \n  # indented comment\nclaim\n"
    assert parse_words(text) == {"say", "tell", "claim"}


def test_rows_split_at_tabs_and_keep_empty_fields() -> None:
    text = "# lemma\tpos\n\nsay\tVERB\t12\n\nthreat\tNOUN\tthreat\t\n# end\n"
    assert parse_rows(text) == (("say", "VERB", "12"), ("threat", "NOUN", "threat", ""))


def test_bundled_lists_load_without_their_comments() -> None:
    nouns = words("event_nouns")
    assert not any(w.startswith("#") or not w for w in nouns)
    triggers = rows("event_triggers")
    assert not any(r[0].startswith("#") for r in triggers)
    assert ("meeting", "NOUN", "meeting", "CONSULT", "meet") in rows("event_triggers")
    assert "accident" in words("event_nouns")


def test_loads_are_cached() -> None:
    assert words("event_nouns") is words("event_nouns")
    assert rows("event_triggers") is rows("event_triggers")


def test_unknown_list_names_what_there_is() -> None:
    with pytest.raises(LookupError, match=r"'no_such_list\.txt'.*event_nouns\.txt"):
        words("no_such_list")
    with pytest.raises(LookupError, match=r"'event_nouns\.tsv'.*event_triggers\.tsv"):
        rows("event_nouns")
