"""Words for people: TIMEX values as dates a reader says, events named by
their type and participants. Used by the web pages and the CLI alike."""

from onrecord.present.dates import date_label, human_date
from onrecord.present.events import event_title
from onrecord.present.speakers import described_as, descriptions, own_words

__all__ = ["date_label", "described_as", "descriptions", "event_title", "human_date", "own_words"]
