"""Words for people: TIMEX values as dates a reader says, events named by
their type and participants. Used by the web pages and the CLI alike."""

from onrecord.present.dates import human_date
from onrecord.present.events import event_title

__all__ = ["event_title", "human_date"]
