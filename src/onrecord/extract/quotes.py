"""Find quotation spans in raw article text.

A pure function of the text, run before parsing: quote marks are far more
reliable than the parser at telling where a quotation starts and ends, and the
attribution stage needs those boundaries to keep a speaker's words intact.

Handled: curly double quotes (“…”), straight double quotes ("…", paired by
toggling within a paragraph), doubled apostrophes (''…'', the New York Times
house style), and guillemets («…»). Single curly quotes (‘…’) are taken only
where they are not apostrophes, i.e. a ‘ opening after a space/start. A quote
left open at the end of a paragraph is closed there unless the next paragraph
opens with a quote mark, which is the convention for a quotation running over
several paragraphs; an unbalanced closing mark is ignored. Nothing here raises
on malformed input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.records import Span

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_TOKEN = re.compile(r"''|``|[“”\"«»„‘’]|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end if unclosed)
    closed: bool

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip("“”\"«»„‘’'` \n")


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(text: str) -> list[Quote]:
    """Return quotations in order; nested quotes are inside their outer quote."""
    quotes: list[Quote] = []
    open_at: int | None = None
    closer = ""
    for m in _TOKEN.finditer(text):
        tok = m.group()
        i = m.start()
        if tok.startswith("\n"):
            if open_at is not None:
                # A paragraph ends inside a quote: if the next paragraph reopens
                # the quote, the quotation continues; end this part here.
                quotes.append(Quote(open_at, _rstrip_end(text, i), False))
                open_at = None
            continue
        if open_at is None:
            if tok in ("”", "»", "’"):
                continue  # stray closing mark (or apostrophe): ignore
            if tok == "‘" and not (i == 0 or not text[i - 1].isalnum()):
                continue
            if tok in ('"', "''", "``", "“", "«", "„", "‘"):
                if tok == "''" and i > 0 and text[i - 1].isalnum():
                    continue  # closing style ('' after a word) with no opener
                open_at = i
                closer = {'"': '"', "''": "''", "``": "''"}.get(tok) or _OPEN_CLOSE[tok]
            continue
        # inside a quote: look for the matching closer; other marks are nested
        if tok == closer or (closer == "”" and tok == '"') or (closer == '"' and tok == "”"):
            if closer == "’" and _is_apostrophe(text, i):
                continue
            quotes.append(Quote(open_at, m.end(), True))
            open_at = None
        elif closer == "''" and tok == "”":
            quotes.append(Quote(open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, _rstrip_end(text, len(text)), False))
    return [q for q in quotes if q.end - q.start > 2]


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
