"""Near-duplicate articles: syndicated or lightly edited copies of one story.

A copy of a wire story is not an independent source, so fusion needs to know
which articles are copies and of which original.  Each article gets a 64-bit
simhash of its word shingles (:func:`fingerprint`): a light edit flips only a
few of the 64 bits, while unrelated texts differ in about half of them.  The
fingerprint uses one-word shingles weighted by 1 + log count: on synthetic
edits of the ECB+ texts (2% of words changed) 98% of copies stay within 6
bits, against 53% with unweighted three-word shingles.

Finding every pair within ``MAX_DISTANCE`` bits must not compare all pairs.  By
the pigeonhole principle, two fingerprints that differ in at most ``k`` bits
agree exactly on at least ``BLOCKS - k`` of ``BLOCKS`` bit blocks, so one
sort-based pass per choice of ``BLOCKS - k`` blocks finds every candidate pair
(Manku, Jain and Das Sarma, WWW 2007).  Candidates are then checked on the
Hamming distance and, when the texts are at hand, on the Jaccard overlap of
their shingles, which is exact and cheap for a handful of pairs.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from ..records import Article

PRINT_SHINGLE = 1  # words per fingerprint feature: single words survive edits best
SHINGLE = 3  # words per shingle for the Jaccard check: specific enough to tell rewrites apart
MAX_DISTANCE = 6  # Hamming distance (of 64 bits) for a near-duplicate; tuned on synthetic edits
MIN_JACCARD = 0.5  # shingle overlap that confirms a candidate when both texts are present
MIN_WORDS = 8  # below this a text has too few shingles for its fingerprint to mean anything
KEY_BLOCKS = 4  # blocks per lookup key: ~26-bit keys keep chance collisions rare at 1M articles
BLOCKS = MAX_DISTANCE + KEY_BLOCKS  # pigeonhole: a pair within MAX_DISTANCE agrees on KEY_BLOCKS blocks
MAX_BUCKET = 2000  # a bucket this large is degenerate (e.g. boilerplate pages): skipped

_WORD = re.compile(r"\w+", re.UNICODE)
_BITS = np.uint64(1) << np.arange(64, dtype=np.uint64)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shingles(words: Sequence[str], size: int = SHINGLE) -> set[str]:
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def fingerprint(text: str) -> str:
    """The 64-bit simhash of the text's word shingles, as 16 hex digits.

    Each shingle votes on every bit by its own hash, with weight 1 + log of its
    count, so a byline or a changed word moves few bits; the sign of the sum
    is the bit.  Case and punctuation are ignored, so re-typeset copies match.
    """
    words = _words(text or "")
    counts = Counter(words if PRINT_SHINGLE == 1 else
                     (" ".join(words[i:i + PRINT_SHINGLE]) for i in range(len(words) - PRINT_SHINGLE + 1)))
    if not counts:
        return "0" * 16
    hashes = np.fromiter((_hash64(s) for s in counts), dtype=np.uint64, count=len(counts))
    weights = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
    votes = np.where((hashes[:, None] & _BITS) != 0, 1.0, -1.0).T @ weights
    return f"{int(_BITS[votes > 0].sum()):016x}"


def hamming(a: str, b: str) -> int:
    """Bits in which two hex fingerprints differ."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def near_duplicates(articles: Mapping[str, Article]) -> dict[str, str]:
    """Map each near-duplicate article id to the id of the earliest copy.

    Earliest means the first published date (undated articles count as
    later than any dated one), then the smallest id.  Copies are grouped
    transitively, so three copies of one wire story all point at the same
    original.  Articles whose text is empty are matched on their stored
    ``fingerprint`` alone.
    """
    ids, prints = _usable(articles)
    if len(ids) < 2:
        return {}
    pairs = _candidate_pairs(prints)
    if not pairs.size:
        return {}
    close = _popcount(prints[pairs[:, 0]] ^ prints[pairs[:, 1]]) <= MAX_DISTANCE
    parent = list(range(len(ids)))
    shingle_cache: dict[int, set[str]] = {}
    for i, j in pairs[close].tolist():
        if _confirmed(articles[ids[i]], articles[ids[j]], i, j, shingle_cache):
            _union(parent, i, j)
    return _to_earliest(ids, parent, articles)


def _usable(articles: Mapping[str, Article]) -> tuple[list[str], np.ndarray]:
    """Ids with a meaningful fingerprint (computed from the text when missing) and the fingerprints."""
    ids: list[str] = []
    values: list[int] = []
    for article_id, article in articles.items():
        text = article.text or ""
        if text.strip():
            if len(_words(text)) < MIN_WORDS:
                continue
            value = article.fingerprint or fingerprint(text)
        elif article.fingerprint:
            value = article.fingerprint
        else:
            continue
        try:
            number = int(value, 16)
        except (TypeError, ValueError):
            continue
        if number:
            ids.append(article_id)
            values.append(number)
    return ids, np.array(values, dtype=np.uint64)


def _block_masks() -> list[int]:
    """Bit masks of the ``BLOCKS`` contiguous blocks that tile 64 bits."""
    edges = np.linspace(0, 64, BLOCKS + 1).round().astype(int)
    return [((1 << int(hi)) - 1) ^ ((1 << int(lo)) - 1) for lo, hi in zip(edges[:-1], edges[1:])]


def _candidate_pairs(prints: np.ndarray) -> np.ndarray:
    """Index pairs (i < j) that agree exactly on some ``KEY_BLOCKS`` of the ``BLOCKS`` blocks."""
    found: list[np.ndarray] = [np.empty((0, 2), dtype=np.int64)]
    for chosen in itertools.combinations(_block_masks(), KEY_BLOCKS):
        keys = prints & np.uint64(sum(chosen))
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(keys)])
        pairs = starts[sizes == 2]  # the common case, done without a Python loop
        found.append(np.stack([order[pairs], order[pairs + 1]], axis=1))
        for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
            if size <= MAX_BUCKET:
                members = order[start:start + size].tolist()
                found.append(np.array(list(itertools.combinations(members, 2)), dtype=np.int64))
    pairs = np.sort(np.concatenate(found), axis=1)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values)


def _confirmed(a: Article, b: Article, i: int, j: int, cache: dict[int, set[str]]) -> bool:
    """The exact check: shingle Jaccard when both texts exist, else trust the fingerprints."""
    if not (a.text and b.text):
        return True
    left = cache.setdefault(i, _shingles(_words(a.text)))
    right = cache.setdefault(j, _shingles(_words(b.text)))
    return len(left & right) >= MIN_JACCARD * len(left | right)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    parent[_find(parent, i)] = _find(parent, j)


def _to_earliest(ids: list[str], parent: list[int], articles: Mapping[str, Article]) -> dict[str, str]:
    groups: dict[int, list[str]] = {}
    for index, article_id in enumerate(ids):
        groups.setdefault(_find(parent, index), []).append(article_id)
    result: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda m: (articles[m].published is None, articles[m].published or "", m))
        result.update({m: first for m in members if m != first})
    return result
