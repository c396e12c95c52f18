"""Actor resolution: one canonical name per real group or body, across spellings and forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.records import Article, Span
from eventwire.resolve import actors as actors_module
from eventwire.resolve.actors import KINDS, ActorResolver

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PLACE_WORDS = re.compile(r"\b(base|airbase|air base|oilfield|oil field|airport|city|province)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(Settings())


def spans_in(text: str, *phrases: str) -> list[Span]:
    """Spans for the first occurrence of each phrase, with real offsets into ``text``."""
    out = []
    for phrase in phrases:
        start = text.index(phrase)
        out.append(Span(phrase, start, start + len(phrase)))
    return out


def name_of(resolver: ActorResolver, text: str) -> str:
    actor = resolver.canonical(text)
    assert actor is not None, text
    return actor.name


def is_place_group(group: list[str]) -> bool:
    """Place groups in the answer key: a site word, or a member the packaged gazetteer knows as a name."""
    from eventwire.resolve.gazetteer import load_gazetteer, normalise_name

    gazetteer = load_gazetteer()
    return any(PLACE_WORDS.search(name) or gazetteer.exact(normalise_name(name)) for name in group)


def test_seed_alias_groups_resolve_to_one_listed_actor(resolver):
    gold = SHARED / "gold" / "seeds.yaml"
    if not gold.is_file():
        pytest.skip("../shared is not beside the checkout")
    groups = [g for g in yaml.safe_load(gold.read_text(encoding="utf-8"))["aliases"] if not is_place_group(g)]
    assert len(groups) >= 4
    for group in groups:
        found = [resolver.canonical(name) for name in group]
        assert all(a is not None and a.kind is not None for a in found), (group, found)
        assert len({a.name for a in found}) == 1, (group, [a.name for a in found])


def test_transliterations_and_curly_apostrophes_meet(resolver):
    kss = {name_of(resolver, n) for n in ["Kataib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada",
                                           "Kataib Sayyed al-Shuhada", "Kata\u2019ib Sayyid al-Shuhada"]}
    kh = {name_of(resolver, n) for n in ["Kata'ib Hizballah", "Kata'ib Hezbollah", "Kataib Hezbollah", "KH"]}
    pmf = {name_of(resolver, n) for n in ["PMF", "Popular Mobilization Forces", "Hashed al-Shaabi", "Hashd al-Shaabi"]}
    assert len(kss) == len(kh) == len(pmf) == 1
    assert len(kss | kh | pmf) == 3


def test_lebanese_hezbollah_is_not_kataib_hezbollah(resolver):
    lebanese = [resolver.canonical(n) for n in ["Hezbollah", "Lebanese Hezbollah", "Hizbollah"]]
    assert len({a.name for a in lebanese}) == 1
    hezbollah = lebanese[0]
    kataib = resolver.canonical("Kata'ib Hezbollah")
    assert hezbollah.name != kataib.name
    assert (hezbollah.country, kataib.country) == ("LB", "IQ")


def test_us_military_under_all_its_names(resolver):
    names = ["U.S. Air Force planes", "the Pentagon", "the U.S. military", "U.S. forces", "American troops",
             "U.S. Central Command", "CENTCOM", "Defense Secretary Lloyd Austin"]
    found = [resolver.canonical(n) for n in names]
    assert {a.name for a in found} == {"Military Forces of the United States"}
    assert {(a.kind, a.inter, a.country) for a in found} == {("state forces", 1, "US")}


def test_demonym_and_force_noun(resolver):
    assert name_of(resolver, "Turkish drones") == "Military Forces of Turkey"
    assert name_of(resolver, "Iraqi security forces") == "Military Forces of Iraq"
    assert name_of(resolver, "Russian police") == "Police Forces of Russia"
    assert name_of(resolver, "Iraq's government") == "Government of Iraq"
    assert name_of(resolver, "Syrian civilians") == "Civilians (Syria)"
    assert resolver.canonical("protesters").inter == 6


def test_backed_militias_are_not_the_backer(resolver):
    for text in ["Iranian-backed militia positions", "pro-Iranian militias", "Iraqi militia groups aligned with Iran"]:
        actor = resolver.canonical(text)
        assert actor.name == "Iran-backed militias" and actor.inter == 3, text
    assert resolver.canonical("Iraqi militia groups aligned with Iran").country == "IQ"
    assert resolver.canonical("Iran-backed Houthi rebels").name == resolver.canonical("Ansar Allah").name


def test_two_actors_in_one_span_and_dedupe(resolver):
    text = "U.S. and British forces struck Houthi targets, the Pentagon said."
    spans = spans_in(text, "U.S. and British forces", "the Pentagon")
    found = resolver.resolve(spans, Article(id="a1", text=text))
    assert [a.name for a in found] == ["Military Forces of the United States", "Military Forces of the United Kingdom"]
    assert all(text[a.start:a.end] == a.text for a in found)


def test_acronym_spelled_out_in_the_article(resolver):
    text = ("Militants of the Movement for the Emancipation of the Niger Delta (MEND) blew up a pipeline. "
            "MEND fighters later claimed the attack.")
    article = Article(id="mend", text=text)
    spans = spans_in(text, "the Movement for the Emancipation of the Niger Delta", "MEND fighters")
    first, second = (resolver.resolve([s], article)[0] for s in spans)
    assert first.name == second.name == "Movement for the Emancipation of the Niger Delta"
    assert len(resolver.resolve(spans, article)) == 1
    assert resolver.canonical("MEND").name == "MEND"  # without the article nothing says what MEND is


def test_unknown_names_merge_within_an_article(resolver):
    text = "The Movement for the Emancipation of the Niger-Delta attacked. Movement for Emancipation of the Niger Delta units fled."
    article = Article(id="fuzzy", text=text)
    spans = spans_in(text, "The Movement for the Emancipation of the Niger-Delta",
                     "Movement for Emancipation of the Niger Delta units")
    assert len(resolver.resolve(spans, article)) == 1


def test_people(resolver):
    assert name_of(resolver, "U.S. Secretary of State Antony Blinken") == "Government of the United States"
    person = resolver.canonical("Foreign Ministry spokesman Nasser Kanaani")
    assert (person.name, person.kind) == ("Nasser Kanaani", "person")
    assert name_of(resolver, "Qassem Soleimani") == name_of(resolver, "IRGC")


def test_nothing_to_resolve(resolver):
    assert resolver.canonical("") is None
    assert resolver.canonical(" , the ") is None
    for text in ["they", "weapons storage facilities", "June 27", "7:44 p.m.", "the strikes"]:
        assert resolver.canonical(text) is None, text
    assert resolver.resolve([Span("", 0, 0)], Article(id="e", text="")) == []


def test_packaged_list_is_consistent():
    data = actors_module._packaged()
    index = actors_module.load_index(None)
    words = [*data["titles"], *data["patron"], *data["determiners"], *data["trailing"],
             *(w for ws in data["nouns"].values() for w in ws), *(w for ws in data["variants"].values() for w in ws)]
    assert all(isinstance(w, str) for w in words)  # YAML reads a bare on/no/yes as a boolean
    owners: dict[str, set[str]] = {}
    for raw in data["actors"]:
        entry = actors_module._check_entry(raw, raw.get("name"))
        assert entry["kind"] is None or entry["kind"] in KINDS
        for alias in [entry["name"], *entry["aliases"]]:
            toks = actors_module._tokens(alias, index.variants)
            key = toks[0].orig if actors_module._is_cased(alias, toks) else actors_module._key(alias, index.variants)
            owners.setdefault(key, set()).add(entry["name"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes
    generic = set(index.nouns) | index.determiners  # an alias that reads as a common word would swallow it
    assert not {k: v for k, v in owners.items() if k in generic}
    assert len(data["actors"]) >= 250 and len(data["countries"]) >= 150


def test_user_file_adds_an_actor(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("actors:\n  - {name: Zomia Defence Front, kind: rebel group, country: MM,"
                    " aliases: [ZDF, Zomia Front]}\n"
                    "  - {name: Gulf Patrol Alliance, kind: external/other forces, led_by: om, aliases: [GPA]}\n",
                    encoding="utf-8")
    resolver = ActorResolver(Settings(extra_actors=str(path)))
    actor = resolver.canonical("ZDF fighters")
    assert (actor.name, actor.inter, actor.country) == ("Zomia Defence Front", 2, "MM")
    assert resolver.canonical("GPA").led_by == "OM" and actor.led_by is None
    assert resolver.canonical("Kataib Hezbollah").name == "Kataib Hezbollah"


def test_user_csv_adds_aliases_to_a_listed_actor(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,kind,country,inter,aliases\nHezbollah,,,,Hizb Allah|Hizb-Allah\n", encoding="utf-8")
    resolver = ActorResolver(Settings(extra_actors=str(path)))
    assert resolver.canonical("Hizb Allah").name == "Hezbollah"


@pytest.mark.parametrize("content, suffix, message", [
    ("actors: [{name: X, kind: pirates}]", ".yaml", "unknown kind"),
    ("actors: [{name: X, kind: rebel group, inter: 12}]", ".yaml", "inter"),
    ("actors: [{name: X, country: Iraq}]", ".yaml", "ISO-2"),
    ("actors: [{name: X, led_by: USA}]", ".yaml", "led_by must be an ISO-2"),
    ("actors: [{kind: rebel group}]", ".yaml", "'name'"),
    ("actors: [unclosed", ".yaml", "not valid YAML"),
    ("just text", ".yaml", "list of actors"),
    ("group,kind\nX,rebel group\n", ".csv", "'name' column"),
])
def test_bad_user_file_is_a_config_error(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        ActorResolver(Settings(extra_actors=str(path)))


def test_missing_user_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        ActorResolver(Settings(extra_actors=str(tmp_path / "nope.yaml")))


def test_unknown_names_are_trimmed_to_the_group(resolver):
    names = {name_of(resolver, t) for t in ["the Zomia Front positions", "fighters from the Zomia Front",
                                            "Zomia Front fighters", "the Zomia Front on Sunday"]}
    assert names == {"Zomia Front"}


def test_dateline_words_are_no_actor(resolver):
    # "BASRA, Iraq —" says where the story was filed; the same city later in the text may still be named
    from eventwire.records import Dateline

    text = "BASRA, Iraq — Iraqi police arrested three men on Monday."
    article = Article(id="dl", text=text, dateline=Dateline(place="Basra", text="BASRA, Iraq —"))
    span = Span(text[:text.index(" arrested")], 0, text.index(" arrested"))
    names = [a.name for a in resolver.resolve([span], article)]
    assert names and not any("BASRA" in n.upper() and "POLICE" not in n.upper() for n in names), names


def test_a_bare_place_name_is_no_actor(resolver):
    """A town the article uses as a place, or the gazetteer lists under that name, acts on nobody."""
    text = ("A drone hit a truck near Tal Zahra on Sunday. Tal Zahra has been hit by drones since December. "
            "Mosul was shelled. Tal Zahra militants attacked a checkpoint.")
    article = Article(id="tp", text=text)
    town = Span("Tal Zahra", text.index("Tal Zahra has"), text.index("Tal Zahra has") + len("Tal Zahra"))
    assert resolver.resolve([town], article) == []
    assert resolver.resolve(spans_in(text, "Mosul"), article) == []
    assert [a.name for a in resolver.resolve(spans_in(text, "Tal Zahra militants"), article)] == ["Tal Zahra"]


def test_a_name_not_used_as_a_place_stays_an_actor(resolver):
    text = "Zomia Front fighters said Tal Zahra had been shelled. The Zomia Front denied it."
    article = Article(id="tp2", text=text)
    assert [a.name for a in resolver.resolve(spans_in(text, "The Zomia Front"), article)] == ["Zomia Front"]
    # canonical() reads one name as written: the place rule is for spans of a mention
    assert name_of(resolver, "Mosul") == "Mosul"


def test_unnamed_state_forces_take_the_dateline_country(resolver):
    """A story filed from inside a country calls that country's forces just "troops" or "the police"."""
    from eventwire.records import Dateline

    text = "MOSUL, Iraq — Troops raided a farm on Friday. The police said the Zomia Front had used it."
    article = Article(id="set1", text=text, dateline=Dateline(place="MOSUL, Iraq", text="MOSUL, Iraq —"))
    assert [a.name for a in resolver.resolve(spans_in(text, "Troops"), article)] == ["Military Forces of Iraq"]
    assert [a.country for a in resolver.resolve(spans_in(text, "The police"), article)] == ["IQ"]
    # a country the span names itself wins over the dateline, and without a dateline nothing is guessed
    assert [a.name for a in resolver.resolve(spans_in(text + " Turkish troops", "Turkish troops"),
                                             Article(id="set2", text=text + " Turkish troops",
                                                     dateline=article.dateline))] == ["Military Forces of Turkey"]
    assert [a.name for a in resolver.resolve(spans_in(text, "Troops"), Article(id="set3", text=text))] == [
        "Military Forces"]
