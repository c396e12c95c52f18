"""Score a run on the seed articles against a hand-coded answer key (gold/seeds.yaml).

Matching follows the answer key's README: an exported incident matches a gold
incident when it shares at least one article, has the same ACLED event type
(or PLOVER type), its date is within a day (or in the same month for
month-precision history) and its country agrees.  Statements match on PLOVER
type and a shared article.  Articles are identified by the gold's document
prefix ("000" for ``000_4c5e...``, also for the second story ``000_...#2``).

The run itself is a real one: the corpus is ingested, processed, fused and
exported through the library into an in-memory database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

import yaml

from ..config import Settings
from ..errors import EventwireError
from ..resolve.gazetteer import haversine_km
from . import Report, format_table


def evaluate(path: str, settings: Settings, corpus: Optional[str] = None, **_: Any) -> Report:
    """Run eventwire on the seed corpus and score the export against the answer key at ``path``."""
    gold = load_gold(path)
    corpus = corpus or str(Path(path).resolve().parent.parent / "corpus" / "seeds.jsonl")
    records = run_and_export(corpus, settings)
    figures = score(gold, records)
    return Report(figures=figures, text=format_table(list(figures.items()), "seeds"))


def load_gold(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise EventwireError(f"{path}: cannot read the answer key ({exc})") from None


def run_and_export(corpus: str, settings: Settings) -> list[dict[str, Any]]:
    """Process ``corpus`` into a throw-away in-memory database and return the exported records."""
    from ..export import iter_contract
    from ..pipeline import run
    from ..store import Store

    with Store(":memory:") as store:
        run([corpus], store, settings)
        return list(iter_contract(store))


def doc_key(article_id: str) -> str:
    """The answer key's document name for an article id: the part before the first '_' or '#'."""
    return article_id.split("#")[0].split("_")[0]


def _docs(record: dict[str, Any]) -> set[str]:
    return {doc_key(a) for a in record["article_ids"]}


def _parse_day(value: Any) -> Optional[dt.date]:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _gold_countries(item: dict[str, Any]) -> set[str]:
    loc = item.get("location") or {}
    return set(loc.get("countries") or item.get("countries") or [])


def matches_incident(record: dict[str, Any], item: dict[str, Any]) -> bool:
    """The answer key's rule for an exported incident matching a gold incident."""
    if record["is_statement"] or not (_docs(record) & set(item["mentions"])):
        return False
    event = item.get("event") or {}
    acled = (event.get("acled") or [None])[0]
    plover = (event.get("plover") or [None])[0]
    if record["acled_event_type"] != acled and (plover is None or record["plover_type"] != plover):
        return False
    gold_day = _parse_day(item["date"]["day"])
    day = _parse_day(record["date"])
    if day is None or gold_day is None:
        return False
    if item["date"].get("precision") == "month":
        if (day.year, day.month) != (gold_day.year, gold_day.month):
            return False
    elif abs((day - gold_day).days) > 1:
        return False
    countries = _gold_countries(item)
    return not countries or record["location"]["country"] in countries


def matches_statement(record: dict[str, Any], item: dict[str, Any]) -> bool:
    return record["is_statement"] and record["plover_type"] == item["plover"] and bool(
        _docs(record) & set(item["mentions"]))


def score(gold: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Every seed figure the answer key's README names, as a flat dict."""
    incidents = gold.get("incidents") or []
    current = [i for i in incidents if i.get("kind") == "current"]
    history = [i for i in incidents if i.get("kind") == "background"]
    statements = gold.get("statements") or []

    matched = {i["id"]: [r for r in records if matches_incident(r, i)] for i in incidents}
    matched_st = {s["id"]: [r for r in records if matches_statement(r, s)] for s in statements}
    best = assign(incidents, matched)

    correct = sum(1 for r in records if any(r in m for m in matched.values()) or any(r in m for m in matched_st.values()))
    found_current = [i for i in current if best[i["id"]] is not None]
    figures: dict[str, Any] = {
        "exported": len(records),
        "current_recall": _ratio(len(found_current), len(current)),
        "background_marked": _ratio(
            sum(1 for i in history if any(r["kind"] == "background" for r in matched[i["id"]])), len(history)),
        "statements_recall": _ratio(sum(1 for s in statements if matched_st[s["id"]]), len(statements)),
        "precision": _ratio(correct, len(records)),
        "merge_completeness": _mean(
            len(_docs(best[i["id"]]) & set(i["mentions"])) / len(i["mentions"]) for i in found_current),
        "splits": _splits(current, matched, best),
        "location_ok": _ratio(sum(1 for i in found_current if _location_ok(best[i["id"]], i)), len(found_current)),
        "acled_subtype_ok": _ratio(
            sum(1 for i in found_current if best[i["id"]]["acled_sub_event_type"] == i["event"]["acled"][1]),
            len(found_current)),
    }
    figures.update(_casualty_checks(best))
    return figures


def assign(incidents: list[dict[str, Any]], matched: dict[str, list[dict[str, Any]]]) -> dict[str, Optional[dict[str, Any]]]:
    """Pair each gold incident with one exported incident, one to one where possible.

    Several gold incidents can match the same export under the coarse rule (same
    event type, a day apart, same country); the figures that judge an incident's
    attributes use the closest pairing: the same sub-type first, then the most
    shared articles, then the nearest place, then the most sources.  Pairs are
    taken greedily, best first; a gold incident whose candidates are all taken
    falls back to its best candidate.
    """
    pairs = sorted(
        ((_closeness(item, record), item["id"], index)
         for item in incidents for index, record in enumerate(matched[item["id"]])),
        key=lambda pair: pair[0], reverse=True)
    best: dict[str, Optional[dict[str, Any]]] = {item["id"]: None for item in incidents}
    taken: set[str] = set()
    for _, gold_id, index in pairs:
        record = matched[gold_id][index]
        if best[gold_id] is None and record["incident_id"] not in taken:
            best[gold_id] = record
            taken.add(record["incident_id"])
    for item in incidents:
        if best[item["id"]] is None and matched[item["id"]]:
            best[item["id"]] = max(matched[item["id"]], key=lambda r: _closeness(item, r))
    return best


def _splits(current, matched, best) -> int:
    """Exported incidents that match a current happening but are left over after the pairing:
    second incidents for a happening that already has its own."""
    paired = {record["incident_id"] for record in best.values() if record is not None}
    leftovers = {r["incident_id"] for item in current for r in matched[item["id"]]} - paired
    return len(leftovers)


def _closeness(item: dict[str, Any], record: dict[str, Any]) -> tuple:
    gold_sub = (item.get("event") or {}).get("acled", [None, None])[1]
    loc, gold = record["location"], item.get("location") or {}
    if loc["lat"] is not None and gold.get("lat") is not None:
        distance = haversine_km(loc["lat"], loc["lon"], gold["lat"], gold["lon"])
    else:
        distance = 20000.0
    return (record["acled_sub_event_type"] == gold_sub, len(_docs(record) & set(item["mentions"])),
            -distance, len(record["sources"]))


def _location_ok(record: dict[str, Any], item: dict[str, Any]) -> bool:
    loc, gold = record["location"], item.get("location") or {}
    if gold.get("lat") is None:
        return loc["country"] in _gold_countries(item)
    if loc["lat"] is None:
        return False
    limit = 150.0 if gold.get("precision") == "region" else 25.0
    return haversine_km(loc["lat"], loc["lon"], gold["lat"], gold["lon"]) <= limit


def _casualty_checks(best: dict[str, Optional[dict[str, Any]]]) -> dict[str, Any]:
    """The figures the answer key singles out: I1 fatalities, I2 none, I5 and I8 injuries, I8 date dispute."""

    def disputed(record, field_name):
        return bool(record) and any(d["field"] == field_name for d in record["disagreements"])

    i1, i2, i5, i8 = (best.get(k) for k in ("I1", "I2", "I5", "I8"))
    return {
        "I1_fatalities_low_4": bool(i1) and i1["fatalities"]["low"] == 4,
        "I1_fatalities_high_ge_7": bool(i1) and (i1["fatalities"]["high"] or 0) >= 7,
        "I1_fatalities_disagreement": disputed(i1, "fatalities"),
        "I2_no_casualties": bool(i2) and i2["fatalities"]["high"] == 0,
        "I5_injuries_2": bool(i5) and i5["injuries"]["best"] == 2,
        "I8_injuries_4": bool(i8) and i8["injuries"]["best"] == 4,
        "I8_date_disagreement": disputed(i8, "date"),
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
