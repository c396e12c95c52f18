"""Exports of the stored incidents: the JSON Lines contract, ACLED-style CSV, GeoJSON, Parquet.

``contract_record`` is the one place that shapes an incident for the outside
world (docs/formats.md lists its fields); the other formats are views of it,
so they never disagree with the JSON Lines contract.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from ..errors import EventwireError
from ..jsonl import open_output, write_records
from ..records import Incident, to_dict
from ..timeml import first_day
from .acled import ACLED_COLUMNS, acled_row


def contract_record(incident: Incident) -> dict[str, Any]:
    """The exported shape of an incident: every contract field present, null when unknown."""
    place = incident.location
    date = incident.date
    return {
        "incident_id": incident.id,
        "kind": incident.kind,
        "is_statement": incident.is_statement,
        "plover_type": incident.plover_type,
        "plover_mode": incident.plover_mode,
        "acled_event_type": incident.acled_event_type,
        "acled_sub_event_type": incident.acled_sub_event_type,
        "date": first_day(date.value) if date else None,
        "date_value": date.value if date else None,
        "date_precision": date.precision if date else None,
        "location": {
            "name": place.name if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "precision": place.precision if place else None,
        },
        "actor1": list(incident.actor1),
        "actor2": list(incident.actor2),
        "fatalities": to_dict(incident.fatalities),
        "injuries": to_dict(incident.injuries),
        "article_ids": list(incident.article_ids),
        "independent_sources": incident.independent_sources,
        "confidence": incident.confidence,
        "sources": to_dict(incident.sources),
        "claims": to_dict(incident.claims),
        "disagreements": to_dict(incident.disagreements),
    }


def iter_contract(store, kind: str = "all") -> Iterator[dict[str, Any]]:
    for incident in store.iter_incidents(kind):
        yield contract_record(incident)


def export_incidents(store, fmt: str, output: str, kind: str = "all") -> int:
    """Write the incidents of ``store`` to ``output`` in ``fmt``; returns how many were written."""
    if fmt == "parquet":
        return _write_parquet(store, output, kind)
    with open_output(output) as stream:
        if fmt == "jsonl":
            return write_records(iter_contract(store, kind), stream)
        if fmt in ("csv", "acled"):
            return _write_acled_csv(iter_contract(store, kind), stream)
        if fmt == "geojson":
            return _write_geojson(iter_contract(store, kind), stream)
    raise EventwireError(f"unknown export format '{fmt}'")


def _write_acled_csv(records, stream) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(acled_row(record))
        count += 1
    return count


def _write_geojson(records, stream) -> int:
    """A FeatureCollection written feature by feature, so memory stays flat; unlocated incidents are left out."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for record in records:
        loc = record["location"]
        if loc["lat"] is None or loc["lon"] is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {k: v for k, v in record.items() if k not in ("sources", "claims")},
        }
        stream.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _write_parquet(store, output: str, kind: str) -> int:
    """The incidents table's columns (with the full record as JSON) through DuckDB's Parquet writer."""
    if output in ("-", None):
        raise EventwireError("parquet export needs a file: -o incidents.parquet")
    where = "" if kind == "all" else f"WHERE kind = '{kind}'"
    path = output.replace("'", "''")
    store.db.execute(f"COPY (SELECT * FROM incidents {where} ORDER BY date NULLS LAST, id) TO '{path}' (FORMAT parquet)")
    return store.db.execute(f"SELECT count(*) FROM incidents {where}").fetchone()[0]
