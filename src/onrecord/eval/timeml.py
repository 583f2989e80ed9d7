"""Evaluate the rule-based temporal tagger against TimeML (TimeBank/AQUAINT) data.

Scores follow TempEval-3 (task A): strict span P/R/F1 (exact offsets), relaxed
span P/R/F1 (any overlap, one-to-one matching), value and type accuracy over
the relaxed matches, and value F1 = relaxed F1 x value accuracy.

Only the ``TIMEX3`` elements inside ``<TEXT>`` count as gold; the document
creation time (``<DCT>``) is the anchor passed to the tagger, not a gold timex.
"""

from __future__ import annotations

import datetime as dt
import html
import pathlib
import re
from dataclasses import dataclass

from onrecord.eval.polnear import prf
from onrecord.records import Timex
from onrecord.timex import find_timexes

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_TEXT_ELEM = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.DOTALL)
_DATE_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def parse_tml(source: str, name: str = "") -> GoldDocument:
    """Parse one TimeML document: raw TEXT content, DCT and gold TIMEX3s."""
    dct: dt.date | None = None
    dct_match = _DCT.search(source)
    if dct_match:
        attrs = dict(_ATTR.findall(dct_match.group(1)))
        value_match = _DATE_VALUE.match(attrs.get("value", ""))
        if value_match:
            y, m, d = (int(g) for g in value_match.groups())
            dct = dt.date(y, m, d)
    text_match = _TEXT_ELEM.search(source)
    body = text_match.group(1) if text_match else ""
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[pos : tag.start()])
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name_, attr_text = tag.group(1), tag.group(2), tag.group(3)
        if name_ != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attr_text)))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    timexes = tuple(GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold)
    return GoldDocument(name, text, dct, timexes)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_relaxed(
    gold: tuple[GoldTimex, ...] | list[GoldTimex], system: list[Timex]
) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one matching of overlapping spans (exact matches first, then most overlap)."""
    candidates: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if _overlaps((g.start, g.end), (s.start, s.end)):
                exact = int(g.start == s.start and g.end == s.end)
                overlap = min(g.end, s.end) - max(g.start, s.start)
                candidates.append((-exact, -overlap, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs: list[tuple[GoldTimex, Timex]] = []
    for _, _, gi, si in candidates:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


@dataclass
class _Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    docs: int = 0

    def add(self, other: _Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value_ok += other.value_ok
        self.type_ok += other.type_ok
        self.docs += other.docs


def _scores(c: _Counts) -> dict[str, float | int]:
    sp, sr, sf = prf(c.strict, c.system, c.gold)
    rp, rr, rf = prf(c.relaxed, c.system, c.gold)
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    return {
        "documents": c.docs,
        "gold": c.gold,
        "system": c.system,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf,
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": rf,
        "value_accuracy": value_acc,
        "type_accuracy": type_acc,
        "value_f1": rf * value_acc,
        "type_f1": rf * type_acc,
    }


def _score_document(doc: GoldDocument) -> _Counts:
    system = find_timexes(doc.text, doc.dct)
    gold_spans = {(g.start, g.end) for g in doc.timexes}
    strict = sum(1 for s in system if (s.start, s.end) in gold_spans)
    pairs = match_relaxed(doc.timexes, system)
    return _Counts(
        gold=len(doc.timexes),
        system=len(system),
        strict=strict,
        relaxed=len(pairs),
        value_ok=sum(1 for g, s in pairs if g.value == s.value),
        type_ok=sum(1 for g, s in pairs if g.type == s.type),
        docs=1,
    )


def load_documents(path: pathlib.Path) -> list[tuple[str, GoldDocument]]:
    """Every ``*.tml`` under ``path`` (or ``path`` itself), with its subcorpus name."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    docs: list[tuple[str, GoldDocument]] = []
    for file in files:
        subcorpus = file.parent.name if file.parent != path else path.name
        source = file.read_text(encoding="utf-8")
        docs.append((subcorpus, parse_tml(source, file.stem)))
    return docs


def evaluate(path: pathlib.Path) -> dict[str, object]:
    """Score :func:`find_timexes` on the TimeML files under ``path``.

    Returns the overall scores (keys such as ``strict_f1``, ``relaxed_f1``,
    ``value_accuracy``, ``value_f1``, fractions in 0..1) and, under
    ``"subcorpora"``, the same scores for each directory holding ``.tml`` files.
    """
    total = _Counts()
    per_sub: dict[str, _Counts] = {}
    for subcorpus, doc in load_documents(path):
        counts = _score_document(doc)
        total.add(counts)
        per_sub.setdefault(subcorpus, _Counts()).add(counts)
    result: dict[str, object] = dict(_scores(total))
    result["subcorpora"] = {name: _scores(c) for name, c in sorted(per_sub.items())}
    return result


_ROWS = (
    ("strict span", "strict_precision", "strict_recall", "strict_f1"),
    ("relaxed span", "relaxed_precision", "relaxed_recall", "relaxed_f1"),
)


def _table_block(title: str, s: dict[str, float | int]) -> list[str]:
    lines = [
        f"{title}: {s['documents']} documents, {s['gold']} gold timexes, "
        f"{s['system']} system timexes",
        f"  {'':<14}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for label, p, r, f in _ROWS:
        lines.append(f"  {label:<14}{100 * s[p]:>7.1f}{100 * s[r]:>7.1f}{100 * s[f]:>7.1f}")
    lines.append(f"  {'value accuracy':<21}{100 * s['value_accuracy']:>7.1f}")
    lines.append(f"  {'type accuracy':<21}{100 * s['type_accuracy']:>7.1f}")
    lines.append(f"  {'value F1':<21}{100 * s['value_f1']:>7.1f}")
    lines.append(f"  {'type F1':<21}{100 * s['type_f1']:>7.1f}")
    return lines


def format_report(scores: dict[str, object]) -> str:
    """A readable text table of :func:`evaluate`'s result (percentages, one decimal)."""
    overall = {k: v for k, v in scores.items() if isinstance(v, int | float)}
    lines = _table_block("overall", overall)
    subcorpora = scores.get("subcorpora")
    if isinstance(subcorpora, dict) and len(subcorpora) > 1:
        for name, sub in subcorpora.items():
            lines.append("")
            lines.extend(_table_block(str(name), sub))
    return "\n".join(lines) + "\n"
