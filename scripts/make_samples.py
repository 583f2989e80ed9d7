"""Rebuild a handful of MEANTIME (Wikinews) articles as plain-text samples.

The NewsReader MEANTIME corpus (CC BY 4.0) ships each English Wikinews article
as token XML: ``<token t_id=.. sentence=.. number=..>word</token>``.  Sentence 0
is the headline, sentence 1 the dateline; the creation date is also the
``TIMEX3`` with ``functionInDocument="CREATION_TIME"``.  This script turns a
fixed selection of those files back into readable text in the "seed layout"
that :mod:`onrecord.inputs.text` parses::

    Title line

    June 4, 2009

    Body paragraph ...

    Original url:

    <https://en.wikinews.org/wiki/...>

MEANTIME has no paragraph markup, so paragraphs are reconstructed: sentences
are grouped two at a time, never breaking inside an open quotation.

Usage::

    python scripts/make_samples.py [--meantime DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MEANTIME = ROOT.parent / "shared" / "data" / "meantime"
DEFAULT_OUT = ROOT / "src" / "onrecord" / "samples"

#: (corpus, file name) of the bundled samples: all four corpora, chosen for
#: their quotations and reporting verbs ("said", "told", "announced").
SELECTION: tuple[tuple[str, str], ...] = (
    ("corpus_airbus", "100911_Northrop_Grumman_and_Airbus_parent_EADS_defeat_Boeing.xml"),
    ("corpus_airbus", "71426_Aer_Lingus_buys_twelve_new_long-haul_Airbus_jets.xml"),
    ("corpus_apple", "195869_Apple_to_give_free_cases.xml"),
    ("corpus_gm", "127248_CEO_of_GM_outlines_plan.xml"),
    ("corpus_gm", "143480_Automaker_GM_to_cut_10,000_jobs_at_Opel.xml"),
    ("corpus_stock", "180695_US_stocks_see_9%_drop_before_making_recovery.xml"),
)

SENTENCES_PER_PARAGRAPH = 2
MAX_SENTENCES_PER_PARAGRAPH = 6  # even when a quotation seems never to close

# Tokens glued to the previous token (no space before them).
_NO_SPACE_BEFORE = {
    ",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "...",
    "'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "n't", "N'T", "”", "’",
}  # fmt: skip
# Tokens glued to the next token (no space after them).
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "CA$", "AU$", "NZ$", "HK$", "£", "€", "“", "‘"}
# Contraction tails after a token such as "I'" ("I' ll" -> "I'll").
_CONTRACTION_TAILS = {"ll", "m", "d", "re", "ve", "s"}


@dataclass(frozen=True)
class Sample:
    doc_id: str
    corpus: str
    source_file: str
    title: str
    published: dt.date | None
    url: str | None
    paragraphs: list[str]
    file_name: str


def _month_name_date(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


def _creation_date(root: ET.Element) -> dt.date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value") or ""
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


class Detokenizer:
    """Join PTB-style tokens back into text with conventional spacing.

    Quotation state is kept across sentences (a quote may span several), so
    one instance is used per document.
    """

    def __init__(self) -> None:
        self.in_double = False
        self.in_single = False

    def quote_open(self) -> bool:
        return self.in_double

    def join(self, tokens: list[str]) -> str:
        out: list[str] = []
        glue_next = False  # previous token wants no space after it
        for tok in tokens:
            text, attach_left, attach_right = self._classify(tok, out)
            if out and not attach_left and not glue_next:
                out.append(" ")
            out.append(text)
            glue_next = attach_right
        return "".join(out)

    def _classify(self, tok: str, out: list[str]) -> tuple[str, bool, bool]:
        """Return (text, no space before, no space after) for one token."""
        prev = out[-1] if out else ""
        if tok == "``":
            self.in_double = True
            return '"', False, True
        if tok == "''":
            self.in_double = False
            return '"', True, False
        if tok == '"':
            self.in_double = not self.in_double
            return ('"', False, True) if self.in_double else ('"', True, False)
        if tok == "“":
            self.in_double = True
        elif tok == "”":
            self.in_double = False
        if tok in ("`", "‘"):
            self.in_single = True
            return tok.replace("`", "'"), False, True
        if tok == "'":
            # closing single quote, or the possessive of a plural ("Airbus '")
            self.in_single = False
            return "'", True, False
        if prev.endswith(("'", "’")) and prev != "'" and tok in _CONTRACTION_TAILS:
            return tok, True, False  # "I' ll" -> "I'll", "Wayne ’ s" -> "Wayne’s"
        if tok == "/":
            return tok, True, True
        if tok == "#":  # PTB writes the pound sign as "#"
            return "£", False, True
        if tok == "$" and prev == "US":  # "US $ 29" -> "US$29"
            return tok, True, True
        return tok, tok in _NO_SPACE_BEFORE, tok in _NO_SPACE_AFTER


def read_document(path: Path, corpus: str) -> Sample:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(
            (int(token.get("number", "0")), token.text or "")
        )
    ordered = [[text for _, text in sorted(toks)] for _, toks in sorted(sentences.items())]
    published = _creation_date(root)
    detok = Detokenizer()
    title = detok.join(ordered[0]) if ordered else path.stem
    body = ordered[1:]
    # Sentence 1 is the dateline ("June 04 , 2009"): replaced by our own date line.
    if body and published is not None and str(published.year) in body[0] and len(body[0]) <= 6:
        body = body[1:]

    paragraphs: list[str] = []
    current: list[str] = []
    for sentence in body:
        current.append(detok.join(sentence))
        full = len(current) >= SENTENCES_PER_PARAGRAPH and not detok.quote_open()
        if full or len(current) >= MAX_SENTENCES_PER_PARAGRAPH:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))

    url = root.get("url")
    if url and url.startswith("http://en.wikinews.org"):
        url = "https" + url[len("http") :]
    doc_id = root.get("doc_id", path.stem.split("_", 1)[0])
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.split("_", 1)[-1].lower()).strip("-")
    slug = slug[:60].rsplit("-", 1)[0] if len(slug) > 60 else slug
    return Sample(
        doc_id=doc_id,
        corpus=corpus,
        source_file=f"{corpus}/{path.name}",
        title=title,
        published=published,
        url=url,
        paragraphs=paragraphs,
        file_name=f"wikinews-{doc_id}-{slug}.txt",
    )


def render(sample: Sample) -> str:
    parts = [sample.title]
    if sample.published is not None:
        parts.append(_month_name_date(sample.published))
    parts.extend(sample.paragraphs)
    if sample.url:
        parts.extend(["Original url:", f"<{sample.url}>"])
    return "\n\n".join(parts) + "\n"


def render_attribution(samples: list[Sample]) -> str:
    lines = [
        "# Sample articles",
        "",
        "The `.txt` files in this folder are English Wikinews articles taken from the",
        "**NewsReader MEANTIME corpus** (Multilingual Event ANd TIME;",
        "<http://www.newsreader-project.eu/results/data/wikinews/>),",
        "© 2015 Fondazione Bruno Kessler, VU University Amsterdam, Universidad del País Vasco.",
        "The articles were originally written by Wikinews contributors and published on",
        "Wikinews (<https://en.wikinews.org/>) under a Creative Commons Attribution licence.",
        "",
        "Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),",
        "<https://creativecommons.org/licenses/by/4.0/>.",
        "",
        "Changes made: the text was rebuilt from MEANTIME's token XML",
        "(`intra_cross-doc_annotation/`) by `scripts/make_samples.py`: tokens were joined",
        'with conventional spacing, quotation marks normalised to `"`, the dateline',
        "rewritten from the annotated document creation time, and paragraph breaks",
        "reconstructed (the corpus marks sentences, not paragraphs). The annotations",
        "themselves are not included.",
        "",
        "| File | Original title | Date | Source (MEANTIME) |",
        "| --- | --- | --- | --- |",
    ]
    for s in samples:
        date = s.published.isoformat() if s.published else ""
        title = f"[{s.title}]({s.url})" if s.url else s.title
        lines.append(f"| `{s.file_name}` | {title} | {date} | `{s.source_file}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meantime", type=Path, default=DEFAULT_MEANTIME)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    base: Path = args.meantime / "intra_cross-doc_annotation"
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    for corpus, name in SELECTION:
        path = base / corpus / name
        if not path.is_file():
            print(f"make_samples: missing {path}", file=sys.stderr)
            return 1
        sample = read_document(path, corpus)
        (out / sample.file_name).write_text(render(sample), encoding="utf-8")
        samples.append(sample)
        print(f"wrote {out / sample.file_name}")
    (out / "ATTRIBUTION.md").write_text(render_attribution(samples), encoding="utf-8")
    print(f"wrote {out / 'ATTRIBUTION.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
