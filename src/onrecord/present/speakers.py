"""A speaker as a page or a report names them."""

from __future__ import annotations


def own_words(said: str | None, name: str | None) -> str | None:
    """How the article itself names the speaker, where that adds something to
    their name ("he", "the minister"); None where it repeats it ("Lavrov",
    "U.S. President Donald Trump")."""
    if not said or not name or said == name:
        return None
    return said if name.split()[-1].lower() not in said.lower() else None
