"""Tests for onrecord.store.dedupe: content hashes, MinHash signatures and LSH bands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from onrecord.store.dedupe import (
    BANDS,
    NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    bands,
    candidate_probability,
    content_hash,
    normalize_text,
    shingles,
    signature,
    similarity,
)

PORT_STRIKE = """Port Strike Ends After Three Days as Union Accepts Pay Deal

Dock workers at the city's main container port returned to work on Friday after a
three-day strike that left dozens of ships waiting at anchor outside the harbour and
disrupted deliveries of fuel and food to much of the region.

The union said the agreement, reached late on Thursday after talks mediated by the labour
ministry, met its main demands on pay and overtime for night shifts. Under the deal, wages
will rise by 6 percent this year and by a further 4 percent next year, and workers on
night shifts will receive an additional allowance.

"This is a fair deal for the people who keep this port running," the union's general
secretary told a rally outside the terminal gates on Friday morning. "We did not want to
strike, but we were left with no choice."

The port authority said it expected the backlog of vessels to be cleared by the middle of
next week, and that no cargo had been lost during the stoppage. Shipping companies had
warned earlier in the week that a longer strike could force them to divert vessels to
ports in neighbouring countries.

The transport minister welcomed the agreement but said the government would review the
rules on strikes at facilities it considers essential to the economy. Opposition
politicians accused the government of using the dispute to curb the right to strike.
"""

SYNDICATED = """Dockers back at work as three-day port strike ends

Dock workers at the city’s main container port returned to work on Friday after a
three-day strike that left dozens of ships waiting at anchor outside the harbour and
disrupted deliveries of fuel and food to much of the region.

The union said the agreement, reached late on Thursday after talks mediated by the labour
ministry, met its main demands on pay and overtime for night shifts. Under the deal, wages
will rise by 6 percent this year and by a further 4 percent next year, and workers on
night shifts will receive an additional allowance.

“This is a fair deal for the people who keep this port running,” the union’s general
secretary told a rally outside the terminal gates on Friday morning. “We did not want to
strike, but we were left with no choice.”

The port authority said it expected the backlog of vessels to be cleared by the middle of
next week, and that no cargo had been lost during the stoppage. Shipping companies had
warned earlier in the week that a longer strike could force them to divert vessels to
ports in neighbouring countries.

The transport minister welcomed the agreement but said the government would review the
rules on strikes at facilities it considers essential to the economy. Opposition
politicians accused the government of using the dispute to curb the right to strike.

This article first appeared on Harbour Times and is republished here under a content
sharing agreement.
"""

COURT_RULING = """Supreme Court Upholds Ban on Logging in Northern Forest Reserve

The supreme court on Tuesday upheld a government ban on commercial logging in the northern
forest reserve, rejecting an appeal by a group of timber companies that had argued the ban
was imposed without proper consultation.

In a unanimous ruling, the five judges said the environment ministry had acted within its
powers when it declared the reserve a protected area two years ago, and that the companies
had been given enough time to present their objections.

Environmental groups, which had joined the case in support of the ministry, said the ruling
was a victory for the thousands of species that depend on the forest. "Today the court has
confirmed that some places are worth more standing than cut down," a spokeswoman for one of
the groups said outside the courthouse.

The timber companies said in a joint statement that they were disappointed and would study
the judgment before deciding whether to seek compensation. They employ about 1,200 people in
the region, and local officials have warned that many of those jobs could be lost.

The environment minister said the government would spend 40 million on a programme to train
former forestry workers for jobs in tourism and conservation, and that the first courses
would begin in the autumn. Critics said the money would not be enough to replace the
income the logging industry had brought to the area.
"""


def test_normalize_text() -> None:
    assert normalize_text('  The Minister\'s  "View":\n\tTalks—resume!  ') == (
        "the ministers view talks resume"
    )
    assert normalize_text("ÉTÉ ﬁnal") == "été final"  # NFKC, case-folded


def test_same_text_with_different_whitespace_and_case_hashes_the_same() -> None:
    variant = PORT_STRIKE.upper().replace("\n", "  \r\n ").replace(" ", "   ")
    variant = variant.replace("'", "’").replace('"', "“")
    assert content_hash(variant) == content_hash(PORT_STRIKE)
    assert content_hash(COURT_RULING) != content_hash(PORT_STRIKE)
    assert len(content_hash("")) == 64


def test_syndicated_copy_is_a_near_duplicate() -> None:
    a, b = signature(PORT_STRIKE), signature(SYNDICATED)
    assert content_hash(PORT_STRIKE) != content_hash(SYNDICATED)
    assert similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD
    assert set(bands(a)) & set(bands(b))


def test_different_articles_are_not_near_duplicates() -> None:
    a, b = signature(PORT_STRIKE), signature(COURT_RULING)
    assert similarity(a, b) < 0.5
    assert not set(bands(a)) & set(bands(b))


def test_signature_is_stable() -> None:
    sig = signature(PORT_STRIKE)
    assert signature(PORT_STRIKE) == sig
    assert len(sig) == NUM_PERM
    assert all(0 <= v < 2**32 for v in sig)
    assert similarity(sig, sig) == 1.0
    # whitespace and case do not change it
    assert signature(PORT_STRIKE.upper().replace(" ", "  ")) == sig


def test_signature_is_stable_across_processes() -> None:
    code = (
        "from onrecord.store.dedupe import signature, bands; import sys; "
        "s = signature(sys.stdin.read()); print(s); print(bands(s))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code],
            input=PORT_STRIKE,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    sig = signature(PORT_STRIKE)
    assert outputs[0] == outputs[1] == f"{sig}\n{bands(sig)}\n"


def test_bands_fit_signed_64_bit_and_are_stable() -> None:
    sig = signature(COURT_RULING)
    values = bands(sig)
    assert len(values) == BANDS
    assert all(-(2**63) <= v < 2**63 for v in values)
    assert bands(list(sig)) == values
    assert len(set(values)) == BANDS  # band number is part of the hash
    assert len(bands(sig, bands=16)) == 16
    with pytest.raises(ValueError):
        bands(sig[:4], bands=16)


def test_empty_text() -> None:
    empty = signature("  ...  ")
    assert shingles("") == set()
    assert similarity(empty, empty) == 0.0
    assert bands(empty) == []
    short = signature("Short text.")
    assert shingles("Short text.") == {"short text"}
    assert similarity(short, signature("short  TEXT")) == 1.0


def test_similarity_needs_equal_lengths() -> None:
    with pytest.raises(ValueError):
        similarity([1, 2, 3], [1, 2])


def test_banding_choice() -> None:
    assert candidate_probability(0.8) > 0.99
    assert candidate_probability(0.3) < 0.02
    assert candidate_probability(0.1) < 0.001
