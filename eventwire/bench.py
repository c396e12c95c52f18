"""``eventwire bench``: how fast the whole pipeline is next to a bare spaCy parse of the same texts.

The parse is the one cost no pipeline can avoid, so the ratio of the two
timings says how much the stages around it (ingest, extraction, resolution,
storage, fusion) add.  Everything runs in this process tree: the bare parse
with spaCy's own ``n_process``, then :func:`eventwire.pipeline.run` into a
throw-away DuckDB file with the configured engine, whose summary gives the time
spent in each stage (summed over the workers).

Inputs are JSON Lines ``{id, text}``, plain ``.txt`` files, or the public
evaluation sets as they are shipped (GeoWebNews ``GWN.xml``, TimeBank ``.tml``,
ECB+ token XML); ``--synthetic N`` generates articles instead.
"""

from __future__ import annotations

import json
import os
import re
import resource
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional

from .config import Settings
from .engines.local import peak_rss_mb
from .errors import ConfigError
from .eval import Report, format_table

STAGES = ("ingest", "parse", "extract", "resolve", "store", "fuse")
_BARE_FIGURES = ("model_load_seconds", "bare_seconds", "bare_cpu_seconds", "bare_articles_per_s")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def run_benchmark(inputs: list[str], settings: Settings, synthetic: Optional[int] = None,
                  limit: Optional[int] = None, bare: bool = True) -> Report:
    """Time a bare parse and the whole run on the same articles; figures plus a readable table.

    ``bare=False`` times the run alone: the way to check memory on a corpus
    too large to parse twice.
    """
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = _corpus_records(inputs, synthetic, limit)
        count, chars = _write_jsonl(records, corpus)
        if not count:
            raise ConfigError("bench: the inputs hold no article text")
        settings = settings.replace(quiet=True)
        figures: dict[str, Any] = {"articles": count, "chars": chars, "engine": settings.engine,
                                   "workers": _workers(settings)}
        figures.update(_time_bare_parse(corpus, settings) if bare else dict.fromkeys(_BARE_FIGURES))
        figures.update(_time_pipeline(corpus, Path(tmp) / "bench.duckdb", settings))
        figures["ratio"] = _ratio(figures["pipeline_seconds"], figures["bare_seconds"])
        figures["throughput_vs_bare"] = _ratio(figures["bare_seconds"], figures["pipeline_seconds"])
        figures["cpu_ratio"] = _ratio(figures["pipeline_cpu_seconds"], figures["bare_cpu_seconds"])
        figures["load_average"] = round(os.getloadavg()[0], 2)
        stage_seconds = figures.pop("stage_seconds")
        for stage in STAGES:
            figures[f"stage_{stage}_seconds"] = round(stage_seconds.get(stage, 0.0), 3)
        figures.update(_peak_memory(figures["peak_rss_workers_mb"], _workers(settings)))
    return Report(figures, _table(figures))


# -- the corpus -------------------------------------------------------------------


def _corpus_records(inputs: list[str], synthetic: Optional[int], limit: Optional[int]) -> Iterator[dict]:
    if synthetic:
        from .synthetic_articles import generate

        return generate(synthetic)
    if not inputs:
        raise ConfigError("bench needs INPUTS (files or folders) or --synthetic N")
    return load_corpus(inputs, limit)


def load_corpus(inputs: Iterable[str], limit: Optional[int] = None) -> Iterator[dict]:
    """``{id, text, ...}`` records from files and folders (folders walked in name order)."""
    produced = 0
    for raw in inputs:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            for record in _read_file(file):
                if limit is not None and produced >= limit:
                    return
                if record.get("text", "").strip():
                    produced += 1
                    yield record


def _read_file(path: Path) -> Iterator[dict]:
    """Records of one file, by its kind; files of other kinds are passed over."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif suffix == ".txt":
        yield {"id": path.stem, "text": path.read_text(encoding="utf-8", errors="replace")}
    elif suffix == ".tml":
        yield from _read_timeml(path)
    elif suffix == ".xml":
        yield from _read_xml(path)


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                record.setdefault("id", f"{path.stem}:{len(record['text'])}")
                yield record


def _read_timeml(path: Path) -> Iterator[dict]:
    """A TimeBank document: the text of ``<TEXT>`` with its annotations dropped, dated by its DCT."""
    root = _parse_xml(path)
    if root is None:
        return
    body = root.find("TEXT")
    if body is None:
        return
    dct = root.find("DCT/TIMEX3")
    published = (dct.get("value") or "")[:10] if dct is not None else None
    yield {"id": path.stem, "text": "".join(body.itertext()).strip(),
           "title": (root.findtext("TITLE") or "").strip() or None, "published": published or None}


def _read_xml(path: Path) -> Iterator[dict]:
    """GeoWebNews (``<articles><article>``) or an ECB+ document (``<Document><token>``)."""
    root = _parse_xml(path)
    if root is None:
        return
    if root.tag == "articles":
        for number, article in enumerate(root.iter("article")):
            yield {"id": f"{path.stem}-{article.get('file', number)}", "text": (article.findtext("text") or "").strip(),
                   "title": article.findtext("title"), "url": article.findtext("link")}
    elif root.tag == "Document":
        yield {"id": path.stem, "text": _join_tokens(root)}


def _join_tokens(root: ET.Element) -> str:
    """ECB+ tokens back into sentences: spaces between words, none before punctuation."""
    sentences: dict[str, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
    lines = (_NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(words))) for words in sentences.values())
    return "\n".join(lines).replace("`` ", '"').replace(" ''", '"')


def _parse_xml(path: Path) -> Optional[ET.Element]:
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None


def _write_jsonl(records: Iterable[dict], path: Path) -> tuple[int, int]:
    """Write the records (streamed) and return how many and their total characters."""
    count = chars = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            chars += len(record["text"])
    return count, chars


def _texts(corpus: Path) -> Iterator[str]:
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]


# -- the timings ------------------------------------------------------------------


def _workers(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1


def _time_bare_parse(corpus: Path, settings: Settings) -> dict[str, float]:
    """spaCy alone: ``nlp.pipe`` with ``n_process`` = the run's workers, nothing kept."""
    from .nlp import load_nlp

    started = time.perf_counter()
    nlp = load_nlp(settings.spacy_model)
    loaded, cpu = time.perf_counter(), cpu_seconds()
    count = 0
    for _doc in nlp.pipe(_texts(corpus), n_process=_workers(settings), batch_size=settings.batch_size):
        count += 1
    seconds = time.perf_counter() - loaded
    return {"model_load_seconds": round(loaded - started, 3), "bare_seconds": round(seconds, 3),
            "bare_cpu_seconds": round(cpu_seconds() - cpu, 3),
            "bare_articles_per_s": round(count / seconds, 2) if seconds else 0.0}


def _time_pipeline(corpus: Path, db: Path, settings: Settings) -> dict[str, Any]:
    """The whole ``eventwire run`` into a new database file, as the CLI runs it."""
    from .pipeline import run
    from .store import Store

    started, cpu = time.perf_counter(), cpu_seconds()
    with Store.for_run(db, settings) as store:
        summary = run([str(corpus)], store, settings)
    seconds = time.perf_counter() - started
    # pool and Ray workers are not reaped children of this process: they report their CPU time themselves
    # (through the run's stage timings); without that report the CPU figure of a multi-process run is unknown
    in_workers = settings.engine != "local" or _workers(settings) > 1
    worker_cpu = summary.stage_seconds.get("worker_cpu", None if in_workers else 0.0)
    cpu = None if worker_cpu is None else round(cpu_seconds() - cpu + worker_cpu, 3)
    return {"pipeline_seconds": round(seconds, 3), "pipeline_cpu_seconds": cpu,
            "pipeline_articles_per_s": round(summary.articles_new / seconds, 2) if seconds else 0.0,
            "mentions": summary.mentions, "incidents": summary.incidents,
            "rejected": len(summary.rejected), "stage_seconds": dict(summary.stage_seconds),
            "peak_rss_workers_mb": summary.worker_peak_rss_mb, "peak_rss_self_stream_mb": summary.stream_peak_rss_mb}


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children (Ray's workers are not ours)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_memory(worker_mb: float, workers: int) -> dict[str, float]:
    """Peak resident memory in MB: this process, its largest reaped child (the bare parse's processes),
    the largest pipeline worker, and a bound on the whole tree (this process plus every worker at the
    largest one's peak; with one worker the run happens in this process)."""
    own = peak_rss_mb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tree = own + workers * worker_mb  # worker_mb is 0 when the run stayed in this process
    return {"peak_rss_self_mb": own, "peak_rss_children_mb": round(children, 1),
            "peak_rss_workers_mb": round(worker_mb, 1), "peak_rss_mb": round(tree, 1)}


def _ratio(numerator: Optional[float], denominator: Optional[float]) -> Optional[float]:
    return round(numerator / denominator, 3) if numerator is not None and denominator else None


def _table(figures: dict[str, Any]) -> str:
    rows = [(name, figures[name]) for name in (
        "articles", "chars", "engine", "workers", "model_load_seconds", "bare_seconds", "bare_articles_per_s",
        "bare_cpu_seconds", "pipeline_seconds", "pipeline_articles_per_s", "pipeline_cpu_seconds", "ratio",
        "throughput_vs_bare", "cpu_ratio", "load_average", "mentions", "incidents")]
    total = sum(figures[f"stage_{s}_seconds"] for s in STAGES) or 1.0
    for stage in STAGES:
        value = figures[f"stage_{stage}_seconds"]
        rows.append((f"stage {stage} (s, share)", f"{value:.2f}  {value / total:.0%}"))
    rows += [(name, figures[name]) for name in ("peak_rss_self_mb", "peak_rss_self_stream_mb", "peak_rss_children_mb",
                                                "peak_rss_workers_mb", "peak_rss_mb")]
    return format_table(rows, "eventwire bench (ratio = pipeline time / bare parse time)")
