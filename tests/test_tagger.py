"""The learned attribution tagger: windows, BIO decoding, linking, the shipped
weights, and one training step of scripts/train_attribution.py."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from safetensors import safe_open
from spacy.language import Language

from onrecord.extract.attribution import tagger as T
from onrecord.extract.attribution.linking import link
from tests.helpers import SHARED

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("n", [0, 1, 253, 254, 255, 600, 1000])
def test_windows_cover_every_piece_once_centrally(n: int) -> None:
    spans = T.windows(n)
    assert all(e - s <= T.WINDOW - 2 for s, e in spans)
    covered = {i for s, e in spans for i in range(s, e)}
    assert covered == set(range(n))
    owner = T.owner_of_piece(spans, n)
    for i in range(n):
        s, e = spans[owner[i]]
        # no other window holds the piece farther from its edges
        best = min(i - s, e - 1 - i)
        assert all(min(i - a, b - 1 - i) <= best for a, b in spans if a <= i < b)


def test_viterbi_emits_only_well_formed_spans() -> None:
    rng = np.random.default_rng(0)
    for _ in range(50):
        lp = np.log(rng.dirichlet(np.ones(len(T.LABELS)), size=40))
        path = [T.LABELS[i] for i in T.viterbi(lp)]
        assert not path[0].startswith("I-")
        for prev, cur in itertools.pairwise(path):
            if cur.startswith("I-"):
                assert prev != "O" and prev[2:] == cur[2:]


def test_viterbi_follows_clear_scores() -> None:
    want = ["O", "B-source", "B-cue", "B-content", "I-content", "O"]
    lp = np.full((len(want), len(T.LABELS)), np.log(0.01))
    for t, lab in enumerate(want):
        lp[t, T.LABELS.index(lab)] = np.log(0.9)
    assert [T.LABELS[i] for i in T.viterbi(lp)] == want


def test_spans_widen_to_whole_words() -> None:
    text = "Peskov said the unreadiness was clear"
    offsets = [(0, 6), (7, 11), (12, 15), (16, 18), (18, 22), (22, 27), (28, 31), (32, 37)]
    labels = [
        T.LABELS.index(x)
        for x in ["B-source", "B-cue", "B-content", "I-content", "O", "O", "O", "O"]
    ]
    spans = T.spans_from_labels(text, labels, offsets)
    assert [(t.role, text[t.start : t.end]) for t in spans] == [
        ("source", "Peskov"),
        ("cue", "said"),
        ("content", "the unreadiness"),
    ]


def tagged(text: str, *parts: tuple[str, str]) -> list[T.TaggedSpan]:
    out = []
    for role, words in parts:
        start = text.index(words)
        out.append(T.TaggedSpan(role, start, start + len(words)))
    return out


def test_linking_one_attribution_per_cue_nearest_source_and_content(nlp: Language) -> None:
    text = "Lavrov said no meeting was planned. Trump said preparations were underway."
    spans = tagged(
        text,
        ("source", "Lavrov"),
        ("cue", "said no"[:4]),
        ("content", "no meeting was planned"),
        ("source", "Trump"),
        ("content", "preparations were underway"),
    )
    second = text.index("said", 10)
    spans.append(T.TaggedSpan("cue", second, second + 4))
    linked = link(nlp(text), text, spans)
    got = [
        (text[slice(*x.source.span)], [text[s:e] for s, e in x.content]) for x in linked if x.source
    ]
    assert got == [
        ("Lavrov", ["no meeting was planned"]),
        ("Trump", ["preparations were underway"]),
    ]


def test_linking_split_quote_is_one_discontinuous_content(nlp: Language) -> None:
    text = "“We are ready,” Peskov said, “but nothing is planned.”"
    spans = tagged(
        text,
        ("content", "“We are ready,”"),
        ("source", "Peskov"),
        ("cue", "said"),
        ("content", "“but nothing is planned.”"),
    )
    (only,) = link(nlp(text), text, spans)
    assert [text[s:e] for s, e in only.content] == ["“We are ready,”", "“but nothing is planned.”"]


def test_linking_cueless_quote_paragraph_continues_the_speaker(nlp: Language) -> None:
    text = "“No meeting is planned,” Lavrov said.\n\n“We told them so.”"
    spans = tagged(
        text,
        ("content", "“No meeting is planned,”"),
        ("source", "Lavrov"),
        ("cue", "said"),
        ("content", "“We told them so.”"),
    )
    quoted = [(0, text.index("”") + 1), (text.rindex("“"), len(text))]
    first, second = link(nlp(text), text, spans, quoted)
    assert second.continuation_of == 0 and second.source == first.source
    # an unquoted paragraph with no cue is nobody's statement
    plain = "“No meeting is planned,” Lavrov said.\n\nThe talks went on."
    spans = tagged(
        plain,
        ("content", "“No meeting is planned,”"),
        ("source", "Lavrov"),
        ("cue", "said"),
        ("content", "The talks went on"),
    )
    assert len(link(nlp(plain), plain, spans, quoted[:1])) == 1


def test_linking_drops_a_cue_without_content(nlp: Language) -> None:
    text = "Lavrov said nothing."
    assert link(nlp(text), text, tagged(text, ("source", "Lavrov"), ("cue", "said"))) == []


def test_shipped_weights_carry_their_note() -> None:
    ref = resources.files("onrecord") / "data" / T.WEIGHTS
    with resources.as_file(ref) as path, safe_open(str(path), "pt") as fh:
        meta = fh.metadata()
        names = list(fh.keys())
    assert json.loads(meta["labels"]) == list(T.LABELS)
    assert json.loads(meta["window"]) == T.WINDOW
    assert "head.weight" in names and not any(n.endswith(T.FROZEN) for n in names)
    assert path.stat().st_size < 30 * 1024 * 1024
    dev = json.loads(meta["dev"])
    assert dev["source"] > 0.75 and dev["cue"] > 0.7 and dev["content"] > 0.6


@pytest.mark.slow
def test_one_training_step_on_two_documents(tmp_path: Path) -> None:
    out = tmp_path / "tagger.safetensors"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_attribution.py"),
            str(SHARED / "data" / "polnear"),
            "--out",
            str(out),
            "--docs",
            "2",
            "--steps",
            "1",
            "--epochs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "step 1/1" in proc.stdout and "dev" in proc.stdout
    with safe_open(str(out), "pt") as fh:
        assert json.loads(fh.metadata()["train_documents"]) == 2
        assert fh.get_tensor("head.weight").shape == (len(T.LABELS), 384)
