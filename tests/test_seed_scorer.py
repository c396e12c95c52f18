"""The seed scorer's matching rules on hand-made records (no pipeline run)."""

from __future__ import annotations

from eventwire.eval.seeds import assign, matches_incident, matches_statement, score

GOLD_STRIKE = {"id": "G1", "kind": "current", "mentions": ["001", "002"],
               "event": {"acled": ["Explosions/Remote violence", "Air/drone strike"], "plover": ["ASSAULT", "aerial"]},
               "date": {"day": "2021-06-27", "precision": "day"},
               "location": {"countries": ["SY", "IQ"], "precision": "region", "lat": 34.45, "lon": 40.92}}
GOLD_ROCKETS = {"id": "G2", "kind": "current", "mentions": ["001", "002"],
                "event": {"acled": ["Explosions/Remote violence", "Shelling/artillery/missile attack"]},
                "date": {"day": "2021-06-28", "precision": "day"},
                "location": {"countries": ["SY"], "precision": "site", "lat": 35.06, "lon": 40.52}}
GOLD_HISTORY = {"id": "B1", "kind": "background", "mentions": ["001"], "countries": ["SY"],
                "event": {"acled": ["Explosions/Remote violence", "Air/drone strike"]},
                "date": {"day": "2021-02-25", "precision": "month"}}


def record(rid, sub, date, country, lat=None, lon=None, articles=("001_x",), kind="current", statement=False,
           plover="ASSAULT"):
    return {"incident_id": rid, "kind": kind, "is_statement": statement, "plover_type": plover,
            "acled_event_type": None if statement else "Explosions/Remote violence", "acled_sub_event_type": sub,
            "date": date, "location": {"country": country, "lat": lat, "lon": lon},
            "article_ids": list(articles), "sources": [{}] * len(articles), "disagreements": [],
            "fatalities": {"low": None, "best": None, "high": None}, "injuries": {"low": None, "best": None, "high": None}}


def test_match_needs_article_type_day_and_country():
    strike = record("a", "Air/drone strike", "2021-06-28", "SY")
    assert matches_incident(strike, GOLD_STRIKE)
    assert not matches_incident(record("b", "Air/drone strike", "2021-06-29", "SY"), GOLD_STRIKE)
    assert not matches_incident(record("c", "Air/drone strike", "2021-06-27", "YE"), GOLD_STRIKE)
    assert not matches_incident(record("d", "Air/drone strike", "2021-06-27", "SY", articles=("004_x",)), GOLD_STRIKE)


def test_month_precision_history_matches_within_the_month():
    assert matches_incident(record("h", "Air/drone strike", "2021-02-01", "SY", kind="background"), GOLD_HISTORY)
    assert not matches_incident(record("h", "Air/drone strike", "2021-03-01", "SY", kind="background"), GOLD_HISTORY)


def test_statements_match_on_type_and_article():
    gold = {"id": "S1", "plover": "THREATEN", "mentions": ["002"]}
    assert matches_statement(record("s", None, None, None, articles=("002_y",), statement=True, plover="THREATEN"), gold)
    assert not matches_statement(record("s", None, None, None, articles=("002_y",), statement=True, plover="ACCUSE"), gold)


def test_assignment_is_one_to_one_and_prefers_the_same_subtype():
    big_strike = record("strike", "Air/drone strike", "2021-06-27", "SY", 34.4, 40.9, ("001_x", "002_y", "003_z"))
    rockets = record("rockets", "Shelling/artillery/missile attack", "2021-06-28", "SY", 35.06, 40.52, ("002_y",))
    matched = {"G1": [big_strike], "G2": [big_strike, rockets]}
    best = assign([GOLD_STRIKE, GOLD_ROCKETS], matched)
    assert best["G1"] is big_strike and best["G2"] is rockets


def test_score_counts_splits_and_precision():
    a = record("a", "Air/drone strike", "2021-06-27", "SY", 34.4, 40.9, ("001_x",))
    b = record("b", "Air/drone strike", "2021-06-27", "SY", 34.4, 40.9, ("002_y",))
    stray = record("c", "Air/drone strike", "2021-06-27", "YE", articles=("002_y",))
    figures = score({"incidents": [GOLD_STRIKE], "statements": []}, [a, b, stray])
    assert figures["current_recall"] == 1.0 and figures["splits"] == 1
    assert abs(figures["precision"] - 2 / 3) < 1e-9 and figures["merge_completeness"] == 0.5
    assert figures["location_ok"] == 1.0 and figures["acled_subtype_ok"] == 1.0
