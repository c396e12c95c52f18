"""Incident fusion on hand-made mentions that reproduce the seed situations."""

from __future__ import annotations

import dataclasses
from typing import Optional

from eventwire.config import Settings
from eventwire.fuse import fuse_incidents
from eventwire.fuse.incidents import fuse
from eventwire.records import Actor, Article, DateValue, Dateline, Figure, Mention, Place, Span

SETTINGS = Settings()
BORDER = Place("Iraq-Syria border area", country=None, lat=34.45, lon=40.92, precision="region")
ASAD = Place("Ain al-Asad air base", country="IQ", admin1="Anbar", lat=33.80, lon=42.44, precision="site", gazetteer_id="asad")
ASAD2 = Place("Al-Assad Airbase", country="IQ", admin1="Anbar", lat=33.79, lon=42.43, precision="site")
BAGHDAD = Place("Baghdad", country="IQ", admin1="Baghdad", lat=33.34, lon=44.40, precision="town")
MAYADEEN = Place("Al-Mayadeen", country="SY", admin1="Deir ez-Zor", lat=35.02, lon=40.45, precision="town")
IRAQ = Place("Iraq", country="IQ", lat=33.0, lon=44.0, precision="country")


def mention(mid: str, article: str, *, ptype: str = "ASSAULT", sub: Optional[str] = "Air/drone strike",
            date: Optional[str] = "2021-06-27", precision: str = "day", place: Optional[Place] = None,
            a1: tuple = (), a2: tuple = (), figures: tuple = (), modality: str = "asserted",
            background: bool = False, statement: bool = False, sentence: str = "", start: int = 0) -> Mention:
    """A resolved mention as extraction and resolution would hand it over."""
    text = sentence or f"sentence of {mid}"
    etype = {"Air/drone strike": "Explosions/Remote violence",
             "Shelling/artillery/missile attack": "Explosions/Remote violence"}.get(sub or "")
    return Mention(
        id=mid, article_id=article, sentence=Span(text, start, start + len(text)), trigger=Span("x", start, start + 1),
        plover_type=ptype, acled_event_type=etype, acled_sub_event_type=sub, is_statement=statement,
        modality=modality, background=background, figures=list(figures),
        date=DateValue(date, precision) if date else None, location=place,
        actor1=[Actor(n) for n in a1], actor2=[Actor(n) for n in a2])


def killed(low: int, high: Optional[int], qualifier: str, who: str, start: int = 5) -> Figure:
    return Figure("killed", low, high, qualifier, f"{qualifier} {low}", start, start + 8, attribution=who)


def articles(*specs: tuple[str, str]) -> dict[str, Article]:
    return {aid: Article(id=aid, text="", outlet=outlet) for aid, outlet in specs}


SEED_ARTICLES = articles(("000", "ESTA"), ("001", "RFE/RL"), ("002", "Associated Press"), ("003", "Reuters"))


def i1_mentions() -> list[Mention]:
    """The June 2021 border strikes as the four articles report them (militia figure 4 everywhere, SOHR 7 in AP)."""
    us, kh = ("United States military",), ("Kata'ib Hezbollah", "Kata'ib Sayyid al-Shuhada")
    return [
        mention("000:1", "000", place=BORDER, a1=us, a2=kh, figures=(killed(4, 4, "exact", "militia officials"),)),
        mention("001:1", "001", place=BORDER, a1=us, figures=(killed(4, 4, "exact", "Iraqi militia groups"),)),
        mention("002:1", "002", place=Place("Syria", country="SY", lat=35.0, lon=38.5, precision="country"), a1=us, a2=kh),
        mention("002:2", "002", place=BORDER, a2=("Kata'ib Hezbollah",), start=100,
                figures=(killed(4, 4, "exact", "militia officials", 110),)),
        mention("002:3", "002", place=BORDER, start=200,
                figures=(killed(7, None, "at least", "Syrian Observatory for Human Rights", 210),)),
        mention("003:1", "003", place=BORDER, a1=us, a2=kh, figures=(killed(4, 4, "exact", "militia officials"),)),
    ]


def test_i1_four_articles_one_incident_with_fatality_range_and_disagreement():
    incidents = fuse_incidents(i1_mentions(), SEED_ARTICLES, SETTINGS)
    assert len(incidents) == 1
    i1 = incidents[0]
    assert i1.article_ids == ["000", "001", "002", "003"]
    assert i1.independent_sources == 4
    assert (i1.fatalities.low, i1.fatalities.best, i1.fatalities.high) == (4, 4, 7)
    assert i1.actor1 == ["United States military"]
    assert i1.date.value == "2021-06-27"
    assert i1.location.name == "Iraq-Syria border area"
    fat = [d for d in i1.disagreements if d.field == "fatalities"]
    assert len(fat) == 1
    values = {(v.value, v.source) for v in fat[0].values}
    assert (4, "militia officials") in values
    assert ("at least 7", "Syrian Observatory for Human Rights", ) in values
    assert len(i1.claims) == 5 and {c.outlet for c in i1.claims} == {"ESTA", "RFE/RL", "Associated Press", "Reuters"}
    assert 0.5 < i1.confidence < 0.94  # four sources, one disagreement


def test_ids_depend_on_content_not_order():
    first = fuse_incidents(i1_mentions(), SEED_ARTICLES, SETTINGS)
    again = fuse_incidents(list(reversed(i1_mentions())), SEED_ARTICLES, SETTINGS)
    assert [i.id for i in first] == [i.id for i in again]
    assert len(first[0].id) == 16


def test_syndicated_copies_are_one_source():
    arts = articles(("a", "AP"), ("b", "Some Site"), ("c", "Other Site"))
    arts["c"].near_duplicate_of = "a"
    ms = [mention(f"{a}:1", a, place=BAGHDAD, a1=("X",)) for a in "abc"]
    (one,) = fuse(ms, arts, SETTINGS, copies={"b": "a"})[0]
    assert one.article_ids == ["a", "b", "c"]
    assert one.independent_sources == 1


def test_agency_counts_once_across_outlets():
    arts = articles(("a", "Site A"), ("b", "Site B"))
    arts["a"].dateline = Dateline(agency="AFP")
    arts["b"].dateline = Dateline(agency="AFP")
    ms = [mention(f"{a}:1", a, place=BAGHDAD) for a in "ab"]
    (one,) = fuse(ms, arts, SETTINGS, copies={})[0]
    assert one.independent_sources == 1


def test_two_attacks_on_one_base_days_apart_stay_two():
    arts = articles(("004", "SpaceWar"), ("005", "UPI"))
    ms = [
        mention("004:1", "004", sub="Air/drone strike", date="2024-01-23", place=ASAD, a1=("Islamic Resistance in Iraq",)),
        mention("004:2", "004", sub="Shelling/artillery/missile attack", date="2024-01-20", place=ASAD, start=300),
        mention("005:1", "005", sub="Shelling/artillery/missile attack", date="2024-01-21", place=ASAD2, start=50),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert sorted(len(i.mention_ids) for i in incidents) == [1, 2]


def test_saturday_sunday_same_attack_merges_with_date_and_size_disagreement():
    arts = articles(("afp", "AFP"), ("upi", "UPI"))
    dozen = Figure("size", 12, None, "at least", "at least a dozen missiles", 30, 55, unit="missiles")
    seventeen = Figure("size", 17, 17, "exact", "17 ballistic missiles and rockets", 70, 103, attribution="CENTCOM",
                       unit="ballistic missiles and rockets")
    tbi = Figure("injured", 4, 4, "exact", "four U.S. personnel", 120, 139, attribution="US officials")
    ms = [
        mention("afp:1", "afp", sub="Shelling/artillery/missile attack", date="2024-01-20", place=ASAD, figures=(dozen,)),
        mention("upi:1", "upi", sub="Shelling/artillery/missile attack", date="2024-01-21", place=ASAD2,
                a1=("Islamic Resistance in Iraq",), figures=(seventeen, tbi)),
    ]
    (one,) = fuse_incidents(ms, arts, SETTINGS)
    fields = {d.field: d for d in one.disagreements}
    assert [v.value for v in fields["date"].values] == ["2024-01-20", "2024-01-21"]
    assert {v.value for v in fields["size"].values} == {"at least 12", 17}
    assert one.date.value == "2024-01-20"
    assert (one.injuries.low, one.injuries.best, one.injuries.high) == (4, 4, 4)
    assert one.location.name in ("Ain al-Asad air base", "Al-Assad Airbase")


def test_background_month_never_merges_with_current_strike():
    arts = articles(("001", "RFE/RL"), ("002", "AP"))
    ms = [
        mention("001:9", "001", date="2020-01", precision="month", place=BAGHDAD, background=True,
                a1=("United States military",)),
        mention("002:9", "002", date="2020-01", precision="month", place=BAGHDAD, background=True),
        mention("002:1", "002", date="2021-06-27", place=IRAQ, a1=("United States military",)),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    kinds = sorted((i.kind, len(i.mention_ids)) for i in incidents)
    assert kinds == [("background", 2), ("current", 1)]
    background = next(i for i in incidents if i.kind == "background")
    assert background.date.precision == "month" and background.independent_sources == 2


def test_month_history_joins_a_day_in_that_month_only():
    arts = articles(("a", "A"), ("b", "B"), ("c", "C"))
    ms = [
        mention("a:1", "a", date="2021-02-25", place=IRAQ, background=True),
        mention("b:1", "b", date="2021-02", precision="month", place=IRAQ, background=True),
        mention("c:1", "c", date="2021-03", precision="month", place=IRAQ, background=True),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert sorted(i.mention_ids for i in incidents) == [["a:1", "b:1"], ["c:1"]]
    merged = next(i for i in incidents if len(i.mention_ids) == 2)
    assert merged.date.value == "2021-02-25"


def test_future_hypothetical_negated_make_no_incident():
    arts = articles(("a", "A"))
    ms = [mention(f"a:{i}", "a", modality=mod, place=BAGHDAD, start=i * 50)
          for i, mod in enumerate(("future", "hypothetical", "negated", "denied"))]
    assert fuse_incidents(ms, arts, SETTINGS) == []


def test_threat_and_typed_denial_statements_are_kept():
    arts = articles(("a", "A"), ("b", "B"))
    ms = [
        mention("a:1", "a", ptype="THREATEN", sub=None, statement=True, modality="future", a1=("Militias",), a2=("US",)),
        mention("b:1", "b", ptype="THREATEN", sub=None, statement=True, modality="future", a1=("Militias",)),
        mention("b:2", "b", ptype="REJECT", sub=None, statement=True, modality="denied", a1=("Iran",), start=80),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert sorted((i.plover_type, len(i.article_ids)) for i in incidents) == [("REJECT", 1), ("THREATEN", 2)]
    assert all(i.is_statement for i in incidents)


def test_statements_need_a_shared_speaker():
    arts = articles(("a", "A"), ("b", "B"))
    ms = [
        mention("a:1", "a", ptype="ACCUSE", sub=None, statement=True, a1=("Government of Iraq",), place=BAGHDAD),
        mention("b:1", "b", ptype="ACCUSE", sub=None, statement=True, a1=("Government of Syria",), place=BAGHDAD),
        mention("b:2", "b", ptype="ACCUSE", sub=None, statement=True, a1=("Government of Iraq",), start=90),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert sorted(sorted(i.mention_ids) for i in incidents) == [["a:1", "b:2"], ["b:1"]]


def test_denial_is_set_against_the_strike_it_contradicts():
    arts = articles(("002", "Associated Press"))
    strike = mention("002:1", "002", place=BORDER, a1=("United States military",), a2=("Kata'ib Hezbollah",),
                     sentence="Kirby said the U.S. military targeted three weapons storage facilities.")
    rocket = mention("002:5", "002", sub="Shelling/artillery/missile attack", date="2021-06-28", start=400,
                     place=Place("Al-Omar oil field", country="SY", lat=35.06, lon=40.52, precision="site"),
                     a2=("United States forces",))
    denial = mention("002:2", "002", ptype="REJECT", sub=None, statement=True, start=900,
                     a1=("Popular Mobilization Forces",), a2=("United States military",),
                     sentence="The PMF denied the presence of weapons warehouses.")
    incidents = fuse_incidents([strike, rocket, denial], arts, SETTINGS)
    by_id = {i.mention_ids[0]: i for i in incidents}
    (linked,) = [d for d in by_id["002:1"].disagreements if d.field == "denial"]
    assert [v.source for v in linked.values] == ["Associated Press", "Popular Mobilization Forces"]
    assert "weapons warehouses" in linked.values[1].value
    assert not any(d.field == "denial" for d in by_id["002:5"].disagreements)
    assert by_id["002:1"].confidence < by_id["002:5"].confidence


def test_attribution_disagreement_on_one_named_site():
    arts = articles(("a", "A"), ("b", "B"), ("c", "C"))
    ms = [
        mention("a:1", "a", place=ASAD, a1=("Islamic Resistance in Iraq",), a2=("US forces",)),
        mention("b:1", "b", place=ASAD),
        mention("c:1", "c", place=ASAD, a1=("Kata'ib Hezbollah",)),
    ]
    (one,) = fuse_incidents(ms, arts, SETTINGS)
    (who,) = [d for d in one.disagreements if d.field == "attribution"]
    assert [(v.value, v.article_id) for v in who.values] == [(["Islamic Resistance in Iraq"], "a"),
                                                             (["Kata'ib Hezbollah"], "c")]


def test_different_perpetrators_in_nearby_towns_stay_apart():
    arts = articles(("a", "A"), ("b", "B"))
    fallujah = Place("Fallujah", country="IQ", admin1="Anbar", lat=33.35, lon=43.78, precision="town")
    ramadi = Place("Ramadi", country="IQ", admin1="Anbar", lat=33.42, lon=43.30, precision="town")
    ms = [mention("a:1", "a", place=fallujah, a1=("Group A",)), mention("b:1", "b", place=ramadi, a1=("Group B",))]
    assert len(fuse_incidents(ms, arts, SETTINGS)) == 2


def test_generic_attack_joins_an_air_strike_but_not_shelling():
    arts = articles(("a", "A"), ("b", "B"), ("c", "C"))
    ms = [
        mention("a:1", "a", place=ASAD),
        mention("b:1", "b", sub=None, place=ASAD2),
        mention("c:1", "c", sub="Shelling/artillery/missile attack", date="2021-06-20", place=ASAD),
    ]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert sorted(i.mention_ids for i in incidents) == [["a:1", "b:1"], ["c:1"]]


def test_places_farther_than_the_limit_stay_apart_but_an_area_contains_a_town():
    arts = articles(("a", "A"), ("b", "B"), ("c", "C"))
    basra = Place("Basra", country="IQ", admin1="Basra", lat=30.51, lon=47.78, precision="town")
    ms = [mention("a:1", "a", place=BAGHDAD), mention("b:1", "b", place=basra), mention("c:1", "c", place=IRAQ)]
    incidents = fuse_incidents(ms, arts, SETTINGS)
    assert len(incidents) == 2
    assert sorted(len(i.mention_ids) for i in incidents) == [1, 2]


def test_no_casualties_is_a_claim_of_zero():
    arts = articles(("a", "A"))
    none = Figure("injured", None, None, "none", "no injuries", 10, 21, attribution="Col. Marotto")
    (one,) = fuse_incidents([mention("a:1", "a", place=ASAD, figures=(none,))], arts, SETTINGS)
    assert (one.injuries.low, one.injuries.best, one.injuries.high) == (0, 0, 0)
    assert one.claims[0].field == "injuries" and one.claims[0].attribution == "Col. Marotto"


def test_sources_and_kind_are_filled():
    (one,) = fuse_incidents(i1_mentions()[:2], SEED_ARTICLES, SETTINGS)
    assert [s.article_id for s in one.sources] == ["000", "001"]
    assert one.sources[0].outlet == "ESTA" and one.sources[0].text == "sentence of 000:1"
    assert one.kind == "current" and one.plover_type == "ASSAULT"
    assert one.acled_event_type == "Explosions/Remote violence"


def test_blocking_keeps_comparisons_linear_and_the_clusters_right():
    from eventwire.fuse.scale_bench import bcubed
    from eventwire.fuse.synthetic_mentions import WorldShape, synthetic_articles, synthetic_mentions

    per_mention = []
    for n in (4_000, 16_000):
        ms = list(synthetic_mentions(n, seed=1, shape=WorldShape(happenings_per_day=150)))
        incidents, stats = fuse(ms, synthetic_articles(ms), SETTINGS, copies={})
        per_mention.append(stats.comparisons / stats.mentions)
        precision, recall = bcubed([i.mention_ids for i in incidents])
        assert precision > 0.75 and recall > 0.8
    assert per_mention[1] < 1.25 * per_mention[0]  # constant per mention at constant density: O(n) in all


def test_worst_case_dense_block_is_capped():
    from eventwire.fuse.cluster import MAX_CANDIDATES

    arts = articles(("a", "A"))
    ms = [mention(f"a:{k:05d}", "a", place=BAGHDAD, a1=(f"Group {k}",), start=k) for k in range(1500)]
    incidents, stats = fuse(ms, arts, SETTINGS, copies={})
    assert len(incidents) == 1500  # nobody shares a perpetrator
    assert stats.comparisons <= MAX_CANDIDATES * stats.mentions
    assert stats.capped > 0


def test_state_bodies_of_one_country_are_one_side():
    arts = articles(("a", "A"), ("b", "B"))
    gov = Actor("Government of the United States", inter=1, country="US")
    army = Actor("Military Forces of the United States", inter=1, country="US")
    one, two = mention("a:1", "a", place=BORDER), mention("b:1", "b", place=BORDER)
    one.actor1, two.actor1 = [gov], [army]
    (merged,) = fuse_incidents([one, two], arts, SETTINGS)
    assert not any(d.field == "attribution" for d in merged.disagreements)
    assert merged.actor1 == ["Government of the United States", "Military Forces of the United States"]


def test_date_spans_follow_the_stated_precision():
    from eventwire.fuse.features import DAY, MONTH, WEEK, YEAR, date_span

    assert date_span("2021-02-25", "month") == date_span("2021-02")
    assert date_span("2021-02")[2] == MONTH and date_span("2021-02-25")[2] == DAY
    lo, hi, rank = date_span("2021-W26")
    assert rank == WEEK and hi - lo == 6
    assert date_span("2021")[2] == YEAR and date_span("last spring") is None


def test_messy_records_do_not_raise():
    arts = articles(("a", "A"))
    odd = [
        mention("a:1", "a", date="sometime", place=Place("Nowhere", lat=float("nan"), lon=12.0, precision="town")),
        mention("a:2", "a", date="2021-13-45", place=Place("", precision="galaxy"), start=40),
        mention("a:3", "b-missing", date=None, figures=(Figure("killed", None, None, None, "", 0, 0),
                                                        Figure("wounded", 3, 3, "exact", "3", 0, 1))),
    ]
    odd[1].date.precision = None
    odd.append(fallback("a:4", "a", place=Place("Capital", country="XX", precision="town", feature="capital",
                                                  text="Capital", start=None),
                        figures=(Figure("killed", 2, 2, "exact", "two", None, None),)))
    odd[3].date.text = None
    incidents = fuse_incidents(odd, arts, SETTINGS)
    assert sum(len(i.mention_ids) for i in incidents) == 4


def test_shuffled_input_gives_the_same_incidents():
    import random

    from eventwire.fuse.synthetic_mentions import synthetic_articles, synthetic_mentions

    ms = list(synthetic_mentions(2_000, seed=3))
    arts = synthetic_articles(ms)
    first = fuse_incidents(ms, arts, SETTINGS)
    random.Random(0).shuffle(ms)
    again = fuse_incidents(iter(ms), arts, SETTINGS)
    assert sorted(i.id for i in first) == sorted(i.id for i in again)


def test_fuse_incidents_asks_the_near_duplicate_detector(monkeypatch):
    import eventwire.fuse.dedup as dedup

    asked = []

    def stand_in(arts):
        asked.append(sorted(arts))
        return {"b": "a"}

    monkeypatch.setattr(dedup, "near_duplicates", stand_in)
    arts = articles(("a", "Wire"), ("b", "Reprinter"), ("c", "Other"))
    (one,) = fuse_incidents([mention(f"{a}:1", a, place=BAGHDAD) for a in "abc"], arts, SETTINGS)
    assert asked == [["a", "b", "c"]]
    assert one.independent_sources == 2


def fallback(mid: str, article: str, day: str = "2021-06-28", **kw) -> Mention:
    """A mention dated only by the publication day (inferred, with no date words of its own)."""
    m = mention(mid, article, date=day, **kw)
    m.date = DateValue(day, "day", inferred=True)
    return m


def test_publication_day_fallback_joins_the_happening_of_its_article_and_keeps_its_date():
    strike = mention("002:1", "002", place=BORDER, a1=("United States military",))
    rockets = mention("002:2", "002", date="2021-06-28", sub="Shelling/artillery/missile attack", start=50,
                      place=Place("Al-Omar oil field", country="SY", lat=35.06, lon=40.52, precision="site"))
    killed_in_strikes = fallback("002:3", "002", start=100, figures=(killed(4, 4, "exact", "militia officials", 110),))
    incidents = fuse_incidents([strike, rockets, killed_in_strikes], SEED_ARTICLES, SETTINGS)
    assert len(incidents) == 2
    i1 = next(i for i in incidents if "002:1" in i.mention_ids)
    assert i1.mention_ids == ["002:1", "002:3"]
    assert i1.date.value == "2021-06-27" and i1.fatalities.low == 4
    assert not [d for d in i1.disagreements if d.field == "date"]  # the fallback day is no rival date


def test_anaphoric_mention_with_a_day_is_matched_like_a_fallback():
    strike = mention("003:1", "003", place=BORDER)
    later = mention("003:2", "003", date="2021-06-28", start=40)
    later.anaphoric = True
    incidents = fuse_incidents([strike, later], SEED_ARTICLES, SETTINGS)
    assert len(incidents) == 1 and incidents[0].date.value == "2021-06-27"


def test_fallback_mention_stands_alone_when_nothing_fits():
    lone = fallback("001:1", "001", place=BAGHDAD)
    old = mention("001:2", "001", date="2021-06-20", place=BAGHDAD, start=50)  # too early for "the strikes"
    incidents = fuse_incidents([lone, old], SEED_ARTICLES, SETTINGS)
    assert len(incidents) == 2
    assert {i.date.value for i in incidents} == {"2021-06-28", "2021-06-20"}


def test_fallback_needs_evidence_to_join_another_articles_happening():
    strike = mention("000:1", "000", place=BORDER, a1=("United States military",))
    bare = fallback("001:1", "001")  # no actor, no place: nothing ties it to 000's strike
    named = fallback("003:1", "003", a1=("United States military",))
    incidents = fuse_incidents([strike, bare, named], SEED_ARTICLES, SETTINGS)
    assert sorted(len(i.mention_ids) for i in incidents) == [1, 2]
    assert next(i for i in incidents if len(i.mention_ids) == 2).mention_ids == ["000:1", "003:1"]


def test_capital_named_as_the_speakers_seat_does_not_veto_its_articles_happening():
    strike = mention("002:1", "002", place=BORDER)
    said_in_baghdad = fallback("002:2", "002", start=60, place=Place(
        "Baghdad", country="IQ", lat=33.34, lon=44.40, precision="town", feature="capital", start=70, end=77))
    elsewhere = mention("001:1", "001", place=Place(
        "Baghdad", country="IQ", lat=33.34, lon=44.40, precision="town", feature="capital", start=0, end=7))
    incidents = fuse_incidents([strike, said_in_baghdad, elsewhere], SEED_ARTICLES, SETTINGS)
    assert sorted(sorted(i.mention_ids) for i in incidents) == [["001:1"], ["002:1", "002:2"]]
    merged = next(i for i in incidents if "002:1" in i.mention_ids)
    assert merged.location.name == "Iraq-Syria border area"  # the seat never becomes the place


def test_border_region_takes_the_nearby_country_its_sources_name():
    ms = [mention("002:1", "002", place=BORDER),
          mention("003:1", "003", place=Place("Syria", country="SY", lat=35.0, lon=38.0, precision="country")),
          mention("001:1", "001", place=Place("United States", country="US", lat=39.8, lon=-98.5, precision="country"))]
    incidents = fuse_incidents(ms, SEED_ARTICLES, SETTINGS)
    border = next(i for i in incidents if "002:1" in i.mention_ids)
    assert border.location.country == "SY"
    assert "001:1" not in border.mention_ids  # a country far from the border area is not in it


def test_a_figure_shared_by_two_happenings_of_one_sentence_goes_to_the_nearest():
    sentence = "Troops came under rocket attack Monday, with no reported casualties, a day after the airstrikes."
    none = Figure("killed", None, None, "none", "no reported casualties", 44, 66)
    rockets = mention("002:1", "002", date="2021-06-28", sub="Shelling/artillery/missile attack", sentence=sentence,
                      place=Place("Al-Omar oil field", country="SY", lat=35.06, lon=40.52, precision="site"),
                      figures=(none,))
    rockets.trigger = Span("attack", 25, 31)
    strikes = mention("002:2", "002", place=BORDER, sentence=sentence, figures=(none,))
    strikes.trigger = Span("airstrikes", 84, 94)
    militia = mention("003:1", "003", place=BORDER, figures=(killed(4, 4, "exact", "militia officials"),))
    incidents = fuse_incidents([rockets, strikes, militia], SEED_ARTICLES, SETTINGS)
    i1 = next(i for i in incidents if "002:2" in i.mention_ids)
    i2 = next(i for i in incidents if "002:1" in i.mention_ids)
    assert i1.fatalities.low == 4 and not [c for c in i1.claims if c.qualifier == "none"]
    assert i2.fatalities.high == 0


def test_unlocated_report_meets_the_same_outlets_located_one_across_its_stories():
    arts = {a: Article(id=a, text="", outlet="SpaceWar", published="2024-01-23") for a in ("004", "004#2")}
    saturday = mention("004:1", "004", date="2024-01-20", sub="Shelling/artillery/missile attack",
                       figures=(Figure("size", 12, None, "at least", "at least a dozen", 30, 45, unit="missiles"),))
    sunday = mention("004#2:1", "004#2", date="2024-01-21", sub="Shelling/artillery/missile attack", place=IRAQ,
                     figures=(Figure("injured", 4, 4, "exact", "four", 60, 64),))
    incidents = fuse_incidents([saturday, sunday], arts, SETTINGS)
    assert len(incidents) == 1
    assert {d.field for d in incidents[0].disagreements} >= {"date"}
    assert incidents[0].injuries.best == 4


def test_the_attack_referring_back_joins_its_articles_happening_whatever_sub_type_it_was_given():
    rockets = mention("000:1", "000", date="2021-07-07", sub="Shelling/artillery/missile attack", place=ASAD)
    injured = fallback("000:2", "000", day="2021-07-07", start=80, sub="Air/drone strike",
                       figures=(Figure("injured", 2, 2, "exact", "two", 85, 88),))
    injured.anaphoric = True  # "two were injured in the attack"
    elsewhere = fallback("001:1", "001", day="2021-07-07", sub="Air/drone strike", place=ASAD)  # another article
    incidents = fuse_incidents([rockets, injured, elsewhere], SEED_ARTICLES, SETTINGS)
    merged = next(i for i in incidents if "000:1" in i.mention_ids)
    assert merged.mention_ids == ["000:1", "000:2"]
    assert merged.acled_sub_event_type == "Shelling/artillery/missile attack" and merged.injuries.best == 2


def test_an_undated_response_of_another_sub_type_stays_its_own_happening():
    # "U.S. forces responded with artillery fire": no date words, but a new happening, not "the strike" again
    strikes = mention("002:1", "002", date="2021-06-27", place=BORDER, a1=("United States military",))
    artillery = fallback("002:2", "002", day="2021-06-28", start=80, sub="Shelling/artillery/missile attack",
                         a1=("United States military",))
    incidents = fuse_incidents([strikes, artillery], SEED_ARTICLES, SETTINGS)
    assert sorted(i.mention_ids for i in incidents) == [["002:1"], ["002:2"]]


def test_a_coalition_and_the_forces_of_the_state_leading_it_are_one_side():
    coalition = Actor("International Coalition against ISIS", inter=8, led_by="US")
    us = Actor("Military Forces of the United States", inter=1, country="US")
    one = mention("001:1", "001", date="2021-06-28", sub="Shelling/artillery/missile attack", place=MAYADEEN)
    two = mention("002:1", "002", date="2021-06-28", sub="Shelling/artillery/missile attack", place=MAYADEEN)
    one.actor1, two.actor1 = [coalition], [us]
    (merged,) = fuse_incidents([one, two], SEED_ARTICLES, SETTINGS)
    assert merged.article_ids == ["001", "002"]


US_FORCES = Actor("Military Forces of the United States", country="US", inter=1)
USA = Place("United States", country="US", lat=39.76, lon=-98.5, precision="country")


def test_week_mention_joins_its_articles_day_happening_even_when_that_runs_past_the_week():
    # "weekend U.S. air strikes" (2021-W25 ends on Sunday 27) next to the strikes reported on 27 and 28 June
    sunday = mention("001:1", "001", place=BORDER, a1=("United States military",))
    monday = mention("001:2", "001", date="2021-06-28", place=BORDER, a1=("United States military",), start=50)
    weekend = mention("001:3", "001", date="2021-W25", precision="week", place=BORDER,
                      a1=("United States military",), start=100)
    (one,) = fuse_incidents([sunday, monday, weekend], SEED_ARTICLES, SETTINGS)
    assert one.date.value == "2021-06-27" and len(one.mention_ids) == 3


def test_week_mention_of_another_article_still_needs_the_whole_happening_inside_its_week():
    sunday = mention("001:1", "001", place=BORDER, a1=("United States military",))
    monday = mention("001:2", "001", date="2021-06-28", place=BORDER, a1=("United States military",), start=50)
    weekend = mention("002:1", "002", date="2021-W25", precision="week", place=BORDER, a1=("United States military",))
    assert len(fuse_incidents([sunday, monday, weekend], SEED_ARTICLES, SETTINGS)) == 2


def test_attackers_own_country_is_no_place_within_its_article():
    # "The United States carried out airstrikes in Iraq on Tuesday"; "These strikes targeted KH headquarters"
    # with "United States" read from "U.S. Central Command"
    strikes = mention("004:1", "004", place=IRAQ, a2=("Iran-backed militias",))
    strikes.actor1 = [US_FORCES]
    these = mention("004:2", "004", place=USA, a2=("Kataib Hezbollah",), start=100)
    these.anaphoric = True
    these.actor2 = [Actor("Kataib Hezbollah", country="IQ", inter=3)]
    sunday = mention("004:3", "004", place=USA, start=200)  # dated, no actors: "Sunday's attacks ... U.S."
    arts = articles(("004", "UPI"))
    (one,) = fuse_incidents([strikes, these, sunday], arts, SETTINGS)
    assert one.location.country == "IQ"


def test_attackers_own_country_still_vetoes_another_articles_happening():
    strikes = mention("004:1", "004", place=IRAQ)
    strikes.actor1 = [US_FORCES]
    other = mention("005:1", "005", place=USA)
    arts = articles(("004", "UPI"), ("005", "AP"))
    assert len(fuse_incidents([strikes, other], arts, SETTINGS)) == 2


def test_referring_back_mention_picks_the_happening_whose_country_its_target_belongs_to():
    yemen = mention("004:1", "004", place=Place("Yemen", country="YE", lat=15.5, lon=47.5, precision="country"),
                    a2=("Houthis",))
    iraq = mention("004:2", "004", place=IRAQ, a2=("Iran-backed militias",), start=100)
    for m in (yemen, iraq):
        m.actor1 = [US_FORCES]
    these = mention("004:3", "004", start=200)
    these.anaphoric = True
    these.actor2 = [Actor("Kataib Hezbollah", country="IQ", inter=3)]
    incidents = fuse_incidents([yemen, iraq, these], articles(("004", "UPI")), SETTINGS)
    assert sorted(i.mention_ids for i in incidents) == [["004:1"], ["004:2", "004:3"]]


SAIDA_DZ = Place("Saïda", country="DZ", admin1="Saida", lat=34.83, lon=0.15, precision="town", score=0.58)
NORTH_SYRIA = Place("northern Syria", country="SY", admin1="Aleppo", lat=36.3, lon=38.5, precision="region", score=0.95)
RAQQA = Place("Raqqa", country="SY", admin1="Raqqa", lat=35.95, lon=39.01, precision="town", score=0.5)


def test_one_articles_mentions_of_a_strike_merge_despite_a_town_placed_in_a_stray_country():
    hit = mention("01:1", "01", date="2025-03-09", place=NORTH_SYRIA)
    turkish = mention("01:2", "01", date="2025-03-09", place=SAIDA_DZ, a1=("Military Forces of Turkey",), start=100)
    sunday = mention("01:3", "01", date="2025-03-09", place=NORTH_SYRIA, start=200)
    hospital = mention("01:4", "01", date="2025-03-09", sub="Shelling/artillery/missile attack", place=RAQQA, start=300)
    strikes = fuse_incidents([hit, turkish, sunday, hospital], articles(("01", "LWS")), SETTINGS)
    main = next(i for i in strikes if "01:1" in i.mention_ids)
    assert main.mention_ids == ["01:1", "01:2", "01:3"]
    assert main.location.country == "SY"


def test_a_lone_far_town_is_not_stray_when_the_article_names_no_country_twice():
    here = mention("01:1", "01", date="2025-03-09", place=NORTH_SYRIA)
    there = mention("01:2", "01", date="2025-03-09", place=SAIDA_DZ, start=100)
    assert len(fuse_incidents([here, there], articles(("01", "LWS")), SETTINGS)) == 2


def test_referring_back_mention_keeps_apart_from_another_attacker_or_sub_type():
    ours = mention("04:1", "04", date="2024-01-20", sub="Shelling/artillery/missile attack", place=ASAD,
                   a1=("Iran-backed militias",), a2=("Al-Assad Airbase",))
    drones = fallback("04:2", "04", day="2024-01-23", place=ASAD, a2=("Ain al-Assad",), start=100)
    raid = fallback("04:3", "04", day="2024-01-20", sub="Shelling/artillery/missile attack",
                    a1=("Islamic State",), a2=("Al-Assad Airbase",), start=200)
    incidents = fuse_incidents([ours, drones, raid], articles(("04", "AFP")), SETTINGS)
    assert len(incidents) == 3


def test_a_lone_town_resolved_as_confidently_as_the_main_country_is_not_stray():
    sure = dataclasses.replace(SAIDA_DZ, score=0.95)
    here = mention("01:1", "01", date="2025-03-09", place=NORTH_SYRIA)
    again = mention("01:2", "01", date="2025-03-09", place=NORTH_SYRIA, start=100)
    there = mention("01:3", "01", date="2025-03-09", place=sure, start=200)
    assert len(fuse_incidents([here, again, there], articles(("01", "LWS")), SETTINGS)) == 2
