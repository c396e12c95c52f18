"""Story clustering scored on ECB+ (Cybulska and Vossen, LREC 2014).

Each of the corpus topics holds articles about two different happenings of the
same kind (two earthquakes, two shootings): the ECB part (``T_Necb.xml``) and
the ECB+ part (``T_Necbplus.xml``).  The gold story of a file is its topic
and part.  Every file of every topic is clustered in one batch, so the system
is never told the topic, and the clusters are scored with B-cubed precision,
recall and F1 over articles (Bagga and Baldwin, 1998).

The texts are rebuilt from the token XML; the ECB+ files open with their
source URL as sentence 0, which is metadata (an ``Article.url``), not text, so
it is dropped.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from ..config import Settings
from ..errors import EventwireError
from ..records import Article
from . import Report, format_table

HAS_DEFAULT_DATA = False

_TOKEN = re.compile(r'<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)</token>')
_FILE = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'m\b|'d\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def load_documents(path: str | Path) -> tuple[list[Article], dict[str, str]]:
    """The articles of every topic under ``path`` and their gold story labels."""
    root = Path(path)
    if not root.is_dir():
        raise EventwireError(f"{path}: not a folder of ECB+ topics")
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for file in sorted(root.glob("*/*.xml")):
        match = _FILE.match(file.name)
        if not match:
            continue
        doc_id = file.stem
        articles.append(Article(id=doc_id, text=_text(file.read_text(encoding="utf-8", errors="replace"))))
        gold[doc_id] = f"{match.group(1)}-{match.group(3)}"
    if not articles:
        raise EventwireError(f"{path}: no ECB+ files (T_Necb.xml / T_Necbplus.xml) found")
    return articles, gold


def _text(xml: str) -> str:
    """Detokenised text, one line per sentence, without a leading URL sentence."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for number, token in _TOKEN.findall(xml):
        for entity, char in _ENTITIES.items():
            token = token.replace(entity, char)
        sentences[int(number)].append(token)
    lines = []
    for number in sorted(sentences):
        line = " ".join(sentences[number])
        if number == 0 and line.startswith("http"):
            continue
        lines.append(_SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", line)))
    return "\n".join(lines)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` against ``gold`` clusters (same item ids)."""
    pred_groups: dict[str, set[str]] = defaultdict(set)
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        pred_groups[predicted.get(item, f"singleton:{item}")].add(item)
        gold_groups[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine = pred_groups[predicted.get(item, f"singleton:{item}")]
        truth = gold_groups[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(path: Optional[str], settings: Settings, **options: Any) -> Report:
    """Cluster every ECB+ file in one batch and score the stories with B-cubed.

    Besides the score at ``settings.story_threshold``, the threshold is tuned
    on the odd topics and scored on the even ones, and the other way round:
    an honest figure for data the threshold was not chosen on.
    """
    from ..fuse.stories import cut_stories, story_graph

    articles, gold = load_documents(path or "")
    wall, cpu = time.perf_counter(), time.process_time()
    graph = story_graph(articles, settings.spacy_model)
    predicted = cut_stories(articles, graph, settings.story_threshold)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    precision, recall, f1 = bcubed(predicted, gold)
    figures: dict[str, Any] = {
        "articles": len(articles),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(set(predicted.values())),
        "threshold": settings.story_threshold,
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(len(articles) / cpu, 1) if cpu else None,
    }
    figures.update(_cross_split(articles, gold, graph, cut_stories))
    return Report(figures=figures, text=format_table(list(figures.items()), "ECB+ story clustering (B-cubed)"))


def _cross_split(articles: list[Article], gold: dict[str, str], graph: Any, cut: Any) -> dict[str, Any]:
    """Threshold tuned on odd topics and scored on even ones, and vice versa."""
    halves = {name: {k: v for k, v in gold.items() if int(v.split("-")[0]) % 2 == parity}
              for name, parity in (("odd", 1), ("even", 0))}
    scores: dict[float, dict[str, float]] = {}
    for step in range(5, 51):
        predicted = cut(articles, graph, step / 100)
        scores[step / 100] = {name: bcubed(predicted, half)[2] for name, half in halves.items()}
    figures: dict[str, Any] = {}
    for tuned, tested in (("odd", "even"), ("even", "odd")):
        best = max(scores, key=lambda t: scores[t][tuned])
        figures[f"threshold_tuned_on_{tuned}"] = best
        figures[f"bcubed_f1_{tested}_topics"] = round(scores[best][tested], 4)
    return figures
