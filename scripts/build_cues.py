"""Build ``src/onrecord/lang/en/cues.tsv`` from PolNeAR train.

For every verb lemma, count how often it heads a gold cue span and how often
it occurs at all; the ratio is how reliably the word introduces an
attribution. Data: PolNeAR v1.0.0 train split (Newell, Margolin & Ruths 2018),
read from ``../shared/data/polnear/train``; only counts are stored, no text.

    python scripts/build_cues.py [../shared/data/polnear/train]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from onrecord.eval.polnear_corpus import load_split
from onrecord.nlp import load_nlp

OUT = Path(__file__).resolve().parents[1] / "src/onrecord/lang/en/cues.tsv"


def main(split: Path) -> None:
    docs = list(load_split(split))
    nlp = load_nlp()
    cue_counts: Counter[tuple[str, str]] = Counter()
    seen: Counter[tuple[str, str]] = Counter()
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), n_process=2), strict=True):
        cue_tokens = set()
        for att in gold.attributions:
            for start, end in att.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                cue_tokens.update(t.i for t in span if t.pos_ in ("VERB", "AUX"))
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            key = (tok.lemma_.lower(), tok.pos_)
            seen[key] += 1
            if tok.i in cue_tokens:
                cue_counts[key] += 1
    lines = ["# lemma\tpos\tcue\tseen  (PolNeAR v1.0.0 train; scripts/build_cues.py)"]
    for key, n in sorted(cue_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= 2:
            lines.append(f"{key[0]}\t{key[1]}\t{n}\t{seen[key]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} lemmas to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear/train"))
