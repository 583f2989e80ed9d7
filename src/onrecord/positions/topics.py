"""Topics of statements: clusters of their content, named by a key phrase.

Pure functions over statement texts and their unit-length sentence vectors
(:mod:`onrecord.positions.embeddings`); no I/O.

Clustering is agglomerative, average linkage on cosine distance, cut at a
distance threshold (no number of topics to guess). Average linkage keeps a
topic's statements close to all of each other, where single linkage chains
unrelated statements together through intermediate ones, and a threshold
leaves one-off statements alone instead of forcing them into a topic. For
corpora larger than :data:`MAX_DIRECT` statements a random sample is clustered
and the rest join the nearest topic centroid within the threshold.

A topic is named by the n-gram (1–3 words, no stop word at either end) with the
highest class TF-IDF: the share of the topic's statements that contain it times
its inverse document frequency over all statements (as in BERTopic's c-TF-IDF),
with a small bonus for longer phrases so "NATO membership" beats "NATO" when
both cover the same statements.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

#: cosine distance at which the dendrogram is cut (measured on PolNeAR dev, see README)
DEFAULT_THRESHOLD = 0.6
#: above this many statements the linkage matrix (n² / 2 distances) is built on a sample
MAX_DIRECT = 6000
#: statements with fewer words than this are not clustered ("No.", "he said")
MIN_WORDS = 3
#: a phrase names a topic only if this share of its statements contain it
MIN_COVER = 0.15
#: score bonus per extra word of a phrase
LENGTH_BONUS = 0.6
#: a second phrase joins the name when it scores this share of the first
SECOND_PHRASE = 0.8

# Words that carry no topic: English stop words plus the vocabulary of reported
# speech and talk, which every statement cluster shares.
_EXTRA_STOP = {
    "said", "says", "say", "saying", "told", "tell", "according", "asked", "added",
    "mr", "mrs", "ms", "dr", "just", "like", "going", "gonna", "think", "thinks", "know",
    "want", "wants", "really", "thing", "things", "lot", "lots", "way", "got", "get",
    "let", "did", "does", "don", "doesn", "didn", "isn", "wasn", "won", "ll", "ve", "re",
    "yes", "okay", "ok", "oh", "well", "right", "good", "great", "believe", "look",
    "come", "make", "made", "need", "time", "today", "yesterday", "week", "day",
    "year", "years", "s", "t", "d", "m", "per", "cent", "percent",
}  # fmt: skip


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words and ours, loaded on first use (importing
    spaCy costs seconds that no command but `positions` should pay)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _EXTRA_STOP


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*|\d+")
# phrases do not run across punctuation
_SEGMENT = re.compile(r"[^.,;:!?()\"“”‘\[\]—–]+")


@dataclass(frozen=True)
class Topic:
    id: int
    name: str
    members: tuple[int, ...]  # indices of the clustered texts
    centroid: np.ndarray = field(compare=False, repr=False)

    @property
    def size(self) -> int:
        return len(self.members)


# -- clustering -----------------------------------------------------------------


def clusterable(text: str) -> bool:
    """Whether a statement has words enough to say something."""
    if len(text.split(None, 3 * MIN_WORDS)) > 3 * MIN_WORDS:
        return True  # many words: no need to count them (a cost at 100,000 statements)
    return len(_TOKEN.findall(text)) >= MIN_WORDS


def cluster(
    vectors: np.ndarray,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "average",
    seed: int = 0,
) -> np.ndarray:
    """Cluster labels 0..k-1 for unit-length ``vectors``; -1 for a vector
    left out (only for very large inputs: nearer no topic than ``threshold``)."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    if n <= MAX_DIRECT:
        return _agglomerate(vectors, threshold, method)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, MAX_DIRECT, replace=False))
    sample_labels = _agglomerate(vectors[sample], threshold, method)
    cents = _centroids(vectors[sample], sample_labels)
    labels = np.full(n, -1, dtype=np.int64)
    for start in range(0, n, 4096):
        sims = vectors[start : start + 4096] @ cents.T
        best = sims.argmax(axis=1)
        near = 1.0 - sims[np.arange(len(best)), best] <= threshold
        labels[start : start + 4096] = np.where(near, best, -1)
    labels[sample] = sample_labels
    return labels


def _agglomerate(vectors: np.ndarray, threshold: float, method: str) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    if method == "ward":
        # Ward needs Euclidean distances; on unit vectors d² = 2·cosine distance
        tree = linkage(vectors.astype(np.float64), method="ward")
        cut = math.sqrt(2.0 * threshold)
    else:
        dist = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
        tree = linkage(dist, method=method)
        cut = threshold
    raw = fcluster(tree, t=cut, criterion="distance")
    # number the clusters by size, largest first, from 0
    order = [c for c, _ in Counter(raw.tolist()).most_common()]
    remap = {c: i for i, c in enumerate(order)}
    return np.array([remap[c] for c in raw.tolist()], dtype=np.int64)


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    k = int(labels.max()) + 1 if len(labels) else 0
    out = np.zeros((k, vectors.shape[1]), dtype=np.float32)
    for c in range(k):
        out[c] = _unit(vectors[labels == c].mean(axis=0))
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette on cosine distance (singletons and -1 count as 0, as in
    scikit-learn); in [-1, 1], higher is better separated."""
    keep = labels >= 0
    vectors, labels = vectors[keep], labels[keep]
    n = len(labels)
    if n < 2 or len(set(labels.tolist())) < 2:
        return 0.0
    dist = 1.0 - np.clip(vectors @ vectors.T, -1.0, 1.0)
    ks = sorted(set(labels.tolist()))
    sums = np.stack([dist[:, labels == k].sum(axis=1) for k in ks], axis=1)
    sizes = np.array([(labels == k).sum() for k in ks], dtype=np.float64)
    own = np.searchsorted(ks, labels)
    own_size = sizes[own]
    a = sums[np.arange(n), own] / np.maximum(own_size - 1, 1)
    mean_other = sums / sizes
    mean_other[np.arange(n), own] = np.inf
    b = mean_other.min(axis=1)
    s = np.where(own_size > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


# -- naming ---------------------------------------------------------------------


def phrases(text: str, max_len: int = 3) -> dict[str, str]:
    """The candidate key phrases of a text: lowercased n-gram → its surface form.
    An n-gram stays inside one clause, neither starts nor ends with a stop word,
    has none inside but "of" ("Secretary of State"), and ends at a possessive
    ("North Korea's test" gives "North Korea", not "Korea's test")."""
    out: dict[str, str] = {}
    for segment in _SEGMENT.findall(text):
        words, lows, ends = [], [], []
        for w in _TOKEN.findall(segment.replace("’", "'")):
            base = w[:-2] if w.lower().endswith("'s") else w
            words.append(base)
            lows.append(base.lower() if "'" not in base else "'")  # a contraction: stop
            ends.append(len(base) < len(w))
        for i in range(len(words)):
            if not _content_word(lows[i]):
                continue
            for j in range(i + 1, min(i + max_len, len(words)) + 1):
                inner = lows[j - 1]
                if j - 1 > i and not _content_word(inner) and inner != "of":
                    break
                if _content_word(inner):
                    out.setdefault(" ".join(lows[i:j]), " ".join(words[i:j]))
                if ends[j - 1]:
                    break
    return out


def _content_word(low: str) -> bool:
    return low not in stop_words() and not low.isdigit() and len(low) > 1 and "'" not in low


def name_topics(
    texts: Sequence[str],
    labels: np.ndarray,
    embed_fn: Callable[[Sequence[str]], np.ndarray] | None = None,
    vectors: np.ndarray | None = None,
    mode: str = "hybrid",
    top: int = 8,
    avoid: frozenset[str] = frozenset(),
) -> dict[int, str]:
    """A key phrase for each label (>= 0).

    ``mode="tfidf"`` (or no ``embed_fn``/``vectors``): the best class TF-IDF.
    ``"central"``: of the ``top`` phrases by class TF-IDF, the one nearest the
    topic's centroid (KeyBERT-style). ``"hybrid"``: their sum, the class TF-IDF
    scaled to the topic's best, plus the cosine similarity to the centroid.
    A word of ``avoid`` (lowercase: the speakers' surnames) never names a
    topic alone: "Putin" says who, not what."""
    docs = [phrases(t) for t in texts]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = max(len(texts), 1)
    by_label: dict[int, list[int]] = {}
    for i, lab in enumerate(labels.tolist()):
        if lab >= 0:
            by_label.setdefault(int(lab), []).append(i)
    names: dict[int, str] = {}
    pools: dict[int, list[tuple[float, str, str]]] = {}
    ranks: dict[int, list[tuple[float, str, str]]] = {}
    for label, idx in sorted(by_label.items()):
        ranked = ranks[label] = [r for r in _rank(idx, docs, df, n) if _names_a_topic(r[1], avoid)]
        if not ranked:
            names[label] = _fallback(texts[idx[0]])
        elif embed_fn is None or vectors is None or mode == "tfidf" or len(idx) < 3:
            # (re-ranking the names of one-off statements is not worth embedding them)
            names[label] = _compose(ranked)
        else:
            pools[label] = ranked[:top]
    if pools and embed_fn is not None and vectors is not None:
        # one batch for every candidate phrase of every topic
        flat = sorted({form for pool in pools.values() for _, _, form in pool})
        cand = dict(zip(flat, embed_fn(flat), strict=True))
        for label, pool in pools.items():
            centroid = _unit(vectors[by_label[label]].mean(axis=0))
            best = pool[0][0]
            rescored = []
            for score, key, form in pool:
                sim = float(cand[form] @ centroid)
                rescored.append((sim if mode == "central" else score / best + sim, key, form))
            names[label] = _compose(sorted(rescored, reverse=True), ranks[label])
    return names


def _names_a_topic(key: str, avoid: frozenset[str]) -> bool:
    """Whether a phrase may name a topic: not a word of ``avoid`` alone (a
    surname), nor a lone verb form ("making", "said")."""
    if " " in key:
        return True
    return key not in avoid and not key.endswith(("ing", "ed"))


def _compose(
    ranked: Sequence[tuple[float, str, str]], known: Sequence[tuple[float, str, str]] = ()
) -> str:
    """The best phrase, and the runner-up when it scores nearly as well and
    shares no word with it ("Europe, NATO"): one word rarely says what a topic
    is. Two names that the topic's statements also say as one phrase are that
    phrase ("Hillary" + "Clinton" → "Hillary Clinton")."""
    score, key, form = ranked[0]
    for other_score, other_key, other_form in ranked[1:]:
        if any(_same_word(a, b) for a in key.split() for b in other_key.split()):
            continue  # "tax" and "taxes", "debate" and "debates"
        if other_score < SECOND_PHRASE * score:
            break
        for _, joined_key, joined_form in known or ranked:
            if joined_key in (f"{key} {other_key}", f"{other_key} {key}"):
                return joined_form
        return f"{form}, {other_form}"
    return form


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _rank(
    idx: Sequence[int], docs: Sequence[dict[str, str]], df: Counter[str], n: int
) -> list[tuple[float, str, str]]:
    """(score, key, surface) of a cluster's candidate phrases, best first."""
    local: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for i in idx:
        local.update(docs[i].keys())
        for key, form in docs[i].items():
            surface.setdefault(key, Counter())[form] += 1
    size = len(idx)
    need = 2 if size >= 3 else 1  # a name shared by at least two statements
    scored = []
    for key, count in local.items():
        if count < need or (count / size < MIN_COVER and size >= 3):
            continue
        length = key.count(" ") + 1
        score = (count / size) * math.log(n / df[key] + 1.0) * (1.0 + LENGTH_BONUS * (length - 1))
        scored.append((score, key, _display(surface[key])))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


def _display(forms: Counter[str]) -> str:
    """The most frequent surface form; a capitalized one when it is as common
    ("NATO" over "nato", "Putin" over "putin")."""
    return max(forms.items(), key=lambda kv: (kv[1], kv[0][:1].isupper(), kv[0]))[0]


def _fallback(text: str) -> str:
    words = [w for w in _TOKEN.findall(text) if w.lower() not in stop_words()]
    return " ".join(words[:3]) or text[:30]


def build_topics(
    texts: Sequence[str],
    vectors: np.ndarray,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "average",
    embed_fn: Callable[[Sequence[str]], np.ndarray] | None = None,
    naming: str = "hybrid",
    avoid: frozenset[str] = frozenset(),
) -> tuple[list[Topic], np.ndarray]:
    """Cluster and name: the topics (largest first) and each text's topic id (-1: none)."""
    labels = cluster(vectors, threshold, method)
    names = name_topics(texts, labels, embed_fn=embed_fn, vectors=vectors, mode=naming, avoid=avoid)
    topics = []
    for label, name in names.items():
        members = tuple(int(i) for i in np.flatnonzero(labels == label))
        topics.append(Topic(label, name, members, _unit(vectors[list(members)].mean(axis=0))))
    topics.sort(key=lambda t: (-t.size, t.id))
    return topics, labels


# -- matching a query -----------------------------------------------------------


def match_topic(
    query: str | np.ndarray,
    topics: Sequence[Topic],
    embed_fn: Callable[[Sequence[str]], np.ndarray] | None = None,
    margin: float = 0.05,
    floor: float = 0.25,
    limit: int = 3,
) -> list[tuple[Topic, float]]:
    """The topics nearest a query phrase (or its vector) by cosine similarity to
    the topic centroid: the best one, and up to ``limit`` within ``margin`` of it;
    none below ``floor``. A query word in the topic's name adds 0.1 (a named
    topic is what the user sees and types back)."""
    if not topics:
        return []
    if isinstance(query, str):
        if embed_fn is None:
            from onrecord.positions.embeddings import embed

            embed_fn = embed
        qvec = embed_fn([query])[0]
        words = {w.lower() for w in _TOKEN.findall(query)} - stop_words()
    else:
        qvec, words = query, set()
    scored = []
    for t in topics:
        sim = float(t.centroid @ qvec)
        if words & {w.lower() for w in _TOKEN.findall(t.name)}:
            sim += 0.1
        scored.append((t, sim))
    scored.sort(key=lambda ts: -ts[1])
    best = scored[0][1]
    if best < floor:
        return []
    return [(t, s) for t, s in scored[:limit] if s >= best - margin]
