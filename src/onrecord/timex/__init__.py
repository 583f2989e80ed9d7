"""Time expressions: HeidelTime-style rules that find TIMEX3 expressions and
resolve them against the publication date, and ISO date arithmetic."""

from __future__ import annotations

from onrecord.timex.dates import add_duration, period_end
from onrecord.timex.resolve import find_timexes

__all__ = ["add_duration", "find_timexes", "period_end"]
