"""The public API is what __init__ re-exports, and only that."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import onrecord


def test_all_names_exist() -> None:
    for name in onrecord.__all__:
        assert hasattr(onrecord, name), name


def test_all_is_sorted_and_complete() -> None:
    assert onrecord.__all__ == sorted(onrecord.__all__)
    public = {
        n
        for n, v in vars(onrecord).items()
        if not n.startswith("_") and getattr(v, "__module__", "").startswith("onrecord.")
    }
    assert public <= set(onrecord.__all__)


def test_analyze_text_from_the_top_level() -> None:
    rec = onrecord.analyze_text(
        "“No meeting is planned,” Sergei Lavrov said.", published=dt.date(2025, 8, 22)
    )
    onrecord.validate_analysis(rec)
    (st,) = rec["statements"]
    assert st["speaker"]["name"] == "Sergei Lavrov"
    # nothing in the text says when it was said: undated, not the publication day
    assert st["date"] is None and st["date_basis"] is None


def test_analyze_paths_and_open_store_from_the_top_level(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("“No meeting is planned,” Sergei Lavrov said on Friday.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    results = list(onrecord.analyze([article, empty], published=dt.date(2025, 8, 22), workers=1))
    record, error = results
    assert isinstance(error, onrecord.InputError) and "empty" in str(error)
    assert isinstance(record, dict)
    (st,) = record["statements"]
    assert st["speaker"]["name"] == "Sergei Lavrov" and st["date"] == "2025-08-22"
    with onrecord.open_store(str(tmp_path / "s.db")) as store:
        assert store.stats()["articles"] == 0


def test_analyze_text_takes_an_iso_day_and_refuses_other_text() -> None:
    from onrecord.errors import OnrecordError

    rec = onrecord.analyze_text("Lavrov said on Friday that no meeting was planned.",
                                published="2025-08-22")  # fmt: skip
    assert rec["published"] == "2025-08-22"
    assert rec["statements"][0]["date"] == "2025-08-22"
    with pytest.raises(OnrecordError, match="not a day"):
        onrecord.analyze_text("Lavrov said so.", published="yesterday")
