"""The public API is what __init__ re-exports, and only that."""

from __future__ import annotations

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
    import datetime as dt

    rec = onrecord.analyze_text(
        "“No meeting is planned,” Sergei Lavrov said.", published=dt.date(2025, 8, 22)
    )
    onrecord.validate_analysis(rec)
    (st,) = rec["statements"]
    assert st["speaker"]["name"] == "Sergei Lavrov"
    assert st["date"] == "2025-08-22" and st["date_basis"] == "published"
