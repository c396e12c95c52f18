"""Event extraction on seed sentences and small hand-written texts.

Seed articles come from ../shared (skipped without it); every other input is
written here.  Offsets are checked against the article text on every mention.
"""

from __future__ import annotations

import json

import pytest

from eventwire.config import Settings
from eventwire.extract import extract_mentions
from eventwire.nlp import load_nlp
from eventwire.records import ASSERTED, Article

SETTINGS = Settings()


def _extract(text: str, published: str | None = "2021-06-28", article_id: str = "t"):
    article = Article(id=article_id, text=text, published=published)
    return article, extract_mentions(article, load_nlp()(text), SETTINGS)


@pytest.fixture(scope="module")
def seed_mentions(seeds_jsonl):
    """Mentions of every seed article, keyed by the three-digit document prefix."""
    out = {}
    for line in seeds_jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = Article(id=record["id"], text=record["text"], published=record.get("published"))
        out[record["id"][:3]] = (article, extract_mentions(article, load_nlp()(article.text), SETTINGS))
    return out


def _with(mentions, words: str, statement: bool | None = None):
    found = [m for m in mentions if words in m.sentence.text
             and (statement is None or m.is_statement == statement)]
    assert found, f"no mention in a sentence with {words!r}"
    return found


def _assert_offsets(article, mention):
    spans = [mention.sentence, mention.trigger, *mention.actors, *mention.recipients, *mention.places,
             *mention.times, *mention.weapons] + ([mention.quote] if mention.quote else [])
    for span in spans:
        assert article.text[span.start:span.end] == span.text
    for figure in mention.figures:
        assert article.text[figure.start:figure.end] == figure.text


def test_offsets_ids_and_sane_counts_on_seeds(seed_mentions):
    for article, mentions in seed_mentions.values():
        assert len({m.id for m in mentions}) == len(mentions)
        per_sentence: dict[int, int] = {}
        for mention in mentions:
            _assert_offsets(article, mention)
            if not mention.is_statement:
                per_sentence[mention.sentence.start] = per_sentence.get(mention.sentence.start, 0) + 1
        assert max(per_sentence.values(), default=0) <= 2


def test_soleimani_killing_is_background(seed_mentions):
    _, mentions = seed_mentions["001"]
    strike = _with(mentions, "Soleimani", statement=False)[0]
    assert strike.background
    assert strike.acled_sub_event_type == "Air/drone strike"


def test_news_of_the_day_is_not_background(seed_mentions):
    _, mentions = seed_mentions["000"]
    assert not _with(mentions, "On June 27, U.S. Air Force planes", statement=False)[0].background


def test_future_drone_use_is_a_threat_not_an_attack(seed_mentions):
    _, mentions = seed_mentions["000"]
    found = _with(mentions, "might use drones")
    assert all(m.modality != ASSERTED for m in found if not m.is_statement)
    threat = [m for m in found if m.is_statement]
    assert threat and threat[0].plover_type == "THREATEN" and "al-Walae" in threat[0].actors[0].text


def test_rocket_attack_on_ain_al_asad(seed_mentions):
    _, mentions = seed_mentions["000"]
    attack = _with(mentions, "attacked by 14 rockets", statement=False)[0]
    assert attack.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert [(f.kind, f.low, f.unit) for f in attack.figures] == [("size", 14, "rockets")]
    assert "14 rockets" in [w.text for w in attack.weapons]
    assert any("Ain al-Asad air base" in r.text for r in attack.recipients)
    assert any("Ain al-Asad air base" in p.text for p in attack.places)
    assert [t.text for t in attack.times] == ["Wednesday"]


def test_at_least_seven_killed_according_to_the_observatory(seed_mentions):
    _, mentions = seed_mentions["002"]
    mention = _with(mentions, "at least seven Iraqi militiamen", statement=False)[0]
    killed = [f for f in mention.figures if f.kind == "killed"]
    assert [(f.low, f.high, f.qualifier) for f in killed] == [(7, None, "at least")]
    assert "Syrian Observatory" in killed[0].attribution


def test_disrupted_drone_attack(seed_mentions):
    _, mentions = seed_mentions["000"]
    assert _with(mentions, "thwarted the attack", statement=False)[0].acled_sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize("doc, words, plover_type", [
    ("000", "They vowed to retaliate", "THREATEN"),
    ("002", "denied the presence of weapons warehouses", "REJECT"),
    ("002", "accused the U.S. of creating instability", "ACCUSE"),
    ("001", "called the U.S. air raid a violation", "ACCUSE"),
    ("004", "calling for the international coalition to leave", "REQUEST"),
])
def test_statements_on_seeds(seed_mentions, doc, words, plover_type):
    _, mentions = seed_mentions[doc]
    statement = _with(mentions, words, statement=True)[0]
    assert statement.plover_type == plover_type
    assert statement.actors and statement.acled_sub_event_type is None


def test_request_has_its_recipient(seed_mentions):
    _, mentions = seed_mentions["004"]
    statement = _with(mentions, "calling for the international coalition", statement=True)[0]
    assert "al-Sudani" in statement.actors[0].text
    assert any("coalition" in r.text for r in statement.recipients)


def test_passive_voice_roles_and_weapons():
    _, mentions = _extract("Government troops in Kidal were attacked by jihadist fighters with mortars on Friday.")
    (event,) = [m for m in mentions if not m.is_statement]
    assert [r.text for r in event.recipients] == ["Government troops"]
    assert [a.text for a in event.actors] == ["jihadist fighters"]
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert [t.text for t in event.times] == ["Friday"]


def test_came_under_fire_makes_the_subject_the_recipient():
    _, mentions = _extract("Peacekeepers came under fire near Goma on Tuesday, killing two of them, the UN said.")
    event = [m for m in mentions if not m.is_statement][0]
    assert [r.text for r in event.recipients] == ["Peacekeepers"]


def test_past_month_and_year_is_background():
    _, mentions = _extract("In March 2019, warplanes bombed a crowded market in Maarat al-Numan, killing 20 people.")
    event = [m for m in mentions if not m.is_statement][0]
    assert event.background and event.acled_sub_event_type == "Air/drone strike"
    figure = [f for f in event.figures if f.kind == "killed"][0]
    assert (figure.low, figure.qualifier) == (20, "exact")


def test_arrests_and_shoot_down_are_typed():
    _, arrests = _extract("Police arrested 12 opposition activists in Kampala on Monday.")
    assert arrests[0].acled_sub_event_type == "Arrests" and arrests[0].plover_type == "COERCE"
    _, downed = _extract("Air defences shot down a drone launched toward Belgorod overnight, the governor said.")
    assert downed[0].acled_sub_event_type == "Disrupted weapons use"


def test_denied_attack_is_denied():
    _, mentions = _extract("The army denied that its soldiers had attacked the village of Tin Hama last week.")
    events = [m for m in mentions if not m.is_statement]
    assert all(m.modality == "denied" for m in events)
    assert any(m.is_statement and m.plover_type == "REJECT" for m in mentions)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!! ??? ...", "1 2 3 4 5", "\u201c\u201d\u2014" * 50])
def test_messy_text_gives_no_mentions_and_no_error(text):
    _, mentions = _extract(text)
    assert mentions == []


def test_extraction_throughput(seeds_jsonl):
    """Extraction alone (the parse excluded); ``pytest -s`` prints the rates."""
    import time

    nlp = load_nlp()
    articles = [Article(id=r["id"], text=r["text"], published=r.get("published"))
                for r in map(json.loads, seeds_jsonl.read_text(encoding="utf-8").splitlines())]
    docs = list(nlp.pipe(a.text for a in articles))
    extract_mentions(articles[0], docs[0], SETTINGS)  # load the models outside the timing
    sentences = sum(len(list(d.sents)) for d in docs) * 3
    started = time.perf_counter()
    mentions = sum(len(extract_mentions(a, d, SETTINGS)) for _ in range(3) for a, d in zip(articles, docs))
    seconds = time.perf_counter() - started
    print(f"\nextraction: {mentions / seconds:.0f} mentions/s, {sentences / seconds:.0f} sentences/s")
    assert sentences / seconds > 40
