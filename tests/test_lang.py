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
    core = words("core_cues")
    assert {"say", "tell", "insist"} <= core
    assert not any(w.startswith("#") or not w for w in core)
    cues = rows("cues")
    assert cues[0] == ("say", "VERB", cues[0][2], cues[0][3])
    assert all(len(r) == 4 and r[2].isdigit() for r in cues)
    assert ("meeting", "NOUN", "meeting", "CONSULT", "meet") in rows("event_triggers")
    assert "accident" in words("event_nouns")


def test_loads_are_cached() -> None:
    assert words("event_nouns") is words("event_nouns")
    assert rows("cues") is rows("cues")


def test_unknown_list_names_what_there_is() -> None:
    with pytest.raises(LookupError, match=r"'no_such_list\.txt'.*core_cues\.txt"):
        words("no_such_list")
    with pytest.raises(LookupError, match=r"'core_cues\.tsv'.*cues\.tsv"):
        rows("core_cues")
