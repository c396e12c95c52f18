"""The ACLED column layout (reference: ACLED's export fields), filled from the contract record.

Fields eventwire has no value for (admin2, admin3, tags, source_scale) are left
empty rather than guessed.  ``time_precision`` and ``geo_precision`` follow
ACLED's codes: 1 exact day / the town itself, 2 within a week / near a town or a
part of a region, 3 a month or longer / a larger region.
"""

from __future__ import annotations

from typing import Any

from ..countries import country

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"site": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """One ACLED-layout row for a contract record (statements keep their PLOVER type in ``notes``)."""
    loc = record["location"]
    found = country(loc["country"])
    actors1, actors2 = record["actor1"], record["actor2"]
    date = record["date"] or ""
    notes = " | ".join(s["text"] for s in record["sources"][:3])
    if record["is_statement"]:
        notes = f"[{record['plover_type']}] {notes}"
    return {
        "event_id_cnty": f"{found.iso3 if found else 'XXX'}-{record['incident_id']}",
        "event_date": date,
        "year": date[:4],
        "time_precision": _TIME_PRECISION.get(record["date_precision"] or "", ""),
        "disorder_type": _DISORDER.get(record["acled_event_type"] or "", ""),
        "event_type": record["acled_event_type"] or "",
        "sub_event_type": record["acled_sub_event_type"] or "",
        "actor1": actors1[0] if actors1 else "",
        "assoc_actor_1": "; ".join(actors1[1:]),
        "inter1": "",
        "actor2": actors2[0] if actors2 else "",
        "assoc_actor_2": "; ".join(actors2[1:]),
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "Civilian targeting" if record["acled_event_type"] == "Violence against civilians" else "",
        "iso": found.numeric if found else "",
        "region": found.region if found else "",
        "country": found.name if found else "",
        "admin1": loc["admin1"] or "",
        "admin2": "",
        "admin3": "",
        "location": loc["name"] or "",
        "latitude": loc["lat"] if loc["lat"] is not None else "",
        "longitude": loc["lon"] if loc["lon"] is not None else "",
        "geo_precision": _GEO_PRECISION.get(loc["precision"] or "", ""),
        "source": "; ".join(sorted({s["outlet"] for s in record["sources"] if s["outlet"]})),
        "source_scale": "",
        "notes": notes,
        "fatalities": record["fatalities"]["best"] if record["fatalities"]["best"] is not None else 0,
        "tags": "",
        "timestamp": "",
    }
