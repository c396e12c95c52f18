"""Story clustering: reports of one happening share a story, a like happening elsewhere does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.fuse.stories import THRESHOLD, assign_stories, stories_records
from eventwire.records import Article

KIRKUK_A = (
    "Roadside bomb kills three police officers near Kirkuk\n"
    "KIRKUK, Iraq - A roadside bomb struck a police patrol on the highway south of Kirkuk on Tuesday, "
    "killing three officers and wounding five others, provincial police chief Ali Kamal said. The device "
    "was hidden beside the road near the village of Taza and went off as the convoy passed. No group "
    "claimed the attack, but officials blamed Islamic State remnants active between Kirkuk and Salahuddin."
)
KIRKUK_B = (
    "Three Iraqi policemen killed in blast on Kirkuk-Baghdad highway\n"
    "Three policemen died and five were hurt on Tuesday when an improvised explosive device hit their "
    "patrol near Taza, south of Kirkuk, according to police chief Ali Kamal. Security forces sealed off "
    "the area around Taza and searched farms for the attackers. Officials suspect Islamic State cells "
    "that still operate in the countryside of Kirkuk province."
)
MOSUL = (
    "Car bomb kills eleven at Mosul market\n"
    "MOSUL, Iraq - A car bomb exploded outside a crowded market in western Mosul on Friday evening, "
    "killing eleven civilians and injuring more than twenty, the Nineveh health directorate said. "
    "Governor Najm al-Jubouri declared three days of mourning and ordered an inquiry into how the vehicle "
    "passed through checkpoints. Officials suspected a sleeper cell of Islamic State militants."
)
QUAKE_A = (
    "Magnitude 6.1 earthquake hits eastern Turkey\n"
    "A magnitude 6.1 earthquake struck Elazig province in eastern Turkey on Saturday, killing 14 people "
    "and destroying dozens of houses in the town of Sivrice, the disaster agency AFAD said."
)
QUAKE_B = (
    "Sivrice earthquake: death toll rises to 14\n"
    "Rescuers in Sivrice, Elazig, pulled survivors from collapsed homes after Saturday's 6.1 magnitude "
    "quake, which AFAD said killed 14 people in eastern Turkey."
)
QUAKE_OTHER = (
    "Strong earthquake shakes Peru's Amazon region\n"
    "A magnitude 7.5 earthquake struck the Loreto region of northern Peru on Sunday, damaging churches in "
    "Yurimaguas and injuring 30 people, Peru's civil defence institute INDECI said."
)


def _stories(*texts: str, published=None) -> list[str]:
    articles = [Article(id=f"a{i}", text=text, published=(published or {}).get(i)) for i, text in enumerate(texts)]
    found = assign_stories(articles)
    return [found[a.id] for a in articles]


def test_two_reports_of_one_bombing_and_another_bombing_make_two_stories():
    first, second, other = _stories(KIRKUK_A, KIRKUK_B, MOSUL)
    assert first == second
    assert other != first


def test_works_beyond_conflict_and_mixed_batches():
    stories = _stories(KIRKUK_A, QUAKE_A, MOSUL, QUAKE_B, KIRKUK_B, QUAKE_OTHER)
    assert stories[0] == stories[4] and stories[1] == stories[3]
    assert len({stories[0], stories[1], stories[2], stories[5]}) == 4


def test_story_ids_are_stable_and_order_free():
    forward = _stories(KIRKUK_A, KIRKUK_B, MOSUL)
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate((KIRKUK_A, KIRKUK_B, MOSUL))]
    backward = assign_stories(list(reversed(articles)))
    assert [backward[a.id] for a in articles] == forward


def test_far_apart_publication_dates_split_the_same_words():
    together = _stories(KIRKUK_A, KIRKUK_B, published={0: "2024-03-05", 1: "2024-03-06"})
    apart = _stories(KIRKUK_A, KIRKUK_B, published={0: "2024-03-05", 1: "2025-03-06"})
    assert together[0] == together[1]
    assert apart[0] != apart[1]


def test_empty_and_odd_inputs_do_not_raise():
    assert assign_stories([]) == {}
    stories = _stories("", "   ", "\x00\ufffd", "Short.", KIRKUK_A)
    assert len(set(stories)) == 5


def test_records_in_input_order_with_one_story_each():
    records = [{"id": "k1", "text": KIRKUK_A, "published": "2024-03-05T10:00:00Z"},
               {"id": "k2", "text": KIRKUK_B, "published": "not a date"},
               {"id": "m", "text": MOSUL}]
    out = list(stories_records(records, Settings().replace(story_threshold=THRESHOLD)))
    assert [r["id"] for r in out] == ["k1", "k2", "m"]
    assert set(out[0]) == {"id", "story_id"}
    assert out[0]["story_id"] == out[1]["story_id"] != out[2]["story_id"]


def test_seeds_june_2021_strikes_are_one_story_and_2024_is_another(seeds_jsonl: Path):
    records = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_number = {r["id"][:3]: r["id"] for r in records}
    out = {r["id"]: r["story_id"] for r in stories_records(records, Settings().replace(story_threshold=THRESHOLD))}
    strikes = {out[by_number[n]] for n in ("000", "001", "002", "003")}
    assert len(strikes) == 1
    assert out[by_number["004"]] not in strikes


@pytest.mark.slow
def test_ecbplus_bcubed_f1_floor(shared: Path):
    from eventwire.eval.ecbplus import evaluate

    baseline = json.loads((Path(__file__).parent / "baselines" / "ecbplus.json").read_text())
    figures = evaluate(str(shared / "eval" / "ecbplus"), Settings().replace(story_threshold=THRESHOLD)).figures
    assert figures["articles"] == baseline["articles"]
    assert figures["bcubed_f1"] >= baseline["bcubed_f1"] - 0.02
