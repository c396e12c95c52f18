"""Generated wire-style conflict articles, for benchmarks and memory checks at any scale.

The articles are assembled from small vocabularies (places, actors, weapons,
figures, dates) and sentence patterns written for this module, so a corpus of
any size can be made offline, reproducibly from a seed, without copying real
text.  They are varied enough to exercise every stage (events, statements,
denials, background history, casualty figures with qualifiers and sources) but
they are not an accuracy test: nothing checks what the pipeline finds in them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

# (place, country) pairs: towns and cities that conflict reporting names often.
_PLACES = (
    ("Kharkiv", "Ukraine"), ("Kherson", "Ukraine"), ("Zaporizhzhia", "Ukraine"), ("Odesa", "Ukraine"),
    ("Idlib", "Syria"), ("Aleppo", "Syria"), ("Deir ez-Zor", "Syria"), ("Raqqa", "Syria"),
    ("Mosul", "Iraq"), ("Kirkuk", "Iraq"), ("Erbil", "Iraq"), ("Baghdad", "Iraq"),
    ("Marib", "Yemen"), ("Hodeidah", "Yemen"), ("Taiz", "Yemen"), ("Aden", "Yemen"),
    ("Khartoum", "Sudan"), ("El Fasher", "Sudan"), ("Omdurman", "Sudan"), ("Nyala", "Sudan"),
    ("Goma", "Democratic Republic of Congo"), ("Bunia", "Democratic Republic of Congo"),
    ("Maiduguri", "Nigeria"), ("Kaduna", "Nigeria"), ("Mogadishu", "Somalia"), ("Kismayo", "Somalia"),
    ("Gao", "Mali"), ("Timbuktu", "Mali"), ("Ouagadougou", "Burkina Faso"), ("Tripoli", "Libya"),
    ("Benghazi", "Libya"), ("Kabul", "Afghanistan"), ("Peshawar", "Pakistan"), ("Quetta", "Pakistan"),
    ("Mandalay", "Myanmar"), ("Sittwe", "Myanmar"), ("Cabo Delgado", "Mozambique"), ("Tigray", "Ethiopia"),
)
_AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "Anadolu")
_OUTLETS = ("Daily Ledger", "Frontline Wire", "Global Desk", "Morning Dispatch", "Regional Monitor",
            "The Observer Post", "Capital Times", "News Network")
_ATTACKERS = ("government forces", "the army", "rebel fighters", "an armed group", "militants",
              "security forces", "paramilitary fighters", "unidentified gunmen", "insurgents",
              "the air force", "a separatist militia", "police")
_TARGETS = ("a market", "a checkpoint", "a military base", "a convoy", "a village", "a hospital",
            "a police station", "a power station", "a school", "a residential district", "a bridge",
            "an army outpost", "a fuel depot", "a camp for displaced people")
_STRIKES = (
    "{attacker} carried out an airstrike on {target} in {place} on {day}",
    "a drone struck {target} near {place} on {day}",
    "{attacker} shelled {target} on the outskirts of {place} on {day}",
    "rockets hit {target} in {place} on {day}",
    "{attacker} attacked {target} in {place} on {day}",
    "a car bomb exploded outside {target} in {place} on {day}",
    "heavy clashes broke out between {attacker} and {other} in {place} on {day}",
    "{attacker} ambushed {target} on a road east of {place} on {day}",
    "a roadside bomb hit {target} south of {place} on {day}",
    "missiles struck {target} in central {place} on {day}",
)
_CASUALTIES = (
    "At least {n} people were killed and {m} others wounded, {source} said.",
    "The attack killed {n} civilians, including {k} children, according to {source}.",
    "{source} put the death toll at {n}, while local officials said up to {n2} had died.",
    "Some {n} people were injured, {source} said, and several of them were in critical condition.",
    "More than {n} fighters were killed in the fighting, {source} reported.",
    "{n} soldiers died and about {m} were wounded, the defence ministry said.",
)
_SOURCES = ("the health ministry", "a local hospital official", "a monitoring group", "the civil defence",
            "a spokesman for the provincial governor", "residents reached by telephone",
            "the United Nations humanitarian office", "a medical charity working in the area")
_SPEAKERS = ("The army", "The interior ministry", "A rebel spokesman", "The government", "The militia",
             "The foreign ministry", "A military spokesman", "The regional governor", "The opposition coalition")
_STATEMENTS = (
    "{actor} denied any involvement and accused {other} of staging the attack.",
    "{actor} claimed responsibility in a statement posted online.",
    "{actor} threatened to respond \"with full force\" if the attacks continued.",
    "{actor} said it would investigate the strike and called for calm.",
    "{actor} condemned the attack and demanded an independent inquiry.",
    "{actor} warned that further strikes on {place} could follow in the coming days.",
)
_BACKGROUND = (
    "The town was the scene of a similar attack in {year} that killed {n} people.",
    "Fighting around {place} has displaced tens of thousands of people since {year}.",
    "Last year, {attacker} seized parts of the province before being pushed back.",
    "A ceasefire agreed in {year} collapsed within weeks.",
)
_OTHER = (
    "Hundreds of protesters gathered in {place} on {day} to demand an end to the violence.",
    "Police arrested {k} people suspected of links to the attackers, officials said.",
    "Aid agencies said access to {place} remained difficult because of the fighting.",
    "Residents described hearing several loud explosions shortly before dawn.",
    "Talks between the two sides are due to resume in {capital} next month.",
    "Schools in the area were closed on {day} as a precaution.",
)
_CAPITALS = ("Geneva", "Doha", "Nairobi", "Addis Ababa", "Istanbul", "Cairo", "Jeddah")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_START = dt.date(2022, 1, 1)


def generate(count: int, seed: int = 0) -> Iterator[dict]:
    """``count`` article records ``{id, text, title, outlet, published}``, the same for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield _article(rng, f"syn-{seed}-{number:07d}")


def write_jsonl(path: str | Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` generated articles as JSON Lines (streamed, so any count fits in memory)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in generate(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _article(rng: random.Random, article_id: str) -> dict:
    published = _START + dt.timedelta(days=rng.randrange(3 * 365))
    place, country = rng.choice(_PLACES)
    event_day = published - dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    day = _day_name(event_day, published, rng)
    slots = {
        "place": place, "day": day, "attacker": rng.choice(_ATTACKERS), "other": rng.choice(_ATTACKERS),
        "target": rng.choice(_TARGETS), "capital": rng.choice(_CAPITALS),
        "year": str(published.year - rng.randint(1, 8)),
    }
    lead = _capitalise(rng.choice(_STRIKES).format(**slots)) + f", {rng.choice(_SOURCES)} said."
    dateline = f"{place.upper()}, {country}, {_MONTHS[published.month - 1]} {published.day} ({rng.choice(_AGENCIES)}) - "
    paragraphs = [dateline + lead]
    for _ in range(rng.randint(4, 12)):
        paragraphs.append(" ".join(_sentence(rng, slots) for _ in range(rng.randint(1, 3))))
    return {
        "id": article_id,
        "title": _capitalise(rng.choice(_STRIKES).format(**slots).split(" on ")[0]),
        "outlet": rng.choice(_OUTLETS),
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def _sentence(rng: random.Random, slots: dict) -> str:
    kind = rng.random()
    n = rng.choice(("two", "three", "five", "seven", "nine", "12", "15", "20", "24", "31", "40", "57", "110"))
    figures = {"n": n, "n2": rng.randint(60, 150), "m": rng.randint(1, 80), "k": rng.randint(1, 9),
               "source": rng.choice(_SOURCES), "actor": rng.choice(_SPEAKERS)}
    if kind < 0.35:
        return _capitalise(rng.choice(_CASUALTIES).format(**slots, **figures))
    if kind < 0.55:
        return rng.choice(_STATEMENTS).format(**slots, **figures)
    if kind < 0.7:
        return rng.choice(_BACKGROUND).format(**slots, **figures)
    if kind < 0.85:
        return rng.choice(_OTHER).format(**slots, **figures)
    fresh = dict(slots, attacker=rng.choice(_ATTACKERS), target=rng.choice(_TARGETS))
    return _capitalise(rng.choice(_STRIKES).format(**fresh)) + ", witnesses said."


def _day_name(event_day: dt.date, published: dt.date, rng: random.Random) -> str:
    """How wire copy names the day: a weekday in the same week, else a month and day."""
    if (published - event_day).days < 6 and rng.random() < 0.7:
        return _WEEKDAYS[event_day.weekday()]
    return f"{_MONTHS[event_day.month - 1]} {event_day.day}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
