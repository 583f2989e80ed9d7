"""Score attribution extraction against PolNeAR (``onrecord eval polnear``).

Per label (source, cue, content): exact span precision/recall/F1, strict (the
same character offsets) and lenient (ignoring whitespace, quote marks and
punctuation at span edges). A discontinuous span counts as one span: all its
parts must match. Attribution level: a gold content is matched one-to-one by
a predicted content overlapping it by at least 50% of the longer of the two;
speaker accuracy is the share of matched attributions whose predicted speaker
span overlaps the gold source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from onrecord.eval.polnear_corpus import GoldAttribution
from onrecord.records import Span

LABELS = ("source", "cue", "content")
_EDGE = " \t\n\r\"'“”‘’«»`.,;:!?()[]—–-"


@dataclass(frozen=True, slots=True)
class Predicted:
    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]


@dataclass(slots=True)
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(
        self, key: str, gold: Counter[tuple[Span, ...]], pred: Counter[tuple[Span, ...]]
    ) -> None:
        self.tp[key] += sum((gold & pred).values())
        self.gold[key] += sum(gold.values())
        self.pred[key] += sum(pred.values())

    def prf(self, key: str) -> tuple[float, float, float]:
        return prf(self.tp[key], self.pred[key], self.gold[key])


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where a denominator is 0); shared by the eval modules."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def lenient(text: str, spans: Sequence[Span]) -> tuple[Span, ...]:
    out = []
    for s, e in spans:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: Sequence[Span]) -> int:
    return sum(e - s for s, e in spans)


@dataclass(slots=True)
class Scorer:
    spans: Tally = field(default_factory=Tally)
    matched: int = 0
    n_pred: int = 0
    n_gold: int = 0
    speaker_ok: int = 0
    speaker_total: int = 0
    docs: int = 0

    def add(
        self, text: str, gold_in: Iterable[GoldAttribution], pred_in: Iterable[Predicted]
    ) -> None:
        gold = list(gold_in)
        pred = list(pred_in)
        self.docs += 1
        for label in LABELS:
            gs = [tuple(sorted(getattr(a, label))) for a in gold if getattr(a, label)]
            ps = [tuple(sorted(getattr(a, label))) for a in pred if getattr(a, label)]
            self.spans.add(label + ":strict", Counter(gs), Counter(ps))
            self.spans.add(
                label + ":lenient",
                Counter(lenient(text, x) for x in gs),
                Counter(lenient(text, x) for x in ps),
            )
        self.n_gold += sum(1 for a in gold if a.content)
        self.n_pred += sum(1 for a in pred if a.content)
        pairs: list[tuple[int, int, int]] = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                ov = _overlap(g.content, p.content)
                if ov and ov >= 0.5 * max(_length(g.content), _length(p.content)):
                    pairs.append((ov, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            self.matched += 1
            if gold[gi].source:
                self.speaker_total += 1
                if _overlap(gold[gi].source, pred[pi].source) > 0:
                    self.speaker_ok += 1

    def result(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"documents": self.docs}
        for label in LABELS:
            for mode in ("strict", "lenient"):
                p, r, f = self.spans.prf(f"{label}:{mode}")
                out[f"{label}.{mode}.p"] = p
                out[f"{label}.{mode}.r"] = r
                out[f"{label}.{mode}.f1"] = f
        p, r, f = prf(self.matched, self.n_pred, self.n_gold)
        out.update({"attribution.p": p, "attribution.r": r, "attribution.f1": f})
        out["speaker.accuracy"] = (
            self.speaker_ok / self.speaker_total if self.speaker_total else 0.0
        )
        out["attribution.gold"] = self.n_gold
        out["attribution.predicted"] = self.n_pred
        return out


def format_report(scores: dict[str, float | int]) -> str:
    lines = [f"PolNeAR attribution — {scores['documents']} documents", ""]
    lines.append(f"{'label':<10}{'mode':<9}{'P':>7}{'R':>7}{'F1':>7}")
    for label in LABELS:
        for mode in ("strict", "lenient"):
            p, r, f = (float(scores[f"{label}.{mode}.{k}"]) * 100 for k in ("p", "r", "f1"))
            lines.append(f"{label:<10}{mode:<9}{p:7.1f}{r:7.1f}{f:7.1f}")
    p, r, f = (float(scores[f"attribution.{k}"]) * 100 for k in ("p", "r", "f1"))
    lines.append("")
    lines.append(
        f"attribution (content overlap >= 50%): P {p:.1f}  R {r:.1f}  F1 {f:.1f}"
        f"  ({scores['attribution.predicted']} predicted, {scores['attribution.gold']} gold)"
    )
    lines.append(f"speaker accuracy (matched): {float(scores['speaker.accuracy']) * 100:.1f}")
    return "\n".join(lines)
