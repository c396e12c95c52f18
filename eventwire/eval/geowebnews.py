"""GeoWebNews (Gritta et al. 2019): toponym recall and geocoding accuracy.

``GWN.xml`` holds 200 news articles with every toponym annotated by span,
type and (for the ones that name a place on the map) coordinates.  A gold
toponym with coordinates counts as found when a predicted place overlaps its
span; its error is the great-circle distance between the two points.  The
headline figure, ``acc161_all``, is the share of all gold toponyms with
coordinates that were found and placed within 161 km (100 miles), so misses
count against it; ``acc161_found`` is the same among the found ones only (the
figure geocoders that are given the gold spans report).  ``precision_spans`` is
the share of predicted places that overlap any annotated toponym (of any type).
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..config import Settings
from ..errors import EventwireError
from ..resolve.gazetteer import haversine_km
from ..resolve.places import Geocoder
from . import Report, format_table

HAS_DEFAULT_DATA = False
KM = 161.0


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float
    lon: float


def read_gwn(path: str | Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms with coordinates) for each article of ``GWN.xml``."""
    return [(text, golds) for text, golds, _ in _read(path)]


def _read(path: str | Path) -> list[tuple[str, list[Gold], list[tuple[int, int]]]]:
    """Per article: text, toponyms with coordinates, and the spans of every annotated toponym."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EventwireError(f"{path}: cannot read GeoWebNews XML ({exc})") from None
    articles = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds, spans = [], []
        for t in art.iter("toponym"):
            spans.append((int(t.findtext("start")), int(t.findtext("end"))))
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if lat and lon:
                golds.append(Gold(int(t.findtext("start")), int(t.findtext("end")),
                                  t.findtext("extractedName") or "", float(lat), float(lon)))
        articles.append((text, golds, spans))
    return articles


def evaluate(path: Optional[str], settings: Settings, limit: Optional[int] = None, **options) -> Report:
    """Score the geoparser on GeoWebNews (``limit`` articles, default all)."""
    from ..nlp import load_nlp

    articles = _read(path)[:limit] if limit else _read(path)
    geocoder = Geocoder(settings)
    nlp = load_nlp(settings.spacy_model)
    texts = [text for text, _, _ in articles]
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    t0 = time.perf_counter()
    predictions = [geocoder.geoparse(text, doc) for text, doc in zip(texts, docs)]
    seconds = time.perf_counter() - t0
    errors: list[float] = []
    total = 0
    on_gold = 0
    for (_, golds, spans), places in zip(articles, predictions):
        total += len(golds)
        on_gold += sum(any(p.start < e and s < p.end for s, e in spans) for p in places)
        for g in golds:
            hit = next((p for p in places if p.start < g.end and g.start < p.end and p.lat is not None), None)
            if hit is not None:
                errors.append(haversine_km(g.lat, g.lon, hit.lat, hit.lon))
    within = sum(e <= KM for e in errors)
    predicted = sum(len(p) for p in predictions)
    figures = {
        "articles": len(articles),
        "gold_toponyms": total,
        "predicted_places": predicted,
        "recall": round(len(errors) / total, 4) if total else 0.0,
        "precision_spans": round(on_gold / predicted, 4) if predicted else 0.0,
        "acc161_found": round(within / len(errors), 4) if errors else 0.0,
        "acc161_all": round(within / total, 4) if total else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "articles_per_second": round(len(articles) / seconds, 1) if seconds else 0.0,
    }
    return Report(figures=figures, text=format_table(list(figures.items()), "GeoWebNews geoparsing"))
