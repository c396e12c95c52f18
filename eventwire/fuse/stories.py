"""Stories: articles grouped by the real-world happening they report.

Two reports of one earthquake share a story; a report of another earthquake
does not, although its words are nearly the same.  What tells two happenings
of one kind apart is who, where, when and how many, so each article becomes a
sparse TF-IDF vector in which named entities (spaCy NER), their words, years
and numbers weigh more than plain content words, and everything in the lead
(headline and first sentence, where a report says what happened) weighs more
than the rest.  Articles are then merged by average-linkage agglomerative
clustering until the best average cosine between two clusters falls below the
threshold; average linkage keeps one shared name from chaining two stories.

For scale, only pairs that share a rare feature (an entity or word found in at
most ``BLOCK_DF`` articles) are ever compared, through a sparse product; each
article keeps its ``NEIGHBOURS`` closest others, and the clustering works on
that sparse graph.  When both articles carry a
publication date, a gap of more than ``DAY_GRACE`` days discounts their
similarity, so a follow-up a week later still joins while a like event a year
later does not; nothing needs dates.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Optional

import numpy as np
from scipy import sparse

from ..config import Settings
from ..records import Article

THRESHOLD = 0.21  # average cosine at which clusters stop merging; tuned on ECB+ (see docs)
LEAD_CHARS = 300  # the headline and first sentence
LEAD_WEIGHT = 3.0
NER_CHARS = 3000  # NER reads the opening of long articles only: the happening is told early
BLOCK_DF = 200  # features in more articles than this do not make two articles candidates
MIN_SIMILARITY = 0.05  # candidate similarities below this are dropped from the graph
NEIGHBOURS = 50  # most similar articles kept per article: bounds the graph at 50 links per article
DAY_GRACE = 14  # days two dated articles may differ at full similarity
DAY_HALF_LIFE = 14.0  # every further this many days halves the similarity

# Weight of each feature kind, by prefix: w word, p person, l place, o organisation
# or other name, d date, n number, y year.  Names also add their single words
# (``*t``) so "Lohan" meets "Lindsay Lohan".
WEIGHTS = {"w": 1.0, "pe": 2.0, "pt": 2.0, "le": 2.0, "lt": 2.0, "oe": 1.0, "ot": 1.0,
           "de": 2.0, "ne": 2.0, "y": 4.0}
_GROUP = {"PERSON": "p", "GPE": "l", "LOC": "l", "FAC": "l", "ORG": "o", "NORP": "o", "EVENT": "o",
          "PRODUCT": "o", "WORK_OF_ART": "o", "LAW": "o", "DATE": "d", "TIME": "d",
          "CARDINAL": "n", "QUANTITY": "n", "MONEY": "n", "PERCENT": "n"}
_WORD = re.compile(r"[^\W\d_][\w'\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+|'s$")
# Function words and the commonest verbs of reporting: they say nothing about which happening.
_STOP = frozenset("""
about above across after afterwards again against all almost alone along already also although always
among amongst and another any anyhow anyone anything anyway anywhere are around because been before
beforehand behind being below beside besides between beyond both but can cannot could did does doing done
down due during each either else elsewhere enough etc even ever every everyone everything everywhere except
few for former formerly from further had has have having hence her here hereafter hereby herein hers
herself him himself his how however inc indeed into its itself just last latter least less ltd made many
may meanwhile might mine more moreover most mostly much must myself namely neither never nevertheless next
nobody none noone nor not nothing now nowhere off often once one only onto other others otherwise our
ours ourselves out over own per perhaps please put rather really said same say says seem seemed seeming
seems several she should since some somehow someone something sometime sometimes somewhere still such than
that the their theirs them themselves then thence there thereafter thereby therefore therein thereupon
these they this those though through throughout thru thus together too toward towards under until upon
very via was well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon
wherever whether which while whither who whoever whole whom whose why will with within without would yet
you your yours yourself yourselves told tell according also get got going like make makes new two three
""".split())


def assign_stories(articles: Sequence[Article], threshold: Optional[float] = None,
                   model: Optional[str] = None) -> dict[str, str]:
    """Map every article id to its story id (a hash of the smallest article id in the story)."""
    articles = list(articles)
    return cut_stories(articles, story_graph(articles, model), THRESHOLD if threshold is None else threshold)


def story_graph(articles: Sequence[Article], model: Optional[str] = None) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of ``articles`` worth comparing and their date-discounted similarity.

    Separate from :func:`cut_stories` so one graph can be cut at several
    thresholds (the evaluation tunes the threshold this way).
    """
    articles = list(articles)
    if not articles:
        return np.empty((0, 2), dtype=np.int64), np.empty(0)
    entities = _entities(articles, model)
    matrix = _vectors([_features(a.text or "", ents) for a, ents in zip(articles, entities)])
    pairs, sims = _candidate_similarities(matrix)
    return pairs, _date_discount(articles, pairs, sims)


def cut_stories(articles: Sequence[Article], graph: tuple[np.ndarray, np.ndarray], threshold: float) -> dict[str, str]:
    """Story ids from average-linkage clustering of ``graph`` stopped at ``threshold``."""
    articles = list(articles)
    pairs, sims = graph
    return _story_ids(articles, _average_linkage(len(articles), pairs, sims, threshold))


def stories_records(records: Iterable[dict], settings: Settings) -> Iterator[dict]:
    """``{id, text, published?}`` records in, ``{id, story_id}`` out, in input order.

    Stories need the whole batch, so the input is read in full before the
    first record comes out.
    """
    articles = [Article(id=str(r["id"]), text=str(r.get("text") or ""),
                        published=_iso_day(r.get("published"))) for r in records]
    stories = assign_stories(articles, threshold=settings.story_threshold, model=settings.spacy_model)
    for article in articles:
        yield {"id": article.id, "story_id": stories[article.id]}


def _iso_day(value: Any) -> Optional[str]:
    text = str(value or "")[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _entities(articles: list[Article], model: Optional[str]) -> list[list[tuple[str, str, int]]]:
    """(text, label, start) of each named entity in the opening of every article, batched."""
    from ..nlp import load_nlp

    nlp = load_nlp(model) if model else load_nlp()
    keep = [name for name in ("tok2vec", "ner") if name in nlp.pipe_names]
    texts = ((a.text or "")[:NER_CHARS] for a in articles)
    with nlp.select_pipes(enable=keep):
        return [[(e.text, e.label_, e.start_char) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=64)]


def _features(text: str, entities: list[tuple[str, str, int]]) -> Counter:
    """Weighted counts of the article's words and entity features (lead counted ``LEAD_WEIGHT`` times)."""
    counts: Counter = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if word not in _STOP and (len(word) > 2 or word.isdigit()):
            counts["w:" + word] += LEAD_WEIGHT if match.start() < LEAD_CHARS else 1.0
    for surface, label, start in entities:
        group = _GROUP.get(label)
        name = _ARTICLE.sub("", surface.lower().strip())
        if group is None or not name:
            continue
        weight = LEAD_WEIGHT if start < LEAD_CHARS else 1.0
        counts[f"{group}e:{name}"] += weight
        if group in "plo":
            for word in _WORD.findall(name):
                if word not in _STOP:
                    counts[f"{group}t:{word}"] += weight
        elif group == "d":
            for year in _YEAR.findall(name):
                counts["y:" + year] += weight
    return counts


def _vectors(features: list[Counter]) -> sparse.csr_matrix:
    """L2-normalised rows of sublinear TF x smoothed IDF x kind weight; IDF from the batch itself."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, counts in enumerate(features):
        for key, count in counts.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
            values.append((1.0 + math.log(count)) * WEIGHTS.get(key.split(":", 1)[0], 1.0))
    shape = (len(features), max(len(vocabulary), 1))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
    df = np.bincount(cols, minlength=shape[1]) if cols else np.zeros(shape[1])
    idf = np.log((shape[0] + 1) / (df + 1)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _candidate_similarities(matrix: sparse.csr_matrix, chunk: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) with their cosine over the features found in at most ``BLOCK_DF`` articles.

    A feature in more articles than that says little about which happening an
    article reports (its IDF is low) and would make the product dense, so it
    is left out of the similarity; the row norms still count it.  Each kept
    column pairs at most ``BLOCK_DF`` rows, so the product stays sparse, and
    each article keeps only its ``NEIGHBOURS`` most similar others, so the
    graph grows linearly with the batch.
    """
    count = matrix.shape[0]
    df = np.diff(matrix.tocsc().indptr)
    rare = sparse.csr_matrix(matrix[:, np.flatnonzero((df > 1) & (df <= BLOCK_DF))])
    transposed = sparse.csr_matrix(rare.T)
    keys: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    values: list[np.ndarray] = [np.empty(0)]
    for start in range(0, count, chunk):
        block = (rare[start:start + chunk] @ transposed).tocoo()
        rows, cols, sims = block.row.astype(np.int64) + start, block.col.astype(np.int64), block.data
        keep = (rows != cols) & (sims >= MIN_SIMILARITY)
        rows, cols, sims = rows[keep], cols[keep], sims[keep]
        order = np.lexsort((-sims, rows))
        rows, cols, sims = rows[order], cols[order], sims[order]
        first = np.searchsorted(rows, rows, side="left")
        top = np.arange(len(rows)) - first < NEIGHBOURS
        keys.append(np.minimum(rows, cols)[top] * count + np.maximum(rows, cols)[top])
        values.append(sims[top])
    unique, index = np.unique(np.concatenate(keys), return_index=True)
    return np.stack([unique // count, unique % count], axis=1), np.concatenate(values)[index]


def _date_discount(articles: list[Article], pairs: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """Halve similarity every ``DAY_HALF_LIFE`` days beyond ``DAY_GRACE`` when both articles are dated."""
    days = np.array([_ordinal(a.published) for a in articles], dtype=np.float64)
    if not len(pairs) or np.isnan(days).all():
        return sims
    gap = np.abs(days[pairs[:, 0]] - days[pairs[:, 1]])
    excess = np.nan_to_num(np.maximum(gap - DAY_GRACE, 0.0), nan=0.0)
    return sims * np.power(0.5, excess / DAY_HALF_LIFE)


def _ordinal(published: Optional[str]) -> float:
    try:
        return float(date.fromisoformat(str(published)[:10]).toordinal())
    except ValueError:
        return math.nan


def _average_linkage(count: int, pairs: np.ndarray, sims: np.ndarray, threshold: float) -> list[int]:
    """Cluster label per item: merge the two clusters of highest average similarity while >= threshold.

    Pairs never compared count as similarity 0, so the average between two
    clusters is the sum of their known pair similarities over the product of
    their sizes.  A heap with lazy deletion (a version per cluster) keeps each
    merge at the cost of the merged cluster's neighbours.
    """
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (i, j), sim in zip(pairs.tolist(), sims.tolist()):
        links[i][j] = links[j][i] = sim
    size = [1] * count
    version = [0] * count
    heap = [(-sim, i, j, 0, 0) for (i, j), sim in zip(pairs.tolist(), sims.tolist()) if sim >= threshold]
    heapq.heapify(heap)
    label = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    while heap:
        negative, a, b, va, vb = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        _merge(a, b, links, size, version, members, label)
        for other, total in links[a].items():
            average = total / (size[a] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, a, other, version[a], version[other]))
    return label


def _merge(a: int, b: int, links: list[dict[int, float]], size: list[int], version: list[int],
           members: dict[int, list[int]], label: list[int]) -> None:
    """Fold cluster ``b`` into ``a``: sum their links, sizes and members."""
    for other, total in links[b].items():
        if other == a:
            continue
        links[a][other] = links[a].get(other, 0.0) + total
        links[other][a] = links[a][other]
        del links[other][b]
    links[a].pop(b, None)
    links[b] = {}
    size[a] += size[b]
    version[a] += 1
    for item in members.pop(b):
        label[item] = a
        members[a].append(item)


def _story_ids(articles: list[Article], labels: list[int]) -> dict[str, str]:
    """A stable story id per cluster: the first 16 hex digits of SHA-1 of its smallest article id."""
    smallest: dict[int, str] = {}
    for article, cluster in zip(articles, labels):
        if cluster not in smallest or article.id < smallest[cluster]:
            smallest[cluster] = article.id
    ids = {cluster: hashlib.sha1(first.encode("utf-8")).hexdigest()[:16] for cluster, first in smallest.items()}
    return {article.id: ids[cluster] for article, cluster in zip(articles, labels)}
